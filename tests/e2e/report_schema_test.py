#!/usr/bin/env python3
"""ctest driver: screens samples/ (or, with --corpus, a whole directory) with the trustscreen
binary into a temporary directory and checks its findings.jsonl with scripts/validate-report
against docs/report-schema.json. For samples it also checks that the validator rejects broken
reports (an unknown status, an unknown field, a missing summary), so the test can fail.

    report_schema_test.py --binary BIN --source SRC [--corpus DIR]
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile


def corpus_required():
    """True under CI (CI set to anything but "", "0" or "false"): a missing corpus fails."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=800, **kwargs)


def validate(source, report):
    return run([sys.executable, str(source / "scripts" / "validate-report"), str(report)])


def write_lines(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def first(records, kind):
    return next(record for record in records if record["record"] == kind)


# Damaged copies of a valid report that the validator must reject, with a word its message must
# hold (so the rejection is for the damage, not for something else).
BROKEN_REPORTS = {
    "an unknown document status": (
        lambda records: first(records, "document").update(status="scanned"), "'scanned'"),
    "an unknown field in a finding": (
        lambda records: first(records, "finding").update(colour="red"), "'colour'"),
    "an unknown severity": (
        lambda records: first(records, "finding").update(severity="severe"), "'severe'"),
    "a missing summary line": (lambda records: records.pop(), "summary"),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, type=pathlib.Path)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--corpus", type=pathlib.Path)
    args = parser.parse_args()
    failures = []

    with tempfile.TemporaryDirectory(prefix="trustscreen-schema-") as temp:
        if args.corpus:
            if not args.corpus.is_dir():
                # Skipped locally; under CI the corpus is required (as in tests/corpus.h).
                if corpus_required():
                    print(f"FAIL: no corpus at {args.corpus} (CI is set: the corpus is required)")
                    return 1
                print(f"no corpus at {args.corpus}: skipped")
                return 77
            inputs = [str(args.corpus)]
            runs = {"out": []}
        else:
            inputs = ["samples", "--exclude", "README.md"]
            # Without a cache, and twice with one: every document a miss, then every one reused.
            cache = ["--cache", str(pathlib.Path(temp) / "cache.sqlite")]
            runs = {"out": [], "cache-miss": cache, "cache-hit": cache}
        for name, extra in runs.items():
            out = pathlib.Path(temp) / name
            scan = run([str(args.binary), "scan", *inputs, "--rules", "rules", "--out", str(out),
                        "-q", *extra], cwd=args.source)
            if scan.returncode not in (1, 2):
                print(scan.stdout)
                print(f"FAIL: trustscreen scan exited {scan.returncode}, expected 1 or 2")
                return 1
            checked = validate(args.source, out / "findings.jsonl")
            print(checked.stdout, end="")
            if checked.returncode == 3:
                print("FAIL: scripts/validate-report cannot run")
                return 1
            if checked.returncode != 0:
                failures.append(f"{out / 'findings.jsonl'} does not validate against "
                                "docs/report-schema.json")
        report = pathlib.Path(temp) / "out" / "findings.jsonl"
        if not args.corpus:
            hit = (pathlib.Path(temp) / "cache-hit" / "findings.jsonl").read_text(encoding="utf-8")
            if '"cache":"results"' not in hit:
                failures.append("the second cached run has no document with \"cache\":\"results\"")

        if not args.corpus:
            records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
            kinds = [record["record"] for record in records]
            if "document" not in kinds or "finding" not in kinds:
                failures.append("the samples report holds no documents or no findings")
            for what, (damage, expected) in BROKEN_REPORTS.items():
                copy = json.loads(json.dumps(records))
                damage(copy)
                bad = pathlib.Path(temp) / "broken.jsonl"
                write_lines(bad, copy)
                rejected = validate(args.source, bad)
                reasons = [line for line in rejected.stdout.splitlines() if expected in line]
                if rejected.returncode != 1 or not reasons:
                    failures.append(f"a report with {what} was not rejected for it "
                                    f"(exit {rejected.returncode}): {rejected.stdout}")
                else:
                    print(f"rejected, as it should be, a report with {what}: {reasons[0]}")

    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

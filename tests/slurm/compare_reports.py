#!/usr/bin/env python3
"""Compares trustscreen reports for tests/slurm/slurm_test.sh.

  compare_reports.py equal REFERENCE_DIR MERGED_DIR
      The merged report of a sharded run must say what a single-machine scan said: findings.jsonl
      record for record, flagged-clauses.csv and findings.sarif, apart from what differs between
      runs by design (start/end times, timings, wall time, host, command line, and the options that
      do not change results: threads, cache, reproducible).

  compare_reports.py cancelled COMPLETE_DIR CANCELLED_DIR SHARD_REPORT
      CANCELLED_DIR is the merged report of a run in which the shard that wrote SHARD_REPORT (in the
      complete run) never ran. Its documents must be not_screened with no findings, every other
      document and finding must be as in COMPLETE_DIR, and the summary must say the run is
      incomplete with exit code 2.

Exit status 0 when the reports agree, 1 with a list of the differences when not.
"""
import collections
import csv
import io
import json
import re
import sys

# Keys whose values differ from run to run by design, wherever they appear.
VOLATILE = {"started_at", "finished_at", "wall_seconds", "host", "command_line", "timings",
            # SARIF invocation
            "startTimeUtc", "endTimeUtc", "commandLine", "machine"}
# Run options that do not change what is found (README: "The report does not depend on it").
VOLATILE_OPTIONS = {"threads", "cache", "reproducible"}
# A document's cache outcome (results/text/miss) depends on the cache file, not on the document.
VOLATILE_DOCUMENT = {"cache"}

MAX_REPORTED = 25
# (file and record kind, field) -> how many records differ in it
FIELDS = collections.Counter()


def field_of(where, diff):
    FIELDS[(where, re.sub(r"\[\d+\]", "[]", diff.split(": ", 1)[0]) or "(whole)")] += 1


def mask(value):
    if isinstance(value, dict):
        return {k: mask(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value


def mask_record(record):
    record = mask(record)
    if record.get("record") == "run":
        record["options"] = {k: v for k, v in record.get("options", {}).items()
                             if k not in VOLATILE_OPTIONS}
    if record.get("record") == "document":
        for key in VOLATILE_DOCUMENT:
            record.pop(key, None)
    return record


def load_jsonl(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON: {error}")
    return records


def describe(path, a, b, out):
    """Appends to out one line per leaf where a and b differ."""
    if type(a) is not type(b):
        out.append(f"{path}: {short(a)} != {short(b)}")
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b:
                out.append(f"{path}.{key}: only in the reference: {short(a[key])}")
            elif key not in a:
                out.append(f"{path}.{key}: only in the merged report: {short(b[key])}")
            else:
                describe(f"{path}.{key}", a[key], b[key], out)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items != {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            describe(f"{path}[{i}]", x, y, out)
    elif a != b:
        out.append(f"{path}: {short(a)} != {short(b)}")


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def label(record):
    kind = record.get("record", "?")
    if kind == "document":
        return f"document {record.get('path')!r}"
    if kind == "finding":
        return f"finding {record.get('id', '?')} ({record.get('rule_id', '?')})"
    return kind


def compare_jsonl(reference, merged, problems):
    a = [mask_record(r) for r in load_jsonl(reference)]
    b = [mask_record(r) for r in load_jsonl(merged)]
    if len(a) != len(b):
        problems.append(f"findings.jsonl: {len(a)} records in the reference, {len(b)} merged")
    for i, (x, y) in enumerate(zip(a, b)):
        diffs = []
        describe("", x, y, diffs)
        for d in diffs:
            field_of(f"findings.jsonl {x.get('record')}", d)
            problems.append(f"findings.jsonl line {i + 1} ({label(x)}){d}")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(io.StringIO(f.read())))


def compare_csv(reference, merged, problems):
    with open(reference, "rb") as f:
        a = f.read()
    with open(merged, "rb") as f:
        b = f.read()
    if a == b:
        return
    rows_a, rows_b = read_csv(reference), read_csv(merged)
    if len(rows_a) != len(rows_b):
        problems.append(f"flagged-clauses.csv: {len(rows_a)} rows in the reference, {len(rows_b)} merged")
    header = rows_a[0] if rows_a else []
    for i, (x, y) in enumerate(zip(rows_a, rows_b)):
        for j in range(max(len(x), len(y))):
            cx = x[j] if j < len(x) else None
            cy = y[j] if j < len(y) else None
            if cx != cy:
                column = header[j] if j < len(header) else str(j)
                FIELDS[("flagged-clauses.csv", f"column {column}")] += 1
                problems.append(f"flagged-clauses.csv row {i + 1} column {column}: "
                                f"{short(cx)} != {short(cy)}")
    if not problems:
        problems.append("flagged-clauses.csv: bytes differ (line ends or byte-order mark)")


def compare_sarif(reference, merged, problems):
    with open(reference, encoding="utf-8") as f:
        a = mask(json.load(f))
    with open(merged, encoding="utf-8") as f:
        b = mask(json.load(f))
    diffs = []
    describe("", a, b, diffs)
    for d in diffs:
        field_of("findings.sarif", d)
        problems.append(f"findings.sarif {d}")


def report(problems, what):
    if not problems:
        print(f"compare_reports: {what}: the reports agree")
        return 0
    print(f"compare_reports: {what}: {len(problems)} difference(s) (reference != merged):")
    for (where, field), count in FIELDS.most_common():
        print(f"  {count:5d} x {where} {field}")
    print("first differences:")
    for p in problems[:MAX_REPORTED]:
        print("  " + p)
    if len(problems) > MAX_REPORTED:
        print(f"  ... and {len(problems) - MAX_REPORTED} more")
    return 1


def equal(reference_dir, merged_dir):
    problems = []
    compare_jsonl(f"{reference_dir}/findings.jsonl", f"{merged_dir}/findings.jsonl", problems)
    csv_problems = []
    compare_csv(f"{reference_dir}/flagged-clauses.csv", f"{merged_dir}/flagged-clauses.csv",
                csv_problems)
    problems += csv_problems
    compare_sarif(f"{reference_dir}/findings.sarif", f"{merged_dir}/findings.sarif", problems)
    return report(problems, "merged report vs single-machine scan")


def group(records):
    """(run, [(document, [findings])], summary) of a findings.jsonl."""
    run, summary, documents = None, None, []
    for r in records:
        kind = r.get("record")
        if kind == "run":
            run = r
        elif kind == "summary":
            summary = r
        elif kind == "document":
            documents.append((r, []))
        elif kind == "finding" and documents:
            documents[-1][1].append(r)
    return run, documents, summary


def cancelled(complete_dir, cancelled_dir, shard_report):
    problems = []
    _, complete_docs, _ = group(load_jsonl(f"{complete_dir}/findings.jsonl"))
    _, cancelled_docs, summary = group(load_jsonl(f"{cancelled_dir}/findings.jsonl"))
    _, shard_docs, _ = group(load_jsonl(shard_report))
    # A cancelled shard's inputs are not_screened; their members (an e-mail's attachments,
    # "thread.eml!/draft.docx") were never listed, so they are not expected either.
    lost = {d["path"] for d, _ in shard_docs if "!/" not in d["path"]}
    if not lost:
        problems.append(f"{shard_report}: the cancelled shard had no documents; the test proves nothing")
    expected = {d["path"]: (mask_record(d), [mask_record(f) for f in fs]) for d, fs in complete_docs
                if "!/" not in d["path"] or d["path"].split("!/")[0] not in lost}
    seen = set()
    for document, findings in cancelled_docs:
        path = document["path"]
        seen.add(path)
        if path in lost:
            if document.get("status") != "not_screened":
                problems.append(f"{path!r}: status {document.get('status')!r}, expected not_screened "
                                "(its shard was cancelled)")
            if document.get("fully_screened") is not False:
                problems.append(f"{path!r}: fully_screened is {document.get('fully_screened')!r}")
            if findings or document.get("findings", 0) != 0:
                problems.append(f"{path!r}: not screened but has findings")
        elif path not in expected:
            problems.append(f"{path!r}: not in the complete run")
        else:
            diffs = []
            describe("", expected[path], (mask_record(document), [mask_record(f) for f in findings]), diffs)
            problems.extend(f"{path!r} (its shard ran){d}" for d in diffs)
    for path in sorted(set(expected) - seen):
        problems.append(f"{path!r}: missing from the merged report (the run silently shrank)")
    if summary is None:
        problems.append("no summary record")
    else:
        if summary.get("complete") is not False:
            problems.append(f"summary.complete is {summary.get('complete')!r}, expected false")
        if summary.get("exit_code") != 2:
            problems.append(f"summary.exit_code is {summary.get('exit_code')!r}, expected 2")
        not_screened = summary.get("documents_by_status", {}).get("not_screened", 0)
        if not_screened != len(lost):
            problems.append(f"summary says {not_screened} not_screened, the cancelled shard had {len(lost)}")
        if summary.get("documents") != len(expected):
            problems.append(f"summary.documents is {summary.get('documents')}, expected {len(expected)}")
    print(f"compare_reports: the cancelled shard held {len(lost)} of {len(expected)} documents")
    return report(problems, "merged report with a cancelled shard")


def main(argv):
    if len(argv) == 4 and argv[1] == "equal":
        return equal(argv[2], argv[3])
    if len(argv) == 5 and argv[1] == "cancelled":
        return cancelled(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

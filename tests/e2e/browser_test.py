#!/usr/bin/env python3
"""ctest driver (labels slow, browser): opens report.html in a real headless Chromium.

Screens samples/ plus two hostile documents written into a temporary directory — a text whose
flagged clause carries markup (<script>, <img onerror>) next to a planted partner of concern, and a
file whose *name* is markup — then loads the report with `chromium --headless --dump-dom` and
checks the DOM the browser built: the verdict first (the documents with open findings ranked as
the JSONL says, the unscreened ones listed, the chart's numbers equal to the summary), every
document of the JSONL report in the coverage table with its status, the flagged clauses with the
partner highlighted and its entity card, the manifest last and closed, and none of the planted
markup became an element or ran (the title is not PWNED; the markup is present as text).

    browser_test.py --binary BIN --source SRC [--chromium PATH] [--keep DIR]

Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed (scripts/install-deps installs
it). Chromium runs in a process group of its own, under a time limit, and the whole group is
killed afterwards, so no browser process outlives the test.
"""

import argparse
import html.parser
import json
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cdp  # noqa: E402

SKIP = 77
PARTNER = "Harbin Institute of Technology"
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
SVG = "\"><svg onload=\"document.title='PWNED'\">"
HOSTILE_TEXT = f"""RESEARCH COLLABORATION AGREEMENT

1. Parties

This Agreement is made between the University and {PARTNER} {SCRIPT} as the partner.

2. Data Sharing

The partner {IMG} receives the results. {SVG} Results are shared with {PARTNER}.
"""
# A file name is markup too: it reaches the coverage table and the clause headings.
HOSTILE_NAME = "<img src=x onerror=document.title='PWNED'>.txt"
HOSTILE_NAME_TEXT = f"Visit of a delegation from {PARTNER} to the laboratory.\n"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()


class TreeBuilder(html.parser.HTMLParser):
    """Enough of a DOM for the checks: Chromium's --dump-dom output is well formed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dump_dom(chromium, report, profile, timeout):
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--disable-extensions",
               "--disable-background-networking", "--disable-sync", "--mute-audio",
               f"--user-data-dir={profile}", "--virtual-time-budget=2000", "--dump-dom",
               report.as_uri()]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)

    def stop(signum, frame):  # ctest or a user interrupting the test: take the browser along
        cdp.kill_group(process)
        sys.exit(128 + signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"chromium did not finish within {timeout} s")
    finally:
        cdp.kill_group(process)  # renderer and zygote children share the group
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    # Children that left the group (none expected) are found by the profile path.
    cdp.kill_leftovers(str(profile))
    if process.returncode != 0 or not out.strip():
        raise RuntimeError(f"chromium exited {process.returncode}: {err.decode(errors='replace')}")
    return out.decode("utf-8", errors="replace")


class Checks:
    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition


def classes(element):
    return (element.attrs.get("class") or "").split()


def squash(text):
    return " ".join(text.split())


def check_dom(dom, records, hostile_dir, checks):
    """The checks, against the element ids and classes src/report/html_writer.cc writes."""
    builder = TreeBuilder()
    builder.feed(dom)
    elements = list(builder.root.iter())
    by_id = {e.attrs["id"]: e for e in elements if e.attrs.get("id")}
    text = builder.root.text()

    # Nothing planted ran or became an element. The report's own <title>s are the page's and the
    # chart's; a document's name may be a title attribute's text (the ranking's tooltips), where
    # it must arrive whole, as text.
    head_titles = [e.text() for e in elements if e.tag == "title" and e.parent.tag == "head"]
    checks.expect(head_titles == ["trustscreen report"], f"document title is {head_titles!r}")
    paths = {r["path"] for r in records if r["record"] == "document"}
    for element in elements:
        for name, value in element.attrs.items():
            checks.expect(not name.startswith("on"),
                          f"an event handler attribute is in the page: <{element.tag} {name}=...>")
            if "PWNED" in (value or ""):
                checks.expect(name == "title" and value in paths,
                              f"planted markup became an attribute: "
                              f"<{element.tag} {name}={value!r}>")
        checks.expect(not (element.tag == "img" and element.attrs.get("src") == "x"),
                      "planted <img src=x> is an element")
        checks.expect(not (element.tag == "svg" and element.attrs.get("id") != "findings-svg"),
                      "planted <svg onload> is an element")
        checks.expect(not (element.tag in ("script", "title") and "PWNED" in element.text()),
                      f"planted markup is a <{element.tag}> element")
    checks.expect(HOSTILE_NAME in text, "the hostile file name is not in the page as text")

    # The report's own script ran (the Content-Security-Policy hash admits it): it shows the
    # filters and counts the clauses.
    filters, count = by_id.get("filters"), by_id.get("filter-count")
    checks.expect(filters is not None and "hidden" not in filters.attrs,
                  "the report's script did not run: #filters is still hidden")
    checks.expect(count is not None and "flagged clause(s) shown" in count.text(),
                  f"the report's script did not run: #filter-count is "
                  f"{count.text() if count else None!r}")

    # Coverage: every document of the JSONL report has a row with its status.
    table = by_id.get("coverage-table")
    if not checks.expect(table is not None, "no #coverage-table"):
        return
    rows = [e for e in table.iter() if e.tag == "tr" and "doc-row" in classes(e)]
    documents = [r for r in records if r["record"] == "document"]
    checks.expect(len(documents) == 11 and len(rows) == 11,
                  f"expected 8 samples, the e-mail's attachment and 2 hostile documents, the "
                  f"JSONL has {len(documents)}, "
                  f"the coverage table {len(rows)} rows")
    for document in documents:
        path, status = document["path"], document["status"]
        matching = [row for row in rows if any(
            "mono" in classes(cell) and squash(cell.text()).endswith(path)
            for cell in row.iter() if cell.tag == "td")]
        if not checks.expect(len(matching) == 1, f"coverage table has {len(matching)} rows for "
                                                 f"{path}"):
            continue
        row = matching[0]
        cell = [c for c in row.iter() if c.tag == "td" and "status" in classes(c)]
        checks.expect(row.attrs.get("data-status") == status and cell and
                      squash(cell[0].text()).startswith(status),
                      f"coverage row of {path} does not show status {status!r}: "
                      f"{squash(row.text())!r}")
        if status != "ok":
            checks.expect("not fully screened" in row.text(),
                          f"coverage row of {path} does not say 'not fully screened'")
    for name, status in [("samples/encrypted-agreement.pdf", "encrypted"),
                         ("samples/scanned-signature-page.pdf", "needs_ocr")]:
        checks.expect(any(name in row.text() and row.attrs.get("data-status") == status
                          for row in rows), f"{name} is not listed as {status}")

    # Flagged clauses: one section per document with findings, every finding in it.
    sections = {}
    for section in (e for e in elements if e.tag == "section" and "document" in classes(e)):
        heading = next((e for e in section.iter() if e.tag == "h3"), None)
        path = next((squash(e.text()) for e in heading.iter() if "mono" in classes(e)), None)
        sections[path] = section
    with_findings = {d["path"] for d in documents if d["findings"] > 0}
    checks.expect(set(sections) == with_findings,
                  f"flagged-clause sections {sorted(sections)} != documents with findings "
                  f"{sorted(with_findings)}")
    for finding in (r for r in records if r["record"] == "finding"):
        section = sections.get(finding["document"])
        matched = [squash(e.text()) for e in (section.iter() if section else [])
                   if e.tag == "td" and "matched" in classes(e)]
        checks.expect(squash(finding["matched_text"]) in matched,
                      f"finding {finding['id']} ({finding['matched_text']!r}) is not listed under "
                      f"{finding['document']}")

    # The hostile clause: its markup shown as text, the planted partner highlighted in it.
    hostile = sections.get(str(hostile_dir / "hostile-agreement.txt"))
    if not checks.expect(hostile is not None, "no flagged-clause section for the hostile document"):
        return
    clause_texts = [e for e in hostile.iter() if e.tag == "pre" and "clause-text" in classes(e)]
    shown = "".join(e.text() for e in clause_texts)
    for planted in (SCRIPT, IMG, SVG):
        checks.expect(planted in shown, f"the planted {planted} is not in a clause as text")
    marks = [squash(e.text()) for pre in clause_texts for e in pre.iter() if e.tag == "mark"]
    checks.expect(marks.count(PARTNER) >= 2,
                  f"{PARTNER} is not highlighted (<mark>) twice in the hostile clauses: {marks}")

    check_verdict(elements, by_id, records, checks)


SEVERITIES = ["info", "low", "medium", "high", "critical"]


def check_verdict(elements, by_id, records, checks):
    """The top of the page: verdict, ranking, unscreened documents, chart; the manifest last."""
    position = {id(e): i for i, e in enumerate(elements)}
    verdict = by_id.get("verdict")
    checks.expect(verdict is not None and squash(verdict.text()).startswith("Exit 2:"),
                  f"#verdict is {verdict.text() if verdict else None!r}")

    # The ranking: documents with open findings, by highest severity, findings at it, input order.
    documents = [r for r in records if r["record"] == "document"]
    open_findings = {}
    for finding in (r for r in records if r["record"] == "finding" and r["status"] != "waived"):
        open_findings.setdefault(finding["document"], []).append(SEVERITIES.index(finding["severity"]))
    expected = []
    for index, document in enumerate(documents):
        ranks = open_findings.get(document["path"])
        if ranks:
            expected.append((-max(ranks), -ranks.count(max(ranks)), index, document["path"]))
    expected = [path for *_, path in sorted(expected)][:20]
    ranking = by_id.get("review-ranking")
    if checks.expect(ranking is not None, "no #review-ranking"):
        rows = [e for e in ranking.iter() if e.tag == "tr" and "ranked-doc" in classes(e)]
        shown = [squash(next(c for c in row.iter() if c.tag == "a").text()) for row in rows]
        checks.expect(shown == expected, f"ranking {shown} != expected {expected}")

    unscreened = by_id.get("unscreened")
    for name in ("samples/encrypted-agreement.pdf", "samples/scanned-signature-page.pdf"):
        checks.expect(unscreened is not None and name in unscreened.text(),
                      f"{name} is not among the documents that could not be screened")

    # The chart's numbers (open findings; none are waived here) are the summary's.
    summary = next(r for r in records if r["record"] == "summary")
    table = by_id.get("chart-table")
    if checks.expect(table is not None and by_id.get("findings-svg") is not None,
                     "no chart (#findings-svg, #chart-table)"):
        for cell in (e for e in table.iter() if e.tag == "td"):
            family, severity = cell.attrs.get("data-family"), cell.attrs.get("data-severity")
            want = 0 if severity == "cleared" else \
                summary["findings_by_family"].get(family, {}).get(severity, 0)
            checks.expect(squash(cell.text()) == str(want),
                          f"chart {family}/{severity} shows {cell.text()!r}, the summary {want}")

    manifest, flagged = by_id.get("manifest"), by_id.get("flagged-clauses")
    if checks.expect(manifest is not None and flagged is not None, "no #manifest or #flagged-clauses"):
        checks.expect(manifest.tag == "details" and "open" not in manifest.attrs,
                      "the manifest is not a closed <details>")
        checks.expect(position[id(manifest)] > position[id(flagged)],
                      "the manifest comes before the flagged clauses")
        checks.expect(any(e.attrs.get("id") == "rule-files" for e in manifest.iter()),
                      "the manifest has no #rule-files")

    # Entity findings: each has a card naming its listed entry.
    cards = [squash(e.text()) for e in elements if "entity-card" in classes(e)]
    for finding in (r for r in records if r["record"] == "finding" and r.get("entity")):
        listed = squash(finding["entity"]["listed_name"])
        checks.expect(any(listed in card for card in cards),
                      f"no entity card names {listed!r} (finding {finding['id']})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, type=pathlib.Path)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--chromium")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per browser run")
    parser.add_argument("--keep", type=pathlib.Path, help="copy report and DOM here")
    args = parser.parse_args()
    chromium = cdp.find_chromium(args.chromium)
    if chromium is None:
        print("chromium not found (scripts/install-deps installs it): skipped")
        return SKIP

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="trustscreen-browser-") as temp:
        temp = pathlib.Path(temp)
        hostile_dir = temp / "hostile"
        hostile_dir.mkdir()
        (hostile_dir / "hostile-agreement.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
        (hostile_dir / HOSTILE_NAME).write_text(HOSTILE_NAME_TEXT, encoding="utf-8")
        out = temp / "out"
        scan = subprocess.run([str(args.binary), "scan", "samples", str(hostile_dir), "--exclude",
                               "README.md", "--rules", "rules", "--out", str(out), "-q"],
                              cwd=args.source, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=180)
        if scan.returncode != 2:
            print(scan.stdout)
            print(f"FAIL: trustscreen scan exited {scan.returncode}, expected 2")
            return 1
        report = out / "report.html"
        if not report.exists():
            print(f"FAIL: {report} was not written")
            return 1
        records = [json.loads(line) for line in
                   (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
        # Control: the planted markup, unescaped, does run in this browser setup, so a report
        # without PWNED in its title means the report escaped it, not that scripts were off.
        control = temp / "control.html"
        control.write_text(f"<html><head><title>control</title></head><body>{IMG}</body></html>",
                           encoding="utf-8")
        control_dom = dump_dom(chromium, control, temp / "profile", args.timeout)
        if "<title>PWNED</title>" not in control_dom:
            print(f"FAIL: the unescaped control page did not run its onerror handler: "
                  f"{control_dom[:300]}")
            return 1
        dom = dump_dom(chromium, report, temp / "profile", args.timeout)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(report, args.keep / "report.html")
            (args.keep / "dom.html").write_text(dom, encoding="utf-8")
        checks = Checks()
        check_dom(dom, records, hostile_dir, checks)

    for failure in checks.failures:
        print("FAIL: " + failure)
    print(f"{'FAILED' if checks.failures else 'passed'}: {len(records)} JSONL records checked "
          f"against the browser's DOM in {time.monotonic() - started:.1f} s")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""ctest driver (labels slow, browser): the flagged clauses of a large report, rendered on demand.

Screens 260 generated documents, each with an export-control clause (one of them, late in the
input, also names a listed partner, so it ranks first), so that report.html holds the first 50
documents' sections and keeps the other 210 in <template>s. In headless Chromium (cdp.py) it
checks that the page opens with 50 sections; that following the top-ranked document's link adds
the sections up to it, scrolls to it and focuses it (j then goes to its first clause); that j moves past the last section in the page; that j typed into the
search box is text, not navigation; that a search looks at every clause (all templates added and
filtered); and that printing adds every section and opens the manifest.

    report_on_demand_test.py --binary BIN --source SRC [--chromium PATH]

Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cdp  # noqa: E402

SKIP = 77
DOCUMENTS = 260
PARTNER_AT = 240  # 0-based input position of the document naming the partner
CLAUSE = ("1. Export Control\n\nThe detector boards are classified under ECCN 3A001 and an export "
          "licence is required before shipment {i}.\n")
PARTNER = "\n2. Parties\n\nThe partner is Harbin Institute of Technology.\n"


def press(page, key):
    page.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": key, "text": key})
    page.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, type=pathlib.Path)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--chromium")
    args = parser.parse_args()
    if cdp.find_chromium(args.chromium) is None:
        print("chromium not found (scripts/install-deps installs it): skipped")
        return SKIP

    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory(prefix="trustscreen-on-demand-") as temp:
        temp = pathlib.Path(temp)
        corpus = temp / "corpus"
        corpus.mkdir()
        for i in range(DOCUMENTS):
            text = CLAUSE.format(i=i) + (PARTNER if i == PARTNER_AT else "")
            (corpus / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
        out = temp / "out"
        scan = subprocess.run([str(args.binary), "scan", str(corpus), "--rules", "rules", "--out",
                               str(out), "-q"], cwd=args.source, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=300)
        report = out / "report.html"
        if scan.returncode not in (0, 1) or not report.exists():
            print(scan.stdout)
            print(f"FAIL: trustscreen scan exited {scan.returncode}")
            return 1
        url = report.as_uri()
        sections = "document.querySelectorAll('section.document').length"
        waiting = "document.querySelectorAll('template.more-docs').length"
        with cdp.Browser.launch(temp / "profile", args.chromium) as browser:
            page = browser.new_page(1366, 768)
            page.navigate(url)
            expect(page.evaluate(sections) == 50, f"the page opens with {page.evaluate(sections)} "
                                                  "sections, not 50")
            expect(page.evaluate(waiting) == 2, f"{page.evaluate(waiting)} templates wait, not 2")

            # The top-ranked document is in a template: its link adds the sections up to it.
            target = f"doc-{PARTNER_AT + 1}"
            href = page.evaluate("document.querySelector('#review-ranking a').getAttribute('href')")
            expect(href == "#" + target, f"the top-ranked document links to {href}, not #{target}")
            page.evaluate("document.querySelector('#review-ranking a').click()")
            expect(page.evaluate(f"!!document.getElementById('{target}')"),
                   f"following the link did not add #{target}")
            expect(page.evaluate("location.hash") == "#" + target, "the link did not navigate")
            top = f"document.getElementById('{target}').getBoundingClientRect().top"
            try:
                page.wait_for(f"{top} >= 0 && {top} < 200", timeout=5)
            except cdp.Timeout:
                failures.append(f"#{target} is not scrolled to (top {page.evaluate(top)})")

            expect(page.evaluate("document.activeElement.id") == target,
                   f"following the link did not move the focus to #{target}")
            press(page, "j")
            focused = page.evaluate("document.activeElement.id")
            expect(focused == f"{target}-clause-1", f"j from #{target} focused {focused!r}")

            # j past the last section in the page adds the next ones.
            page.navigate(url)
            for _ in range(52):
                press(page, "j")
            focused = page.evaluate("document.activeElement.id")
            expect(focused == "doc-52-clause-1", f"after 52 j the focus is on {focused!r}, "
                                                 "not doc-52-clause-1")
            press(page, "k")
            focused = page.evaluate("document.activeElement.id")
            expect(focused == "doc-51-clause-1", f"k moved the focus to {focused!r}")

            # Typing j into the search box is text.
            page.evaluate("document.getElementById('filter-text').focus()")
            press(page, "j")
            value = page.evaluate("document.getElementById('filter-text').value")
            expect(value == "j", f"j typed into the search box gave {value!r}")
            expect(page.evaluate("document.activeElement.id") == "filter-text",
                   "j typed into the search box moved the focus")

            # A search looks at every clause.
            page.navigate(url)
            page.evaluate("var box = document.getElementById('filter-text'); box.value = 'harbin'; "
                          "box.dispatchEvent(new Event('input'))")
            count = page.wait_for(
                f"{waiting} === 0 && document.getElementById('filter-count').textContent"
                ".indexOf('searching') === -1 && document.getElementById('filter-count')"
                ".textContent", timeout=60)
            expect(count.startswith("1 of "), f"the search for harbin shows {count!r}")
            shown = page.evaluate("Array.prototype.filter.call(document.querySelectorAll("
                                  "'article.clause'), function (c) { return c.offsetParent; })"
                                  ".map(function (c) { return c.id; })")
            expect(shown == [f"{target}-clause-2"] or len(shown) == 1,
                   f"the clauses shown after the search: {shown}")

            # Printing adds every section and opens the manifest (then closes it again).
            page.navigate(url)
            page.evaluate("window.addEventListener('beforeprint', function () { window.__print ="
                          " [document.getElementById('manifest').open, " + waiting + ", " +
                          sections + "]; })")
            page.send("Page.printToPDF", {}, timeout=120)
            printed = page.evaluate("window.__print")
            expect(printed == [True, 0, DOCUMENTS],
                   f"while printing [manifest open, templates, sections] were {printed}, not "
                   f"[True, 0, {DOCUMENTS}]")
            expect(page.evaluate("document.getElementById('manifest').open") is False,
                   "the manifest stayed open after printing")

    for failure in failures:
        print("FAIL: " + failure)
    print(f"{'FAILED' if failures else 'passed'}: {DOCUMENTS} documents, sections on demand")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

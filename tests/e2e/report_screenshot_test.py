#!/usr/bin/env python3
"""ctest driver (labels slow, browser): the first screen of report.html shows the verdict.

Screens samples/ with the built binary, opens report.html in headless Chromium through the
DevTools protocol (cdp.py) at 1366x768, and checks with getBoundingClientRect that the verdict
line (#verdict), the ranking's heading and its first rows (up to five) lie wholly within the
first 768 px, and that the run manifest (#manifest) does not; then saves a PNG of that screen
(first-screen.png) in a temporary directory, or in --keep DIR to look at.

    report_screenshot_test.py --binary BIN --source SRC [--chromium PATH] [--keep DIR]

Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed.
"""

import argparse
import json
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cdp  # noqa: E402

SKIP = 77
WIDTH, HEIGHT = 1366, 768
FIRST_ROWS = 5

# The boxes of the elements the first screen must (and must not) hold, in CSS pixels from the
# top of the viewport (the page is not scrolled).
BOXES = """JSON.stringify((function () {
  function box(e) { var r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }
  var rows = Array.prototype.slice.call(document.querySelectorAll('#review-ranking tr.ranked-doc'));
  return {
    verdict: document.getElementById('verdict') && box(document.getElementById('verdict')),
    heading: document.getElementById('needs-review-title') &&
        box(document.getElementById('needs-review-title')),
    rows: rows.slice(0, %d).map(box),
    ranked: rows.length,
    manifest: document.getElementById('manifest') && box(document.getElementById('manifest')),
    scrollY: window.scrollY,
    width: document.documentElement.clientWidth
  };
})())""" % FIRST_ROWS


def within(box, width):
    top, bottom, left, right = box
    return top >= 0 and bottom <= HEIGHT and left >= 0 and right <= width


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, type=pathlib.Path)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    parser.add_argument("--chromium")
    parser.add_argument("--keep", type=pathlib.Path, help="write report.html and the PNG here")
    args = parser.parse_args()
    if cdp.find_chromium(args.chromium) is None:
        print("chromium not found (scripts/install-deps installs it): skipped")
        return SKIP

    failures = []
    with tempfile.TemporaryDirectory(prefix="trustscreen-screenshot-") as temp:
        temp = pathlib.Path(temp)
        out = temp / "out"
        scan = subprocess.run([str(args.binary), "scan", "samples", "--exclude", "README.md",
                               "--rules", "rules", "--out", str(out), "-q"],
                              cwd=args.source, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=180)
        report = out / "report.html"
        if scan.returncode not in (0, 1, 2) or not report.exists():
            print(scan.stdout)
            print(f"FAIL: trustscreen scan exited {scan.returncode}, no {report}")
            return 1
        keep = args.keep or temp
        keep.mkdir(parents=True, exist_ok=True)
        png = keep / "first-screen.png"
        with cdp.Browser.launch(temp / "profile", args.chromium) as browser:
            page = browser.new_page(WIDTH, HEIGHT)
            seconds = page.navigate(report.as_uri())
            boxes = json.loads(page.evaluate(BOXES))
            page.screenshot(png)
        if args.keep:
            shutil.copy(report, keep / "report.html")

        width = boxes["width"]
        if boxes["scrollY"] != 0:
            failures.append(f"the page opened scrolled to {boxes['scrollY']} px")
        for name in ("verdict", "heading"):
            if boxes[name] is None:
                failures.append(f"no {name} element")
            elif not within(boxes[name], width):
                failures.append(f"the {name} is not within the first screen: {boxes[name]}")
        if not boxes["rows"]:
            failures.append("the ranking has no rows (samples/ has documents with findings)")
        for i, row in enumerate(boxes["rows"]):
            if not within(row, width):
                failures.append(f"ranked document {i + 1} is not within the first screen: {row}")
        if boxes["manifest"] is None:
            failures.append("no #manifest")
        elif boxes["manifest"][0] < HEIGHT:
            failures.append(f"the manifest starts at {boxes['manifest'][0]} px, on the first screen")
        header = png.read_bytes()[:24]
        if header[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", header[16:24]) != (WIDTH,
                                                                                         HEIGHT):
            failures.append(f"{png} is not a {WIDTH}x{HEIGHT} PNG")

        for failure in failures:
            print("FAIL: " + failure)
        print(f"{'FAILED' if failures else 'passed'}: page loaded in {seconds:.2f} s; verdict "
              f"and {len(boxes['rows'])} of {boxes['ranked']} ranked documents on the first "
              f"{WIDTH}x{HEIGHT} screen; screenshot {png if args.keep else 'in a temporary directory'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""ctest driver (label browser): the DevTools-protocol driver (cdp.py) against a real Chromium.

Loads a page from a temporary file, reads its DOM through Runtime.evaluate, submits a form whose
file input was set with DOM.setFileInputFiles (the page's script reads the chosen file's name and
size), and takes a 1366x768 screenshot whose PNG header must say 1366x768. Exits 77 (ctest
SKIP_RETURN_CODE) when Chromium is not installed.
"""

import pathlib
import struct
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cdp  # noqa: E402

PAGE = """<!DOCTYPE html><html><head><title>cdp self-test</title></head><body>
<p id="greeting">Hello, <b>world</b></p>
<form id="upload"><input id="file" type="file"></form>
<script>
document.getElementById('file').addEventListener('change', function (e) {
  var f = e.target.files[0];
  document.title = 'chosen ' + f.name + ' ' + f.size;
});
</script></body></html>"""


def main():
    if cdp.find_chromium() is None:
        print("chromium not found (scripts/install-deps installs it): skipped")
        return 77
    failures = []
    with tempfile.TemporaryDirectory(prefix="trustscreen-cdp-") as temp:
        temp = pathlib.Path(temp)
        page_file = temp / "page.html"
        page_file.write_text(PAGE, encoding="utf-8")
        upload = temp / "upload.txt"
        upload.write_bytes(b"12345")
        with cdp.Browser.launch(temp / "profile") as browser:
            page = browser.new_page(1366, 768)
            seconds = page.navigate(page_file.as_uri())
            text = page.evaluate("document.getElementById('greeting').textContent")
            if text != "Hello, world":
                failures.append(f"evaluate read {text!r}")
            page.set_input_files("#file", [upload])
            title = page.wait_for("document.title.startsWith('chosen') && document.title", 10)
            if title != "chosen upload.txt 5":
                failures.append(f"file input: title {title!r}")
            try:
                page.evaluate("nosuchfunction()")
                failures.append("a script error was not reported")
            except cdp.ProtocolError:
                pass
            shot = temp / "shot.png"
            page.screenshot(shot)
            header = shot.read_bytes()[:24]
            width, height = struct.unpack(">II", header[16:24])
            if header[:8] != b"\x89PNG\r\n\x1a\n" or (width, height) != (1366, 768):
                failures.append(f"screenshot is {width}x{height}, not a 1366x768 PNG")
    for failure in failures:
        print("FAIL: " + failure)
    print(f"{'FAILED' if failures else 'passed'}: page loaded in {seconds:.2f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

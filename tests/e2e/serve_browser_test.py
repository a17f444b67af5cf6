#!/usr/bin/env python3
"""ctest driver (labels slow, browser): `trustscreen serve` driven in a real headless Chromium.

Starts `trustscreen serve --port 0 --data TMP`, opens its home page in Chromium (through cdp.py),
chooses two DOCX files in the upload form's file input (DOM.setFileInputFiles) and submits: one
names a listed partner, the other too, under a file name that is markup and with clause text that
is markup. Waits for the run, sees the partner finding, records a cleared decision with a reason
through the finding's review form, re-screens, and sees the finding shown as cleared and the
decision in the waivers file. The planted markup must show as text (no element from it, the title
never PWNED). Then starts the server bound to a non-loopback address of this machine (0.0.0.0
when there is none) and checks that a request without the printed access token is refused, and
that the printed address with the token opens the app.

    serve_browser_test.py --binary BIN --source SRC [--keep DIR]

Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed. Every wait has a time limit;
the servers are stopped with SIGTERM (and killed if they do not stop) whatever happens.
"""

import argparse
import io
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cdp  # noqa: E402

SKIP = 77
PARTNER = "Harbin Institute of Technology"
REASON = "teaching exchange only, no controlled items"
REVIEWER = "C. Officer"
HOSTILE_NAME = "<img src=x onerror=document.title='PWNED'>.docx"
HOSTILE_CLAUSE = ("The partner <script>document.title='PWNED'</script> "
                  "<img src=x onerror=\"document.title='PWNED'\"> is " + PARTNER + ".")


def build_docx(paragraphs):
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>"
                   for p in paragraphs)
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
    }
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return data.getvalue()


class Server:
    """`trustscreen serve` in a process group of its own; its printed lines are collected."""

    def __init__(self, binary, args):
        self.process = subprocess.Popen([binary, "serve", *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True,
                                        start_new_session=True)
        self.lines = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_line(self, pattern, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"serve printed no line matching {pattern!r}: {self.lines}")

    def stop(self, timeout=60):
        """SIGTERM, then the exit code; killed (returns None) if it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            return None


def wait_page(page, expression, timeout=180):
    """Polls `expression` on a page that may be navigating (the run page refreshes itself)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = page.evaluate(expression)
            if value:
                return value
        except cdp.ProtocolError:
            pass  # the page was between documents
        time.sleep(0.25)
    raise cdp.Timeout(f"{expression!r} still false after {timeout} s")


def click_and_load(page, expression):
    page.browser.clear_events()
    page.evaluate(expression)
    page.wait_for_load()


def non_loopback_address():
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
            address = probe.getsockname()[0]
        if not address.startswith("127."):
            return address
    except OSError:
        pass
    return "0.0.0.0"


def http_status(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_review_flow(binary, source, temp, failures):
    data = temp / "data"
    documents = temp / "documents"
    documents.mkdir()
    agreement = documents / "agreement.docx"
    agreement.write_bytes(build_docx([
        "1. Parties", f"This Agreement is made between the University and {PARTNER}."]))
    hostile = documents / HOSTILE_NAME
    hostile.write_bytes(build_docx(["1. Parties", HOSTILE_CLAUSE]))

    server = Server(binary, ["--port", "0", "--data", str(data), "--rules",
                             str(source / "rules"), "-q"])
    try:
        url = server.wait_line(r"listening on (http://\S+)").group(1)
        with cdp.Browser.launch(temp / "profile") as browser:
            page = browser.new_page(1366, 768)
            page.navigate(url)
            page.set_input_files("#ts-files", [agreement, hostile])
            click_and_load(page, "document.querySelector('#ts-upload button').click()")
            wait_page(page, "document.getElementById('ts-verdict') !== null")
            first_run = page.evaluate("location.pathname")
            text = page.evaluate("document.body.innerText")
            if PARTNER not in text:
                failures.append("the run page does not show the partner finding")
            if "finding(s) to review" not in text:
                verdict = page.evaluate("document.getElementById('ts-verdict').innerText")
                failures.append(f"verdict: {verdict!r}")
            check_markup_is_text(page, failures, "first run")

            # The first open finding naming the partner in agreement.docx: clear it. A finding's
            # review controls are marked with its fingerprint and status by the app.
            fingerprint = page.evaluate(f"""(() => {{
              const boxes = [...document.querySelectorAll('.ts-review[data-status="open"]')].filter(
                  b => b.closest('tr, li, article, section').innerText.includes({PARTNER!r}) &&
                       b.querySelector('form.ts-decision'));
              return boxes.length ? boxes[0].dataset.fingerprint : null; }})()""")
            if not fingerprint:
                failures.append("no review form on a partner finding")
                return
            click_and_load(page, f"""(() => {{
              const form = document.querySelector('form.ts-decision[data-fingerprint="{fingerprint}"]');
              form.decision.value = 'cleared';
              form.reason.value = {REASON!r};
              form.reviewer.value = {REVIEWER!r};
              form.querySelector('button').click(); }})()""")
            if "Decision recorded" not in page.evaluate("document.body.innerText"):
                failures.append("no notice after recording the decision")
            waivers = (data / "waivers.yaml").read_text(encoding="utf-8")
            for expected in (f"fingerprint: {fingerprint}", REASON, f"reviewer: {REVIEWER}"):
                if expected not in waivers:
                    failures.append(f"waivers.yaml lacks {expected!r}:\n{waivers}")

            click_and_load(page, "document.getElementById('ts-rescreen').click()")
            wait_page(page, "document.getElementById('ts-verdict') !== null && location.pathname")
            if page.evaluate("location.pathname") == first_run:
                failures.append("re-screen did not start a new run")
            cleared = page.evaluate(f"""(() => {{
              const box = document.querySelector('.ts-review[data-fingerprint="{fingerprint}"]');
              const finding = box && box.closest('tr, li, article, section');
              return box ? [box.dataset.status, finding.innerText] : null; }})()""")
            if not cleared or cleared[0] != "waived" or REASON not in cleared[1]:
                failures.append(f"the finding is not shown as cleared after re-screening: {cleared}")
            if "1 cleared" not in page.evaluate("document.getElementById('ts-verdict').innerText"):
                failures.append("the verdict does not count the cleared finding")
            check_markup_is_text(page, failures, "re-screen")
            page.screenshot(temp / "run.png")
            for listing in ("/", "/history"):
                page.navigate(url.rstrip("/") + listing)
                check_markup_is_text(page, failures, listing)
            page.screenshot(temp / "history.png")
    finally:
        code = server.stop()
        if code != 0:
            failures.append(f"serve did not stop cleanly on SIGTERM (exit {code})")


def check_markup_is_text(page, failures, where):
    result = page.evaluate("""(() => ({
        title: document.title,
        onerror: document.querySelectorAll('[onerror]').length,
        img: document.querySelectorAll('img').length,
        pwned: [...document.scripts].filter(s => s.textContent.includes('PWNED')).length,
        text: document.body.innerText}))()""")
    if result["title"] == "PWNED" or result["onerror"] or result["img"] or result["pwned"]:
        failures.append(f"{where}: planted markup became elements: {result['title']!r}, "
                        f"{result['onerror']} onerror, {result['img']} img, "
                        f"{result['pwned']} script")
    if "<img src=x onerror=document.title='PWNED'>" not in result["text"]:
        failures.append(f"{where}: the hostile file name is not shown as text")


def check_token_beyond_loopback(binary, source, temp, failures):
    address = non_loopback_address()
    server = Server(binary, ["--bind", address, "--port", "0", "--data", str(temp / "data2"),
                             "--rules", str(source / "rules"), "-q"])
    try:
        url = server.wait_line(r"listening on (http://\S+)").group(1)
        with_token = server.wait_line(r"open (http://\S+\?token=(\S+))")
        port = re.search(r":(\d+)/$", url).group(1)
        host = address if address != "0.0.0.0" else "127.0.0.1"
        base = f"http://{host}:{port}/"
        if http_status(base) != 401:
            failures.append(f"{base} without the token: not refused with 401")
        if http_status(base + "?token=wrong") != 403:
            failures.append(f"{base} with a wrong token: not refused with 403")
        if http_status(base, {"Authorization": f"Bearer {with_token.group(2)}"}) != 200:
            failures.append(f"{base} with the token as Bearer: not served")
        with cdp.Browser.launch(temp / "profile2") as browser:
            page = browser.new_page(1366, 768)
            page.navigate(base)
            if "Access token required" not in page.evaluate("document.body.innerText"):
                failures.append("the browser without the token was not refused")
            page.navigate(base + "?token=" + with_token.group(2))
            if not page.evaluate("document.getElementById('ts-upload') !== null"):
                failures.append("the printed address with the token does not open the app")
            if "token=" in page.evaluate("location.href"):
                failures.append("the token stays in the address bar")
            page.navigate(base + "history")
            if page.evaluate("document.title").startswith("Access"):
                failures.append("the token cookie does not carry to the next page")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--keep", help="copy the temporary directory here")
    args = parser.parse_args()
    if cdp.find_chromium() is None:
        print("chromium not found (scripts/install-deps installs it): skipped")
        return SKIP
    failures = []
    with tempfile.TemporaryDirectory(prefix="trustscreen-serve-browser-") as temp:
        temp = pathlib.Path(temp)
        check_review_flow(args.binary, pathlib.Path(args.source), temp, failures)
        check_token_beyond_loopback(args.binary, pathlib.Path(args.source), temp, failures)
        if args.keep:
            shutil.copytree(temp, args.keep, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("profile*"))
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("serve in Chromium: upload, review, re-screen, escaping and the token all hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""A small Chrome DevTools Protocol driver for the browser tests and bench/report-open.

Chromium is started headless with --remote-debugging-pipe: it reads protocol messages from file
descriptor 3 and writes them to descriptor 4, each a JSON object ended by a NUL byte, so no
WebSocket library and no TCP port are needed. One page (target) is attached in flat session mode.

    with cdp.Browser.launch(profile_dir) as browser:
        page = browser.new_page(width=1366, height=768)
        page.navigate("file:///tmp/report.html")
        page.evaluate("document.title")
        page.screenshot(path)

Every wait has a time limit (cdp.Timeout). Chromium runs in a process group of its own, and the
whole group is killed on close, on SIGTERM/SIGINT, and on errors, so no browser process outlives
the caller. find_chromium() returns None when no browser is installed (tests then exit 77).
"""

import base64
import collections
import fcntl
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading
import time


class Timeout(RuntimeError):
    pass


class ProtocolError(RuntimeError):
    pass


def find_chromium(given=None):
    for candidate in [given, os.environ.get("TRUSTSCREEN_CHROMIUM"), "chromium",
                      "chromium-browser", "google-chrome"]:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def kill_leftovers(marker):
    """Processes that left the group but name our private profile directory."""
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


class Browser:
    def __init__(self, process, to_browser, from_browser, profile):
        self._process = process
        self._to_browser = to_browser
        self._from_browser = from_browser
        self._profile = profile
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies = {}
        self._events = collections.deque()
        self._arrived = threading.Condition(self._lock)
        self._closed = False
        self._closed_by_browser = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._previous_handlers = {}
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                self._previous_handlers[signum] = signal.signal(signum, self._on_signal)

    @classmethod
    def launch(cls, profile, chromium=None, extra_args=()):
        binary = find_chromium(chromium)
        if binary is None:
            raise FileNotFoundError("chromium not found (scripts/install-deps installs it)")
        profile = pathlib.Path(profile)
        profile.mkdir(parents=True, exist_ok=True)
        # fd 3: what Chromium reads; fd 4: what it writes.
        browser_reads, we_write = os.pipe()
        we_read, browser_writes = os.pipe()

        def child_fds():  # in the child: move the pipe ends to 3 and 4, whatever their numbers
            reads = fcntl.fcntl(browser_reads, fcntl.F_DUPFD, 10)
            writes = fcntl.fcntl(browser_writes, fcntl.F_DUPFD, 10)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        command = [binary, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                   "--disable-extensions", "--disable-background-networking", "--disable-sync",
                   "--mute-audio", "--hide-scrollbars", f"--user-data-dir={profile}",
                   "--remote-debugging-pipe", *extra_args, "about:blank"]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True,
                                   pass_fds=(browser_reads, browser_writes, 3, 4),
                                   preexec_fn=child_fds)
        os.close(browser_reads)
        os.close(browser_writes)
        return cls(process, os.fdopen(we_write, "wb", buffering=0),
                   os.fdopen(we_read, "rb", buffering=0), profile)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _on_signal(self, signum, frame):
        self.close()
        sys.exit(128 + signum)

    def close(self):
        if self._closed:
            return
        self._closed = True
        kill_group(self._process)
        kill_leftovers(str(self._profile))
        for stream in (self._to_browser, self._from_browser):
            try:
                stream.close()
            except OSError:
                pass
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = self._from_browser.read(65536)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                with self._arrived:
                    self._closed_by_browser = True
                    self._arrived.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._arrived:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.append(message)
                    self._arrived.notify_all()

    def send(self, method, params=None, session=None, timeout=30):
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._to_browser.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._arrived:
            while message_id not in self._replies:
                if self._closed_by_browser:
                    raise ProtocolError(f"chromium closed the pipe during {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Timeout(f"{method}: no reply within {timeout} s")
                self._arrived.wait(left)
            reply = self._replies.pop(message_id)
        if "error" in reply:
            raise ProtocolError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_event(self, method, session=None, timeout=30):
        """The first event `method` (of `session`) not yet taken, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for index, event in enumerate(self._events):
                    if event["method"] == method and (session is None or
                                                      event.get("sessionId") == session):
                        del self._events[index]
                        return event.get("params", {})
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Timeout(f"no {method} event within {timeout} s")
                self._arrived.wait(left)

    def clear_events(self):
        with self._arrived:
            self._events.clear()

    def new_page(self, width=1366, height=768):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        page = Page(self, session)
        page.send("Page.enable")
        page.send("Runtime.enable")
        page.set_viewport(width, height)
        return page


class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session

    def send(self, method, params=None, timeout=30):
        return self.browser.send(method, params, self.session, timeout)

    def set_viewport(self, width, height):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def navigate(self, url, timeout=60):
        """Loads `url` and waits for its load event; returns the seconds it took."""
        self.browser.clear_events()
        started = time.monotonic()
        result = self.send("Page.navigate", {"url": url}, timeout)
        if result.get("errorText"):
            raise ProtocolError(f"navigate {url}: {result['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)
        return time.monotonic() - started

    def wait_for_load(self, timeout=60):
        """After an action that navigates (a form submitted): waits for the new page's load."""
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)

    def evaluate(self, expression, timeout=30):
        """The value of a JavaScript expression (promises awaited), as JSON-compatible data."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ProtocolError(f"evaluate {expression[:80]!r}: {text}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=60, interval=0.1):
        """Polls until the expression is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise Timeout(f"{expression!r} still false after {timeout} s")
            time.sleep(interval)

    def set_input_files(self, selector, files):
        """Sets the files of <input type=file> `selector` (absolute paths)."""
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise ProtocolError(f"no element matches {selector!r}")
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(f) for f in files]})

    def screenshot(self, path, full_page=False):
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params, timeout=60)["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))

    def paint_timings(self):
        """{'first-paint': ms, 'first-contentful-paint': ms} since navigation start."""
        return self.evaluate(
            "Object.fromEntries(performance.getEntriesByType('paint')"
            ".map(e => [e.name, e.startTime]))") or {}

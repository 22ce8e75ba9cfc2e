"""A real browser for the site's tests: Debian's Chromium driven over the DevTools Protocol.

Why the DevTools Protocol over a websocket (``websocket-client``) rather than Playwright:
it drives the Chromium that Debian installs (``apt-get install chromium``) with one small
pure-Python package, and nothing downloads a browser or a Node.js driver of its own
(Playwright's wheel carries a 100 MB driver that must match its browser builds). What
the tests need — open a page, read the DOM, collect console messages and requests,
press Tab, take a screenshot, run axe-core in the page — is a dozen protocol calls.

:func:`chromium_path` finds the browser, :class:`Browser` starts it headless with the
flags this machine needs (no sandbox as root, no background networking: the machine
has no network, and Chromium would otherwise try to reach Google at every start) and a
fresh profile, :class:`Page` is one tab. :func:`serve` serves a folder on 127.0.0.1 and
records every request; :func:`axe_script` installs axe-core from the npm registry into
``.cache/`` (once) and returns it.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AXE_VERSION = "4.14.1"
AXE_DIR = REPO / ".cache" / f"axe-core-{AXE_VERSION}"

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)


def chromium_path() -> str | None:
    """``$IOPCTL_CHROMIUM``, else chromium (Debian) or a Chrome on the PATH."""
    named = os.environ.get("IOPCTL_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    """Chromium could not be started or did not answer."""


class Page:
    """One tab, spoken to over its websocket; events are kept until read."""

    def __init__(self, url: str, timeout: float = 60) -> None:
        import websocket

        self._ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self._next = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        self._ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        """The next event ``method`` (one already received counts), removed from the list."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            if time.monotonic() > deadline:
                raise BrowserError(f"no {method} within {timeout} s")
            self.events.append(json.loads(self._ws.recv()))

    def goto(self, url: str) -> None:
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """Click the element like a person would: with the mouse, in the middle of its
        first line (a link that wraps has nothing of its own in the middle of its box)."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0];"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def press_tab(self) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Tab",
                code="Tab",
                windowsVirtualKeyCode=9,
            )

    def screenshot(
        self, path: Path, *, width: int = 1280, height: int = 900, full_page: bool = True
    ) -> None:
        """A PNG of the page at ``width`` CSS pixels: all of it, or its first ``height``."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        if full_page:
            height = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        data = self.send(
            "Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip
        )["data"]
        path.write_bytes(base64.b64decode(data))
        self.send("Emulation.clearDeviceMetricsOverride")

    def console_errors(self) -> list[str]:
        """Errors the page reported: console.error, uncaught exceptions, log entries
        (failed loads, Content-Security-Policy refusals)."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a)) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def requested(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        self._ws.close()


@dataclass
class Browser:
    """Headless Chromium with a fresh profile; ``close`` ends it and removes the profile."""

    executable: str
    profile: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="iopctl-chromium-")))
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    def start(self, timeout: float = 30) -> None:
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not marker.exists() or not marker.read_text().strip():
            if self.process.poll() is not None:
                raise BrowserError(f"{self.executable} exited with {self.process.returncode}")
            if time.monotonic() > deadline:
                raise BrowserError(f"{self.executable} did not open its DevTools port")
            time.sleep(0.05)
        self.port = int(marker.read_text().split()[0])

    def new_page(self, timeout: float = 60) -> Page:
        """A new tab; ``timeout`` bounds every call (axe on 10 000 rows takes minutes)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            target = json.load(answer)
        return Page(target["webSocketDebuggerUrl"], timeout)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


@dataclass
class Served:
    """A folder served on 127.0.0.1: its address and every (path, status) requested."""

    url: str
    requests: list[tuple[str, int]]


@contextmanager
def serve(folder: Path) -> Iterator[Served]:
    """Serve ``folder`` over HTTP on a free loopback port for the duration."""
    requests: list[tuple[str, int]] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            requests.append((self.path, int(code) if str(code).isdigit() else 0))

        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", requests)
    finally:
        server.shutdown()
        server.server_close()


def axe_script() -> str:
    """axe-core's browser bundle, installed with npm into ``.cache/`` the first time."""
    bundle = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not bundle.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BrowserError("npm is not installed, so axe-core cannot be installed")
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return bundle.read_text(encoding="utf-8")

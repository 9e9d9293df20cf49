"""Shared helpers for browser tests: a static server on 127.0.0.1 and Debian's Chromium via Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _WithNotFoundPage(_Quiet):
    """Answers a missing address with the site's 404.html, as static hosts do."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, not_found_page: bool = False):
    """With not_found_page, a missing address gets the site's 404.html (status 404)."""
    handler = functools.partial(_WithNotFoundPage if not_found_page else _Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


_shared = {"browser": None, "users": 0, "pw": None}


@contextlib.contextmanager
def browser():
    """One Chromium for the whole test session (Playwright's sync API allows one at a time);
    nested users share it, the last one to leave closes it."""
    from playwright.sync_api import sync_playwright
    if _shared["browser"] is None:
        _shared["pw"] = sync_playwright().start()
        _shared["browser"] = _shared["pw"].chromium.launch(executable_path=CHROMIUM, args=ARGS)
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared["browser"].close()
            _shared["pw"].stop()
            _shared["browser"] = _shared["pw"] = None

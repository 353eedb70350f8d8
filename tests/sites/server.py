"""A small static server for the bundled sample sites, on 127.0.0.1 only.

Conventions of a site folder:
* text files (.html .xml .txt .json) are served with ``{{BASE}}`` replaced by the server's base URL,
  ``{{NOW-3d}}`` / ``{{NOW-5h}}`` by that long before the request as ISO 8601 UTC
  (``2026-11-22T09:30:00+00:00``) and ``{{RFC822 NOW-3d}}`` by the same moment as an RSS pubDate
  (``Sun, 22 Nov 2026 09:30:00 +0000``), so tests of ``since=`` hold whenever they run;
* ``/x.xml.gz`` where only ``x.xml`` exists is served as the gzip of the templated ``x.xml``;
* ``/dir/`` serves ``/dir/index.html``;
* ``_redirects.txt`` lines ``FROM TO`` answer FROM with a 301 to TO.

    python -m tests.sites.server tests/sites/demo [--port 8000]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import re
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler.loopback import LoopbackServer

TEMPLATED = {".html", ".xml", ".txt", ".json"}
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
                 ".json": "application/json", ".gz": "application/gzip"}
# {{NOW-<n>d}}, {{NOW-<n>h}}, optionally prefixed "RFC822 ": a moment relative to the request.
NOW_PLACEHOLDER = re.compile(rb"\{\{(RFC822 )?NOW-(\d+)([dh])\}\}")
NOW_UNITS = {b"d": "days", b"h": "hours"}


def render_times(body: bytes, now: datetime) -> bytes:
    """``body`` with each ``{{NOW-…}}`` placeholder replaced by the moment it names before ``now``."""
    def moment(match: re.Match[bytes]) -> bytes:
        then = now - timedelta(**{NOW_UNITS[match[3]]: int(match[2])})
        return (format_datetime(then) if match[1] else then.isoformat()).encode()

    return NOW_PLACEHOLDER.sub(moment, body)


class SiteServer(LoopbackServer):
    """Serves ``root`` on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, root: Path, port: int = 0, *, redirects: dict[str, str] | None = None, delay: float = 0.0):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"no site folder at {self.root}")
        # Targets may be absolute URLs, for redirects off the site.
        self.redirects = {**self._read_redirects(), **(redirects or {})}
        self.requests: list[str] = []  # paths asked for, in order (tests assert on it)
        self.delay = delay  # seconds before each answer: a slow site, for tests that interrupt a crawl
        super().__init__(type("Handler", (_Handler,), {"site": self}), port=port, name="site-server")

    def _read_redirects(self) -> dict[str, str]:
        path = self.root / "_redirects.txt"
        if not path.exists():
            return {}
        pairs = (line.split() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#"))
        return {"/" + src.lstrip("/"): "/" + dst.lstrip("/") for src, dst in pairs}

    def render(self, path: str) -> tuple[bytes, str] | None:
        """The body and content type served for ``path``, or None for 404."""
        gzipped = path.endswith(".gz")
        if gzipped:
            path = path[:-3]
        if path.endswith("/"):
            path += "index.html"
        file = (self.root / path.lstrip("/")).resolve()
        if self.root not in file.parents or not file.is_file() or file.name.startswith("_"):
            return None
        body = file.read_bytes()
        if file.suffix in TEMPLATED:
            body = body.replace(b"{{BASE}}", self.base.encode())
            body = render_times(body, datetime.now(timezone.utc).replace(microsecond=0))
        if gzipped:
            return gzip.compress(body, mtime=0), CONTENT_TYPES[".gz"]
        content_type = CONTENT_TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return body, content_type


class _Handler(BaseHTTPRequestHandler):
    site: SiteServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = unquote(urlsplit(self.path).path)
        self.site.requests.append(path)
        if self.site.delay:
            time.sleep(self.site.delay)
        if path in self.site.redirects:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.site.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        rendered = self.site.render(path)
        if rendered is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body, content_type = rendered
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read self.site.requests
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a sample site on 127.0.0.1.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with SiteServer(args.root, args.port) as server:
        print(f"Serving {server.root} at {server.base}/ (Ctrl-C to stop)")
        server.serve_until_interrupted()


if __name__ == "__main__":
    main()

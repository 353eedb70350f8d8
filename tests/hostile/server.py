"""Hostile HTTP servers on loopback addresses, for crawls that must survive them.

:class:`HostileServer` answers each path from a route table; a route is a function of the request
handler. The factories below build the hostile answers — decompression bombs, huge and endless
bodies, silence, slow-loris, redirect chains, lying content types and charsets, deep nesting, XML
entity tricks, 429/503 with ``Retry-After`` — and normal article pages (:func:`article_page`).

Rules every route keeps, so a test can never hang on the server or fill memory:

* big bodies are generated lazily, a chunk at a time (nothing near 100 MB is ever held); bombs are
  a few KB to a few hundred KB of compressed data, computed once per session;
* every loop stops when the client goes away, when the server is stopped (``stopping`` event), and
  after :data:`MAX_SECONDS` at the latest; handler threads are daemons and sockets time out;
* every answer says ``Connection: close``.

``server.hits`` records each request (time, path, headers) for assertions; a :class:`HostileServer`
with no routes is a canary: it answers 404 and records that it was reached.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from urllib.parse import unquote, urlsplit

from crawler.loopback import LoopbackServer

MAX_SECONDS = 30.0  # no answer lasts longer than this, whatever the client does
SOCKET_TIMEOUT = 10.0  # a client that stops reading does not block a handler for longer
CHUNK = 64 * 1024

Route = Callable[["_Handler"], None]


@dataclass
class Hit:
    at: float
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class HostileServer(LoopbackServer):
    """A threaded HTTP/1.1 server on ``host`` (a loopback address) answering from ``routes``.

    Use as a context manager; ``routes`` may be extended before or while it runs. Unknown paths
    get 404; ``/robots.txt`` gets ``robots`` (default: allow everything) unless routed.
    """

    def __init__(self, host: str = "127.0.0.1", routes: dict[str, Route] | None = None, *,
                 robots: Route | None = None, name: str = "hostile"):
        self.name = name
        self.routes: dict[str, Route] = dict(routes or {})
        self.robots = robots if robots is not None else text_page("User-agent: *\nAllow: /\n")
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        super().__init__(type("Handler", (_Handler,), {"site": self}), host, name=f"{name}-server", poll_interval=0.1)

    def paths(self) -> list[str]:
        with self._lock:
            return [hit.path for hit in self.hits]

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def record(self, hit: Hit) -> int:
        """Record ``hit``; returns how many earlier requests the same path had."""
        with self._lock:
            earlier = sum(1 for h in self.hits if h.path == hit.path)
            self.hits.append(hit)
            return earlier

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # every route loop and wait ends now
        super().__exit__(*exc)


def canary(host: str) -> HostileServer:
    """A server that must never be reached: any request to it is recorded (and answered 404)."""
    return HostileServer(host, {}, robots=not_found(), name=f"canary-{host}")


def loopback_usable(host: str) -> bool:
    """Whether this machine lets us listen on and connect to ``host`` (e.g. 127.0.0.2)."""
    try:
        with socket.socket() as server:
            server.bind((host, 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=2):
                pass
        return True
    except OSError:
        return False


class _Handler(BaseHTTPRequestHandler):
    site: HostileServer
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT
    nth = 0  # how many earlier requests this path had (for sequence routes)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = unquote(urlsplit(self.path).path)
        self.nth = self.site.record(Hit(time.monotonic(), "GET", path, {k.lower(): v for k, v in self.headers.items()}))
        self.close_connection = True
        route = self.site.routes.get(path)
        if route is None and path == "/robots.txt":
            route = self.site.robots
        try:
            (route or not_found())(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, socket.timeout):
            pass  # the client gave up on us: that is the point of most routes

    do_HEAD = do_GET

    @property
    def stopping(self) -> threading.Event:
        return self.site.stopping

    def head(self, status: int, headers: Iterable[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()

    def send_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read site.hits
        pass


# --- simple answers ------------------------------------------------------------------------------

def page(body: bytes, content_type: str | None = "text/html; charset=utf-8", status: int = 200,
         headers: Iterable[tuple[str, str]] = ()) -> Route:
    """A whole body at once, with Content-Length (and Content-Type unless None)."""
    def route(h: _Handler) -> None:
        extra = [("Content-Type", content_type)] if content_type else []
        h.head(status, [*extra, *headers, ("Content-Length", str(len(body)))])
        if h.command != "HEAD":
            h.wfile.write(body)
    return route


def text_page(text: str, content_type: str = "text/plain; charset=utf-8") -> Route:
    return page(text.encode("utf-8"), content_type)


def not_found() -> Route:
    return page(b"not found", "text/plain", status=404)


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", None, status=status, headers=[("Location", location)])


def sequence(*routes: Route) -> Route:
    """The n-th request of the path gets ``routes[n]``; later ones get the last route."""
    def route(h: _Handler) -> None:
        routes[min(h.nth, len(routes) - 1)](h)
    return route


def retry_after(status: int, value: str | Callable[[], str]) -> Route:
    """``status`` (429, 503) with ``Retry-After: value`` (a callable is asked at each request, for
    HTTP dates relative to the moment of the answer)."""
    def route(h: _Handler) -> None:
        header = value() if callable(value) else value
        page(f"HTTP {status}: come back later".encode(), "text/plain", status=status,
             headers=[("Retry-After", header)])(h)
    return route


def http_date(seconds_from_now: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now), usegmt=True)


# --- endless, huge, slow and silent answers ------------------------------------------------------

def _deadline() -> float:
    return time.monotonic() + MAX_SECONDS


def streamed(chunks: Callable[[], Iterator[bytes]], content_type: str = "text/html; charset=utf-8", *,
             length: int | None = None, interval: float = 0.0) -> Route:
    """A body produced lazily by ``chunks()``: with Content-Length ``length`` when given (bytes past
    it are not sent), else chunked transfer encoding. ``interval`` seconds between chunks."""
    def route(h: _Handler) -> None:
        headers = [("Content-Type", content_type)]
        headers.append(("Content-Length", str(length)) if length is not None else ("Transfer-Encoding", "chunked"))
        h.head(200, headers)
        sent, deadline = 0, _deadline()
        for data in chunks():
            if h.stopping.is_set() or time.monotonic() > deadline:
                return  # cut short: the client sees a broken response, never a hang
            if length is not None:
                data = data[: length - sent]
                h.wfile.write(data)
            else:
                h.send_chunk(data)
            sent += len(data)
            if length is not None and sent >= length:
                return
            if interval and h.stopping.wait(interval):
                return
        if length is None:
            h.end_chunks()
    return route


def repeat(block: bytes, total: int | None, head: bytes = b"", tail: bytes = b"") -> Callable[[], Iterator[bytes]]:
    """``head`` + ``block`` repeated up to ``total`` bytes (forever when None) + ``tail``, in ~64 KiB chunks."""
    unit = block * max(1, CHUNK // len(block))

    def chunks() -> Iterator[bytes]:
        yield head
        sent = len(head)
        while total is None or sent < total - len(tail):
            data = unit if total is None else unit[: total - len(tail) - sent]
            sent += len(data)
            yield data
        yield tail
    return chunks


def huge_html(total: int, *, chunked: bool) -> Route:
    """An HTML page of ``total`` bytes of paragraphs, generated as it is sent."""
    block = b"<p>" + b"Filler words of a page far too long to be any news article. " * 4 + b"</p>\n"
    chunks = repeat(block, total, b"<!doctype html><html><head><title>Huge</title></head><body><article>",
                    b"</article></body></html>")
    return streamed(chunks, length=None if chunked else total)


def endless(interval: float = 0.0, block: bytes = b"<p>and on and on and on</p>\n") -> Route:
    """A chunked body that never ends (until the client leaves, the server stops or MAX_SECONDS)."""
    return streamed(repeat(block, None, b"<!doctype html><html><body>"), interval=interval)


def trickle(interval: float = 0.5) -> Route:
    """An endless chunked body of one small chunk every ``interval`` seconds."""
    return endless(interval=interval, block=b"<p>.</p>")


def silent() -> Route:
    """Accepts the connection, reads the request, never answers (until the server stops)."""
    def route(h: _Handler) -> None:
        h.stopping.wait(MAX_SECONDS)
    return route


def slowloris(total: int = 100_000, interval: float = 0.5) -> Route:
    """Headers at once, then the body one byte every ``interval`` seconds."""
    def route(h: _Handler) -> None:
        h.head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(total))])
        deadline = _deadline()
        for _ in range(total):
            if time.monotonic() > deadline or h.stopping.wait(interval):
                return
            h.wfile.write(b"x")
            h.wfile.flush()
    return route


def slow_headers(interval: float = 0.5) -> Route:
    """The status line and headers one byte every ``interval`` seconds, never finishing."""
    def route(h: _Handler) -> None:
        data = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Padding: " + b"y" * 10_000
        deadline = _deadline()
        for byte in data:
            if time.monotonic() > deadline or h.stopping.wait(interval):
                return
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
    return route


# --- decompression bombs -------------------------------------------------------------------------

BOMB_INFLATED = 256 * 1024 * 1024  # what every bomb inflates to


@functools.cache
def _zeros_gzip() -> bytes:
    """gzip of BOMB_INFLATED zero bytes (~260 KB), computed once."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    return b"".join(compressor.compress(block) for _ in range(BOMB_INFLATED >> 20)) + compressor.flush()


@functools.cache
def bomb_body(encoding: str) -> bytes:
    """A body that inflates to BOMB_INFLATED bytes under ``Content-Encoding: encoding``."""
    if encoding == "gzip":
        return _zeros_gzip()
    if encoding == "gzip, gzip":  # two layers: a few hundred bytes on the wire
        return gzip.compress(_zeros_gzip(), 9, mtime=0)
    if encoding == "deflate":
        compressor = zlib.compressobj(9, zlib.DEFLATED, 15)
        block = bytes(1 << 20)
        return b"".join(compressor.compress(block) for _ in range(BOMB_INFLATED >> 20)) + compressor.flush()
    if encoding == "br":
        import brotli

        return brotli.compress(bytes(BOMB_INFLATED), quality=5)
    if encoding == "zstd":
        try:
            from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+
        except ImportError:
            from backports import zstd  # type: ignore[import-not-found,no-redef]
        return zstd.compress(bytes(BOMB_INFLATED))
    raise ValueError(encoding)


def bomb(encoding: str, content_type: str = "text/html; charset=utf-8") -> Route:
    """A tiny download with ``Content-Encoding: encoding`` that inflates to 256 MiB of zeros.

    The body is computed here, once per session, not while a client waits for it."""
    body = bomb_body(encoding)

    def route(h: _Handler) -> None:
        h.head(200, [("Content-Type", content_type), ("Content-Encoding", encoding), ("Content-Length", str(len(body)))])
        h.wfile.write(body)
    return route


@functools.cache
def sitemap_gzip_bomb() -> bytes:
    """A ``.xml.gz`` (gzip as the file's own format, no Content-Encoding) that inflates to 256 MiB:
    a urlset start, then whitespace."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [compressor.compress(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')]
    block = b" " * (1 << 20)
    parts += [compressor.compress(block) for _ in range(BOMB_INFLATED >> 20)]
    parts.append(compressor.compress(b"</urlset>") + compressor.flush())
    return b"".join(parts)


# --- XML: sitemaps and feeds ---------------------------------------------------------------------

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(urls: Iterable[str]) -> bytes:
    entries = "".join(f"<url><loc>{xml_escape(u)}</loc></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">{entries}</urlset>\n'.encode()


def sitemap_index_xml(urls: Iterable[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{xml_escape(u)}</loc></sitemap>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">{entries}</sitemapindex>\n'.encode()


def rss_xml(urls: Iterable[str], doctype: str = "", extra_item: str = "") -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{xml_escape(u)}</link></item>" for i, u in enumerate(urls))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<rss version="2.0"><channel><title>Feed</title>'
            f"<link>http://feed.invalid/</link>{extra_item}{items}</channel></rss>\n").encode()


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


BILLION_LAUGHS_DTD = (
    '<!DOCTYPE {root} [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def billion_laughs_sitemap() -> bytes:
    return (f'<?xml version="1.0"?>\n{BILLION_LAUGHS_DTD.format(root="urlset")}'
            f'<urlset xmlns="{SITEMAP_NS}"><url><loc>http://127.0.0.1/&lol9;</loc></url></urlset>\n').encode()


def billion_laughs_rss() -> bytes:
    return rss_xml([], doctype=BILLION_LAUGHS_DTD.format(root="rss"),
                   extra_item="<item><title>&lol9;</title><link>http://127.0.0.1/laughs</link></item>")


def xxe_sitemap(secret_path: str) -> bytes:
    """External entities naming a local secret file and /etc/passwd, used in <loc>."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE urlset [\n <!ENTITY secret SYSTEM "file://{secret_path}">\n'
            f' <!ENTITY passwd SYSTEM "file:///etc/passwd">\n]>\n'
            f'<urlset xmlns="{SITEMAP_NS}"><url><loc>http://127.0.0.1/x/&secret;</loc></url>'
            f"<url><loc>http://127.0.0.1/y/&passwd;</loc></url></urlset>\n").encode()


def xxe_rss(secret_path: str, canary_url: str) -> bytes:
    """An RSS feed with an external entity (the secret file) in a title and a link, and an
    external parameter entity fetched from the canary."""
    doctype = (f'<!DOCTYPE rss [\n <!ENTITY secret SYSTEM "file://{secret_path}">\n'
               f' <!ENTITY % remote SYSTEM "{canary_url}">\n %remote;\n]>\n')
    return rss_xml([], doctype=doctype,
                   extra_item="<item><title>&secret;</title><link>http://127.0.0.1/&secret;</link></item>")


def external_dtd_sitemap(dtd_url: str) -> bytes:
    """A sitemap whose DOCTYPE names an external DTD (on the canary): it must not be fetched."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE urlset SYSTEM "{dtd_url}">\n'
            f'<urlset xmlns="{SITEMAP_NS}"></urlset>\n').encode()


def huge_sitemap(total: int, base: str, *, chunked: bool) -> Route:
    """A ``total``-byte urlset, generated as it is sent."""
    head = f'<?xml version="1.0"?>\n<urlset xmlns="{SITEMAP_NS}">'.encode()

    def chunks() -> Iterator[bytes]:
        yield head
        sent, i = len(head), 0
        while sent < total:
            data = "".join(f"<url><loc>{base}/bulk/{n}.html</loc></url>" for n in range(i, i + 1000)).encode()
            i += 1000
            sent += len(data)
            yield data
        yield b"</urlset>"
    return streamed(chunks, "application/xml", length=None if chunked else total)


@functools.cache
def million_url_sitemap_body(count: int = 1_000_000) -> bytes:
    """A gzipped urlset of ``count`` relative URLs: ~2 MB, inflating to ~29 MB (never held inflated)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    parts = [compressor.compress(f'<?xml version="1.0"?>\n<urlset xmlns="{SITEMAP_NS}">'.encode())]
    for start in range(0, count, 10_000):
        parts.append(compressor.compress(
            b"".join(b"<url><loc>/m/%d</loc></url>" % n for n in range(start, min(count, start + 10_000)))))
    parts.append(compressor.compress(b"</urlset>") + compressor.flush())
    return b"".join(parts)


def million_url_sitemap_gz(count: int = 1_000_000) -> Route:
    """The million-URL sitemap as ``application/gzip``, compressed before any client waits for it."""
    return page(million_url_sitemap_body(count), "application/gzip")


# --- pages ---------------------------------------------------------------------------------------

ARTICLE_PARAGRAPHS = [
    "The council of Hallbrück voted on Tuesday evening to keep the municipal swimming pool open through the "
    "winter, reversing a decision taken in the spring after a petition gathered more than four thousand names.",
    "Engineers had warned that the heating system, installed in 1987, would need a full replacement within three "
    "years; the council now plans to fund the work from the regional infrastructure budget instead of raising fees.",
    "Swimming clubs welcomed the vote. Their members had trained in a neighbouring town since April, a journey of "
    "forty minutes each way that many younger swimmers could not make without a parent driving them.",
    "The pool will reopen on the first Monday of next month with shorter hours on weekdays, and the council has "
    "promised a public report on energy costs before the budget debate in the autumn.",
]
# Sentences for distinct article bodies (distinct texts keep near-duplicate detection out of the way).
_SUBJECTS = ["The harbour authority", "A regional court", "The city library", "Farmers in the valley",
             "The transport ministry", "A group of nurses", "The university senate", "Residents of the old town",
             "The fire brigade", "A local brewery", "The football club", "Teachers at the grammar school"]
_VERBS = ["announced on Monday that", "confirmed in a statement that", "told reporters that",
          "warned in a letter that", "said after a long meeting that", "revealed in its annual report that"]
_OBJECTS = ["the northern bridge will close for repairs until March", "ticket prices will rise by a tenth next year",
            "a new cycle lane is planned along the river", "the night bus trial will be extended by six months",
            "flood defences failed an inspection in October", "the market square will be closed to cars on Sundays",
            "a shortage of apprentices is delaying the rebuilding of the school", "the budget for street lighting was cut",
            "more than two hundred volunteers joined the clean-up of the lake shore",
            "the old cinema will reopen as a concert hall", "the water supply was contaminated for two days last week",
            "a planned wind farm on the ridge has been approved despite objections"]


def article_paragraphs(title: str, count: int = 4) -> list[str]:
    """``count`` paragraphs of three sentences each, chosen by ``title`` (the same title, the same text)."""
    rng = random.Random(title)
    return [" ".join(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}." for _ in range(3))
            for _ in range(count)]


def article_html(title: str, paragraphs: list[str] | None = None, *, lang: str = "en",
                 charset: str | None = "utf-8", published: str = "2026-01-15T09:30:00+00:00",
                 doctype: str = "<!doctype html>", head_extra: str = "") -> str:
    """A plain news article page that the cleaners accept."""
    paragraphs = paragraphs or article_paragraphs(title)
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": published, "author": {"@type": "Person", "name": "Jane Doe"}},
                    ensure_ascii=False)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'{doctype}\n<html lang="{lang}"><head>{meta_charset}<title>{title}</title>'
            f'<meta property="og:type" content="article">{head_extra}'
            f'<script type="application/ld+json">{ld}</script></head>\n'
            f"<body><header><nav><a href=\"/\">Home</a></nav></header>\n<main><article><h1>{title}</h1>\n"
            f'<p class="byline">By Jane Doe</p>\n{body}\n</article></main>\n<footer>Hostile Herald</footer></body></html>\n')


def article_page(title: str, **kwargs: object) -> Route:
    return page(article_html(title, **kwargs).encode("utf-8"))  # type: ignore[arg-type]


def deep_html(depth: int = 100_000, *, closed: bool = True, tag: str = "div") -> bytes:
    """An article-looking page whose text sits ``depth`` elements deep."""
    text = "<p>" + " ".join(ARTICLE_PARAGRAPHS) + "</p>"
    inner = f"<{tag}>" * depth + text + (f"</{tag}>" * depth if closed else "")
    return f"<!doctype html><html><head><title>Deep</title></head><body>{inner}</body></html>".encode()


def one_line_of_text(total: int = 1_000_000, seed: int = 7) -> bytes:
    """``total`` bytes of words on one line, not a single tag."""
    words = ["council", "vote", "pool", "winter", "heating", "budget", "swimming", "the", "and", "said"]
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < total:
        out += rng.choice(words).encode() + b" "
    return bytes(out[:total])


# Minimal but real files of other types, with a few words of text where the format allows it.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 72 700 Td (Not an article) Tj ET\nendstream endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n" + bytes(range(256)) * 64
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    + bytes(range(256)) * 32
)
JSON_BYTES = json.dumps({"headline": "Not an article", "items": [{"id": i, "text": "value " * 20} for i in range(50)]}).encode()

"""Sitemaps: index and urlset pages (with Google News dates and titles), and robots.txt's list."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse
from protego import Protego

from ._dates import parse_date
from ._xml import child_text, children, local_name, refusing
from .urls import normalize_url

GZIP_MAGIC = b"\x1f\x8b"
# Where sites usually put a sitemap when robots.txt names none; tried in this order.
USUAL_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml")
# Root element → page kind; the child element holding each entry.
ROOTS = {"sitemapindex": ("index", "sitemap"), "urlset": ("urlset", "url")}


class SitemapError(ValueError):
    """A sitemap was refused or could not be read; the message says why."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # absolute and normalized (urls.normalize_url)
    lastmod: datetime | None  # aware, UTC
    published: datetime | None  # news:publication_date
    title: str | None  # news:title


@dataclass(frozen=True)
class SitemapPage:
    kind: Literal["index", "urlset"]
    entries: tuple[SitemapEntry, ...]
    truncated: bool  # more than max_urls entries; the rest were dropped
    rejected: int = 0  # entries whose <loc> is no usable http(s) URL


class _Bounded(io.RawIOBase):
    """The (possibly gzipped) body as a stream that refuses to yield more than ``limit`` bytes:
    a gzip bomb or a huge sitemap stops there, unless parsing stopped earlier at the URL cap."""

    def __init__(self, body: bytes, limit: int):
        raw = io.BytesIO(body)
        self.stream = gzip.GzipFile(fileobj=raw) if body.startswith(GZIP_MAGIC) else raw
        self.gzipped = body.startswith(GZIP_MAGIC)
        self.limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        want = self.limit + 1 - self.count if size is None or size < 0 else min(size, self.limit + 1 - self.count)
        try:
            data = self.stream.read(max(want, 0))
        except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
            raise SitemapError(f"sitemap is not valid gzip: {exc}") from None
        self.count += len(data)
        if self.count > self.limit:
            what = "gzipped sitemap inflates to" if self.gzipped else "sitemap is"
            raise SitemapError(f"{what} more than the limit of {self.limit} bytes before its URL cap")
        return data


class _Unusable(ValueError):
    """A <loc> that is there but no usable http(s) URL."""


def _entry(element: Element, base_url: str) -> SitemapEntry | None:
    loc = child_text(element, "loc")
    if not loc:
        return None
    try:
        url = normalize_url(urljoin(base_url, loc))
    except ValueError:
        raise _Unusable(loc) from None
    news = next(iter(children(element, "news")), None)
    return SitemapEntry(
        url=url,
        lastmod=parse_date(child_text(element, "lastmod")),
        published=parse_date(child_text(news, "publication_date")) if news is not None else None,
        title=child_text(news, "title") if news is not None else None,
    )


def parse_sitemap(body: bytes, base_url: str, *, max_bytes: int, max_urls: int) -> SitemapPage:
    """A sitemap index or urlset, gzipped (told by its magic bytes) or not.

    Parsed as a stream, an entry at a time: reading stops after ``max_urls`` entries (the rest
    are dropped and ``truncated`` is set), so a million-URL sitemap costs no more than its cap.
    ``max_bytes`` bounds what is read before that, after inflating. Locations are resolved
    against ``base_url`` and normalized; entries without an http(s) ``<loc>`` are skipped (and
    counted in ``rejected``). Raises :class:`SitemapError` for oversize, bad gzip, malformed or
    unsafe XML, or a root that is no sitemap.
    """
    source = _Bounded(body, max_bytes)
    entries: list[SitemapEntry] = []
    rejected = 0
    root: Element | None = None
    kind, entry_name = "urlset", "url"
    with refusing("sitemap", SitemapError):
        events = iterparse(source, events=("start", "end"), forbid_dtd=False, forbid_entities=True, forbid_external=True)
        for event, element in events:
            if root is None:
                if local_name(element) not in ROOTS:
                    raise SitemapError(
                        f"not a sitemap: the root element is <{local_name(element)}>, not sitemapindex or urlset"
                    )
                root = element
                kind, entry_name = ROOTS[local_name(element)]
                continue
            if event != "end" or local_name(element) != entry_name:
                continue
            try:
                entry = _entry(element, base_url)
            except _Unusable:
                rejected += 1
                entry = None
            root.clear()  # done with this entry: keep memory flat
            if entry is None:
                continue
            if len(entries) == max_urls:
                return SitemapPage(kind, tuple(entries), truncated=True, rejected=rejected)
            entries.append(entry)
    if root is None:
        raise SitemapError("sitemap is empty")
    return SitemapPage(kind, tuple(entries), truncated=False, rejected=rejected)


def sitemaps_from_robots(robots_txt: str | bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (read by Protego, as Scrapy does), resolved against
    ``base_url``, normalized and de-duplicated in file order."""
    text = robots_txt.decode("utf-8", errors="replace") if isinstance(robots_txt, bytes) else robots_txt
    found: dict[str, None] = {}
    for url in Protego.parse(text).sitemaps:
        try:
            found[normalize_url(urljoin(base_url, url))] = None
        except ValueError:
            continue
    return list(found)

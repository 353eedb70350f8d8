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

from protego import Protego

from ._dates import parse_date
from ._xml import check_size, child_text, children, local_name, parse_xml
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


def _gunzip(body: bytes, max_bytes: int) -> bytes:
    """The inflated body, read a bounded amount at a time: a gzip bomb stops at ``max_bytes``."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise SitemapError(f"sitemap is not valid gzip: {exc}") from None
    if len(data) > max_bytes:
        raise SitemapError(f"gzipped sitemap inflates to more than the limit of {max_bytes} bytes")
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

    ``max_bytes`` bounds the body both before and after inflating; past ``max_urls`` entries the
    rest are dropped and ``truncated`` is set. Locations are resolved against ``base_url`` and
    normalized; entries without an http(s) ``<loc>`` are skipped. Raises :class:`SitemapError`
    for oversize, bad gzip, malformed or unsafe XML, or a root that is no sitemap.
    """
    check_size(body, max_bytes, "sitemap", SitemapError)
    if body.startswith(GZIP_MAGIC):
        body = _gunzip(body, max_bytes)
    root = parse_xml(body, "sitemap", SitemapError)
    if local_name(root) not in ROOTS:
        raise SitemapError(f"not a sitemap: the root element is <{local_name(root)}>, not sitemapindex or urlset")
    kind, entry_name = ROOTS[local_name(root)]
    entries: list[SitemapEntry] = []
    rejected = 0
    for element in children(root, entry_name):
        try:
            entry = _entry(element, base_url)
        except _Unusable:
            rejected += 1
            continue
        if entry is None:
            continue
        if len(entries) == max_urls:
            return SitemapPage(kind, tuple(entries), truncated=True, rejected=rejected)
        entries.append(entry)
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

"""Feeds: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed entries, and the feeds a page declares."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from ._dates import parse_date
from ._html import parse_html, resolved_hrefs
from ._xml import XML_NAMESPACE, check_size, child_text, children, local_name, parse_xml
from .urls import normalize_url

UTF8_BOM = b"\xef\xbb\xbf"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
# <link rel="alternate" type=…> values that announce a feed.
FEED_LINK_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
})
# Atom <link> types that point at the article page itself.
ATOM_PAGE_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})


class FeedError(ValueError):
    """A feed was refused or could not be read; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute and normalized (urls.normalize_url)
    published: datetime | None  # aware, UTC
    title: str | None


@dataclass(frozen=True)
class _Unusable:
    """An entry whose link is there but no usable http(s) URL."""

    link: str


def _entry(link: str | None, base: str, published: str | None, title: str | None) -> FeedEntry | _Unusable | None:
    """An entry for ``link`` resolved against ``base``; None when it has no link at all."""
    if not link:
        return None
    try:
        url = normalize_url(urljoin(base, link.strip()))
    except ValueError:
        return _Unusable(link)
    return FeedEntry(url=url, published=parse_date(published), title=title)


def _rss_entries(root: Element, base_url: str) -> Iterator[FeedEntry | _Unusable | None]:
    """RSS 0.9x/2.0 ``channel/item`` and RSS 1.0 ``rdf:RDF/item`` (the same fields, other places)."""
    for item in (e for e in root.iter() if local_name(e) == "item"):
        link = child_text(item, "link") or item.get(RDF_ABOUT)
        guid = next(iter(children(item, "guid")), None)
        # A guid is the article's address unless it says isPermaLink="false".
        if not link and guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = child_text(item, "guid")
        published = child_text(item, "pubDate") or child_text(item, "date")
        yield _entry(link, base_url, published, child_text(item, "title"))


def _xml_base(element: Element, base: str) -> str:
    """``base`` as the element's ``xml:base`` changes it; a malformed one is ignored."""
    try:
        return urljoin(base, element.get(f"{XML_NAMESPACE}base", ""))
    except ValueError:
        return base


def _atom_link(entry: Element) -> str | None:
    """The href of the entry's alternate HTML link (rel defaults to alternate), else of its first
    alternate link."""
    alternates = [link for link in children(entry, "link") if link.get("rel", "alternate") == "alternate"]
    pages = [link for link in alternates if link.get("type", "").lower() in ATOM_PAGE_TYPES]
    chosen = (pages or alternates or [None])[0]
    return chosen.get("href") if chosen is not None else None


def _atom_entries(root: Element, base_url: str) -> Iterator[FeedEntry | _Unusable | None]:
    feed_base = _xml_base(root, base_url)
    for entry in children(root, "entry"):
        published = child_text(entry, "published") or child_text(entry, "updated")
        yield _entry(_atom_link(entry), _xml_base(entry, feed_base), published, child_text(entry, "title"))


# Root element (namespace-blind) → reader.
XML_FEEDS: dict[str, Callable[[Element, str], Iterator[FeedEntry | _Unusable | None]]] = {
    "rss": _rss_entries,
    "RDF": _rss_entries,
    "feed": _atom_entries,
}


def _json_feed(body: bytes, base_url: str) -> Iterator[FeedEntry | _Unusable | None]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"feed looks like JSON but is not valid JSON: {exc}") from None
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not (isinstance(version, str) and version.startswith(JSON_FEED_VERSION) and isinstance(data.get("items"), list)):
        raise FeedError(f"feed is JSON but not a JSON Feed (no {JSON_FEED_VERSION}… version with an items list)")
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        url, published, title = (item.get(k) for k in ("url", "date_published", "title"))
        yield _entry(
            url if isinstance(url, str) else None,
            base_url,
            published if isinstance(published, str) else None,
            title.strip() or None if isinstance(title, str) else None,
        )


def parse_feed(body: bytes, base_url: str, *, max_bytes: int, rejected: list[str] | None = None) -> list[FeedEntry]:
    """The entries of an RSS 2.0, RSS 1.0, Atom or JSON Feed document, in feed order.

    The format is told from the content, not the Content-Type. Links are resolved against
    ``base_url`` (and Atom's ``xml:base``) and normalized; entries without an http(s) link are
    skipped (those with an unusable one added to ``rejected``); unreadable dates become None. Raises :class:`FeedError` for a body over
    ``max_bytes``, malformed or unsafe XML (entity declarations), and documents that are no feed.
    """
    check_size(body, max_bytes, "feed", FeedError)
    # Servers often put a UTF-8 BOM or blank lines before "<?xml", where XML forbids them.
    body = body.removeprefix(UTF8_BOM).lstrip()
    if body.startswith((b"{", b"[")):
        entries = _json_feed(body, base_url)
    else:
        root = parse_xml(body, "feed", FeedError)
        reader = XML_FEEDS.get(local_name(root))
        if reader is None:
            raise FeedError(f"not a feed: the root element is <{local_name(root)}>, not rss, rdf:RDF or an Atom feed")
        entries = reader(root, base_url)
    found = [entry for entry in entries if entry is not None]
    if rejected is not None:
        rejected.extend(entry.link for entry in found if isinstance(entry, _Unusable))
    return [entry for entry in found if isinstance(entry, FeedEntry)]


def feed_links(html: str | bytes, base_url: str) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="application/rss+xml">`` (or Atom,
    JSON Feed), as absolute normalized URLs in page order."""
    root = parse_html(html)
    if root is None:
        return []
    found: dict[str, None] = {}
    for link, url in resolved_hrefs(root, "//link[@href]", base_url):
        rels = (link.get("rel") or "").lower().split()
        content_type = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rels and content_type in FEED_LINK_TYPES:
            try:
                found[normalize_url(url)] = None
            except ValueError:
                continue
    return list(found)

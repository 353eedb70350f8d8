"""Links worth following from a home or section page: articles, and sections one level down."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from ._html import parse_html, resolved_hrefs
from .urls import looks_like_article, normalize_url, path_shape, site_key

# A section page has at most this many path segments (/world/, /politik/deutschland/).
MAX_SECTION_SEGMENTS = 2


def _same_site_links(html: str | bytes, base_url: str, rejected: list[str] | None) -> Iterator[str]:
    """Normalized same-site http(s) links of a page, each once, in page order, without the page
    itself; malformed and non-http(s) hrefs are skipped, and added to ``rejected``."""
    root = parse_html(html)
    if root is None:
        return
    site = site_key(base_url)
    seen = {normalize_url(base_url)}
    for _, url in resolved_hrefs(root, "//a[@href] | //area[@href]", base_url, rejected):
        try:
            url = normalize_url(url)
            same_site = site_key(url) == site
        except ValueError:
            if rejected is not None:
                rejected.append(url)
            continue
        if same_site and url not in seen:
            seen.add(url)
            yield url


def _matches(patterns: Sequence[re.Pattern[str]], url: str) -> bool:
    path = urlsplit(url).path
    return any(pattern.search(path) for pattern in patterns)


def article_links(html: str | bytes, base_url: str, *, allow: Sequence[re.Pattern[str]] = (),
                  deny: Sequence[re.Pattern[str]] = (), rejected: list[str] | None = None) -> list[str]:
    """Same-site links of a page that look like articles, or whose path matches an ``allow``
    pattern, and match no ``deny`` pattern: normalized, de-duplicated, in page order. Hrefs that
    are no usable http(s) URL go to ``rejected`` when given."""
    return [
        url for url in _same_site_links(html, base_url, rejected)
        if (looks_like_article(url) or _matches(allow, url)) and not _matches(deny, url)
    ]


def _looks_like_section(url: str) -> bool:
    shape = path_shape(url)
    if shape is None:
        return False
    segments, query = shape
    return 1 <= len(segments) <= MAX_SECTION_SEGMENTS and not query and not looks_like_article(url)


def section_links(html: str | bytes, base_url: str, *, deny: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """Same-site links of a page that look like section pages (one or two path segments, no query,
    no article shape, not a listing/account/legal page) and match no ``deny`` pattern: where to go
    one level deeper from the home page."""
    return [url for url in _same_site_links(html, base_url, None) if _looks_like_section(url) and not _matches(deny, url)]

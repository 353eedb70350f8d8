"""URL identity and shape: one normal form per page, one key per site, and "is this an article?".

``normalize_url`` leans on w3lib's ``canonicalize_url`` (what Scrapy's own request fingerprints
use) for percent-encoding, query sorting and fragment removal; only tracking-parameter removal and
default ports are ours. courlan's ``normalize_url(strict=True)`` was the alternative, but it drops
*every* parameter not on its allow-list, which loses article ids such as ``?id=184467``.

``looks_like_article`` is a URL-only guess, used before anything is fetched; the pipeline still
decides from the page itself. courlan's navigation filters are close, but their patterns change
between releases; ours are named below and pinned by tests/test_discovery_urls.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

WEB_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that only say how a reader arrived; matched case-insensitively.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "yclid",
    "igshid", "li_fat_id", "mc_cid", "mc_eid", "ocid", "cmpid", "cmp", "__twitter_impression",
    "_ga", "_gl", "_hsenc", "_hsmi", "xtor", "smid", "ref_src", "ito", "s_cid",
    "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
})
# Parameter families: Google Analytics, AT Internet/Piano, Matomo (pk_, mtm_), HubSpot ads.
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")

# --- looks_like_article ---------------------------------------------------------------------------

# Files that are never article pages, by extension of the last path segment.
STATIC_EXTENSIONS = frozenset({
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "epub", "txt", "csv", "ics", "vcf",
    "css", "js", "mjs", "json", "xml", "rss", "atom", "woff", "woff2", "ttf", "otf", "eot",
    "mp3", "mp4", "m4a", "m4v", "ogg", "ogv", "wav", "webm", "mov", "avi", "flv",
    "zip", "gz", "tgz", "rar", "7z", "exe", "dmg", "apk",
})
# Page extensions stripped before the last segment is read as a slug.
PAGE_EXTENSIONS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "jsp"})

# A path segment (compared whole, extension stripped, lower-case) that marks a page as a listing,
# account, legal or feed page wherever it appears. AMP copies are left out too: the canonical page
# they duplicate is the one to fetch.
NON_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "topic", "topics", "thema", "themen", "schlagwort", "schlagworte",
    "author", "authors", "autor", "autoren", "category", "categories", "kategorie",
    "search", "suche", "login", "logout", "signin", "sign-in", "signup", "sign-up",
    "register", "registration", "account", "my-account", "profile",
    "subscribe", "subscription", "abo", "newsletter", "newsletters",
    "contact", "contact-us", "kontakt", "about", "about-us", "impressum", "imprint",
    "privacy", "privacy-policy", "datenschutz", "terms", "terms-of-use", "terms-of-service",
    "terms-and-conditions", "agb", "cookies", "cookie-policy",
    "feed", "feeds", "rss", "atom", "amp",
})

_MONTH = r"(?:0?[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?:19|20)\d\d"
# A date in the path (/2026/11/20, /2026/nov/20, /2026/11, /2026-11-20, /20261120) followed by a
# segment or suffix with a letter in it: /2026/11/20/ alone is a day's archive, not an article.
DATED_PATH = re.compile(
    rf"/{_YEAR}(?:/{_MONTH}(?:/{_DAY})?|-(?:0[1-9]|1[0-2])-{_DAY}|(?:0[1-9]|1[0-2]){_DAY})"
    r"(?:/|[-_])[^/]*[^\W\d_]"
)
# Three or more words joined by - or _ at the start of the last segment, with a letter somewhere
# (2026-11-20 is a date, not a slug); anything may follow: "-100", ",142489", ".12345".
LONG_SLUG = re.compile(r"(?=[\w-]*[^\W\d_])[^\W_]+(?:[-_][^\W_]+){2,}")
# A numeric article id: the whole segment (184467, a-1048213) or a suffix of five or more digits
# (…,142489 …-67498123); five, so that years and small counters are not ids.
ARTICLE_ID = re.compile(r"^(?:[a-z]{1,3}-)?\d{5,}$|[,._-]\d{5,}$")
# Query parameters that carry an article id (?p=123 is WordPress' permalink-less post URL).
ID_QUERY = re.compile(r"(?:^|&)(?:p|id|article|articleid|article_id|story|storyid|story_id|newsid)=\d{3,}(?:&|$)", re.I)
# Listing pages: /page/2, /seite/3, /page-2, ?page=2.
PAGINATION_PATH = re.compile(r"/(?:page|seite)/\d+/?$|/(?:page|seite)-\d+(?:\.\w+)?/?$")
PAGINATION_QUERY = re.compile(r"(?:^|&)(?:page|paged|seite|pg)=\d+(?:&|$)", re.I)


def _is_tracking(name: str) -> bool:
    name = unquote(name).lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=4096)  # each article URL is normalized four or five times on its way through
def normalize_url(url: str) -> str:
    """The one form of an http(s) URL used for de-duplication and "seen" checks.

    Lower-case scheme and host, default port and fragment dropped, tracking parameters removed,
    the rest sorted, an empty query dropped, percent-encoding normalized (w3lib). Raises
    ``ValueError`` for anything that is not an absolute http(s) URL.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    port = parts.port  # raises ValueError for a malformed port
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:
        netloc = f"{parts.netloc.rpartition('@')[0]}@{netloc}"
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _is_tracking(pair.partition("=")[0]))
    return canonicalize_url(urlunsplit((scheme, netloc, parts.path or "/", query, "")))


def site_key(url: str) -> str:
    """``host[:port]`` naming the site a URL belongs to: scheme-less, ``www.`` folded, default port
    dropped. The port stays because tests serve several sites on 127.0.0.1."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        raise ValueError(f"no host in URL: {url!r}")
    port = parts.port
    return host if port is None or port == DEFAULT_PORTS.get(parts.scheme.lower()) else f"{host}:{port}"


def _segments(path: str) -> list[str]:
    return [unquote(s).lower() for s in path.split("/") if s]


def _split_extension(segment: str) -> tuple[str, str]:
    stem, dot, extension = segment.rpartition(".")
    return (stem, extension) if dot and stem else (segment, "")


def path_shape(url: str) -> tuple[list[str], str] | None:
    """The lower-case path segments and query of an http(s) URL that is not a static file, a
    listing, account or legal page, nor paginated; None for every other URL.

    Shared ground of :func:`looks_like_article` and section detection.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES:
        return None
    segments = _segments(parts.path)
    if segments:
        stem, extension = _split_extension(segments[-1])
        if extension in STATIC_EXTENSIONS:
            return None
        if extension in PAGE_EXTENSIONS:
            segments[-1] = stem
    if any(s in NON_ARTICLE_SEGMENTS for s in segments):
        return None
    if PAGINATION_PATH.search(parts.path.lower()) or PAGINATION_QUERY.search(parts.query):
        return None
    return segments, parts.query


def looks_like_article(url: str) -> bool:
    """Whether a URL has the shape of a news article, judged from the URL alone.

    Yes: a date in the path followed by a slug, a long slug (three or more joined words) as the
    last segment, or a numeric article id (in the last segment or an ``id``-like parameter). No:
    home, short section paths, listing/account/legal/feed pages (:data:`NON_ARTICLE_SEGMENTS`),
    pagination, static files and non-http(s) schemes.
    """
    shape = path_shape(url)
    if shape is None:
        return False
    segments, query = shape
    path, last = "/" + "/".join(segments), segments[-1] if segments else ""
    return bool(DATED_PATH.search(path) or LONG_SLUG.match(last) or ARTICLE_ID.search(last) or ID_QUERY.search(query))

"""Article metadata from the page's own declarations, falling back to trafilatura's and htmldate's
heuristics (asked lazily, only for a field the page does not declare).

Each field has its module: :mod:`.title`, :mod:`.dates`, :mod:`.authors`; :mod:`.signals` reads
the meta tags and JSON-LD once for all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Sequence
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from ..report import ArticleMeta
from .authors import find_authors
from .dates import Stamp, date_article, parse_stamp
from .signals import ARTICLE_TYPES, Signals, json_ld_nodes, ld_types
from .title import headline, headline_variants

__all__ = ["ARTICLE_TYPES", "Signals", "Stamp", "headline_variants", "json_ld_nodes", "language_tag", "ld_types",
           "parse_stamp", "read_meta"]

if TYPE_CHECKING:
    from ..extract import Guesses

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PAYWALL_TIERS = {"locked": True, "metered": True, "premium": True, "free": False}
MAX_TAGS = 30
_KEYWORD_SEPARATOR = re.compile(r"[,;]")
_WEB_PAGE_TYPES = frozenset({"WebPage", "ItemPage"})


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag ('en', 'pt-BR') from an attribute like 'en_US' or 'EN-us'; None if not one."""
    if not value:
        return None
    value = value.strip().split(",")[0].strip()
    if not _LANG_TAG.match(value):
        return None
    primary, *rest = re.split(r"[-_]", value)
    parts = [primary.lower()]
    for part in rest:
        parts.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
    return "-".join(parts)


def _canonical(tree: HtmlElement, signals: Signals, url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return urljoin(url or "", link.get("href").strip())
    og_url = signals.first("og:url")
    return urljoin(url or "", og_url) if og_url else None


def _language(tree: HtmlElement, signals: Signals) -> str | None:
    """The language most of the page's declarations agree on (a template's ``<html lang="en-US">``
    is outvoted by the article's ``inLanguage``, ``og:locale`` and ``content-language``); on a
    tie, the first of them in this order."""
    root = tree.getroottree().getroot()
    declared = [
        language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")),
        language_tag(signals.first("content-language", "language", "dc.language")),
        language_tag(next((str(v) for v in signals.article_values("inLanguage")), None)),
        language_tag(signals.first("og:locale")),
    ]
    tags = [t for t in declared if t]
    if not tags:
        return None
    votes = Counter(t.split("-")[0] for t in tags)
    return next(t for t in tags if votes[t.split("-")[0]] == max(votes.values()))


def _truthy(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _paywalled(signals: Signals) -> bool | None:
    """True/False from ``isAccessibleForFree`` (article or its parts) or ``article:content_tier``."""
    pages = [node for node in signals.ld_nodes if ld_types(node) & _WEB_PAGE_TYPES]  # the flag may sit on the page
    for article in [*signals.articles, *pages]:
        free = _truthy(article.get("isAccessibleForFree"))
        parts = article.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict) and _truthy(part.get("isAccessibleForFree")) is False:
                free = False
        if free is not None:
            return not free
    tier = (signals.first("article:content_tier") or "").lower()
    return _PAYWALL_TIERS.get(tier)


def _section(signals: Signals) -> str | None:
    for value in signals.article_values("articleSection"):
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, str) and first.strip():
            return first.strip()
    return signals.first("article:section")


def _tags(signals: Signals) -> tuple[str, ...]:
    tags: list[str] = list(signals.all("article:tag"))
    for value in signals.article_values("keywords"):
        tags += value if isinstance(value, list) else _KEYWORD_SEPARATOR.split(str(value))
    tags += [t for raw in signals.all("news_keywords") for t in _KEYWORD_SEPARATOR.split(raw)]
    cleaned: dict[str, str] = {}  # one of the spellings that differ only in case
    for tag in tags:
        if isinstance(tag, str) and tag.strip():
            cleaned.setdefault(tag.strip().casefold(), tag.strip())
    return tuple(cleaned.values())[:MAX_TAGS]


def read_meta(
    tree: HtmlElement,
    guesses: Guesses,
    url: str | None,
    *,
    signals: Signals,
    fetched_at: datetime | None = None,
    published_hint: Stamp | None = None,
    body: Sequence[str] = (),
) -> ArticleMeta:
    canonical = _canonical(tree, signals, url)
    host_source = url or canonical
    dating = date_article(tree, signals, url=url, guess=lambda: guesses.date, fetched_at=fetched_at, hint=published_hint)
    return ArticleMeta(
        title=headline(tree, signals, lambda: guesses.title),
        authors=find_authors(tree, signals, lambda: guesses.author, body),
        published=dating.published.iso() if dating.published else None,
        published_source=dating.published.source if dating.published else None,
        modified=dating.modified.iso() if dating.modified else None,
        language=_language(tree, signals),
        canonical_url=canonical,
        site=(urlsplit(host_source).hostname if host_source else None),
        paywalled=_paywalled(signals),
        section=_section(signals),
        tags=_tags(signals),
        date_rejections=dating.rejected,
    )

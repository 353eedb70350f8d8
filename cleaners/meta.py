"""Article metadata from the page's own declarations, falling back to trafilatura's guesses."""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from trafilatura.settings import Document

from .report import ArticleMeta

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
)
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle", "LiveBlogPosting"}


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


def meta_content(tree: HtmlElement, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower() for n in names}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = element.get("content")
        if key in wanted and content and content.strip():
            return content.strip()
    return None


def json_ld_nodes(tree: HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page, nested lists and ``@graph`` flattened."""
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                found.append(node)
                stack.extend(v for k, v in node.items() if k == "@graph")
    return found


def ld_types(node: dict) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return {kind} if isinstance(kind, str) else set()


def _json_ld_articles(tree: HtmlElement) -> list[dict]:
    return [node for node in json_ld_nodes(tree) if ld_types(node) & ARTICLE_TYPES]


def iso_timestamp(value: str | None) -> str | None:
    """Normalize a declared date/time to ISO 8601; None when it is not one."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:  # a date only
        return parsed.date().isoformat()
    return parsed.isoformat()


def _published(tree: HtmlElement, articles: list[dict], document: Document) -> str | None:
    for article in articles:
        stamp = iso_timestamp(str(article.get("datePublished") or ""))
        if stamp:
            return stamp
    stamp = iso_timestamp(meta_content(tree, _PUBLISHED_META))
    if stamp:
        return stamp
    return iso_timestamp(document.date) if document.date else None


def _canonical(tree: HtmlElement, url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return urljoin(url or "", link.get("href").strip())
    og_url = meta_content(tree, ("og:url",))
    return urljoin(url or "", og_url) if og_url else None


def _language(tree: HtmlElement, document: Document) -> str | None:
    root = tree.getroottree().getroot()
    return (
        language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or language_tag(meta_content(tree, ("content-language", "language", "dc.language")))
        or language_tag(next((m.get("content") for m in tree.iter("meta") if (m.get("http-equiv") or "").lower() == "content-language"), None))
        or language_tag(meta_content(tree, ("og:locale",)))
        or language_tag(document.language)
    )


def _authors(document: Document) -> tuple[str, ...]:
    names: list[str] = []
    for name in (document.author or "").split(";"):
        name = name.strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)


def read_meta(tree: HtmlElement, document: Document, url: str | None) -> ArticleMeta:
    canonical = _canonical(tree, url)
    host_source = url or canonical
    return ArticleMeta(
        title=document.title or None,
        authors=_authors(document),
        published=_published(tree, _json_ld_articles(tree), document),
        language=_language(tree, document),
        canonical_url=canonical,
        site=(urlsplit(host_source).hostname if host_source else None),
    )


def headline_candidates(tree: HtmlElement, meta: ArticleMeta) -> tuple[str, ...]:
    """Every way the page states its headline, for spotting it again in the body."""
    candidates = [meta.title, meta_content(tree, ("og:title", "twitter:title"))]
    candidates += ["".join(h.itertext()) for h in tree.iter("h1")][:3]
    return tuple(c.strip() for c in candidates if c and c.strip())

"""What a page declares about itself, collected in one pass: meta tags and JSON-LD objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..text import read_json

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle", "LiveBlogPosting",
     "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "Report", "SocialMediaPosting"}
)
ORGANIZATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite"})
# Host labels that name a service or a language, not the publisher ("news.sky.com", "en.example.org").
_GENERIC_LABELS = frozenset({"www", "m", "amp", "mobile", "news", "edition", "en", "de", "fr", "es", "it", "nl", "pt"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "or", "ne", "go"})


def publisher_label(host: str) -> str | None:
    """The label of ``host`` that names the publisher: 'sky' for news.sky.com, 'bbc' for www.bbc.co.uk."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    label = labels[-1]
    return None if label in _GENERIC_LABELS else label


def bare_host(host: str) -> str:
    """``host`` without its "www." ("www2." …) label: how a site writes its own address."""
    return re.sub(r"^www\d?\.", "", host)


def ld_types(node: dict) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return {kind} if isinstance(kind, str) else set()


def json_ld_nodes(tree: HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page, nested lists, ``@graph`` and ``mainEntity`` flattened."""
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        data = read_json(script.text or "")
        if data is None:
            continue  # broken JSON-LD is common; the other signals still count
        stack = [data]
        while stack:  # depth first, in document order: the page's own article comes before related ones
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                found.append(node)
                stack.extend(reversed([v for k, v in node.items() if k in ("@graph", "mainEntity")]))
    return found


def _name_of(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    return None


@dataclass(frozen=True)
class Signals:
    """Meta tags (key → contents, keys lower-cased) and JSON-LD of one page."""

    meta: dict[str, list[str]]
    ld_nodes: list[dict]
    host: str | None = None
    articles: list[dict] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", [n for n in self.ld_nodes if ld_types(n) & ARTICLE_TYPES])

    @classmethod
    def read(cls, tree: HtmlElement, url: str | None) -> Signals:
        meta: dict[str, list[str]] = {}
        for element in tree.iter("meta"):
            content = (element.get("content") or "").strip()
            for attribute in ("property", "name", "itemprop", "http-equiv"):
                key = (element.get(attribute) or "").strip().lower()
                if key and content:
                    meta.setdefault(key, []).append(content)
        return cls(meta, json_ld_nodes(tree), urlsplit(url).hostname if url else None)

    def first(self, *keys: str) -> str | None:
        for key in keys:
            if self.meta.get(key):
                return self.meta[key][0]
        return None

    def all(self, *keys: str) -> list[str]:
        return [value for key in keys for value in self.meta.get(key, [])]

    def article_values(self, key: str) -> list[object]:
        return [a[key] for a in self.articles if a.get(key) not in (None, "", [])]

    @cached_property
    def site_names(self) -> frozenset[str]:
        """Names the publisher goes by: og:site_name, JSON-LD publisher/WebSite names, the host.
        Read once per page: the headline and the authors both need them."""
        names = set(self.all("og:site_name", "application-name", "twitter:site"))
        for node in self.ld_nodes:
            if ld_types(node) & ORGANIZATION_TYPES:
                names.add(_name_of(node) or "")
        for article in self.articles:
            names.add(_name_of(article.get("publisher")) or "")
        if self.host:
            names.add(bare_host(self.host))
            names.add(publisher_label(self.host) or "")
        return frozenset(n.strip().lstrip("@") for n in names if n and n.strip())

"""Is this page an article? Decided from what the page declares, not from how much text it has.

Home, section, about and contact pages give trafilatura plenty of text too. A page counts as not
an article when it declares a non-article type (``og:type`` "website", JSON-LD ``WebPage`` …) and
shows none of the marks an article page carries; an undeclared page is given the benefit of the doubt.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .metadata.signals import ARTICLE_TYPES, Signals, ld_types

NON_ARTICLE_OG_TYPES = frozenset({"website", "profile", "product", "book", "place", "business.business"})
NON_ARTICLE_LD_TYPES = frozenset(
    {"WebPage", "AboutPage", "ContactPage", "CollectionPage", "ProfilePage", "SearchResultsPage", "WebSite", "Organization"}
)
# Article marks in the markup: any one of these outweighs a generic og:type.
_ARTICLE_MARKS = (
    "//article",
    '//meta[@property="article:published_time" or @name="article:published_time"]',
    '//*[@itemprop="articleBody" or @itemprop="datePublished"]',
)


def declares_non_article(tree: HtmlElement, signals: Signals) -> bool:
    og_type = (signals.first("og:type") or "").lower()
    declared = {t for node in signals.ld_nodes for t in ld_types(node)}
    if declared & ARTICLE_TYPES or og_type.startswith("article"):
        return False
    declared_other = og_type in NON_ARTICLE_OG_TYPES or og_type.startswith(("video.", "music.")) or bool(declared & NON_ARTICLE_LD_TYPES)
    return declared_other and not any(tree.xpath(mark) for mark in _ARTICLE_MARKS)


"""Pages that carry more than one story: the next article appended below this one.

Sites with endless scrolling put the following story on the page as a sibling ``<article>`` with
its own ``<h1>``; trafilatura then takes both. Before extraction, such articles are dropped from
the tree — only when it is clear which article is this page's: exactly one top-level article has
an ``<h1>`` naming the page's headline (JSON-LD, ``og:title`` or ``<title>``). Teasers nested in
the article, and articles without an ``<h1>`` of their own, are left to the text rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml.html import HtmlElement

from .metadata import Signals
from .metadata.title import MIN_HEADLINE_CHARS, rendered_text, squash
from .report import Removal, excerpt
from .text import normalize_space

OTHER_STORY_RULE = "other-story"
RECORDED_CHARS = 1000  # of a dropped story's text, in its removal record: whole stories can be long


def page_headlines(signals: Signals, tree: HtmlElement) -> list[str]:
    """What the page declares as its headline, site names and all."""
    declared = [h for h in signals.article_values("headline") if isinstance(h, str)]
    declared += signals.all("og:title", "twitter:title")
    title = tree.findtext(".//title")
    return [*declared, *([title] if title else [])]


def _names_page(h1: str, headlines: list[str]) -> bool:
    """The ``<h1>`` is the headline, maybe with a kicker before it, or the headline with a site name."""
    if len(h1) < MIN_HEADLINE_CHARS:
        return False
    return any(len(h) >= MIN_HEADLINE_CHARS and (h in h1 or h1 in h) for h in headlines)


def other_stories(tree: HtmlElement, headlines: Iterable[str]) -> list[HtmlElement]:
    """Top-level ``<article>`` elements headed by another story's ``<h1>``, when exactly one is this page's."""
    wanted = [s for s in (squash(h) for h in headlines) if s]
    headed = []
    for article in tree.iter("article"):
        if next(article.iterancestors("article"), None) is not None:
            continue
        h1s = [squash(rendered_text(h1)) for h1 in article.iter("h1")]
        if h1s:
            headed.append((article, any(_names_page(h1, wanted) for h1 in h1s)))
    if len(headed) < 2 or sum(ours for _, ours in headed) != 1:
        return []
    return [article for article, ours in headed if not ours]


def drop_other_stories(tree: HtmlElement, signals: Signals) -> tuple[Removal, ...]:
    """Remove the other stories from ``tree`` (in place); one removal record each."""
    removals = []
    for article in other_stories(tree, page_headlines(signals, tree)):
        h1 = normalize_space(rendered_text(next(article.iter("h1"))))
        text = normalize_space(article.text_content())
        reason = f"another story on the page, headed {excerpt(h1, 80)!r} ({len(text)} characters)"
        removals.append(Removal(OTHER_STORY_RULE, reason, excerpt(text, RECORDED_CHARS)))
        article.drop_tree()
    return tuple(removals)

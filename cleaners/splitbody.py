"""Article bodies split over several containers of one template: "body articleBody" blocks between
ad rows, "body__container" sections between product cards.

trafilatura takes the body from the first element whose class names a body and loses the rest of
the story. Before extraction, the later containers with the same tag and class as an earlier one,
in a parent of the same tag and class as its parent, are moved, whole and in order, to the end of
it; what stood between them (ads, cards, players) stays where it was. Not joined: a container after
or holding another ``<h1>`` (another story's body), one in another ``<article>``, in an aside,
menu, header, footer, form, list item, comment section or related or teaser box (excerpts of other
posts, comments in the same markup), one repeating an earlier part's text (a page's mobile and
desktop copies), and any of a template used more than ``MAX_PARTS`` times (a feed, not a story).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lxml.etree import XPath
from lxml.html import HtmlElement

from .chrome import ELSEWHERE
from .text import normalize_space

SPLIT_BODY_RULE = "split-body"
# Class names of an article body, as whole class tokens: trafilatura's (…-content, article-body,
# articleBody, body-text, post-entry, content-body …) and CMS ones (Condé Nast's body__container).
_BODY_CLASS = re.compile(
    r"(?:^|\s)(?:(?:entry|article|art|post|page|text|story)[-_]?(?:content|body|text)|article__(?:content|body|container)"
    r"|body[-_]?text|body__container|post[-_]?entry|content[-_]body)(?:\s|$)",
    re.IGNORECASE,
)
MAX_PARTS = 50
_PLACED_APART = XPath(f"boolean({ELSEWHERE} or ancestor::header or ancestor::form or ancestor::li)")


def _template(element: HtmlElement | None) -> tuple[str, str] | None:
    return (element.tag, " ".join((element.get("class") or "").split())) if element is not None else None


def _groups(page: HtmlElement) -> list[list[HtmlElement]]:
    """Containers of one tag and class, outermost only, in document order; groups of two to ``MAX_PARTS``."""
    by_template: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in page.iter("div", "section", "article"):
        classes = element.get("class")
        if classes and _BODY_CLASS.search(classes):
            by_template.setdefault(_template(element), []).append(element)
    groups = []
    for members in by_template.values():
        if 1 < len(members) <= MAX_PARTS:
            inside = set(members)
            outer = [m for m in members if inside.isdisjoint(m.iterancestors())]
            if len(outer) > 1:
                groups.append(outer)
    return groups


def _article_of(element: HtmlElement) -> HtmlElement | None:
    return next(element.iterancestors("article"), None)


def _last_descendant(element: HtmlElement) -> HtmlElement:
    while len(element):
        element = element[-1]
    return element


def _parts(first: HtmlElement, rest: list[HtmlElement], position: dict[HtmlElement, int], headlines: list[int]) -> list[HtmlElement]:
    """The members of ``first``'s template that continue its story (``headlines``: the positions of
    the page's ``<h1>`` elements, in order)."""
    if _PLACED_APART(first):
        return []
    # No member after the first <h1> that follows ``first`` and is not inside it.
    after = bisect_right(headlines, position[_last_descendant(first)])
    stop = headlines[after] if after < len(headlines) else None
    article, parent = _article_of(first), _template(first.getparent())
    seen = {normalize_space(first.text_content())}
    parts = []
    for member in rest:
        if stop is not None and position[member] > stop or member.find(".//h1") is not None:
            break
        text = normalize_space(member.text_content())
        if _article_of(member) is article and _template(member.getparent()) == parent and not _PLACED_APART(member) \
                and text not in seen:
            parts.append(member)
            seen.add(text)
    return parts


def join_split_bodies(page: HtmlElement) -> int:
    """Move each later body container of a template to the end of the first; how many were moved."""
    groups = _groups(page)
    if not groups:
        return 0
    position = {element: i for i, element in enumerate(page.iter())}
    headlines = [position[h1] for h1 in page.iter("h1")]
    moved = 0
    for first, *rest in groups:
        for part in _parts(first, rest, position, headlines):
            part.drop_tree()  # its tail stays where it was
            part.tail = None
            first.append(part)
            moved += 1
    return moved

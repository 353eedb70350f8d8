"""Article bodies split over several containers of one template: "body articleBody" blocks between
ad rows, "body__container" sections between product cards.

trafilatura takes the body from the first element whose class names a body and loses the rest of
the story. Before extraction, the later containers with the same tag and class as an earlier one
are moved, whole and in order, to the end of it; what stood between them (ads, cards, players)
stays where it was. Not joined: a container after or holding another ``<h1>`` (another story's
body), one in another ``<article>``, in an aside, menu, footer, form, list item or comment
section (excerpts of other posts, comments in the same markup), one repeating an earlier part's
text (a page's mobile and desktop copies), and any of a template used more than ``MAX_PARTS``
times (a feed, not a story).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lxml.html import HtmlElement

from .text import normalize_space

SPLIT_BODY_RULE = "split-body"
# The class names trafilatura reads a body from (its first and third stages), as whole class tokens.
_BODY_CLASS = re.compile(
    r"(?:^|\s)(?:(?:entry|article|art|post|page|text|story)[-_]?(?:content|body|text)|article__(?:content|body|container)"
    r"|body[-_]?text|body__container|post[-_]?entry|content[-_]body)(?:\s|$)",
    re.IGNORECASE,
)
MAX_PARTS = 50
_ELSEWHERE = frozenset({"aside", "nav", "footer", "header", "form", "li"})
_COMMENTS = re.compile(r"comment", re.IGNORECASE)


def _groups(page: HtmlElement) -> list[list[HtmlElement]]:
    """Containers of one tag and class, outermost only, in document order; groups of two to ``MAX_PARTS``."""
    by_template: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in page.iter("div", "section", "article"):
        classes = element.get("class")
        if classes and _BODY_CLASS.search(classes):
            by_template.setdefault((element.tag, " ".join(classes.split())), []).append(element)
    groups = []
    for members in by_template.values():
        if 1 < len(members) <= MAX_PARTS:
            inside = set(members)
            outer = [m for m in members if inside.isdisjoint(m.iterancestors())]
            if len(outer) > 1:
                groups.append(outer)
    return groups


def _placed_apart(element: HtmlElement) -> bool:
    """In an aside, menu, footer, form, list item or comment section."""
    return any(
        a.tag in _ELSEWHERE or _COMMENTS.search(f"{a.get('class', '')} {a.get('id', '')}")
        for a in (element, *element.iterancestors())
    )


def _article_of(element: HtmlElement) -> HtmlElement | None:
    return next(element.iterancestors("article"), None)


def _last_descendant(element: HtmlElement) -> HtmlElement:
    while len(element):
        element = element[-1]
    return element


def _parts(first: HtmlElement, rest: list[HtmlElement], position: dict[HtmlElement, int], headlines: list[int]) -> list[HtmlElement]:
    """The members of ``first``'s template that continue its story (``headlines``: the positions of
    the page's ``<h1>`` elements, in order)."""
    if _placed_apart(first):
        return []
    # No member after the first <h1> that follows ``first`` and is not inside it.
    after = bisect_right(headlines, position[_last_descendant(first)])
    stop = headlines[after] if after < len(headlines) else None
    article = _article_of(first)
    seen = {normalize_space(first.text_content())}
    parts = []
    for member in rest:
        if stop is not None and position[member] > stop or member.find(".//h1") is not None:
            break
        text = normalize_space(member.text_content())
        if _article_of(member) is article and not _placed_apart(member) and text not in seen:
            parts.append(member)
            seen.add(text)
    return parts


def _detach(element: HtmlElement) -> HtmlElement:
    """Take ``element`` out of its parent; its tail text stays where it was."""
    parent, tail = element.getparent(), element.tail
    element.tail = None
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
    return element


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
            first.append(_detach(part))
            moved += 1
    return moved

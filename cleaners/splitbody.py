"""Article bodies split over several containers of one template: "body articleBody" blocks between
ad rows, "body__container" sections between product cards.

trafilatura takes the body from the first element whose class names a body and loses the rest of
the story. Before extraction, the later containers with the same tag and class as an earlier one
are moved into it, in order; what stood between them (ads, cards, players) stays where it was.
A container after an ``<h1>`` that is not in the first one is another story's body, and is left alone.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

SPLIT_BODY_RULE = "split-body"
# The class names trafilatura reads a body from (its first and third stages), as whole class tokens.
_BODY_CLASS = re.compile(
    r"(?:^|\s)(?:(?:entry|article|art|post|page|text|story)[-_]?(?:content|body|text)|article__(?:content|body|container)"
    r"|body[-_]?text|body__container|post[-_]?entry|content[-_]body)(?:\s|$)",
    re.IGNORECASE,
)


def _groups(page: HtmlElement) -> list[list[HtmlElement]]:
    """Containers of one tag and class, outermost only, in document order; groups of two or more."""
    by_template: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in page.iter("div", "section", "article"):
        classes = element.get("class")
        if classes and _BODY_CLASS.search(classes):
            by_template.setdefault((element.tag, " ".join(classes.split())), []).append(element)
    groups = []
    for members in by_template.values():
        if len(members) > 1:
            outer = [m for m in members if not any(a in members for a in m.iterancestors())]
            if len(outer) > 1:
                groups.append(outer)
    return groups


def _before_another_headline(first: HtmlElement, members: list[HtmlElement], page: HtmlElement) -> list[HtmlElement]:
    """The members up to the first that comes after an ``<h1>`` outside ``first``."""
    position = {element: i for i, element in enumerate(page.iter())}
    headlines = [position[h1] for h1 in page.iter("h1") if first not in h1.iterancestors() and h1 is not first]
    start = position[first]
    kept = []
    for member in members:
        if any(start < h < position[member] for h in headlines):
            break
        kept.append(member)
    return kept


def join_split_bodies(page: HtmlElement) -> int:
    """Move each later body container's content into the first of its template; how many were joined."""
    joined = 0
    for first, *rest in _groups(page):
        for member in _before_another_headline(first, rest, page):
            _append_text(first, member.text)
            first.extend(list(member))  # the children bring their tails
            member.drop_tree()  # its own tail stays where it was
            joined += 1
    return joined


def _append_text(element: HtmlElement, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text

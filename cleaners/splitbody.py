"""Article bodies split over several containers of one template: "body articleBody" blocks between
ad rows, "body__container" sections between product cards.

trafilatura takes the body from the first element whose class names a body and loses the rest of
the story. Before extraction, the later containers with the same tag and class as an earlier one
are moved into it, in order; what stood between them (ads, cards, players) stays where it was.
A container after an ``<h1>`` that is not in the first one is another story's body, and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
            inside = set(members)
            outer = [m for m in members if inside.isdisjoint(m.iterancestors())]
            if len(outer) > 1:
                groups.append(outer)
    return groups


def _before_another_headline(first: HtmlElement, members: list[HtmlElement], position: dict[HtmlElement, int],
                             headlines: list[HtmlElement]) -> list[HtmlElement]:
    """The members up to the first that comes after an ``<h1>`` outside ``first`` (``headlines``: the
    page's ``<h1>`` elements in document order)."""
    after = bisect_right(headlines, position[first], key=position.__getitem__)
    stop = next((position[h1] for h1 in headlines[after:] if first not in h1.iterancestors()), None)
    return [member for member in members if stop is None or position[member] < stop]


def join_split_bodies(page: HtmlElement) -> int:
    """Move each later body container's content into the first of its template; how many were joined."""
    groups = _groups(page)
    if not groups:
        return 0
    position = {element: i for i, element in enumerate(page.iter())}
    headlines = list(page.iter("h1"))
    joined = 0
    for first, *rest in groups:
        for member in _before_another_headline(first, rest, position, headlines):
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

"""Widgets built around a form that asks for an e-mail address: newsletter sign-ups, log-in and
comment boxes, "report an error" forms.

trafilatura drops the ``<form>`` but keeps what sits beside it in the widget: the newsletter's
name and blurb ("Hauptstadt Inside … Hinter den Kulissen der Politik"), which read as two short
article paragraphs. Before extraction the widget goes as a whole: the largest element around the
form that is still small — at most ``WIDGET_WORDS`` words, no paragraph of article length, and
neither the article, the page's main part nor anything holding the ``<h1>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

from lxml.html import HtmlElement

from .report import Removal
from .text import count_words, normalize_space

FORM_WIDGET_RULE = "form-widget"
WIDGET_WORDS = 80
PARAGRAPH_WORDS = 25  # a paragraph this long beside the form is article text: a brief is not a widget
_NEVER_A_WIDGET = {"article", "main", "body", "html"}
CHARS_PER_WORD_CHECK = 8  # how much text to read, per word of the limit, before counting
_MAIL_FIELD = re.compile(r"e-?mail", re.IGNORECASE)


def _asks_for_email(form: HtmlElement) -> bool:
    for field in form.iter("input"):
        kind = (field.get("type") or "text").lower()
        if kind == "email":
            return True
        naming = " ".join(filter(None, (field.get("name"), field.get("id"), field.get("placeholder"))))
        if kind == "text" and _MAIL_FIELD.search(naming):
            return True
    return False


def _small(element: HtmlElement, form: HtmlElement) -> bool:
    if not may_be_a_widget(element, WIDGET_WORDS):
        return False
    beside = (p for p in element.iter("p") if form not in p.iterancestors())  # a consent note in the form may be long
    return all(count_words(p.text_content()) <= PARAGRAPH_WORDS for p in beside)


def may_be_a_widget(element: HtmlElement, max_words: int) -> bool:
    """Not the article, the page's main part or anything holding the ``<h1>``, and at most ``max_words`` long."""
    # The word cap first: it stops reading early, the search for an <h1> reads the whole subtree.
    return not (element.tag in _NEVER_A_WIDGET or more_words_than(element, max_words) or element.find(".//h1") is not None)


def more_words_than(element: HtmlElement, limit: int) -> bool:
    """Whether ``element``'s text holds over ``limit`` words, reading only as far as it takes: an
    ancestor too big for a widget is often the whole page."""
    pieces: list[str] = []
    read = 0
    check_at = limit * CHARS_PER_WORD_CHECK
    for piece in element.itertext():
        pieces.append(piece)
        read += len(piece)
        if read >= check_at:  # a start of the text has no more words than the whole of it
            if count_words("".join(pieces)) > limit:
                return True
            check_at *= 2
    return count_words("".join(pieces)) > limit


def largest_around(anchor: HtmlElement, small: Callable[[HtmlElement], bool], max_levels: int | None = None) -> HtmlElement:
    """The outermost of ``anchor``'s ancestors, at most ``max_levels`` up, that are all ``small`` up
    from it (``anchor`` if none is)."""
    widget = anchor
    for ancestor in islice(anchor.iterancestors(), max_levels):
        if not small(ancestor):
            break
        widget = ancestor
    return widget


def outermost(widgets: Iterable[HtmlElement]) -> list[HtmlElement]:
    """Each widget once, in the order given, without those inside another."""
    unique = dict.fromkeys(widgets)
    return [w for w in unique if not any(a in unique for a in w.iterancestors())]


def form_widgets(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost small element around each e-mail form (forms alone are trafilatura's to drop)."""
    widgets = []
    for form in tree.iter("form"):
        if not _asks_for_email(form) or not _small(form, form):
            continue
        widget = largest_around(form, lambda element: _small(element, form))
        if widget is not form:
            widgets.append(widget)
    return outermost(widgets)


def drop_widgets(widgets: Iterable[HtmlElement], rule: str, reason: str) -> tuple[Removal, ...]:
    """Remove ``widgets`` from their tree (in place); one removal record each."""
    removals = []
    for widget in widgets:
        removals.append(Removal(rule, reason, normalize_space(" ".join(widget.itertext()))))
        widget.drop_tree()
    return tuple(removals)


def drop_form_widgets(tree: HtmlElement) -> tuple[Removal, ...]:
    return drop_widgets(form_widgets(tree), FORM_WIDGET_RULE, "a widget around a form asking for an e-mail address")

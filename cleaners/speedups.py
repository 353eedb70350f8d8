"""trafilatura made faster where that cannot change its result, in our own extractions only.

Each change below gives exactly the body trafilatura would give (tests compare both on every
bundled page); trafilatura called directly (e.g. the benchmark's baseline) runs as it is.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import trafilatura.core
import trafilatura.external
from justext.paragraph import Paragraph
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import _COOKIE_CONSENT_RE, BASIC_CLEAN_XPATH, Extractor
from trafilatura.utils import trim
from trafilatura.xml import delete_element

_skip = threading.local()


def _active() -> bool:
    """Whether this thread is inside :func:`enabled`."""
    return getattr(_skip, "enabled", False)


@contextmanager
def enabled() -> Iterator[None]:
    """Within this block, on this thread, trafilatura runs with the changes below."""
    _skip.enabled = True
    try:
        yield
    finally:
        _skip.enabled = False


# --- trafilatura's readability fallback, run only when its result could be taken -------------
#
# After its own extraction, trafilatura runs readability on the whole page (a quarter of its
# time) and takes that result only if it is much longer than its own, or its own has no
# paragraphs (``trafilatura.external._prefer_readability``). Readability returns part of the
# page's text, so when the whole page is not long enough to pass that test, the outcome is known
# and readability is skipped.

VIDEO_PLACEHOLDER_CHARS = len("VIDEO")  # readability writes this into each video <iframe>
_compare_extraction = trafilatura.core.compare_extraction
_try_readability = trafilatura.external.try_readability


def readability_cannot_win(raw_tree: HtmlElement, body: HtmlElement, text: str, options: Extractor) -> bool:
    """True when trafilatura would keep ``body`` whatever readability returns for ``raw_tree``.

    Drops the scripts and styles from ``raw_tree``, as readability does first.
    """
    if not text:
        return False
    # A body without paragraph text, or made of tables, may lose to a shorter readability result.
    paragraphs = body.findall(".//p")
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(paragraphs):
        return False
    for element in list(raw_tree.iter("script", "style", "fencedframe")):
        element.drop_tree()
    most = len(trim(raw_tree.text_content())) + VIDEO_PLACEHOLDER_CHARS * sum(1 for _ in raw_tree.iter("iframe"))
    # recall focus takes readability from 1.5 times (and a headed text from any length) over its own
    return most <= (len(text) if options.focus == "recall" else 2 * len(text))


def _compare_extraction_gated(cleaned_tree, raw_tree, body, text, options):  # type: ignore[no-untyped-def]
    if _active() and readability_cannot_win(raw_tree, body, text, options):
        _skip.readability = True
        try:
            return _compare_extraction(cleaned_tree, raw_tree, body, text, options)
        finally:
            _skip.readability = False
    return _compare_extraction(cleaned_tree, raw_tree, body, text, options)


def _try_readability_gated(raw_tree: HtmlElement) -> HtmlElement:
    # An empty result is what trafilatura itself uses when readability fails: its own body stays.
    return HtmlElement() if getattr(_skip, "readability", False) else _try_readability(raw_tree)


trafilatura.core.compare_extraction = _compare_extraction_gated
trafilatura.external.try_readability = _try_readability_gated


# --- trafilatura's basic cleaning, without a Python call per element --------------------------
#
# ``basic_cleaning`` (run before justext and to measure the page for the recall escalation) finds
# elements with one XPath whose cookie-banner test is EXSLT ``re:test`` on every element's class
# and id: lxml calls back into Python per element, an eighth of an extraction. The same elements
# are found here with the tag tests as a plain XPath and the regex run once over all class and
# id values together, value by value only when that finds something. The order of deletion does
# not change the tree (``delete_element`` hands each tail to what precedes it, which is the same
# text either way). If trafilatura's XPath is not the one this was written for, its own runs.

_BASIC_CLEAN_TAGS = (
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|.//style|.//svg|.//template"
)
_BASIC_CLEAN_COOKIE_TEST = (
    f"|.//*[re:test(@class, '{_COOKIE_CONSENT_RE}', 'i') or re:test(@id, '{_COOKIE_CONSENT_RE}', 'i')]"
)
_basic_clean_tags = XPath(_BASIC_CLEAN_TAGS)
_class_and_id_values = XPath(".//@class|.//@id", smart_strings=False)
_class_and_id_attributes = XPath(".//@class|.//@id")
_cookie_consent = re.compile(_COOKIE_CONSENT_RE, re.IGNORECASE)
_baseline_module = importlib.import_module("trafilatura.baseline")  # the package's `baseline` is a function
_basic_cleaning = _baseline_module.basic_cleaning


def basic_cleaning_elements(tree: HtmlElement) -> list[HtmlElement]:
    """The elements trafilatura's ``BASIC_CLEAN_XPATH`` selects, not necessarily in document order."""
    found = _basic_clean_tags(tree)
    if _cookie_consent.search("\n".join(_class_and_id_values(tree))):
        found += [value.getparent() for value in _class_and_id_attributes(tree) if _cookie_consent.search(value)]
    return found


def _basic_cleaning_gated(tree: HtmlElement) -> HtmlElement:
    if not _active():
        return _basic_cleaning(tree)
    for element in basic_cleaning_elements(tree):
        delete_element(element)  # a second time (class and id both matched) does nothing
    return tree


if BASIC_CLEAN_XPATH.path == _BASIC_CLEAN_TAGS + _BASIC_CLEAN_COOKIE_TEST:
    _baseline_module.basic_cleaning = trafilatura.external.basic_cleaning = _basic_cleaning_gated


# --- justext's paragraph text, joined and normalised once -------------------------------------
#
# trafilatura's recall escalation runs justext, whose classifier asks each paragraph for its text
# a dozen times (length, word count, stop words, link density), joining and normalising its text
# nodes each time. Nodes are only ever appended, so the text is kept with the count it was made
# from.

_justext_paragraph_text = Paragraph.text.fget


def _paragraph_text_once(paragraph: Paragraph) -> str:
    if not _active():
        return _justext_paragraph_text(paragraph)
    made_from, text = getattr(paragraph, "_text_made_from", (-1, ""))
    if made_from != len(paragraph.text_nodes):
        text = _justext_paragraph_text(paragraph)
        paragraph._text_made_from = (len(paragraph.text_nodes), text)
    return text


Paragraph.text = property(_paragraph_text_once)

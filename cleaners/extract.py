"""The only module that calls trafilatura: parse a page once, find its body and metadata."""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from functools import cached_property

import trafilatura
import trafilatura.core
import trafilatura.external
from htmldate import find_date
from justext.paragraph import Paragraph
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author
from trafilatura.settings import _COOKIE_CONSENT_RE, BASIC_CLEAN_XPATH, Document, Extractor, set_date_params
from trafilatura.utils import load_html, trim
from trafilatura.xml import delete_element

from .sites import SiteRules

# trafilatura warns per page it can't use ("discarding data"); our status field says that.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse (and decode, for bytes) a page; None when nothing parseable is there."""
    return load_html(html)


def _only_body(tree: HtmlElement, body_xpath: str) -> HtmlElement | None:
    """A copy of the page with the site's body element(s) as the whole <body>."""
    found = tree.xpath(body_xpath)
    if not found:
        return None
    page = deepcopy(tree)
    body = page.find("body")
    if body is None:
        return None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.extend(deepcopy(element) for element in found)
    return page


def extract_document(tree: HtmlElement, *, url: str | None, site_rules: SiteRules | None) -> Document | None:
    """trafilatura's body, or None.

    Links are not asked for: with ``include_links`` trafilatura picks a different body on some pages.
    Nor is its metadata pass: what the page declares is read by :mod:`cleaners.metadata`, and
    trafilatura's heuristics run only when a field is missing (:class:`Guesses`).
    """
    if site_rules is not None and site_rules.body_xpath:
        body_only = _only_body(tree, site_rules.body_xpath)
        if body_only is not None:
            tree = body_only
    with _readability_only_when_it_can_win():
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_links=False,
            include_images=False,
            include_tables=True,
            prune_xpath=list(site_rules.drop_xpaths) if site_rules and site_rules.drop_xpaths else None,
        )


# --- trafilatura's readability fallback, run only when its result could be taken -------------
#
# After its own extraction, trafilatura runs readability on the whole page (a quarter of its
# time) and takes that result only if it is much longer than its own, or its own has no
# paragraphs (``trafilatura.external._prefer_readability``). Readability returns part of the
# page's text, so when the whole page is not long enough to pass that test, the outcome is known
# and readability is skipped: the result is exactly the same. Only our own extractions skip it;
# trafilatura called directly (e.g. the benchmark's baseline) is left as it is.

VIDEO_PLACEHOLDER_CHARS = len("VIDEO")  # readability writes this into each video <iframe>
_skip = threading.local()
_compare_extraction = trafilatura.core.compare_extraction
_try_readability = trafilatura.external.try_readability


@contextmanager
def _readability_only_when_it_can_win() -> Iterator[None]:
    _skip.enabled = True
    try:
        yield
    finally:
        _skip.enabled = False


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
    if getattr(_skip, "enabled", False) and readability_cannot_win(raw_tree, body, text, options):
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
    if not getattr(_skip, "enabled", False):
        return _basic_cleaning(tree)
    for element in basic_cleaning_elements(tree):
        delete_element(element)  # a second time (class and id both matched) does nothing
    return tree


if BASIC_CLEAN_XPATH.path == _BASIC_CLEAN_TAGS + _BASIC_CLEAN_COOKIE_TEST:
    _baseline_module.basic_cleaning = trafilatura.external.basic_cleaning = _basic_cleaning_gated


class Guesses:
    """trafilatura's and htmldate's heuristics for a page, each run only if and when asked."""

    def __init__(self, tree: HtmlElement, url: str | None):
        self.tree = tree
        self.url = url

    @cached_property
    def title(self) -> str | None:
        text = self.tree.findtext(".//title")
        return " ".join(text.split()) if text and text.strip() else None

    @cached_property
    def author(self) -> str | None:
        return extract_author(self.tree)

    @cached_property
    def date(self) -> str | None:
        return find_date(self.tree, url=self.url, **set_date_params(extensive=True))


# --- justext's paragraph text, joined and normalised once -------------------------------------
#
# trafilatura's recall escalation runs justext, whose classifier asks each paragraph for its text
# a dozen times (length, word count, stop words, link density), joining and normalising its text
# nodes each time. Nodes are only ever appended, so the text is kept with the count it was made
# from.

_justext_paragraph_text = Paragraph.text.fget


def _paragraph_text_once(paragraph: Paragraph) -> str:
    if not getattr(_skip, "enabled", False):
        return _justext_paragraph_text(paragraph)
    made_from, text = getattr(paragraph, "_text_made_from", (-1, ""))
    if made_from != len(paragraph.text_nodes):
        text = _justext_paragraph_text(paragraph)
        paragraph._text_made_from = (len(paragraph.text_nodes), text)
    return text


Paragraph.text = property(_paragraph_text_once)

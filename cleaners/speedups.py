"""trafilatura made faster where that cannot change its result, in our own extractions only.

Each change below gives exactly the body trafilatura would give (tests compare both on every
bundled page); trafilatura called directly (e.g. the benchmark's baseline) on a page it parses
itself runs as it is.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import trafilatura.core
import trafilatura.external
import trafilatura.readability_lxml as readability
import trafilatura.utils
from justext.core import PARAGRAPH_TAGS, ParagraphMaker, classify_paragraphs
from justext.paragraph import Paragraph
from justext.utils import normalize_whitespace
from lxml.etree import Comment, ElementDefaultClassLookup, ProcessingInstruction, XPath
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction
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
    outer, _skip.enabled = _active(), True
    try:
        yield
    finally:
        _skip.enabled = outer  # a nested block leaves them on for the rest of its outer one


# --- trafilatura's parser, with the element classes looked up in C --------------------------
#
# lxml.html's parser picks the Python class of an element with a Python method (to give <form>,
# <input>, <select>, <textarea> and <label> their form helpers), called each time Python first
# touches an element: millions of calls, 6 to 10 % of a page's cleaning. Neither trafilatura nor
# the cleaners use those helpers, so pages parsed here make every element an ``HtmlElement`` by a
# lookup in C, in a parser with trafilatura's options (``copy()`` would not keep ``collect_ids``).
# A tree keeps its parser, in its copies too: this one change outlives the block it was parsed in.

_html_parser = trafilatura.utils.HTML_PARSER
HTML_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
HTML_PARSER.set_element_class_lookup(ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_fromstring = trafilatura.utils.fromstring


def _fromstring_gated(html: str | bytes, base_url: str | None = None, parser: object = None, **kw: object) -> HtmlElement:
    if parser is _html_parser and _active():
        parser = HTML_PARSER
    return _fromstring(html, base_url=base_url, parser=parser, **kw)


trafilatura.utils.fromstring = _fromstring_gated


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


# --- readability's unlikely candidates, among the elements with a class or id ---------------
#
# readability drops the elements whose class or id names chrome ("sidebar", "comment"). It reads
# the two attributes of every element of the page in Python; those with neither are skipped. Here
# an XPath selects the others, in the same document order, and the same test runs on them.

_remove_unlikely_candidates = readability.Document.remove_unlikely_candidates
_with_class_or_id = XPath(".//*[@class or @id]")


def _remove_unlikely_candidates_gated(self: readability.Document) -> None:
    if not _active():
        return _remove_unlikely_candidates(self)
    unlikely, maybe = readability.REGEXES["unlikelyCandidatesRe"], readability.REGEXES["okMaybeItsACandidateRe"]
    verdicts: dict[str, bool] = {}
    for element in _with_class_or_id(self.doc):
        names = " ".join(filter(None, (element.get("class"), element.get("id"))))
        if len(names) < 2 or element.tag in readability.FRAME_TAGS:
            continue
        if names not in verdicts:
            low = names.lower()
            verdicts[names] = bool(unlikely.search(low)) and not maybe.search(low)
        if verdicts[names]:
            element.drop_tree()
    return None


readability.Document.remove_unlikely_candidates = _remove_unlikely_candidates_gated


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


# --- justext's stop words, hashed once ------------------------------------------------------
#
# trafilatura hands justext the stop words of all its languages as one tuple of 150,000 words,
# which justext turns into a set through a cache keyed by that tuple: hashing the key costs
# 0.7 ms each time justext runs, as a tuple does not keep its hash. The same words as a frozenset
# (which does) get an equal set from that cache.

# id -> (the stop list, held so that its id stays its own; its frozenset)
_frozen_stoplists: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def frozen_stoplist(stoplist: Iterable[str]) -> frozenset[str]:
    """``stoplist`` as a frozenset; made once per tuple (tuples cannot change), each time for other iterables."""
    if isinstance(stoplist, frozenset):
        return stoplist
    if not isinstance(stoplist, tuple):
        return frozenset(stoplist)
    if id(stoplist) not in _frozen_stoplists:
        _frozen_stoplists[id(stoplist)] = (stoplist, frozenset(stoplist))
    return _frozen_stoplists[id(stoplist)][1]


def _classify_paragraphs_gated(paragraphs: list[Paragraph], stoplist: Iterable[str], *args: object) -> None:
    classify_paragraphs(paragraphs, frozen_stoplist(stoplist) if _active() else stoplist, *args)


trafilatura.external.classify_paragraphs = _classify_paragraphs_gated


# --- justext's paragraphs, made by a walk of the tree instead of SAX events ------------------
#
# justext splits the page into paragraphs from SAX events: lxml builds each element's attribute
# and namespace maps for the handler, and justext writes the path of every paragraph it starts as
# two strings — most of them empty ones it drops. The walk below makes the same calls in the same
# order as ``lxml.sax.saxify`` and keeps justext's handler logic, building a paragraph's path
# strings only if it is kept.

_make_paragraphs = ParagraphMaker.make_paragraphs


class _PathAt:
    """The element path at a paragraph's start, as justext's ``PathInfo`` would give it."""

    __slots__ = ("dom", "xpath")

    def __init__(self, node: tuple | None):
        steps = []
        while node is not None:
            node, tag, order = node
            steps.append((tag, order))
        steps.reverse()
        self.dom = ".".join(tag for tag, _ in steps)
        self.xpath = "/" + "/".join("%s[%d]" % step for step in steps)


@dataclass(slots=True)
class _Started:
    """The paragraph being read: where it started and what it holds so far."""

    node: tuple | None  # (parent node, tag, order among same-tag siblings)
    text_nodes: list[str] = field(default_factory=list)
    chars_in_links: int = 0
    tags: int = 0
    has_text: bool = False  # text other than the spaces of its <br>s


class _ParagraphWalk:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.node: tuple | None = None
        self.siblings: list[dict[str, int]] = []
        self.link = False
        self.br = False
        self.started = _Started(None)

    def next_paragraph(self) -> None:
        # justext keeps a paragraph with text (it tests the paragraph's truth: its text's length)
        started = self.started
        if started.has_text:
            paragraph = Paragraph(_PathAt(started.node))
            paragraph.text_nodes, paragraph.chars_count_in_links, paragraph.tags_count = (
                started.text_nodes, started.chars_in_links, started.tags)
            self.paragraphs.append(paragraph)
        self.started = _Started(self.node)

    def _start(self, name: str) -> None:
        counts = self.siblings[-1] if self.siblings else {}
        counts[name] = order = counts.get(name, 0) + 1
        self.node = (self.node, name, order)
        self.siblings.append({})
        if name in PARAGRAPH_TAGS or (name == "br" and self.br):
            if name == "br":
                self.started.tags -= 1
            self.next_paragraph()
        else:
            self.br = name == "br"
            if self.br:
                self.started.text_nodes.append(" ")
            elif name == "a":
                self.link = True
            self.started.tags += 1

    def _end(self, name: str) -> None:
        self.node = self.node[0] if self.node is not None else None
        self.siblings.pop()
        if name in PARAGRAPH_TAGS:
            self.next_paragraph()
        if name == "a":
            self.link = False

    def _characters(self, content: str | None) -> None:
        if not content or content.isspace():
            return
        text = normalize_whitespace(content)
        self.started.text_nodes.append(text)
        self.started.has_text = True
        if self.link:
            self.started.chars_in_links += len(text)
        self.br = False

    def walk(self, element: HtmlElement) -> None:
        tag = element.tag
        if tag is Comment or tag is ProcessingInstruction:
            self._characters(element.tail)
            return
        name = tag.rpartition("}")[2]  # an entity's tag is not a string: this raises, as saxify does
        self._start(name)
        self._characters(element.text)
        for child in element:
            self.walk(child)
        self._end(name)
        self._characters(element.tail)


def make_paragraphs(root: HtmlElement) -> list[Paragraph]:
    """The paragraphs justext's ``ParagraphMaker.make_paragraphs(root)`` makes, with the same fields."""
    maker = _ParagraphWalk()
    before = []
    sibling = root.getprevious()
    while getattr(sibling, "tag", None) is ProcessingInstruction:
        before.append(sibling)
        sibling = sibling.getprevious()
    for sibling in reversed(before):
        maker.walk(sibling)
    maker.walk(root)
    sibling = root.getnext()
    while getattr(sibling, "tag", None) is ProcessingInstruction:
        maker.walk(sibling)
        sibling = sibling.getnext()
    maker.next_paragraph()
    return maker.paragraphs


def _make_paragraphs_gated(cls: type, root: HtmlElement) -> list[Paragraph]:
    return make_paragraphs(root) if _active() else _make_paragraphs(root)


ParagraphMaker.make_paragraphs = classmethod(_make_paragraphs_gated)

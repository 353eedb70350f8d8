"""The article text a page declares in its JSON-LD (``articleBody``), for when the HTML shows less.

Pages rendered by scripts, or cut short behind a "read more" button, can carry the whole story in
their structured data while the markup holds a part of it or nothing. That text is used only when
it is clearly more of the same article: at least ``DECLARED_LONGER`` times what trafilatura found,
and containing most of it (so not a summary, nor another story); or when the HTML gave no body.
"""

from __future__ import annotations

import html
import re

from .blocks import Block
from .fingerprint import normalized_words
from .metadata import Signals
from .text import normalize_space, strip_tags

BODY_SOURCE_HTML = "html"
BODY_SOURCE_JSON_LD = "json-ld"
DECLARED_LONGER = 1.5
CONTAINED_SHARE = 0.8  # of the extracted text's word trigrams found in the declared text
DISTINCT_SHARE = 0.9  # of the declared text's trigrams that are distinct: some sites paste the body twice
MAX_DECLARED_CHARS = 300_000  # a long feature is a tenth of this; more is no article body
# Some sites put markup in it: block ends and <br> become line breaks, other tags go.
_BLOCK_END = re.compile(r"<\s*(?:br|/\s*(?:p|div|li|h[1-6]|blockquote|tr|section))\b[^<>]*>", re.IGNORECASE)
_BREAKS = re.compile(r"(?<!\s)\s*(?:\r?\n)+\s*")  # from a run's start: a long run is read once


def declared_body(signals: Signals) -> str | None:
    """The longest ``articleBody`` of the page's article nodes, as plain text; None if none."""
    bodies = [
        b for b in signals.article_values("articleBody")
        if isinstance(b, str) and b.strip() and len(b) <= MAX_DECLARED_CHARS
    ]
    if not bodies:
        return None
    text = html.unescape(max(bodies, key=len))  # first: some sites escape their markup once more
    return strip_tags(_BLOCK_END.sub("\n", text))


def declared_blocks(text: str) -> list[Block]:
    """One paragraph block per line of the declared text."""
    paragraphs = [normalize_space(p) for p in _BREAKS.split(text)]
    return [Block(i, p, "paragraph", i) for i, p in enumerate(p for p in paragraphs if p)]


def _trigrams(text: str) -> list[tuple[str, ...]]:
    words = normalized_words(text)
    return [tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))] if words else []


def declared_is_more_of_it(extracted: str, declared: str) -> bool:
    """The declared text is much longer than the extracted one, contains most of it, and is not
    the same text pasted twice (or more)."""
    if len(declared) < DECLARED_LONGER * len(extracted):
        return False
    theirs = _trigrams(declared)
    distinct = set(theirs)
    if not theirs or len(distinct) < DISTINCT_SHARE * len(theirs):
        return False
    ours = set(_trigrams(extracted))
    return not ours or len(ours & distinct) >= CONTAINED_SHARE * len(ours)

"""A paragraph the body already has, word for word: an image caption restating the text (tabloids
caption their photos with sentences of the story, without the full stop), or a pull quote
repeating a paragraph."""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext

# Shorter paragraphs repeat legitimately ("Here's what to look for:", a chorus).
MIN_WORDS = 8
# Not list items or table rows: product spec lists repeat them ("Draws 300W", "Two year warranty").
REPEATING_KINDS = ("paragraph", "quote")
_WORDS = re.compile(r"\w+")
_CLOSED = re.compile(r"[.!?…:;\"'”’»)]\s*$")


def strip_repeated_paragraphs(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """A block with the words of another that differs from it as a caption does (one of the two
    ends like a sentence, the other stops short: the short one goes), or a quote repeating a
    paragraph (a pull quote). Paragraphs repeated as they are stay: a question put to every
    candidate, a chorus, a recipe's step."""
    first: dict[str, Block] = {}
    removals = []
    for block in blocks:
        if block.words < MIN_WORDS or block.kind not in REPEATING_KINDS:
            continue
        key = " ".join(_WORDS.findall(block.text.casefold()))
        earlier = first.setdefault(key, block)
        if earlier is block:
            continue
        copy = _the_copy(earlier, block)
        if copy is not None:
            original = block if copy is earlier else earlier
            removals.append(Removal("repeat", f"repeats block {original.index} word for word", copy.text, block=copy.index))
    return removals


def _the_copy(a: Block, b: Block) -> Block | None:
    if (a.kind == "quote") != (b.kind == "quote"):
        return a if a.kind == "quote" else b
    a_closed, b_closed = bool(_CLOSED.search(a.text)), bool(_CLOSED.search(b.text))
    if a_closed != b_closed:
        return b if a_closed else a
    return None

"""A paragraph the body already has, word for word: an image caption restating the text (tabloids
caption their photos with sentences of the story), or a pull quote repeating a paragraph."""

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
    """The second of two blocks with the same words, or the first when only the second ends like a
    sentence: the copy without closing punctuation is the caption."""
    kept: dict[str, Block] = {}
    removals = []
    for block in blocks:
        if block.words < MIN_WORDS or block.kind not in REPEATING_KINDS:
            continue
        key = " ".join(_WORDS.findall(block.text.casefold()))
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = block
            continue
        copy, original = (earlier, block) if _CLOSED.search(block.text) and not _CLOSED.search(earlier.text) else (block, earlier)
        kept[key] = original
        removals.append(Removal("repeat", f"repeats block {original.index} word for word", copy.text, block=copy.index))
    return removals

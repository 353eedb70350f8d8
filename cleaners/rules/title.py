"""The headline repeated at the top of the body: it is the ``title`` field, not article text."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..text import normalize_space
from ..report import Removal
from .context import RuleContext

# The headline is only looked for among the first blocks; later repeats may be quotes.
LEADING_BLOCKS = 3


def _key(text: str) -> str:
    return normalize_space(text).casefold().strip(" .:")


def strip_repeated_title(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    titles = {_key(t) for t in ctx.titles if t}
    if not titles:
        return []
    return [
        Removal("title", "repeats the headline", block.text, block=block.index)
        for block in blocks[:LEADING_BLOCKS]
        if _key(block.text) in titles
    ]

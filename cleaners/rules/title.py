"""The headline repeated at the top of the body: it is the ``title`` field, not article text."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..metadata.title import squash
from ..report import Removal
from .context import RuleContext
from .prompts import reading

# The headline is only looked for among the first blocks; later repeats may be quotes.
LEADING_BLOCKS = 3
# A kicker in front of the headline ("Umbau des Weissen Hauses", "Crónica") is a few words.
KICKER_WORDS = 8
# A shorter headline may end an ordinary sentence, so it is matched only as the whole block.
MIN_TAIL_WORDS = 5


def _repeat(block: Block, titles: dict[str, int], ctx: RuleContext) -> str | None:
    """Why ``block`` is the headline: as it is, or behind a kicker; None if it is not.
    ``titles`` maps each headline, squashed (see :func:`squash`), to its number of words. A lead
    quoting the headline ("Scholz sagte: „…“") is reporting, not a kicker."""
    text = squash(block.text)
    if text in titles:
        return "repeats the headline"
    for title, words in titles.items():
        if (
            words >= MIN_TAIL_WORDS and text.endswith(title) and block.words - words <= KICKER_WORDS
            and not reading(block, ctx).reported
        ):
            return "repeats the headline behind a kicker"
    return None


def strip_repeated_title(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    titles = {key: len(t.split()) for t in ctx.titles if t and (key := squash(t))}
    if not titles:
        return []
    removals = []
    for block in blocks[:LEADING_BLOCKS]:
        reason = _repeat(block, titles, ctx)
        if reason:
            removals.append(Removal("title", reason, block.text, block=block.index))
    return removals

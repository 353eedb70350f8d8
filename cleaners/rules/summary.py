"""Summary boxes: a label such as "Key points", "Das Wichtigste in Kürze" or "Kort fortalt" and the
list of sentences under it, which retell the article in brief."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block, list_after
from ..report import Removal
from .context import RuleContext

# The label is a heading or a line of its own ...
LABEL_WORDS = 6
# ... over a few short sentences: a longer item, or a longer list, is more than a summary.
ITEM_WORDS = 50
MAX_POINTS = 8
# A summary opens the article or closes it; this long a paragraph is the article itself (wire
# copy writes paragraphs of 25 to 40 words).
LONG_PARAGRAPH_WORDS = 25


def _points_under(blocks: Sequence[Block], label: int) -> list[Block]:
    """The list right after block ``label``, when it has the size of a summary."""
    items = list_after(blocks, label)
    return items if len(items) <= MAX_POINTS and all(item.words <= ITEM_WORDS for item in items) else []


def strip_summary_boxes(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """A summary label with its list, before the article's first long paragraph or after its last;
    a label without a list is kept (it may head a section), and so is one mid-article (a fact box)."""
    family = ctx.family("summary")
    long_paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph" and b.words >= LONG_PARAGRAPH_WORDS]
    removals = []
    for i, block in enumerate(blocks):
        if block.words > LABEL_WORDS or block.kind not in ("heading", "paragraph"):
            continue
        if long_paragraphs and long_paragraphs[0] < i < long_paragraphs[-1]:
            continue
        label = family.strong_hits(block.text)
        items = _points_under(blocks, i) if label else []
        if items:
            removals.append(Removal("summary", f"summary label {label[0]!r}", block.text, block=block.index))
            removals += [Removal("summary", "point of a summary box", item.text, block=item.index) for item in items]
    return removals

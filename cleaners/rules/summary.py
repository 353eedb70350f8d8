"""Summary boxes: a label such as "Key points", "Das Wichtigste in Kürze" or "Kort fortalt" and the
list of sentences under it, which retell the article in brief."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext

# The label is a heading or a line of its own ...
LABEL_WORDS = 6
# ... over a list of short sentences: a longer item is more than a summary point.
ITEM_WORDS = 50


def _list_under(blocks: Sequence[Block], label: int) -> list[Block]:
    """The list right after block ``label``, when every item is summary-sized."""
    items: list[Block] = []
    for block in blocks[label + 1 :]:
        if block.kind != "item" or (items and block.group != items[0].group):
            break
        items.append(block)
    return items if all(item.words <= ITEM_WORDS for item in items) else []


def strip_summary_boxes(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """A summary label with its list; a label without a list is kept (it may head a section)."""
    family = ctx.family("summary")
    removals = []
    for i, block in enumerate(blocks):
        if block.words > LABEL_WORDS or block.kind not in ("heading", "paragraph"):
            continue
        label = family.strong_hits(block.text)
        items = _list_under(blocks, i) if label else []
        if items:
            removals.append(Removal("summary", f"summary label {label[0]!r}", block.text, block=block.index))
            removals += [Removal("summary", "point of a summary box", item.text, block=item.index) for item in items]
    return removals

""""Read more" / "Related" / "Lire aussi" teasers, and the list of headlines under such a label."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# A teaser line is a label plus a headline.
RELATED_LIMITS = PromptLimits(sure_words=40, likely_words=30, weak_words=30)
# A list item longer than this is article text, even right under a label.
HEADLINE_WORDS = 25


def _list_under(blocks: Sequence[Block], label: int) -> list[Block]:
    """The list that starts right after block ``label``, if its items are all headline-sized."""
    following = blocks[label + 1 :]
    if not following or following[0].kind != "item":
        return []
    group = following[0].group
    items = []
    for block in following:
        if block.kind != "item" or block.group != group:
            break
        items.append(block)
    return items if all(item.words <= HEADLINE_WORDS for item in items) else []


def strip_related_teasers(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    removals = find_prompts(blocks, ctx, rule="related", family="related", limits=RELATED_LIMITS)
    taken = {r.block for r in removals}
    position = {block.index: i for i, block in enumerate(blocks)}
    for removal in list(removals):
        for item in _list_under(blocks, position[removal.block]):
            if item.index not in taken:
                taken.add(item.index)
                removals.append(Removal("related", "headline listed under a related-links label", item.text, block=item.index))
    return sorted(removals, key=lambda r: r.block)

""""Read more" / "Related" / "Lire aussi" teasers, the list of headlines under such a label, and
an unlabelled list of headlines closing the body ("Politik: Kanzler reist nach Paris").
"""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# A teaser line is a label plus a headline.
RELATED_LIMITS = PromptLimits(sure_words=40, likely_words=30, weak_words=30)
# A list item longer than this is article text, even right under a label.
HEADLINE_WORDS = 25
# An unlabelled closing list is taken for teasers only with this many items, most of them
# headline-shaped: "Kicker: a headline of a few words", no closing full stop, no figures (a fact
# box — "Wann: Samstag, 19 Uhr", "Eintritt: 12 Euro" — has the same shape but lists data).
TEASER_LIST_ITEMS = 3
KICKER_SHARE = 0.5
BODY_WORDS = 40
HEADLINE_MIN_WORDS = 4
_KICKER = re.compile(r"^[^:.!?]{2,60}:\s+(?P<headline>\D+)$")


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


def _closing_teaser_list(blocks: Sequence[Block]) -> list[Block]:
    """The last list of the body, if nothing but short blocks follow it and it reads as headlines."""
    last_body = max((i for i, b in enumerate(blocks) if b.kind == "paragraph" and b.words >= BODY_WORDS), default=-1)
    items = [b for b in blocks[last_body + 1 :] if b.kind == "item"]
    if not items:
        return []
    group = items[-1].group
    items = [b for b in items if b.group == group]
    if len(items) < TEASER_LIST_ITEMS or any(b.words > HEADLINE_WORDS or b.text.endswith((".", ";")) for b in items):
        return []
    kickers = 0
    for item in items:
        match = _KICKER.match(item.text)
        kickers += bool(match and len(match.group("headline").split()) >= HEADLINE_MIN_WORDS)
    return items if kickers / len(items) >= KICKER_SHARE else []


def strip_related_teasers(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    removals = find_prompts(blocks, ctx, rule="related", family="related", limits=RELATED_LIMITS)
    removals += [
        Removal("related", "closing list of headlines", item.text, block=item.index)
        for item in _closing_teaser_list(blocks)
        if item.index not in {r.block for r in removals}
    ]
    taken = {r.block for r in removals}
    position = {block.index: i for i, block in enumerate(blocks)}
    for removal in list(removals):
        for item in _list_under(blocks, position[removal.block]):
            if item.index not in taken:
                taken.add(item.index)
                removals.append(Removal("related", "headline listed under a related-links label", item.text, block=item.index))
    return sorted(removals, key=lambda r: r.block)

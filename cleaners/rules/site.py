"""Phrases a site's rule file names as its own boilerplate."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext


def strip_site_phrases(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    rules = ctx.site_rules
    if rules is None or not rules.drop_phrases:
        return []
    removals = []
    for block in blocks:
        for pattern in rules.drop_phrases:
            if pattern.search(block.text):
                reason = f"matches {pattern.pattern!r} from {rules.source}"
                removals.append(Removal("site-phrase", reason, block.text, block=block.index))
                break
    return removals

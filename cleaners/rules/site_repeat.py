"""Blocks the site repeats across many of its articles ("X is published by Y Media Group…").

The crawler learns them per site from the articles it writes (see ``crawler/learning.py``) and
passes their fingerprints in; this rule only matches whole blocks against them, so a learned
sentence is never cut out of a longer paragraph. If learned blocks would take more than
``RuleContext.learned_max_share`` of the page, they are all kept and a note says so: a page that is mostly
"repeated" text is more likely a near-copy of an earlier article than a page of boilerplate.
"""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..fingerprint import block_fingerprint
from ..report import Removal
from .context import RuleContext

def strip_learned_blocks(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    if not ctx.learned_blocks:
        return []
    found = [b for b in blocks if block_fingerprint(b.text) in ctx.learned_blocks]
    total = sum(len(b.text) for b in blocks)
    if total and sum(len(b.text) for b in found) / total > ctx.learned_max_share:
        ctx.notes.append(
            f"kept {len(found)} blocks learned as {ctx.site}'s boilerplate: they are over "
            f"{ctx.learned_max_share:.0%} of the page"
        )
        return []
    return [Removal("site-repeat", f"repeated in many articles of {ctx.site}", b.text, block=b.index) for b in found]

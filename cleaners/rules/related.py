""""Read more" / "Related" / "Lire aussi" teasers and the link lists that follow them."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# A teaser line is a label plus a headline; the list after it is mostly link text.
RELATED_LIMITS = PromptLimits(sure_words=40, likely_words=30, weak_words=30, linked_is_weak=True)


def strip_related_links(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="related", family="related", limits=RELATED_LIMITS)

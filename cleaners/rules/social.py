"""Social share and "follow us" prompts ("Share this article", "Folgen Sie uns auf Instagram")."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# Share bars are a few words; a longer block naming Facebook is more likely reporting.
SOCIAL_LIMITS = PromptLimits(sure_words=40, likely_words=25, weak_words=12)


def strip_social_prompts(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="social", family="social", limits=SOCIAL_LIMITS)

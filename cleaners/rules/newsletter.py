"""Newsletter and e-mail sign-up prompts ("Sign up to our free newsletters …")."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts


NEWSLETTER_LIMITS = PromptLimits(closing_words=250)


def strip_newsletter_signup(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="newsletter", family="newsletter", limits=NEWSLETTER_LIMITS)

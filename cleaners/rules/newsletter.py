"""Newsletter and e-mail sign-up prompts ("Sign up to our free newsletters …")."""

from __future__ import annotations

from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import find_prompts


def strip_newsletter_signup(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="newsletter", family="newsletter")

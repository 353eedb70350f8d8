"""Text rules, in the order they run, and the guarded runner that applies them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext, TextRule
from .byline import strip_author_bios, strip_bylines
from .newsletter import strip_newsletter_signup
from .notices import (
    strip_affiliate_disclaimers,
    strip_app_promos,
    strip_comment_prompts,
    strip_consent_notices,
    strip_contact_prompts,
    strip_copyright_lines,
    strip_markup_residue,
    strip_photo_credits,
    strip_support_appeals,
    strip_syndication_notes,
    strip_timestamps,
)
from .related import strip_related_teasers
from .repeats import strip_repeated_paragraphs
from .site import strip_site_phrases
from .site_repeat import strip_learned_blocks
from .social import strip_social_embeds, strip_social_prompts
from .summary import strip_summary_boxes
from .title import strip_repeated_title


@dataclass(frozen=True)
class Rule:
    id: str  # the key in reports and crawl stats
    apply: TextRule


RULES: tuple[Rule, ...] = (
    Rule("title", strip_repeated_title),
    Rule("site-phrase", strip_site_phrases),
    Rule("site-repeat", strip_learned_blocks),
    Rule("newsletter", strip_newsletter_signup),
    Rule("social", strip_social_prompts),
    Rule("embed", strip_social_embeds),
    Rule("related", strip_related_teasers),
    Rule("summary", strip_summary_boxes),
    Rule("byline", strip_bylines),
    Rule("bio", strip_author_bios),
    Rule("consent", strip_consent_notices),
    Rule("credit", strip_photo_credits),
    Rule("copyright", strip_copyright_lines),
    Rule("syndication", strip_syndication_notes),
    Rule("affiliate", strip_affiliate_disclaimers),
    Rule("support", strip_support_appeals),
    Rule("comments", strip_comment_prompts),
    Rule("contact", strip_contact_prompts),
    Rule("promo", strip_app_promos),
    Rule("timestamp", strip_timestamps),
    Rule("residue", strip_markup_residue),
    Rule("repeat", strip_repeated_paragraphs),
)
RULE_IDS = frozenset(rule.id for rule in RULES)


@dataclass(frozen=True)
class RuleOutcome:
    kept: list[Block]
    removals: tuple[Removal, ...]
    guard_tripped: bool
    would_remove: tuple[Removal, ...] = ()


def run_rules(
    blocks: Sequence[Block],
    ctx: RuleContext,
    *,
    max_removed_share: float,
    disabled: frozenset[str] = frozenset(),
) -> RuleOutcome:
    """Run every enabled rule; drop what they flag unless that would gut the page.

    The guard compares the removed text with the page's text, counting a block repeated on
    the page once: a notice stamped under every embed is template, not a sign of a misfire.
    """
    removals: list[Removal] = []
    claimed: set[int] = set()
    for rule in RULES:
        if rule.id in disabled:
            continue
        for removal in rule.apply(blocks, ctx):
            if removal.block not in claimed:  # first rule to claim a block explains it
                claimed.add(removal.block)
                removals.append(removal)
    removals.sort(key=lambda r: r.block)
    total = sum(len(text) for text in {b.text for b in blocks})
    removed = sum(len(text) for text in {b.text for b in blocks if b.index in claimed})
    if total and removed / total > max_removed_share:
        return RuleOutcome(list(blocks), (), True, tuple(removals))
    kept = [b for b in blocks if b.index not in claimed]
    return RuleOutcome(kept, tuple(removals), False)

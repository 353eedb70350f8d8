"""rules.run_rules: the guarded runner over every rule."""

from __future__ import annotations

import re

import pytest

from cleaners.rules import RULE_IDS, run_rules
from cleaners.rules.context import RuleContext
from cleaners.sites import SiteRules
from tests.rule_helpers import EN1, EN2, H, Item, make_blocks

NEWSLETTER = "Sign up to our free newsletters"


def test_rule_ids():
    assert RULE_IDS == {
        "title", "site-phrase", "site-repeat", "newsletter", "social", "embed", "related", "summary", "byline", "bio", "consent", "credit",
        "copyright", "syndication", "affiliate", "support", "comments", "contact", "promo", "timestamp", "residue", "repeat",
    }


def test_removed_blocks_leave_kept_in_order():
    blocks = make_blocks(EN1, EN2, NEWSLETTER)
    outcome = run_rules(blocks, RuleContext(), max_removed_share=0.5)
    assert [b.index for b in outcome.kept] == [0, 1]
    assert [(r.rule, r.block) for r in outcome.removals] == [("newsletter", 2)]
    assert not outcome.guard_tripped
    assert outcome.would_remove == ()


def test_guard_trips_when_too_much_would_go():
    blocks = make_blocks("Short intro paragraph.", NEWSLETTER, "You can unsubscribe at any time.")
    outcome = run_rules(blocks, RuleContext(), max_removed_share=0.5)
    assert outcome.guard_tripped
    assert outcome.removals == ()
    assert outcome.kept == blocks
    assert [(r.rule, r.block) for r in outcome.would_remove] == [("newsletter", 1), ("newsletter", 2)]


def test_guard_threshold_is_inclusive():
    blocks = make_blocks("x" * len(NEWSLETTER), NEWSLETTER)  # exactly half the characters
    at_limit = run_rules(blocks, RuleContext(), max_removed_share=0.5)
    assert not at_limit.guard_tripped and [r.block for r in at_limit.removals] == [1]
    below = run_rules(blocks, RuleContext(), max_removed_share=0.49)
    assert below.guard_tripped and below.removals == ()


def test_no_blocks():
    outcome = run_rules([], RuleContext(), max_removed_share=0.5)
    assert outcome.kept == [] and outcome.removals == () and not outcome.guard_tripped


def test_disabled_rules_are_skipped():
    blocks = make_blocks(EN1, EN2, NEWSLETTER, "Share this article")
    outcome = run_rules(blocks, RuleContext(), max_removed_share=0.5, disabled=frozenset({"newsletter"}))
    assert [(r.rule, r.block) for r in outcome.removals] == [("social", 3)]
    assert [b.index for b in outcome.kept] == [0, 1, 2]


def test_first_rule_to_claim_a_block_wins():
    # The block is the headline, a site phrase and a newsletter prompt: "title" runs first.
    blocks = make_blocks(NEWSLETTER, EN1, EN2)
    site = SiteRules(source="x.toml", drop_phrases=(re.compile("newsletters", re.I),))
    outcome = run_rules(blocks, RuleContext(titles=(NEWSLETTER,), site_rules=site), max_removed_share=0.5)
    assert [(r.rule, r.block) for r in outcome.removals] == [("title", 0)]
    outcome = run_rules(blocks, RuleContext(site_rules=site), max_removed_share=0.5)
    assert [(r.rule, r.block) for r in outcome.removals] == [("site-phrase", 0)]


def test_removals_are_sorted_by_block_not_by_rule_order():
    blocks = make_blocks(EN1, H("Related"), Item("Another story"), EN2, NEWSLETTER, "Share this article")
    outcome = run_rules(blocks, RuleContext(), max_removed_share=0.5)
    assert [(r.block, r.rule) for r in outcome.removals] == [
        (1, "related"),
        (2, "related"),
        (4, "newsletter"),
        (5, "social"),
    ]


@pytest.mark.parametrize("rule_id", sorted({"newsletter", "social", "related"}))
def test_each_prompt_rule_can_be_disabled(rule_id):
    blocks = make_blocks(EN1, "Read more: Another story", EN2, NEWSLETTER, "Share this article")
    outcome = run_rules(blocks, RuleContext(), max_removed_share=0.9, disabled=frozenset({rule_id}))
    rules = {r.rule for r in outcome.removals}
    assert rule_id not in rules
    assert rules == {"newsletter", "social", "related"} - {rule_id}

"""The share guard of rules.run_rules: a block repeated on the page counts once."""

from __future__ import annotations

from cleaners.rules import run_rules
from cleaners.rules.context import RuleContext
from tests.rule_helpers import make_blocks

SHARE = 0.5  # the crawler's default NEWSCLEAN_MAX_REMOVED_SHARE
PLACEHOLDER = "Accept cookies to view this content."
SHORT_ARTICLE = "The council approved the budget on Tuesday after a long debate about school repairs and parking fees."


def shares(blocks, removed_indexes):
    """(share counting every block, share counting each distinct text once)."""
    every = sum(len(b.text) for b in blocks if b.index in removed_indexes) / sum(len(b.text) for b in blocks)
    distinct_removed = {b.text for b in blocks if b.index in removed_indexes}
    distinct = sum(map(len, distinct_removed)) / sum(map(len, {b.text for b in blocks}))
    return every, distinct


def test_repeated_placeholder_counts_once():
    # Seven identical consent placeholders (one per embed) around a short article.
    blocks = make_blocks(PLACEHOLDER, SHORT_ARTICLE, *[PLACEHOLDER] * 6)
    placeholders = {b.index for b in blocks if b.text == PLACEHOLDER}
    assert len(placeholders) == 7
    every, distinct = shares(blocks, placeholders)
    assert every > SHARE >= distinct  # the test only means something if counting copies would trip

    outcome = run_rules(blocks, RuleContext(), max_removed_share=SHARE)
    assert not outcome.guard_tripped
    assert [(r.rule, r.block) for r in outcome.removals] == [("consent", i) for i in sorted(placeholders)]
    assert [b.text for b in outcome.kept] == [SHORT_ARTICLE]
    assert outcome.would_remove == ()


def test_distinct_removals_above_the_share_still_trip():
    notices = [PLACEHOLDER, "Photo: Getty Images", "All rights reserved.", "Comments are closed.", "5 min read"]
    blocks = make_blocks("Short intro.", *notices)
    outcome = run_rules(blocks, RuleContext(), max_removed_share=SHARE)
    assert outcome.guard_tripped
    assert outcome.removals == ()
    assert outcome.kept == blocks
    assert [(r.rule, r.block) for r in outcome.would_remove] == [
        ("consent", 1),
        ("credit", 2),
        ("copyright", 3),
        ("comments", 4),
        ("timestamp", 5),
    ]


def test_repeated_placeholder_still_trips_when_one_copy_outweighs_the_article():
    blocks = make_blocks("Short intro.", *[PLACEHOLDER] * 7)
    outcome = run_rules(blocks, RuleContext(), max_removed_share=SHARE)
    assert outcome.guard_tripped
    assert outcome.kept == blocks
    assert len(outcome.would_remove) == 7


def test_repeated_placeholders_do_not_hide_distinct_removals():
    # Copies count once, but the distinct notices on top of them still add up.
    notices = ["Photo: Getty Images", "All rights reserved.", "Comments are closed.", "Subscribe now to continue reading."]
    blocks = make_blocks(SHORT_ARTICLE, *[PLACEHOLDER] * 7, *notices)
    _, distinct = shares(blocks, set(range(1, len(blocks))))
    assert distinct > SHARE
    outcome = run_rules(blocks, RuleContext(), max_removed_share=SHARE)
    assert outcome.guard_tripped
    assert len(outcome.would_remove) == 11

"""rules/repeats.py: a paragraph the body already has, word for word (captions, pull quotes)."""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.rules.context import RuleContext
from cleaners.rules.repeats import strip_repeated_paragraphs
from tests.rule_helpers import EN1, EN2, Item, make_blocks

SENTENCE = "Currency collectors nationwide are on the hunt for rare dollar bills, paying up to $150,000 for a pair."
CAPTION = SENTENCE.rstrip(".")


def removed(*specs) -> dict[int, str]:
    return {r.block: r.reason for r in strip_repeated_paragraphs(make_blocks(*specs), RuleContext())}


def test_a_caption_restating_a_sentence_of_the_story_is_removed_wherever_it_stands():
    assert removed(EN1, SENTENCE, CAPTION, EN2) == {2: "repeats block 1 word for word"}
    assert removed(EN1, CAPTION, SENTENCE, EN2) == {1: "repeats block 2 word for word"}  # the one without a full stop


def test_a_paragraph_repeated_as_it_is_stays():
    # A question put to every candidate, a chorus, a recipe's step: repeated on purpose.
    question = "What is the most important issue facing the district, and how would you address it?"
    assert removed(EN1, question, EN2, question) == {}
    assert removed(SENTENCE, EN1, SENTENCE, EN2) == {}


def test_a_pull_quote_repeating_a_paragraph_goes():
    blocks = make_blocks(EN1, SENTENCE, EN2) + [Block(3, SENTENCE, "quote", 9)]
    assert [r.block for r in strip_repeated_paragraphs(blocks, RuleContext())] == [3]


def test_short_paragraphs_and_list_items_may_repeat():
    assert removed(EN1, "Here is what to look for:", EN2, "Here is what to look for:") == {}
    spec = "Draws 300W (estimated 10p per hour in use)"
    assert removed(EN1, Item(spec), Item("Holds 15kg of washing"), EN2, Item(spec), Item("Two year warranty")) == {}
    assert removed(EN1, SENTENCE, EN2, SENTENCE.replace("150,000", "120,000")) == {}  # not the same words

"""rules/summary.py: summary boxes, a label and the list of points under it."""

from __future__ import annotations

import pytest

from cleaners.rules.context import RuleContext
from cleaners.rules.summary import strip_summary_boxes
from tests.rule_helpers import EN1, EN2, SHORT_PARAGRAPHS, H, Item, check_removal, make_blocks, removed

CTX = RuleContext()


def run(*specs):
    return strip_summary_boxes(make_blocks(*specs), CTX)


POINTS = (
    Item("The court is deliberating the obligations of an occupying power."),
    Item("The blockade has lasted for more than sixty days."),
)


@pytest.mark.parametrize("label", ["Key points", "Summary", "Das Wichtigste in Kürze", "Kort fortalt", "En bref", "En resumen"])
def test_label_and_its_points_are_removed_at_the_top_and_at_the_end(label):
    removals = run(H(label), *POINTS, EN1, EN2)
    assert removed(removals) == {0: "summary", 1: "summary", 2: "summary"}
    check_removal(removals[0], rule="summary", block=0, text=label)
    assert removed(run(EN1, EN2, H(label), *POINTS)) == {2: "summary", 3: "summary", 4: "summary"}


def test_a_label_without_a_list_is_kept():
    assert run(EN1, H("Summary"), EN2) == []


def test_a_list_of_long_items_is_more_than_a_summary():
    long_item = Item(" ".join(["point"] * 60))
    assert run(H("Key points"), POINTS[0], long_item, EN1) == []


def test_a_list_under_another_heading_is_kept():
    assert run(H("What the council decided"), *POINTS, EN1) == []


def test_a_sentence_containing_the_label_words_is_not_a_label():
    assert run("In short, the council said no.", *POINTS, EN1) == []


def test_a_labelled_list_in_the_middle_of_the_article_is_kept():
    # Between the article's paragraphs it is a fact box or a section of the article.
    assert run(EN1, H("In short"), *POINTS, EN2) == []
    first, second = SHORT_PARAGRAPHS  # wire-style paragraphs, under 40 words
    assert run(first, H("In short"), *POINTS, second) == []


def test_a_long_list_is_more_than_a_summary():
    points = [Item(f"Point number {n} of the long list.") for n in range(10)]
    assert run(H("Key points"), *points, EN1, EN2) == []

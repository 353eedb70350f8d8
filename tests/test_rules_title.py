"""rules/title.py: the headline repeated at the top of the body."""

from __future__ import annotations

from cleaners.rules.context import RuleContext
from cleaners.rules.title import strip_repeated_title
from tests.rule_helpers import EN1, EN2, H, check_removal, make_blocks, removed

HEADLINE = "Council approves new budget"


def run(*specs, titles=(HEADLINE,)):
    return strip_repeated_title(make_blocks(*specs), RuleContext(titles=titles))


def test_headline_as_first_block_is_removed():
    removals = run(H(HEADLINE), EN1, EN2)
    assert len(removals) == 1
    check_removal(removals[0], rule="title", block=0, text=HEADLINE)


def test_case_spacing_and_trailing_punctuation_do_not_matter():
    assert removed(run("  COUNCIL approves   new budget. ", EN1)) == {0: "title"}
    assert removed(run(EN1, "Council approves new budget:", EN2)) == {1: "title"}


def test_only_the_leading_blocks_are_searched():
    assert removed(run(EN1, EN2, "intro", H(HEADLINE))) == {}
    assert removed(run(EN1, EN2, H(HEADLINE))) == {2: "title"}


def test_partial_match_is_kept():
    assert run(H("Council approves new budget after long debate"), EN1) == []
    assert run(H("New budget"), EN1) == []


def test_any_declared_headline_matches():
    titles = ("Budget approved | The Daily Example", "Council approves new budget")
    assert removed(run(H("Council approves new budget"), EN1, titles=titles)) == {0: "title"}


def test_no_titles_means_nothing_removed():
    assert run(H(HEADLINE), EN1, titles=()) == []
    assert run(H(HEADLINE), EN1, titles=("",)) == []


def test_headline_repeated_twice_at_top_both_go():
    assert removed(run(H(HEADLINE), HEADLINE, EN1)) == {0: "title", 1: "title"}


LONG = "Trump plant Helikopterlandeplatz – während sein Ballsaal-Projekt stockt"


def test_headline_behind_a_kicker_is_removed_glued_or_spaced():
    for block in (f"Umbau des Weissen Hauses {LONG}", f"Umbau des Weissen Hauses{LONG}", f"Umbau : {LONG}"):
        removals = run(H(block), EN1, titles=(LONG,))
        assert removed(removals) == {0: "title"}, block
        assert "kicker" in removals[0].reason


def test_a_sentence_ending_in_a_short_headline_or_a_long_lead_in_is_kept():
    # A short headline may end an ordinary sentence; a long text before the headline is not a kicker.
    assert run("The mayor said the council approves new budget", EN1) == []
    lead = "Two years after the first plans were presented to the public, in a long session the assembly decided: "
    assert run(lead + LONG, EN1, titles=(LONG,)) == []


def test_a_lead_quoting_the_headline_is_reporting_not_a_kicker():
    title = "Wir werden die Ukraine nicht im Stich lassen"
    lead = "Bundeskanzler Olaf Scholz sagte am Montag: „Wir werden die Ukraine nicht im Stich lassen.“"
    assert run(lead, EN1, titles=(title,)) == []
    assert run("Officials said on Sunday that ten people killed in Kyiv drone strike", EN1,
               titles=("Ten people killed in Kyiv drone strike",)) == []


def test_a_headline_ending_a_word_or_a_sentence_of_the_lead_is_not_behind_a_kicker():
    assert run("A second woman arrested after stabbing in Leeds city centre",
               titles=("Man arrested after stabbing in Leeds city centre",)) == []
    assert run("Congress has until midnight on Friday. So what happens if the US government shuts down?",
               titles=("What happens if the US government shuts down?",)) == []


def test_a_lead_introducing_the_quoted_headline_is_reporting():
    assert run("The mayor was defiant: “We will not give up on this city.”",
               titles=("“We will not give up on this city”",)) == []
    assert removed(run("Stadtrat Kassel: „Wir geben diese Stadt nicht auf“",
                       titles=("„Wir geben diese Stadt nicht auf“",))) == {0: "title"}

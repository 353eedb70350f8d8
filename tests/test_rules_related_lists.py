"""rules/related.py: unlabelled lists of headlines ("Politik: Kanzler reist nach Paris"), closing the body or within it."""

from __future__ import annotations

import pytest

from cleaners.rules import run_rules
from cleaners.rules.context import RuleContext
from cleaners.extract import parse_html
from cleaners.rules.related import HEADLINE_WORDS, KICKER_SHARE, TEASER_LIST_ITEMS, strip_related_teasers
from tests.rule_helpers import ARTICLE, EN1, EN2, SHORT_PARAGRAPHS, H, Item, check_removal, make_blocks, removed

DE1, DE2 = ARTICLE["de"]
HEADLINES = [
    "Politik: Kanzler reist nach Paris",
    "Wirtschaft: Inflation sinkt im Oktober",
    "Sport: Bayern verliert in Dortmund",
]


def teaser_page(links=()):
    """A page whose links have these texts (kicker and headline in separate elements, as teaser
    markup has them)."""
    anchors = "".join(f'<a href="/{n}"><span>{t.split(": ", 1)[0]}</span> {t.split(": ", 1)[-1]}</a>' for n, t in enumerate(links))
    return parse_html(f"<html><body><p>Article</p><nav>{anchors}</nav></body></html>")


def run(*specs, links=()):
    """The rule on these blocks; ``links``: texts of the page's links."""
    return strip_related_teasers(make_blocks(*specs), RuleContext(page=teaser_page(links)))


def rule_ids(*specs, links=()) -> dict[int, str]:
    outcome = run_rules(make_blocks(*specs), RuleContext(page=teaser_page(links)), max_removed_share=1.0)
    return {r.block: r.rule for r in outcome.removals}


def items(*texts):
    return [Item(t) for t in texts]


def test_closing_headline_list_is_removed():
    removals = run(DE1, DE2, *items(*HEADLINES), links=HEADLINES)
    assert removed(removals) == {2: "related", 3: "related", 4: "related"}
    for i, removal in enumerate(removals):
        check_removal(removal, rule="related", block=2 + i, text=HEADLINES[i])
        assert "headlines" in removal.reason
    # Through the whole rule chain, "related" is the rule that claims them.
    assert rule_ids(DE1, DE2, *items(*HEADLINES), links=HEADLINES) == {2: "related", 3: "related", 4: "related"}


def test_a_closing_list_of_facts_shaped_like_teasers_is_kept_when_not_linked():
    facts = ["Evictions: Landlords must give a legal reason to end a tenancy",
             "Rent rises: Increases are allowed only once a year and can be challenged at a tribunal",
             "Pets: Tenants can ask to keep a pet and landlords cannot unreasonably refuse"]
    assert run(EN1, EN2, *items(*facts)) == []
    assert len(run(EN1, EN2, *items(*facts), links=facts)) == 3


def test_a_teaser_may_link_several_headlines_after_its_kicker():
    series = ["Podcast series: The archive | Deadly dosimeter", "Profiles: Michal Redl | Pavel Kos | Petr Hlubucek",
              "Raids: In Prague | In Ricany"]
    links = [h for item in series for h in item.split(": ", 1)[1].split(" | ")]
    assert len(run(EN1, EN2, *items(*series), links=links)) == 3
    assert run(EN1, EN2, *items(*series), links=links[:-1]) != []  # two of three linked: still over half
    assert run(EN1, EN2, *items(*series), links=links[:2]) == []


def test_english_closing_headline_list_is_removed():
    headlines = ["Politics: PM flies to Paris", "Business: Inflation falls again", "Sport: Arsenal lose at home"]
    assert removed(run(EN1, EN2, *items(*headlines), links=headlines)) == {2: "related", 3: "related", 4: "related"}


def test_short_paragraph_after_the_list_does_not_protect_it():
    assert removed(run(DE1, DE2, *items(*HEADLINES), "Mehr Nachrichten", links=HEADLINES)) == {2: "related", 3: "related", 4: "related"}


def test_half_of_the_items_with_a_kicker_is_enough():
    assert KICKER_SHARE == 0.5
    texts = [HEADLINES[0], HEADLINES[1], "Bayern verliert in Dortmund", "Neue Regeln für Mieter"]
    assert removed(run(DE1, DE2, *items(*texts), links=texts)) == {2: "related", 3: "related", 4: "related", 5: "related"}


def test_item_of_exactly_headline_length_is_still_a_headline():
    longest = "Politik: " + " ".join(["Wort"] * (HEADLINE_WORDS - 1))
    assert make_blocks(longest)[0].words == HEADLINE_WORDS
    texts = [HEADLINES[0], HEADLINES[1], longest]
    assert removed(run(DE1, DE2, *items(*texts), links=texts)) == {2: "related", 3: "related", 4: "related"}


# --- kept --------------------------------------------------------------------------------------


def test_fewer_than_three_items_are_kept():
    assert TEASER_LIST_ITEMS == 3
    assert run(DE1, DE2, *items(*HEADLINES[:2])) == []


@pytest.mark.parametrize("end", [".", ";"])
def test_items_ending_like_sentences_are_kept(end):
    assert run(DE1, DE2, *items(*(h + end for h in HEADLINES))) == []
    # One such item is enough.
    assert run(DE1, DE2, *items(HEADLINES[0], HEADLINES[1], HEADLINES[2] + end)) == []


def test_list_with_a_long_item_is_kept():
    assert HEADLINE_WORDS == 25
    too_long = "Politik: " + " ".join(["Wort"] * HEADLINE_WORDS)
    assert make_blocks(too_long)[0].words == HEADLINE_WORDS + 1
    assert run(DE1, DE2, *items(HEADLINES[0], HEADLINES[1], too_long)) == []


def test_linked_headline_list_within_the_body_is_removed():
    removals = run(DE1, *items(*HEADLINES), DE2, links=HEADLINES)
    assert removed(removals) == {1: "related", 2: "related", 3: "related"}
    assert {r.reason for r in removals} == {"list of headlines"}


def test_the_heading_of_a_removed_list_goes_with_it():
    label = "Exklusive Politik-Hintergründe – für Sie recherchiert"
    removals = run(DE1, H(label), *items(*HEADLINES), DE2, links=HEADLINES)
    assert removed(removals) == {1: "related", 2: "related", 3: "related", 4: "related"}
    (heading,) = [r for r in removals if r.block == 1]
    check_removal(heading, rule="related", block=1, text=label)
    assert heading.reason == "heading of a removed list of links"


def test_a_heading_stays_when_its_list_stays_or_text_comes_between():
    label = "Die wichtigsten Punkte"
    facts = ["What changes: landlords must register every flat", "Who pays: the owners of empty homes",
             "Why now: rents have doubled in ten years"]
    assert run(EN1, H(label), *items(*facts), EN2) == []
    assert removed(run(DE1, H(label), DE2, *items(*HEADLINES), links=HEADLINES)) == {3: "related", 4: "related", 5: "related"}


def test_within_the_body_the_same_list_without_links_is_kept():
    # A fact box has the shape of teasers: "What changes: landlords must register …"
    facts = ["What changes: landlords must register every flat", "Who pays: the owners of empty homes",
             "Why now: rents have doubled in ten years"]
    assert run(EN1, *items(*facts), EN2) == []
    assert run(DE1, *items(*HEADLINES), DE2) == []


def test_within_the_body_three_quarters_of_the_items_need_a_kicker():
    three_of_four = items(*HEADLINES, "Neue Regeln für Mieter")
    linked = [*HEADLINES, "Neue Regeln für Mieter", "Bayern verliert in Dortmund"]
    assert removed(run(DE1, *three_of_four, DE2, links=linked)) == {1: "related", 2: "related", 3: "related", 4: "related"}
    half = items(HEADLINES[0], HEADLINES[1], "Bayern verliert in Dortmund", "Neue Regeln für Mieter")
    assert run(DE1, *half, DE2, links=linked) == []
    # the same list closing the body goes when half of it is linked
    assert len(run(DE1, DE2, *half, links=linked[2:])) == 4


def test_bullet_points_with_figures_or_full_stops_within_the_body_are_kept():
    points = ["Wann: Samstag, 19 Uhr", "Wo: Stadthalle am Markt", "Eintritt: 12 Euro"]
    assert run(DE1, *items(*points), DE2, links=points) == []
    sentences = [h + "." for h in HEADLINES]
    assert run(DE1, *items(*sentences), DE2, links=HEADLINES) == []


def test_list_with_fewer_than_half_kicker_items_is_kept():
    specs = items(HEADLINES[0], "Inflation sinkt im Oktober", "Bayern verliert in Dortmund")
    assert run(DE1, DE2, *specs) == []


def test_closing_fact_box_is_kept():
    # A closing info box ("Wann:/Wo:/Eintritt:") has the "Kicker: text" shape, but lists data.
    box = items("Wann: Samstag, 12. Oktober, 19 Uhr", "Wo: Stadthalle Kassel", "Eintritt: 12 Euro, ermäßigt 8 Euro")
    assert rule_ids(DE1, DE2, *box) == {}


@pytest.mark.parametrize(
    "specs",
    [
        ("Energy: a new pipeline linking the two countries", "Trade: lower tariffs on farm goods and machinery",
         "Security: joint patrols along the shared border"),
        ("Mieterhöhungen: höchstens in Höhe der Inflation", "Kaution: Rückzahlung innerhalb von zwei Wochen",
         "Reparaturen: dringende Mängel müssen sofort behoben werden"),
    ],
    ids=["en", "de"],
)
def test_closing_list_of_facts_after_labels_is_kept(specs):
    # A headline after its kicker starts with a capital; these facts mostly do not.
    assert run(DE1, DE2, *items(*specs)) == []


def test_closing_list_of_quoted_headlines_is_removed():
    texts = ["Familie: „Tradwives“ – wie radikale Rechte den Herd politisieren", *HEADLINES[1:]]
    assert len(run(DE1, DE2, *items(*texts), links=texts)) == 3


def test_closing_timeline_is_kept():
    timeline = items("March 2020: The first national lockdown is announced", "June 2021: The last restrictions are lifted",
                     "May 2023: The inquiry publishes its first report")
    assert run(EN1, EN2, *timeline) == []


def test_a_list_between_wire_style_paragraphs_is_not_a_closing_list():
    first, second = SHORT_PARAGRAPHS
    assert run(first, *items(*HEADLINES), second) == []
    assert len(run(first, second, *items(*HEADLINES), links=HEADLINES)) == 3


STORIES = [
    "Canada's unemployment rate drops to 6.6% as economy gains 88,000 jobs",
    "Matthew Lau: Keep out of Tim Hortons' hiring choices",
]


def run_linked(*specs, links=()):
    """The rule with ``links`` on the page, each as one link's whole text."""
    anchors = "".join(f'<li><a href="/story/{n}">{text}</a></li>' for n, text in enumerate(links))
    page = parse_html(f"<html><body><p>Article</p><ul>{anchors}</ul></body></html>")
    return strip_related_teasers(make_blocks(*specs), RuleContext(page=page))


def test_a_list_of_headlines_that_are_whole_links_to_other_stories_is_removed():
    with_ad = [*STORIES, "Advertisement"]  # an ad slot in the list does not make it the article's
    removals = run_linked(EN1, *items(*with_ad), EN2, links=STORIES)
    assert removed(removals) == {1: "related", 2: "related"}
    assert {r.reason for r in removals} == {"list of links to other stories"}


def test_linked_lists_that_are_the_articles_stay():
    assert run_linked(EN1, *items(*STORIES), EN2) == []  # the same lines, not links
    assert run_linked(EN1, *items(STORIES[0]), EN2, links=STORIES) == []  # one link is a citation
    sentences = [s + "." for s in STORIES]
    assert run_linked(EN1, *items(*sentences), EN2, links=sentences) == []  # sentences about the links
    names = ["Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni"]  # linked names, short of a headline
    assert run_linked(EN1, *items(*names), EN2, links=names) == []
    mostly_text = [*STORIES, "The first report came out in May", "The second in June", "A third is due"]
    assert run_linked(EN1, *items(*mostly_text), EN2, links=STORIES) == []

"""cleaners.metadata.title: which declaration gives the headline, and what is cut off it."""

from __future__ import annotations

import pytest

from cleaners import clean_html
from cleaners.metadata.title import headline
from tests.meta_helpers import article, ld, meta, page, parsed


def title_of(head: str = "", body: str = "<p>text</p>", url: str | None = "https://www.example.com/a",
             fallback: str | None = None) -> str | None:
    tree, signals = parsed(head, body, url)
    return headline(tree, signals, lambda: fallback)


OG = meta("og:title", "The og title of the story")
H1 = "<h1>The visible headline of the story</h1>"


# --- which declaration wins -------------------------------------------------------------


def test_json_ld_headline_wins_and_is_unescaped():
    head = ld({"@type": "NewsArticle", "headline": "Tom &amp; Jerry &quot;win&quot; the cup"}) + OG
    assert title_of(head, H1) == 'Tom & Jerry "win" the cup'


def test_og_title_when_no_json_ld_headline():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05"}) + OG
    assert title_of(head, H1) == "The og title of the story"


@pytest.mark.parametrize("tag", ['<meta name="headline" content="{}">', '<meta itemprop="headline" content="{}">'])
@pytest.mark.parametrize("social", ["The stated headline-Politik", "The stated headline | Politik", "The stated headline"])
def test_a_headline_meta_tag_another_title_confirms_comes_before_og_title(tag, social):
    """A page without JSON-LD can state schema.org's headline in a meta tag; its og:title glues a section on."""
    head = tag.format("The stated headline") + meta("og:title", social)
    assert title_of(head, H1) == "The stated headline"


def test_json_ld_headline_comes_before_a_headline_meta_tag():
    head = ld({"@type": "NewsArticle", "headline": "The JSON-LD headline"}) + '<meta name="headline" content="The og title of the story">' + OG
    assert title_of(head, H1) == "The JSON-LD headline"


@pytest.mark.parametrize("teaser", ["A related story in the sidebar", "The og title", "… and what came after"],
                         ids=["another-headline", "the-start-of-this-one", "a-fragment"])
def test_a_headline_meta_tag_no_other_title_confirms_is_another_storys(teaser):
    """Microdata metas sit in teaser cards too, with other stories' headlines, which may open with
    the same words as this one."""
    body = f'<aside><div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="headline" content="{teaser}"></div></aside>'
    assert title_of(OG, H1 + body) == "The og title of the story"


@pytest.mark.parametrize("value, social, title", [
    ("Politics", "Politics: the budget vote tonight", "Politics: the budget vote tonight"),
    ("Example Times Online", "Example Times Online | Budget vote tonight", "Budget vote tonight"),
], ids=["too-short", "the-site-name"])
def test_a_headline_meta_tag_too_short_or_naming_the_site_is_not_taken(value, social, title):
    head = f'<meta name="headline" content="{value}">' + meta("og:site_name", "Example Times Online") + meta("og:title", social)
    assert title_of(head, H1) == title


def test_visible_h1_when_no_declared_title():
    assert title_of("", H1, fallback="The SEO title") == "The visible headline of the story"


def test_title_element_when_nothing_else():
    """No JSON-LD, og:title or <h1>: the <title> (trafilatura's title) is used, site name cut."""
    result = clean_html(page(title="Budget approved by the council | Example"), url="https://www.example.com/a")
    assert result.meta.title == "Budget approved by the council"


# --- site name, date and section cut off ------------------------------------------------


@pytest.mark.parametrize("separator", [" | ", " - ", " – ", " — ", " • ", "｜", "：", "ㅣ", " ㅣ "])
def test_site_name_suffix_is_cut_for_each_separator(separator):
    head = meta("og:title", f"Budget approved by the council{separator}Tagesblatt") + meta("og:site_name", "Tagesblatt")
    assert title_of(head) == "Budget approved by the council"


def test_site_name_prefix_is_cut():
    head = meta("og:title", "Tagesblatt | Budget approved by the council") + meta("og:site_name", "Tagesblatt")
    assert title_of(head) == "Budget approved by the council"


def test_json_ld_publisher_name_is_cut():
    head = ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "The Daily Paper"}})
    head += meta("og:title", "Budget approved by the council — The Daily Paper")
    assert title_of(head) == "Budget approved by the council"


@pytest.mark.parametrize("suffix", ["Tagesblatt Online", "TAGESBLATT ONLINE", "tagesblatt.de"])
def test_the_site_names_web_edition_is_cut_too(suffix):
    head = meta("og:title", f"Budget approved by the council | {suffix}") + meta("og:site_name", "Tagesblatt")
    assert title_of(head, url="https://www.tagesblatt.de/a") == "Budget approved by the council"


@pytest.mark.parametrize("part, site_name", [("Shopping Online", "Tagesblatt"), ("Online", "@")],
                         ids=["another-name", "a-site-name-of-no-letters"])
def test_a_part_naming_something_else_online_is_kept(part, site_name):
    head = meta("og:title", f"Budget approved by the council | {part}") + meta("twitter:site", site_name, attribute="name")
    assert title_of(head) == f"Budget approved by the council | {part}"


def test_host_name_is_cut():
    head = meta("og:title", "Budget approved by the council - Golem.de")
    assert title_of(head, url="https://www.golem.de/news/a") == "Budget approved by the council"


def test_umlaut_site_name_matches_its_folded_host():
    head = meta("og:title", "Neue Zinsen für Sparer - Börsen-Zeitung")
    assert title_of(head, url="https://www.boersen-zeitung.de/banken/a") == "Neue Zinsen für Sparer"


def test_accented_site_name_matches_its_host():
    head = meta("og:title", "El Gobierno aprueba el presupuesto | Diario Económico")
    assert title_of(head, url="https://www.diarioeconomico.es/a") == "El Gobierno aprueba el presupuesto"


def test_the_sites_slogan_after_its_name_is_cut_too():
    head = meta("og:title", "Gemeente keurt begroting goed | Voorbeeldkrant - Het laatste nieuws het eerst")
    assert title_of(head + meta("og:site_name", "Voorbeeldkrant")) == "Gemeente keurt begroting goed"
    # a long part after the name is the headline going on, not a slogan
    long = "Prijs voor | Voorbeeldkrant - en de jury legt in een lange verklaring uit waarom de krant won"
    assert title_of(meta("og:title", long) + meta("og:site_name", "Voorbeeldkrant")) == long


def test_a_headline_cut_short_with_an_ellipsis_gives_way_to_the_whole_one():
    full = "Council approves the transport budget after a marathon debate that ran past midnight"
    head = ld({"@type": "NewsArticle", "headline": full[:40] + "…"}) + meta("og:title", full)
    assert title_of(head) == full
    assert title_of(ld({"@type": "NewsArticle", "headline": "Wait for it..."}) + OG) == "Wait for it..."


def test_trailing_site_and_date_parts_are_cut():
    head = meta("og:title", "Ukraine war: what comes next | DW | 28.04.2023")
    assert title_of(head, url="https://www.dw.com/en/a") == "Ukraine war: what comes next"


def test_trailing_section_from_article_section_is_cut():
    head = meta("og:title", "Budget approved by the council | Lokales") + meta("article:section", "Lokales")
    assert title_of(head) == "Budget approved by the council"


def test_headline_with_its_own_dash_part_is_kept_whole():
    head = meta("og:title", "Trump plant X – während Y stockt")
    assert title_of(head, url="https://www.spiegel.de/politik/a") == "Trump plant X – während Y stockt"


def test_headline_part_containing_the_site_word_is_kept():
    head = meta("og:title", "Trump plant X – während die Welt zuschaut")
    assert title_of(head, url="https://www.welt.de/politik/a") == "Trump plant X – während die Welt zuschaut"


def test_headline_part_containing_the_host_label_news_is_kept():
    head = meta("og:title", "Budget approved – good news for bus riders")
    assert title_of(head, url="https://news.sky.com/story/a") == "Budget approved – good news for bus riders"


def test_a_short_suffix_after_the_visible_headline_is_cut():
    # The site name is declared nowhere, but the page shows the headline without it.
    head = meta("og:title", "„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung")
    assert title_of(head, "<h1>„Unermüdlicher Einsatz“</h1>", url="https://www.tageszeitung.it/a") == "„Unermüdlicher Einsatz“"
    head = ld({"@type": "NewsArticle", "headline": "Thioune fordert Geduld mit Niemiec | Sport"})
    assert title_of(head, "<h1>Thioune fordert Geduld mit Niemiec</h1>") == "Thioune fordert Geduld mit Niemiec"


def test_a_longer_tail_after_the_visible_headline_is_kept():
    # The declared headline goes on with a clause of its own: it is the fuller headline, not a suffix.
    declared = "Budget approved – council promises more buses, cheaper tickets and longer opening hours for libraries"
    assert title_of(meta("og:title", declared), "<h1>Budget approved</h1>") == declared
    assert title_of(meta("og:title", "Budget approvedly"), "<h1>Budget approved</h1>") == "Budget approvedly"
    subtitle = "Biden wins Pennsylvania - and with it the presidency"
    assert title_of(meta("og:title", subtitle), "<h1>Biden wins Pennsylvania</h1>") == subtitle


SEARCH = "Council approves 2025 budget: what changes for bus fares"
EDITORIAL = "Cheaper buses, longer library hours: the council's budget"


def test_og_title_wins_over_a_json_ld_headline_that_is_the_search_title():
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", EDITORIAL) + meta("og:site_name", "Tagesblatt")
    assert title_of(head, H1, fallback=f"{SEARCH} | Tagesblatt") == EDITORIAL


def test_the_search_title_is_recognised_behind_the_sites_web_edition_name():
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", EDITORIAL) + meta("og:site_name", "Tagesblatt")
    assert title_of(head, H1, fallback=f"{SEARCH} - Tagesblatt Online") == EDITORIAL


def test_the_search_title_is_recognised_across_case_and_punctuation():
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", EDITORIAL)
    assert title_of(head, fallback="Council Approves 2025 Budget - What Changes For Bus Fares") == EDITORIAL


@pytest.mark.parametrize("page_title", [None, EDITORIAL, "Tagesblatt", f"Live: {SEARCH}"])
def test_json_ld_headline_stays_first_unless_it_is_the_search_title(page_title):
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", EDITORIAL)
    assert title_of(head, fallback=page_title) == SEARCH


def test_an_editorial_og_title_with_the_site_name_after_it_still_wins():
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", f"{EDITORIAL} | Tagesblatt") + meta("og:site_name", "Tagesblatt")
    assert title_of(head, fallback=f"{SEARCH} | Tagesblatt") == EDITORIAL


@pytest.mark.parametrize("social", ["Tagesblatt", "Tagesblatt | Nachrichten aus der Region", "Short one",
                                    "Tagesblatt Online-Ausgabe"])
def test_an_og_title_naming_the_site_or_too_short_is_no_editorial_headline(social):
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", social) + meta("og:site_name", "Tagesblatt")
    head += meta("og:site_name", "Tagesblatt Online-Ausgabe")
    assert title_of(head, fallback=f"{SEARCH} | Tagesblatt") == SEARCH


def test_the_search_title_rule_needs_a_different_og_title():
    head = ld({"@type": "NewsArticle", "headline": SEARCH}) + meta("og:title", f"{SEARCH} | Tagesblatt")
    head += meta("og:site_name", "Tagesblatt")
    assert title_of(head, fallback=SEARCH) == SEARCH


def test_a_kicker_before_the_og_title_is_dropped():
    head = ld({"@type": "NewsArticle", "headline": "Neue Leipziger Schule: Judy Lybke, ganz und gar nicht eigenartig"})
    head += meta("og:title", "Judy Lybke, ganz und gar nicht eigenartig | n-tv.de")
    assert title_of(head, url="https://www.n-tv.de/a") == "Judy Lybke, ganz und gar nicht eigenartig"


def test_an_og_title_that_only_ends_the_headline_without_a_colon_is_not_taken():
    head = ld({"@type": "NewsArticle", "headline": "Why the council finally approved the budget"})
    head += meta("og:title", "approved the budget")
    assert title_of(head) == "Why the council finally approved the budget"


# --- the visible <h1> -------------------------------------------------------------------


def test_logo_h1_equal_to_the_site_name_is_skipped():
    body = "<h1>Example Daily News</h1><h1>Budget approved by the council</h1>"
    head = meta("og:site_name", "Example Daily News")
    assert title_of(head, body) == "Budget approved by the council"


@pytest.mark.parametrize("logo", [
    '<h1 class="site-logo"><a href="/">The Riverside Daily Ledger</a></h1>',
    '<a href="https://www.riversideledger.example/"><h1>The Riverside Daily Ledger</h1></a>',
    '<h1 id="masthead">The Riverside Daily Ledger</h1>',
])
def test_an_undeclared_logo_h1_is_not_the_headline(logo):
    body = logo + "<article><h1>Council approves transit plan</h1><p>text</p></article>"
    head = "<title>Council approves transit plan | The Riverside Daily Ledger</title>"
    assert title_of(head, body, url="https://www.riversideledger.example/news/transit") == "Council approves transit plan"
    # A headline linking to its own article is not a logo.
    linked = '<h1><a href="/news/transit">Council approves transit plan</a></h1>'
    assert title_of("", linked, url="https://www.riversideledger.example/news/transit") == "Council approves transit plan"


def test_h1_containing_the_site_word_is_not_a_logo():
    body = "<h1>Welt-Klimagipfel beschließt neue Ziele</h1>"
    assert title_of("", body, url="https://www.welt.de/a", fallback="fallback") == "Welt-Klimagipfel beschließt neue Ziele"


def test_h1_kicker_spans_are_joined_as_rendered():
    body = '<h1><span class="kicker">Haushalt:</span> <span class="title">Rat beschließt das Budget</span></h1>'
    assert title_of("", body) == "Haushalt: Rat beschließt das Budget"


def test_h1_line_break_renders_as_a_space():
    assert title_of("", "<h1>Rat beschließt<br>das neue Budget</h1>") == "Rat beschließt das neue Budget"


def test_h1_title_through_clean_html():
    """End to end: with no declarations the <h1> beats the <title>."""
    html = page(body=article(before="<h1>Budget approved by the council</h1>"), title="SEO: budget news | Example")
    assert clean_html(html, url="https://www.example.com/a").meta.title == "Budget approved by the council"


def test_headline_variants_are_the_declared_ones_and_the_headlines_h1_not_section_h1s():
    from cleaners.metadata.title import headline_variants

    tree, signals = parsed(OG, "<h1>Site</h1>" + H1 + "<p>text</p><h1>How the new levy would actually work</h1>")
    assert headline_variants(tree, signals, "The chosen title") == (
        "The chosen title", "The og title of the story", "The visible headline of the story")


@pytest.mark.parametrize(
    "a, b",
    [("Diario Económico", "diarioeconomico"), ("Börsen-Zeitung", "BOERSEN_ZEITUNG"), ("Straße", "strasse"), ("n-tv NACHRICHTEN", "ntv nachrichten")],
)
def test_names_are_compared_across_spellings_accents_and_case(a, b):
    from cleaners.metadata.title import squash

    assert squash(a) == squash(b) != ""

"""rules/related.py: "Read more" / "Lire aussi" teasers and the headline lists under them."""

from __future__ import annotations

import lxml.html
import pytest

from cleaners.rules.context import RuleContext
from cleaners.rules import related
from cleaners.rules.related import strip_related_teasers
from tests.rule_helpers import ARTICLE, EN1, EN2, H, Item, check_removal, make_blocks, removed

CTX = RuleContext()


def run(*specs):
    return strip_related_teasers(make_blocks(*specs), CTX)


TEASERS = {
    "en": "Read more: Council approves new budget",
    "fr": "Lire aussi : Le conseil adopte le budget",
    "de": "Lesen Sie auch: Stadtrat beschließt Haushalt",
    "es": "Lee también: El ayuntamiento aprueba el presupuesto",
}


@pytest.mark.parametrize("lang", sorted(TEASERS))
def test_teaser_line_mid_body_is_removed(lang):
    a, b = ARTICLE[lang]
    removals = run(a, TEASERS[lang], b)
    assert len(removals) == 1
    check_removal(removals[0], rule="related", block=1, text=TEASERS[lang])


LABELS = {"en": "Related", "fr": "Sur le même sujet", "de": "Mehr zum Thema", "es": "Noticias relacionadas"}


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_label_and_headline_list_at_end_are_removed(lang):
    a, b = ARTICLE[lang]
    removals = run(a, b, H(LABELS[lang]), Item("Headline of another story"), Item("And one more headline"))
    assert removed(removals) == {2: "related", 3: "related", 4: "related"}
    check_removal(removals[1], rule="related", block=3)
    assert "headline" in removals[1].reason


def test_a_labelled_headline_that_reports_is_still_a_teaser():
    teaser = "READ NEXT: Cape Town heads into a weekend of shifting skies, says weather service"
    assert removed(run(EN1, EN2, teaser)) == {2: "related"}
    assert removed(run(EN1, teaser, EN2)) == {1: "related"}
    assert run(EN1, "Cape Town heads into a weekend of shifting skies, says weather service", EN2) == []


@pytest.mark.parametrize("label", ["Most read", "You may also like", "Recommended:", "More on this story"])
def test_english_labels_as_paragraphs(label):
    assert removed(run(EN1, EN2, label, Item("Bank raises rates again"))) == {2: "related", 3: "related"}


@pytest.mark.parametrize("label", ["Read more", "Read More.", "Recommended Videos", "Related stories", "Follow along with the latest updates below."])
def test_bare_english_labels_mid_body_are_removed(label):
    assert removed(run(EN1, label, EN2)) == {1: "related"}


def test_label_with_headline_list_mid_body_is_removed():
    removals = run(EN1, H("Related"), Item("Bank raises rates again"), Item("Mayor defends plan"), EN2)
    assert removed(removals) == {1: "related", 2: "related", 3: "related"}


def test_more_from_a_source_is_a_label_and_more_from_an_event_a_section_heading():
    points = (Item("The judge refused to delay the trial"), Item("The defence will call nine witnesses"))
    assert run(EN1, H("More from the hearing"), *points, EN2) == []
    assert removed(run(EN1, H("More from The Courier"), *points, EN2)) == {1: "related", 2: "related", 3: "related"}


def test_list_without_a_label_is_kept():
    assert run(EN1, Item("Bank raises rates again"), EN2) == []
    assert run(EN1, EN2, Item("Bank raises rates again")) == []


def test_paragraph_after_a_label_is_kept():
    text = (
        "The council's earlier decision on the matter was reported last year by several outlets and remains "
        "controversial among residents of the northern districts who opposed it from the start."
    )
    assert removed(run(EN1, EN2, H("Related"), text)) == {2: "related"}


def test_list_with_a_long_item_under_a_label_is_kept():
    long_item = " ".join(["word"] * 30)
    assert removed(run(EN1, EN2, H("Related"), Item("Short headline"), Item(long_item))) == {2: "related"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more than 20 books a year and you will live longer, one study suggests.",
        "Related charges were dropped on Monday.",
        "Recommended doses vary from one patient to the next.",
    ],
)
def test_english_sentences_starting_with_a_label_word_are_kept(sentence):
    assert run(EN1, sentence, EN2) == []


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("de", "Zum Thema Klimaschutz äußerte sich der Minister am Dienstag nicht."),
        ("de", "Auch interessant ist die Frage, wie die Stadt den Umbau der Schulen finanzieren will."),
        ("es", "Más información sobre el proceso de selección se publicará el lunes en la web municipal."),
        ("fr", "Lire aussi les mémoires du général permet de comprendre ses choix pendant la guerre."),
    ],
    ids=["de-zum-thema", "de-auch-interessant", "es-mas-informacion", "fr-lire-aussi"],
)
def test_article_sentences_starting_with_a_label_phrase_are_kept(lang, sentence):
    a, b = ARTICLE[lang]
    assert run(a, sentence, b) == []


def test_spanish_more_information_label_goes_before_a_headline_not_before_a_sentence():
    a, b = ARTICLE["es"]
    assert run(a, b, "Más información: el plazo para presentar alegaciones termina el 30 de septiembre.") == []
    assert len(run(a, b, "Más información: El ayuntamiento aprueba el presupuesto")) == 1


# --- teaser cards: a headline rendered twice, its summary; "LABEL | headline" -------------------

CARD_1 = "The GOP Primary Debate Was a Tedious Mess"
CARD_2 = "Mike Johnson’s Art of the Deal"
DEK = "Ron DeSantis and Nikki Haley clearly despise each other, but neither emerged as the obvious number two."


def test_teaser_cards_with_doubled_headlines_and_their_summaries_are_removed():
    removals = run(EN1, EN2, f"{CARD_1} {CARD_1}", DEK, f"{CARD_2} {CARD_2}", DEK + " Again.")
    assert removed(removals) == {2: "related", 3: "related", 4: "related", 5: "related"}
    assert "rendered twice" in removals[0].reason and "summary" in removals[1].reason


def test_a_sentence_after_a_doubled_headline_stays_when_the_article_goes_on():
    # Only a summary between card headlines (or closing the body) belongs to a card.
    assert removed(run(EN1, f"{CARD_1} {CARD_1}", DEK, EN2, f"{CARD_2} {CARD_2}")) == {1: "related", 4: "related"}


def test_one_doubled_line_is_not_a_row_of_cards():
    assert run(EN1, f"{CARD_1} {CARD_1}", DEK) == []
    chant = "No more cuts to schools! No more cuts to schools!"
    assert run(EN1, chant, f"{CARD_2} {CARD_2}", "The march ended at noon.") == []


def test_repeated_words_that_are_not_a_whole_doubled_block_are_kept():
    assert run(EN1, "Let it be, let it be, let it be, they sang as the ferry left.", EN2) == []
    assert run(EN1, "Yes yes", EN2) == []
    sentence = "The council voted on Tuesday to approve a new budget for the coming year."
    assert run(EN1, f"{sentence} {sentence}", EN2) == []  # a sentence said twice is not a card


@pytest.mark.parametrize(
    "line",
    ["FUNDA OLUNYE UDABA LAPHA | Kuboshwe abahlanu besolwa ngokugwaza umfundi", "READ MORE HERE | Council approves the budget for 2026"],
)
def test_upper_case_label_with_a_headline_is_removed(line):
    assert removed(run(EN1, line, EN2)) == {1: "related"}


def test_bars_in_ordinary_lines_are_kept():
    assert run(EN1, "Results | The council voted on the budget last night", EN2) == []
    assert run(EN1, "NEW YORK | The city council voted to approve the new budget on Tuesday", EN2) == []  # a dateline
    assert run(EN1, "SANTA CRUZ DE TENERIFE | El Cabildo aprobó este martes 12 millones para las guaguas.", EN2) == []
    assert run(EN1, "UPDATE | Police confirm two arrests after the fire", EN2) == []  # a one-word label
    assert run(EN1, "PARTY | SEATS", EN2) == []


def test_a_linked_headline_in_capitals_is_removed_but_not_an_unlinked_one():
    line = "WHAT ARE CHINA'S OVERSEAS POLICE STATIONS?"
    page = lxml.html.fromstring(f"<html><body><p><a href='/world/stations'><strong>{line}</strong></a></p></body></html>")
    removals = strip_related_teasers(make_blocks(EN1, line, EN2), RuleContext(page=page))
    assert removed(removals) == {1: "related"}
    assert "capitals" in removals[0].reason
    bare = lxml.html.fromstring(f"<html><body><h2>{line}</h2></body></html>")
    assert strip_related_teasers(make_blocks(EN1, line, EN2), RuleContext(page=bare)) == []
    anchor = lxml.html.fromstring(f"<html><body><h2><a href='#stations'>{line}</a></h2></body></html>")
    assert strip_related_teasers(make_blocks(EN1, line, EN2), RuleContext(page=anchor)) == []  # a link within the page


CARD_SUMMARY = (
    "RISK REMAINS: An official said that with the elections so close, it is unclear if the drills "
    "would go ahead this year or be put off until the spring"
)


def _card_page(href: str, summary: str = CARD_SUMMARY) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(
        f"<html><body><ul><li><a href='{href}'><img src='t.jpg'><h3>Taiwan on alert over a carrier group</h3>"
        f"<div>2024-10-14</div><p>{summary}</p></a></li></ul></body></html>"
    )


def test_a_teaser_cards_summary_inside_its_link_is_removed():
    url = "https://news.example/2024/10/16/war-games"
    ctx = RuleContext(url=url, page=_card_page("/2024/10/14/carrier"))
    removals = strip_related_teasers(make_blocks(EN1, CARD_SUMMARY, EN2), ctx)
    assert removed(removals) == {1: "related"}
    assert "inside its link" in removals[0].reason


def test_a_paragraph_inside_a_link_to_this_page_or_as_the_whole_link_is_kept():
    url = "https://news.example/2024/10/16/war-games"
    blocks = make_blocks(EN1, CARD_SUMMARY, EN2)
    for href in (url, url + "#top", "#top"):  # the story's own lead, linked to itself
        assert strip_related_teasers(blocks, RuleContext(url=url, page=_card_page(href))) == []
    alone = lxml.html.fromstring(f"<html><body><p><a href='/report'>{CARD_SUMMARY}</a></p></body></html>")
    assert strip_related_teasers(blocks, RuleContext(url=url, page=alone)) == []  # a cited headline, linked
    unlinked = lxml.html.fromstring(f"<html><body><h3>Taiwan on alert</h3><p>{CARD_SUMMARY}</p></body></html>")
    assert strip_related_teasers(blocks, RuleContext(url=url, page=unlinked)) == []


def test_an_unclosed_link_swallowing_the_article_does_not_make_it_a_card():
    paragraphs = "".join(f"<p>{text}</p>" for text in (EN1, CARD_SUMMARY, EN2) * 3)
    page = lxml.html.fromstring(f"<html><body><div><a href='/other'>Home {paragraphs}</div></body></html>")
    assert strip_related_teasers(make_blocks(EN1, CARD_SUMMARY, EN2), RuleContext(url="https://a.example/x", page=page)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Aktuelle Meldungen zum Krieg finden Sie jederzeit in unserem Liveblog:",
        "US-Politik: Alle Entwicklungen im Newsblog",
        "Newsblog: Alle aktuellen Nachrichten zu Donald Trump und den USA",
    ],
)
def test_german_live_blog_pointers_are_removed(line):
    a, b = ARTICLE["de"]
    assert removed(run(a, line, b)) == {1: "related"}


def test_video_teaser_ending_in_date_and_duration_is_removed():
    a, b = ARTICLE["de"]
    teaser = "Nach dem Angriff auf Israel wurden in Brüssel schärfere Sanktionen gegen Iran beschlossen. 18.04.2024 | 0:21 min"
    assert removed(run(a, teaser, b)) == {1: "related"}
    assert run(a, "Die Sitzung am 18.04.2024 dauerte 21 Minuten.", b) == []


def _linked_page(*headlines: str) -> lxml.html.HtmlElement:
    cards = "".join(f"<h3><a href='/story/{n}'>{h}</a></h3>" for n, h in enumerate(headlines))
    return lxml.html.fromstring(f"<html><body><article><p>Story</p></article><section>{cards}</section></body></html>")


def test_a_linked_headline_under_a_bare_label_goes_with_it():
    a, b = ARTICLE["de"]
    headline = "Rentenreform: Was sich 2026 für Millionen Versicherte ändert"
    ctx = RuleContext(url="https://news.example/a", page=_linked_page(headline))
    assert removed(strip_related_teasers(make_blocks(a, "Lesen Sie auch", headline, b), ctx)) == {1: "related", 2: "related"}
    unlinked = RuleContext(url="https://news.example/a", page=_linked_page())
    assert removed(strip_related_teasers(make_blocks(a, "Lesen Sie auch", headline, b), unlinked)) == {1: "related"}


CARDS = [
    ("Neue Umgehungsstraße: Bauarbeiten beginnen im Mai", "Die B 414 wird ab Mai für mehrere Wochen halbseitig gesperrt."),
    ("Freibad öffnet nach Sanierung früher als geplant", "Nach zwei Jahren Bauzeit können Badegäste schon Mitte Mai wieder ins Wasser."),
]


def test_teaser_cards_closing_the_body_are_removed():
    a, b = ARTICLE["de"]
    ctx = RuleContext(url="https://news.example/a", page=_linked_page(*(h for h, _ in CARDS)))
    specs = [a, b, *(H(h) for h, _ in CARDS[:1]), CARDS[0][1], H(CARDS[1][0]), CARDS[1][1]]
    assert removed(strip_related_teasers(make_blocks(*specs), ctx)) == {2: "related", 3: "related", 4: "related", 5: "related"}


def test_linked_headings_that_do_not_close_the_body_or_stand_alone_are_kept():
    a, b = ARTICLE["de"]
    ctx = RuleContext(url="https://news.example/a", page=_linked_page(*(h for h, _ in CARDS)))
    one = [a, b, H(CARDS[0][0]), CARDS[0][1]]
    assert strip_related_teasers(make_blocks(*one), ctx) == []
    followed = [a, H(CARDS[0][0]), CARDS[0][1], H(CARDS[1][0]), CARDS[1][1], b]  # the article goes on
    assert strip_related_teasers(make_blocks(*followed), ctx) == []
    unlinked = RuleContext(url="https://news.example/a", page=_linked_page())
    both = [a, b, H(CARDS[0][0]), CARDS[0][1], H(CARDS[1][0]), CARDS[1][1]]
    assert strip_related_teasers(make_blocks(*both), unlinked) == []


def _kicker_cards_page(*headlines: str) -> lxml.html.HtmlElement:
    cards = "".join(
        f"<article><a href='/article/{n}'><img alt='{h}'><span>Demografie</span><h3>{h}</h3></a></article>"
        for n, h in enumerate(headlines)
    )
    return lxml.html.fromstring(f"<html><body><article><p>Story</p>{cards}<p>More story</p></article></body></html>")


def test_a_row_of_card_headlines_inside_the_body_is_removed():
    a, b = ARTICLE["de"]
    headlines = [h for h, _ in CARDS]
    ctx = RuleContext(url="https://news.example/a", page=_kicker_cards_page(*headlines))
    removals = strip_related_teasers(make_blocks(a, *headlines, b), ctx)
    assert removed(removals) == {1: "related", 2: "related"}
    assert "row of teaser cards" in removals[0].reason


def test_a_single_card_headline_or_unlinked_subheadings_in_a_row_are_kept():
    a, b = ARTICLE["de"]
    headlines = [h for h, _ in CARDS]
    one = RuleContext(url="https://news.example/a", page=_kicker_cards_page(headlines[0]))
    assert strip_related_teasers(make_blocks(a, *headlines, b), one) == []
    unlinked = RuleContext(url="https://news.example/a", page=_kicker_cards_page())
    assert strip_related_teasers(make_blocks(a, *headlines, b), unlinked) == []
    # A link with a summary is no bare card headline; a linked sentence is no headline at all.
    long_link = lxml.html.fromstring(
        "<html><body>" + "".join(f"<a href='/s/{n}'>{h} und was die Stadt am Hafen nun als Nächstes plant</a>" for n, h in enumerate(headlines))
        + "</body></html>")
    headings = [H(h) for h in headlines]
    assert strip_related_teasers(make_blocks(a, *headings, b), RuleContext(url="https://news.example/a", page=long_link)) == []
    # Links that are just the blocks' text: the story's own links ("Read the full ruling (PDF)").
    bare = lxml.html.fromstring(
        "<html><body>" + "".join(f"<p><a href='https://court.example/{n}.pdf'>{h}</a></p>" for n, h in enumerate(headlines))
        + "</body></html>")
    assert strip_related_teasers(make_blocks(a, *headlines, b), RuleContext(url="https://news.example/a", page=bare)) == []
    sentences = [h + "." for h in headlines]
    assert strip_related_teasers(make_blocks(a, *sentences, b), RuleContext(url="https://news.example/a", page=_kicker_cards_page(*sentences))) == []


TEASER_HEADLINE = "Jerzy Haszczyński: Dlaczego zamach w Aschaffenburgu to przełom?"
TEASER_SUMMARY = "Symboliczne zdjęcie zwłok syryjskiego trzylatka otworzyło w 2015 r. serca Niemców."


def _teaser_box_page(box_end: str = "", after_box: str = "") -> lxml.html.HtmlElement:
    """A "Czytaj więcej" box (label, kicker, linked headline, summary) between article paragraphs."""
    a, b = ARTICLE["de"]
    box = (
        "<div class='content--excerpt'><div><p class='subtitle'>Czytaj więcej</p></div><div class='article'>"
        f"<a href='/publicystyka'>Publicystyka</a><a href='/publicystyka/art417'>{TEASER_HEADLINE}</a>"
        f"<div><p class='lead'>{TEASER_SUMMARY}</p></div>{box_end}</div></div>"
    )
    return lxml.html.fromstring(f"<html><body><h1>Headline</h1><article><p>{a}</p>{box}{after_box}<p>{b}</p></article></body></html>")


def test_the_headline_and_summary_in_a_labels_box_go_with_the_label():
    a, b = ARTICLE["de"]
    ctx = RuleContext(url="https://news.example/a", page=_teaser_box_page())
    # trafilatura may keep the headline, or drop it and keep only the summary
    removals = strip_related_teasers(make_blocks(a, "Czytaj więcej", TEASER_HEADLINE, TEASER_SUMMARY, b), ctx)
    assert removed(removals) == {1: "related", 2: "related", 3: "related"}
    assert removed(strip_related_teasers(make_blocks(a, "Czytaj więcej", TEASER_SUMMARY, b), ctx)) == {1: "related", 2: "related"}
    (summary,) = [r for r in removals if r.block == 3]
    assert summary.reason == "headline or summary in the box of a related-links label"


def test_text_after_the_box_stays():
    a, b = ARTICLE["de"]
    after = "Die Polizei ermittelt weiter, die Staatsanwaltschaft äußerte sich zunächst nicht."
    ctx = RuleContext(url="https://news.example/a", page=_teaser_box_page(after_box=f"<p>{after}</p>"))
    assert removed(strip_related_teasers(make_blocks(a, "Czytaj więcej", after, b), ctx)) == {1: "related"}
    # without the page, the summary is not known to be the box's
    assert removed(strip_related_teasers(make_blocks(a, "Czytaj więcej", TEASER_SUMMARY, b), RuleContext())) == {1: "related"}


@pytest.mark.parametrize("container", ["article", "div"])
def test_a_label_in_a_brief_is_no_box(container):
    """The whole story is short enough for a box, but it is the article (or holds the headline):
    what follows the label stays."""
    short = "Der Stadtrat tagt am Montag."
    page = lxml.html.fromstring(
        f"<html><body><{container}><h1>Rat tagt</h1><p>Czytaj więcej</p><p>{short}</p></{container}></body></html>")
    assert removed(strip_related_teasers(make_blocks("Czytaj więcej", short), RuleContext(page=page))) == {0: "related"}


def test_a_label_the_page_writes_many_times_or_with_control_characters_is_read_once(monkeypatch):
    """The page's short texts are read once for all labels (each label used to search the whole
    page again, and a control character in a label made the search raise)."""
    walks = []
    short_texts = related._SHORT_TEXTS
    monkeypatch.setattr(related, "_SHORT_TEXTS", lambda page: walks.append(1) or short_texts(page))
    a, b = ARTICLE["de"]
    boxes = "".join(f"<div><p>Czytaj więcej</p><p>{TEASER_SUMMARY} {n}</p></div>" for n in range(5_000))
    page = lxml.html.fromstring(f"<html><body><article><p>{a}</p><p>{b}</p></article>{boxes}</body></html>")
    teasers = [text for n in range(3_000) for text in ("Czytaj więcej", f"{TEASER_SUMMARY} {n}")]
    blocks = make_blocks(a, *teasers, b)
    removals = strip_related_teasers(blocks, RuleContext(page=page))
    assert all(r.text == "Czytaj więcej" for r in removals)  # a label written 5,000 times boxes nothing
    assert len(walks) == 1
    odd = make_blocks(a, "Czytaj więcej\x01", TEASER_SUMMARY, b)
    strip_related_teasers(odd, RuleContext(page=_teaser_box_page()))

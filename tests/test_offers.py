"""A box selling the publication after the article goes with its appeal; article text and other
sites' links never do."""

from cleaners import CleanConfig, clean_html
from cleaners.extract import parse_html
from cleaners.offers import OFFER_BOX_RULE, drop_offer_boxes
from tests.test_forms import paragraphs

URL = "https://www.example-zeitung.de/politik/hafen"
HEADLINE = "Rat beschließt den Hafenplan nach langer Debatte"
APPEAL = ("Seit 1947 berichtet die Tageszeitung über Politik und Wirtschaft im Hafen, unabhängig von "
          "Konzernen und Parteien. Nicht mit uns!")
APPEAL_2 = "Informieren Sie sich aus erster Hand: Die gedruckte Ausgabe kommt zwei Wochen lang in Ihren Briefkasten."


def box(href: str = "/abo/probeabo.php", button: str = "Jetzt bestellen", appeal: str = APPEAL) -> str:
    return (
        f'<div class="promo"><p class="title">2 Wochen kostenlos testen</p><p>{appeal}</p><p>{APPEAL_2}</p>'
        f'<div class="btn"><a href="{href}">{button}</a></div></div>'
    )


def page(body: str, after: str = "") -> str:
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        f"<div class='article-body'>{body}</div></article>{after}</body></html>"
    )


def dropped_texts(html: str, url: str | None = URL) -> list[str]:
    return [r.text for r in drop_offer_boxes(parse_html(html), url)]


def test_a_box_closing_the_article_goes_with_its_appeal():
    result = clean_html(page(paragraphs() + box()), url=URL)
    assert "Harbour paragraph 0" in result.text and "Harbour paragraph 5" in result.text
    assert "Seit 1947" not in result.text and "Briefkasten" not in result.text
    (removal,) = [r for r in result.removals if r.rule == OFFER_BOX_RULE]
    assert removal.text.startswith("2 Wochen kostenlos testen") and "Jetzt bestellen" in removal.text


def test_trafilatura_alone_keeps_the_appeal():
    import trafilatura

    assert "Seit 1947" in trafilatura.extract(page(paragraphs() + box()))


def test_a_box_after_the_article_goes_too():
    assert dropped_texts(page(paragraphs(), after=box()))


def test_links_that_make_a_button():
    assert dropped_texts(page(paragraphs(), after=box(href="https://abo.example-zeitung.de/angebote/")))
    assert dropped_texts(page(paragraphs(), after=box(href="//aboshop.example-zeitung.de/")))
    assert dropped_texts(page(paragraphs(), after=box(href="/subscribe?ref=box", button="Subscribe for £1")))
    assert dropped_texts(page(paragraphs(), after=box(href="/spenden/", button="Jetzt spenden")))
    assert dropped_texts(page(paragraphs(), after=box(href="/abo-service/app", button="Kostenlos herunterladen")))
    # Without the page's address, only a relative link is known to be the site's own.
    assert dropped_texts(page(paragraphs(), after=box()), url=None)


def test_links_that_do_not():
    # Another site's offer: a story about a streaming service may link to it.
    assert dropped_texts(page(paragraphs(), after=box(href="https://www.streamflix.com/subscribe"))) == []
    assert dropped_texts(page(paragraphs(), after=box(href="https://abo.example.de/x")), url=None) == []
    # A sentence linked, not a button.
    assert dropped_texts(page(paragraphs(), after=box(button="mehr über unsere Angebote für Leserinnen und Leser"))) == []
    # Not a page about an offer: stories whose slugs start like one.
    for slug in ("/politik/abonnenten-zahlen-steigen", "/politik/spenden-affaere-cdu-123.html",
                 "/economie/abonnement-netflix-hausse_1.html", "/news/subscriptions-boom-streaming"):
        assert dropped_texts(page(paragraphs(), after=box(href=slug))) == [], slug


def test_a_paragraph_with_a_link_to_the_shop_is_no_box():
    inline = ("<p>Die Zeitung hat die Preise für das <b>Digital-Abo</b> erhöht, wie der Verlag auf seiner "
              "<a href='/abo/'>Abo-Seite</a> mitteilt.</p>")
    assert dropped_texts(page(paragraphs() + inline + paragraphs(2, first=6))) == []


def test_a_paywalled_teaser_boxed_with_its_offer_stays():
    teaser = ("Der Rat hat den Hafenplan beschlossen. Was das für die Anwohner am Kai bedeutet, welche "
              "Kosten auf die Stadt zukommen und wann die Bagger anrücken, lesen Sie hier.")
    html = page(box(appeal=teaser))
    assert dropped_texts(html) == []
    assert "Hafenplan beschlossen" in clean_html(html, url=URL).text


def test_a_paragraph_of_article_length_is_not_an_appeal():
    long_paragraph = " ".join(["Der Rat stritt lange über die Kosten des Hafenplans und die Folgen für die Anwohner."] * 5)
    html = page(paragraphs(), after=box(appeal=long_paragraph))
    texts = dropped_texts(html)
    assert all(long_paragraph not in text for text in texts)


def test_the_rule_can_be_disabled():
    result = clean_html(page(paragraphs() + box()), url=URL, config=CleanConfig(disabled_rules={OFFER_BOX_RULE}))
    assert not [r for r in result.removals if r.rule == OFFER_BOX_RULE]
    assert "Seit 1947" in result.text


def test_a_subscribe_link_in_the_sites_menus_makes_no_box():
    footer = "<footer><p>Über uns · Impressum · Kontakt</p><a href='/abo/'>Abo</a></footer>"
    nav = "<nav><ul><li><a href='/politik/'>Politik</a></li><li><a href='/abo/'>Jetzt abonnieren</a></li></ul></nav>"
    assert dropped_texts(page(paragraphs(), after=footer)) == []
    assert dropped_texts(page(paragraphs(), after=nav)) == []

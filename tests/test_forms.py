"""A widget around an e-mail form goes with its heading and blurb; article text never does."""

from cleaners import CleanConfig, clean_html
from cleaners.extract import parse_html
from cleaners.forms import FORM_WIDGET_RULE, drop_form_widgets

HEADLINE = "Council approves the harbour plan after a long debate"
BLURB = "Behind the scenes of politics: opinionated, exclusive, relevant."
WIDGET_TITLE = "Capital Inside by our editor-in-chief"


def paragraphs(count: int = 6, first: int = 0) -> str:
    return "".join(
        f"<p>Harbour paragraph {n} gives the details readers came for: the figures of the plan, what the "
        f"councillors said in the chamber, and when the first works on the quay are due to start.</p>"
        for n in range(first, first + count)
    )


def widget(field: str = '<input type="email" name="email" placeholder="E-mail address">') -> str:
    return (
        f'<section aria-label="Newsletter"><h3>{WIDGET_TITLE}</h3><p>{BLURB}</p>'
        f'<form action="/subscribe">{field}<button type="submit">Sign up</button></form></section>'
    )


def page(body: str) -> str:
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        f"<div class='article-body'>{body}</div></article></body></html>"
    )


def dropped_texts(html: str) -> list[str]:
    return [r.text for r in drop_form_widgets(parse_html(html))]


def test_a_sign_up_widget_goes_with_its_title_and_blurb():
    html = page(paragraphs(3) + widget() + paragraphs(3, first=3))
    result = clean_html(html)
    assert "Harbour paragraph 0" in result.text and "Harbour paragraph 5" in result.text
    assert BLURB not in result.text and WIDGET_TITLE not in result.text
    (removal,) = [r for r in result.removals if r.rule == FORM_WIDGET_RULE]
    assert removal.text.startswith(WIDGET_TITLE) and BLURB in removal.text


def test_trafilatura_alone_keeps_the_blurb():
    import trafilatura

    assert BLURB in trafilatura.extract(page(paragraphs(3) + widget() + paragraphs(3)))


def test_a_text_field_named_for_mail_counts_and_other_forms_do_not():
    assert dropped_texts(page(paragraphs() + widget('<input type="text" name="newsletter_email">')))
    assert dropped_texts(page(paragraphs() + widget('<input name="EMAIL">')))  # no type: a text field
    assert dropped_texts(page(paragraphs() + widget('<input type="search" name="q">'))) == []
    assert dropped_texts(page(paragraphs() + widget('<input type="hidden" name="email" value="x">'))) == []


def test_a_short_story_around_the_form_is_not_a_widget():
    brief = (
        "<p>The council approved the harbour plan on Tuesday evening by 31 votes to 12, after a debate that "
        "lasted more than four hours and ended with the mayor promising a public consultation this spring.</p>"
    )
    html = page(brief + '<form><input type="email"></form>')
    assert dropped_texts(html) == []


def test_the_article_or_a_container_holding_the_headline_is_never_the_widget():
    html = f"<html><body><div><h1>{HEADLINE}</h1><p>Short.</p><form><input type='email'></form></div></body></html>"
    assert dropped_texts(html) == []
    html = f"<html><body><article><p>Short.</p><form><input type='email'></form></article></body></html>"
    assert dropped_texts(html) == []


def test_a_page_wrapped_in_one_form_loses_only_its_sign_up_box():
    # ASP.NET pages put the whole page in a <form>; the newsletter box inside it has a form of its own.
    html = page(paragraphs(3) + widget()).replace("<body>", "<body><form id='aspnetForm'>").replace("</body>", "</form></body>")
    (text,) = dropped_texts(html)
    assert text.startswith(WIDGET_TITLE)


def test_nested_widgets_are_recorded_once():
    double = f"<div class='promo'>{widget()}{widget()}</div>"
    assert len(dropped_texts(page(paragraphs() + double))) == 1


def test_the_rule_can_be_disabled():
    html = page(paragraphs(3) + widget() + paragraphs(3))
    result = clean_html(html, config=CleanConfig(disabled_rules={FORM_WIDGET_RULE}))
    assert not [r for r in result.removals if r.rule == FORM_WIDGET_RULE]

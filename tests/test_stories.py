"""The next story appended below the article (endless scroll) is dropped; the article never is."""

from cleaners import CleanConfig, clean_html
from cleaners.extract import parse_html
from cleaners.metadata import Signals
from cleaners.stories import OTHER_STORY_RULE, drop_other_stories

HEADLINE = "Council approves the harbour plan after a long debate"
NEXT = "Storm closes schools across the islands"


def paragraphs(topic: str, count: int = 6) -> str:
    return "".join(
        f"<p>{topic}: paragraph {n} with the details readers came for, the figures, the quotes and the dates.</p>"
        for n in range(count)
    )


def page(*articles: str, title: str = f"{HEADLINE} | Example News", og: str | None = HEADLINE) -> str:
    meta = f'<meta property="og:title" content="{og}">' if og else ""
    return f"<html><head><title>{title}</title>{meta}</head><body>{''.join(articles)}</body></html>"


def article(h1: str | None, body: str) -> str:
    return f"<article>{f'<h1>{h1}</h1>' if h1 else ''}{body}</article>"


def dropped(html: str) -> list[str]:
    tree = parse_html(html)
    return [r.reason for r in drop_other_stories(tree, Signals.read(tree, None))]


def test_the_appended_next_story_is_dropped_and_recorded():
    html = page(article(HEADLINE, paragraphs("Harbour")), article(NEXT, paragraphs("Storm", 30)))
    result = clean_html(html)
    assert "Harbour: paragraph 0" in result.text
    assert "Storm" not in result.text
    (removal,) = [r for r in result.removals if r.rule == OTHER_STORY_RULE]
    assert NEXT in removal.reason and removal.text.startswith(NEXT)


def test_a_kicker_before_the_headline_still_names_the_page():
    html = page(article(f"Exclusive: {HEADLINE}", paragraphs("Harbour")), article(NEXT, paragraphs("Storm")))
    assert len(dropped(html)) == 1


def test_the_title_tag_alone_identifies_the_article():
    html = page(article(NEXT, paragraphs("Storm")), article(HEADLINE, paragraphs("Harbour")), og=None)
    assert len(dropped(html)) == 1


def test_nothing_is_dropped_when_no_article_names_the_headline():
    html = page(article("Another headline entirely, not ours", paragraphs("A")), article(NEXT, paragraphs("Storm")))
    assert dropped(html) == []


def test_nothing_is_dropped_when_two_articles_name_the_headline():
    # e.g. a header <article> and a body <article> that repeats the headline
    html = page(article(HEADLINE, paragraphs("Harbour", 1)), article(HEADLINE, paragraphs("Harbour")))
    assert dropped(html) == []


def test_teasers_without_their_own_h1_and_nested_articles_are_left_to_the_text_rules():
    teaser = "<article><h2>Read next</h2><p>Other story</p></article>"
    nested = article(HEADLINE, paragraphs("Harbour") + article(NEXT, "<p>A card inside the story.</p>"))
    assert dropped(page(nested, teaser)) == []
    assert dropped(page(article(HEADLINE, paragraphs("Harbour")))) == []


def test_short_logo_h1s_do_not_count_as_the_headline():
    html = page(article("News", paragraphs("Harbour")), article(NEXT, paragraphs("Storm")), title="News")
    assert dropped(html) == []


def test_the_rule_can_be_disabled():
    html = page(article(HEADLINE, paragraphs("Harbour")), article(NEXT, paragraphs("Storm", 30)))
    result = clean_html(html, config=CleanConfig(disabled_rules={OTHER_STORY_RULE}))
    assert not [r for r in result.removals if r.rule == OTHER_STORY_RULE]
    assert "Storm: paragraph" in result.text  # trafilatura alone keeps both stories

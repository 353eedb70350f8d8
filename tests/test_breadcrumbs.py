"""A breadcrumb trail trafilatura does not know by its class goes before extraction; menus, link
lists in the article and anything holding the headline stay."""

import itertools

import pytest

from cleaners import CleanConfig, breadcrumbs, clean_html
from cleaners.breadcrumbs import BREADCRUMB_RULE, drop_breadcrumb_trails
from cleaners.extract import parse_html
from tests.test_forms import paragraphs

URL = "https://www.example-times.in/local/bihar/samastipur/news/police-catch-two-thieves-1234.html"
HEADLINE = "Police catch two thieves two days after a burglary in Samastipur"


def trail(hrefs=("/", "/local/", "/local/bihar/", "/local/bihar/samastipur/"), current="Police catch two thieves") -> str:
    names = ["Hindi News", "Local", "Bihar", "Samastipur", "Patna", "Gaya"]
    items = "".join(f'<li><a href="{href}">{name}</a></li>' for href, name in zip(hrefs, names))
    return f'<div class="fba199c3"><ul>{items}<li>{current}</li></ul></div>'


def page(before_headline: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><article class='bf64dc76'>{before_headline}"
        f"<div class='a88a1c42'><h1>{HEADLINE}</h1></div><div>{body or paragraphs()}</div></article></body></html>"
    )


def dropped(html: str) -> list[str]:
    return [r.text for r in drop_breadcrumb_trails(parse_html(html))]


def test_a_trail_above_the_headline_goes_and_is_reported():
    result = clean_html(page(trail()), url=URL)
    assert "Hindi News" not in result.text and "Bihar" not in result.text
    assert "Harbour paragraph 0" in result.text and "Harbour paragraph 5" in result.text
    (removal,) = [r for r in result.removals if r.rule == BREADCRUMB_RULE]
    assert removal.text == "Hindi News Local Bihar Samastipur Police catch two thieves"


def test_trafilatura_alone_keeps_the_trail():
    import trafilatura

    assert "Samastipur" in trafilatura.extract(page(trail()))


@pytest.mark.parametrize("hrefs", [
    ("/", "/local/", "/local/bihar/"),
    ("https://www.example-times.in/", "https://www.example-times.in/local", "https://www.example-times.in/local/bihar"),
    ("//www.example-times.in", "/local/", "/local/bihar/samastipur/"),
    (" / ", "/local/", "/local/bihar/?ref=crumb"),
])
def test_trails_written_in_any_form_of_address(hrefs):
    assert dropped(page(trail(hrefs)))


@pytest.mark.parametrize("hrefs", [
    ("/", "/local/"),  # a logo beside a section link
    ("/", "/local/", "/sport/"),  # a menu: the third link is not below the second
    ("/local/", "/local/bihar/", "/local/bihar/samastipur/"),  # does not start at the home page
    ("/", "/local", "/localnews/bihar"),  # "/localnews" is not below "/local"
    ("/", "/local/", "/local/"),  # the same level twice
    ("https://www.example-times.in/", "https://www.other.example/local/", "https://www.other.example/local/bihar/"),
    ("/?page=2", "/local/", "/local/bihar/"),  # not the home page itself
    ("http://[", "/local/", "/local/bihar/"),
])
def test_link_lists_that_are_no_trail_stay(hrefs):
    assert not dropped(page(trail(hrefs)))


def test_a_trail_holding_the_headline_or_a_long_text_stays():
    with_headline = f'<nav><a href="/">Home</a> <a href="/local/">Local</a> <a href="/local/bihar/">Bihar</a><h1>{HEADLINE}</h1></nav>'
    assert not dropped(page(with_headline))
    long_current = " ".join(["word"] * 40)
    assert not dropped(page(trail(current=long_current)))


def test_a_trail_on_another_host_than_the_page_stays():
    other = ("https://www.other.example/", "/local/", "/local/bihar/")
    assert not [r for r in clean_html(page(trail(other)), url=URL).removals if r.rule == BREADCRUMB_RULE]
    assert dropped(page(trail(other)))  # the page's address not known: one host is enough


def test_a_list_of_section_links_not_starting_at_the_home_page_stays():
    links = '<ul><li><a href="/local/bihar/">Bihar</a></li><li><a href="/local/bihar/gaya/">Gaya</a></li><li><a href="/local/bihar/patna/">Patna</a></li></ul>'
    assert not dropped(page(body=paragraphs() + links))


def test_the_rule_can_be_disabled():
    result = clean_html(page(trail()), url=URL, config=CleanConfig(disabled_rules={BREADCRUMB_RULE}))
    assert "Samastipur" in result.text
    assert not [r for r in result.removals if r.rule == BREADCRUMB_RULE]


def test_thousands_of_home_links_in_one_element_are_read_a_bounded_number_of_times(monkeypatch):
    """Each container's links are read once, up to 41, whichever home link reaches it (reading the
    whole <div> from each link took minutes, reading past thousands of elements to the 41st link
    from each took seconds)."""
    reads = []
    monkeypatch.setattr(breadcrumbs, "islice", lambda *a: reads.append(1) or itertools.islice(*a))
    home = '<a href="/">Home</a>'
    for links in (home * 20_000, home * 40 + "<span>x</span>" * 20_000 + home * 5_000):
        reads.clear()
        result = clean_html(page(f"<div>{links}</div>"), url=URL)
        assert "Harbour paragraph 5" in result.text
        assert len(reads) == 1  # the <div>, for the first home link; the others find it read

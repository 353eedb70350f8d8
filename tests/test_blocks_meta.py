"""blocks.py (trafilatura body → blocks → paragraphs), meta.py, pagetype.py and clean_html statuses."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from cleaners import CleanConfig, clean_html
from cleaners.blocks import Block, blocks_to_paragraphs, body_to_blocks
from cleaners.extract import parse_html
from cleaners.metadata import Signals, language_tag, parse_stamp
from cleaners.pagetype import declares_non_article

BODY = """<body><head rend="h2">The headline</head>
<p>Some   text with a <hi rend="#b">link here</hi> in it.</p>
<p>   </p>
<list><item>First item</item><item><hi rend="#i">Second</hi> item</item></list>
<table><row><cell>a</cell><cell>b</cell></row><row><cell>c</cell><cell>d</cell></row></table>
<list><item>Other list</item></list>
<quote>A quote</quote></body>"""


@pytest.fixture()
def blocks() -> list[Block]:
    return body_to_blocks(etree.fromstring(BODY))


def test_blocks_kinds_text_and_groups(blocks):
    assert [(b.index, b.kind, b.text) for b in blocks] == [
        (0, "heading", "The headline"),
        (1, "paragraph", "Some text with a link here in it."),
        (2, "item", "First item"),
        (3, "item", "Second item"),
        (4, "row", "a | b"),
        (5, "row", "c | d"),
        (6, "item", "Other list"),
        (7, "quote", "A quote"),
    ]
    assert blocks[2].group == blocks[3].group != blocks[6].group
    assert blocks[4].group == blocks[5].group


def test_word_counts(blocks):
    assert [b.words for b in blocks] == [2, 8, 2, 2, 2, 2, 2, 2]


def test_loose_text_between_elements_is_a_paragraph():
    body = etree.fromstring("<body>Lead text<head>Sub</head>Tail after the heading<p>Para</p></body>")
    assert [(b.kind, b.text) for b in body_to_blocks(body)] == [
        ("paragraph", "Lead text"),
        ("heading", "Sub"),
        ("paragraph", "Tail after the heading"),
        ("paragraph", "Para"),
    ]


def test_paragraphs_join_items_and_rows_of_one_container(blocks):
    assert blocks_to_paragraphs(blocks) == (
        "The headline",
        "Some text with a link here in it.",
        "First item\nSecond item",
        "a | b\nc | d",
        "Other list",
        "A quote",
    )


def test_paragraphs_after_removing_a_list_item(blocks):
    kept = [b for b in blocks if b.index != 2]
    assert blocks_to_paragraphs(kept)[2] == "Second item"


def test_body_to_blocks_leaves_the_tree_alone():
    body = etree.fromstring(BODY)
    before = etree.tostring(body)
    first = body_to_blocks(body)
    assert etree.tostring(body) == before
    assert body_to_blocks(body) == first


def test_empty_table_row_is_skipped():
    blocks = body_to_blocks(etree.fromstring("<body><table><row><cell/><cell> </cell></row><row><cell>x</cell><cell>y</cell></row></table></body>"))
    assert [b.text for b in blocks] == ["x | y"]


@pytest.mark.parametrize(
    "value, tag",
    [
        ("en_US", "en-US"),
        ("EN", "en"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("pt-br", "pt-BR"),
        ("es-419", "es-419"),
        (" fr-FR, en", "fr-FR"),
        ("english", None),
        ("e", None),
        ("en US", None),
        ("", None),
        (None, None),
    ],
)
def test_language_tag(value, tag):
    assert language_tag(value) == tag


@pytest.mark.parametrize(
    "value, stamp",
    [
        ("2024-03-05", "2024-03-05"),
        (" 2024-03-05 ", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00+00:00"),
        ("2024-03-05T10:00:00+02:00", "2024-03-05T10:00:00+02:00"),
        ("2024-03-05 10:00", "2024-03-05T10:00:00"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("5 March 2024", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_stamp(value, stamp):
    parsed = parse_stamp(value, "meta")
    assert (parsed.iso() if parsed else None) == stamp


TEXT = " ".join(["The council voted on Tuesday to approve a new budget for the coming year, with more money for buses and schools."] * 3)


def page(head: str = "", body: str | None = None, lang: str = "en_GB") -> str:
    if body is None:
        body = f"<article><h1>Budget approved</h1><p>{TEXT}</p><p>{TEXT.replace('council', 'assembly')}</p></article>"
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>Budget approved</title>{head}</head><body>{body}</body></html>'


def test_clean_html_metadata():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00+01:00"}
    head = (
        '<meta property="article:published_time" content="2024-01-01T00:00:00Z">'
        '<link rel="canonical" href="/news/budget">'
        '<meta name="author" content="Jane Roe; John Doe">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    result = clean_html(page(head), url="https://www.example.com/x?utm_source=feed")
    assert result.ok
    meta = result.meta
    assert meta.title == "Budget approved"
    assert meta.canonical_url == "https://www.example.com/news/budget"
    assert meta.published == "2024-03-05T10:00:00+01:00"  # JSON-LD wins over the meta tag
    assert meta.language == "en-GB"
    assert meta.site == "www.example.com"
    assert meta.authors == ("Jane Roe", "John Doe")
    assert [r.rule for r in result.removals] == ["title"]  # the <h1> repeated in the body
    assert "Budget approved" not in result.paragraphs


def test_published_falls_back_to_meta_tag():
    head = '<meta property="article:published_time" content="2024-01-01T08:30:00Z">'
    assert clean_html(page(head)).meta.published == "2024-01-01T08:30:00+00:00"


class tree:  # noqa: N801 - reads like the function it replaces in the assertions below
    def __new__(cls, head: str = "", body: str = "<p>text</p>"):
        parsed = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
        return parsed, Signals.read(parsed, None)


OG_WEBSITE = '<meta property="og:type" content="website">'


def test_og_website_without_article_marks_is_not_an_article():
    assert declares_non_article(*tree(OG_WEBSITE))


def test_og_website_with_article_element_is_an_article():
    assert not declares_non_article(*tree(OG_WEBSITE, "<article><p>text</p></article>"))


def test_json_ld_news_article_outweighs_og_website():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    assert not declares_non_article(*tree(OG_WEBSITE + ld))


def test_json_ld_webpage_in_graph_is_not_an_article():
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "CollectionPage"}]}</script>'
    assert declares_non_article(*tree(ld))


def test_undeclared_page_gets_the_benefit_of_the_doubt():
    assert not declares_non_article(*tree())


def test_status_not_article():
    result = clean_html(page(OG_WEBSITE, body=f"<div><p>{TEXT}</p><p>{TEXT}</p></div>"), url="https://example.com/")
    assert result.status == "not_article" and not result.ok
    assert result.paragraphs == () and result.meta.site == "example.com"


def test_status_too_short():
    result = clean_html(page(body="<article><p>A short note of a few words only.</p></article>"))
    assert result.status == "too_short" and result.paragraphs == () and result.text == ""


def test_min_body_chars_is_configurable():
    html = page(body="<article><p>A short note of a few words only.</p></article>")
    assert clean_html(html, config=CleanConfig(min_body_chars=10)).status == "ok"


@pytest.mark.parametrize("html", ["", b"", "   "])
def test_status_unparsable(html):
    result = clean_html(html, url="https://example.com/a")
    assert result.status == "unparsable" and result.paragraphs == ()
    assert result.meta.site == "example.com"

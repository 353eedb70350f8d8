"""Language, paywall, section, tags and canonical URL, and how they reach the output record."""

from __future__ import annotations

import json

import pytest

from cleaners import clean_html
from cleaners.metadata import MAX_TAGS
from tests.meta_helpers import ld, meta, page

URL = "https://www.example.com/politics/budget?utm_source=feed"


def meta_of(head: str = "", *, lang: str | None = None, url: str = URL):
    result = clean_html(page(head, lang=lang), url=url)
    assert result.ok, result.status
    return result.meta


def article_ld(**fields) -> str:
    return ld({"@context": "https://schema.org", "@type": "NewsArticle", **fields})


# --- language ---------------------------------------------------------------------------


def test_language_from_html_lang_wins():
    head = meta("Content-Language", "fr", attribute="http-equiv") + article_ld(inLanguage="es")
    assert meta_of(head, lang="en_gb").language == "en-GB"


def test_a_template_html_lang_is_outvoted_by_the_articles_declarations():
    head = meta("Content-Language", "de", attribute="http-equiv") + article_ld(inLanguage="de-DE") + meta("og:locale", "de_DE")
    assert meta_of(head, lang="en-US").language == "de"
    assert meta_of(meta("og:locale", "de_DE"), lang="en-US").language == "en-US"  # one against one: html lang


def test_language_from_content_language_header_meta():
    assert meta_of(meta("Content-Language", "de-de", attribute="http-equiv")).language == "de-DE"


def test_language_from_json_ld_in_language():
    assert meta_of(article_ld(inLanguage="pt-br") + meta("og:locale", "en_US")).language == "pt-BR"


def test_language_from_og_locale():
    assert meta_of(meta("og:locale", "zh_hant_tw")).language == "zh-Hant-TW"


def test_invalid_html_lang_falls_through():
    assert meta_of(meta("og:locale", "it_IT"), lang="english").language == "it-IT"


# --- paywalled --------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "paywalled"), [(True, False), (False, True), ("False", True), ("true", False)])
def test_paywalled_from_is_accessible_for_free(value, paywalled):
    assert meta_of(article_ld(isAccessibleForFree=value)).paywalled is paywalled


def test_paywalled_from_a_locked_part():
    part = {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".paywall"}
    assert meta_of(article_ld(isAccessibleForFree=True, hasPart=part)).paywalled is True


@pytest.mark.parametrize(("tier", "paywalled"), [("locked", True), ("Metered", True), ("free", False)])
def test_paywalled_from_content_tier(tier, paywalled):
    assert meta_of(meta("article:content_tier", tier)).paywalled is paywalled


def test_paywalled_from_the_web_page_node_of_the_graph():
    graph = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Budget"},
        {"@type": "WebPage", "isAccessibleForFree": False},
    ]})
    assert meta_of(graph).paywalled is True


def test_paywalled_unknown_without_a_declaration():
    assert meta_of(meta("article:content_tier", "other")).paywalled is None


# --- section and tags -------------------------------------------------------------------


def test_section_from_article_section_string():
    assert meta_of(article_ld(articleSection="Politik") + meta("article:section", "News")).section == "Politik"


def test_section_from_article_section_list():
    assert meta_of(article_ld(articleSection=["Wirtschaft", "Banken"])).section == "Wirtschaft"


def test_section_from_article_section_meta():
    assert meta_of(meta("article:section", "Sport")).section == "Sport"


def test_tags_from_all_sources_deduplicated_in_order():
    head = meta("article:tag", "Budget") + meta("article:tag", "Council")
    head += article_ld(keywords=["Council", "Buses"])
    head += meta("news_keywords", "Schools, Budget , Taxes", attribute="name")
    assert meta_of(head).tags == ("Budget", "Council", "Buses", "Schools", "Taxes")


def test_tags_from_json_ld_comma_string():
    assert meta_of(article_ld(keywords="Budget, Council,, Buses")).tags == ("Budget", "Council", "Buses")


def test_tags_separated_by_semicolons_and_differing_only_in_case_are_one():
    head = article_ld(keywords="Madrid; transporte; presupuestos") + meta("news_keywords", "Transporte, Ayuntamiento", attribute="name")
    assert meta_of(head).tags == ("Madrid", "transporte", "presupuestos", "Ayuntamiento")


def test_tags_are_capped():
    head = meta("news_keywords", ",".join(f"tag{i}" for i in range(MAX_TAGS + 10)), attribute="name")
    tags = meta_of(head).tags
    assert len(tags) == MAX_TAGS and tags[0] == "tag0" and tags[-1] == f"tag{MAX_TAGS - 1}"


# --- canonical --------------------------------------------------------------------------


def test_relative_canonical_is_resolved_against_the_page_url():
    head = '<link rel="canonical" href="/news/budget">' + meta("og:url", "https://www.example.com/og")
    assert meta_of(head).canonical_url == "https://www.example.com/news/budget"


def test_canonical_falls_back_to_og_url():
    assert meta_of(meta("og:url", "https://www.example.com/og/budget")).canonical_url == "https://www.example.com/og/budget"


def test_no_canonical():
    assert meta_of().canonical_url is None


# --- the output record ------------------------------------------------------------------


def test_record_carries_the_metadata_fields():
    head = article_ld(datePublished="2024-03-05T10:00:00+01:00", dateModified="2024-03-06T09:00:00+01:00",
                      isAccessibleForFree=False, articleSection="Politik", keywords=["Budget", "Council"])
    result = clean_html(page(head, lang="de"), url=URL)
    record = result.record(url=URL, fetched_at="2024-03-10T12:00:00+00:00")
    assert {k: record[k] for k in ("published", "published_source", "modified", "paywalled", "section", "tags", "language")} == {
        "published": "2024-03-05T10:00:00+01:00",
        "published_source": "json-ld",
        "modified": "2024-03-06T09:00:00+01:00",
        "paywalled": True,
        "section": "Politik",
        "tags": ["Budget", "Council"],
        "language": "de",
    }
    assert record["site"] == "www.example.com" and record["fetched_at"] == "2024-03-10T12:00:00+00:00"


def test_record_fields_are_empty_when_undeclared():
    record = clean_html(page(), url=URL).record(url=URL, fetched_at="2024-03-10T12:00:00+00:00")
    assert [record[k] for k in ("published_source", "modified", "paywalled", "section", "tags")] == [None, None, None, None, []]


def test_half_a_character_escaped_in_json_ld_becomes_a_replacement_character():
    # json.dumps writes "\ud800" as an escape; decoded as it is, no encoder or feed exporter takes it.
    meta = meta_of(article_ld(headline="Harbour \ud800 plan 😀", author={"@type": "Person", "name": "Jane \udc00Roe"}))
    assert meta.title == "Harbour \ufffd plan 😀" and meta.authors == ("Jane \ufffdRoe",)
    json.dumps(meta.title, ensure_ascii=False).encode()  # a feed can write it

"""cleaners.metadata.dates: publication/modification times, their source, and rejected dates."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cleaners import clean_html
from cleaners.metadata import parse_stamp
from cleaners.metadata.dates import date_article
from tests.meta_helpers import article, ld, meta, page, parsed

URL = "https://www.example.com/politics/budget"
FETCHED = datetime(2024, 3, 10, 12, 0, tzinfo=timezone.utc)


def meta_of(head: str = "", body: str | None = None, url: str = URL, **kwargs):
    result = clean_html(page(head, body), url=url, **kwargs)
    assert result.ok, result.status
    return result.meta


def dating(head: str = "", body: str = "<p>text</p>", url: str | None = URL, guess: str | None = None, **kwargs):
    tree, signals = parsed(head, body, url)
    return date_article(tree, signals, url=url, guess=lambda: guess, **kwargs)


def published(m) -> tuple[str | None, str | None]:
    return m.published, m.published_source


# --- each signal and its source ---------------------------------------------------------


def test_json_ld_date_published():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00+01:00"})
    head += meta("article:published_time", "2024-03-01T08:00:00Z")
    assert published(meta_of(head)) == ("2024-03-05T10:00:00+01:00", "json-ld")


def test_article_published_time_meta():
    head = meta("article:published_time", "2024-03-05T10:00:00Z")
    assert published(meta_of(head)) == ("2024-03-05T10:00:00+00:00", "meta")


@pytest.mark.parametrize("name", ["parsely-pub-date", "sailthru.date", "dc.date.issued", "pubdate"])
def test_other_meta_names(name):
    head = meta(name, "2024-03-05T10:00:00Z", attribute="name")
    assert published(meta_of(head)) == ("2024-03-05T10:00:00+00:00", "meta")


def test_time_itemprop_date_published():
    body = article(before='<time itemprop="datePublished" datetime="2024-03-05T10:00:00+01:00">5 March</time>')
    assert published(meta_of(body=body)) == ("2024-03-05T10:00:00+01:00", "time")


def test_time_element_in_article():
    body = article(before='<time datetime="2024-03-05T10:00:00+01:00">5 March</time>')
    assert published(meta_of(body=body)) == ("2024-03-05T10:00:00+01:00", "time")


def test_a_time_in_the_sites_header_or_navigation_is_not_the_articles():
    masthead = '<header class="site"><time datetime="2024-03-09">Saturday, 9 March 2024</time></header>'
    story = "<div><h1>Budget approved</h1>" + "<p>The council approved the budget after a long debate.</p>" * 5 + "</div>"
    assert dating(body=masthead + story, url="https://www.example.com/2024/03/05/budget").published.value.isoformat() == "2024-03-05"
    nav = '<nav><time datetime="2024-03-09">today</time></nav>'
    assert dating(body=nav + story, url=URL).published is None
    # An article's own <header> is the article's.
    own = '<article><header><time datetime="2024-03-05T10:00:00+01:00">5 March</time></header><p>text</p></article>'
    assert dating(body=own).published.value.isoformat() == "2024-03-05T10:00:00+01:00"


STORY = "<h1>Budget approved</h1>" + "<p>The council approved the budget after a long debate.</p>" * 5
CARD_TIME = '<time datetime="2024-02-20T10:00:00Z">20 February</time>'


@pytest.mark.parametrize(
    "body",
    [
        f'<article>{STORY}<p>Read next: <a href="/other">Other story {CARD_TIME}</a></p></article>',  # in a link
        f'<article>{STORY}<div class="related-stories"><h3>Other story</h3>{CARD_TIME}</div></article>',
        f'<div>{STORY}</div><article class="card"><h3>Other story</h3>{CARD_TIME}</article>',  # cards beside a <div> story
        f'<article>{STORY}</article><article class="card"><h3>Other story</h3>{CARD_TIME}</article>',
        f'<div>{STORY}</div><div class="sidebar related">{CARD_TIME}</div>',
    ],
    ids=["in-a-link", "related-box", "card-articles", "card-beside-the-article", "related-sidebar"],
)
def test_a_related_storys_time_is_not_the_articles(body):
    assert dating(body=body, url=URL).published is None


def test_the_time_of_the_article_holding_the_headline_is_read_and_a_bare_article_still_counts():
    own = f'<article class="card"><h3>Other</h3>{CARD_TIME}</article><article>{STORY}<time datetime="2024-03-05">5 March</time></article>'
    assert dating(body=own).published.value.isoformat() == "2024-03-05"
    bare = f'<article><p>text</p>{CARD_TIME}</article>'  # no headline anywhere: the article is the story
    assert dating(body=bare).published.value.isoformat() == "2024-02-20T10:00:00+00:00"


def test_a_naive_time_takes_the_offset_of_any_time_on_the_page():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00"})
    teaser = '<aside><time datetime="2024-03-01T08:00:00+01:00">1 March</time></aside>'
    assert dating(head, body=f"<div>{STORY}</div>{teaser}").published.value.isoformat() == "2024-03-05T10:00:00+01:00"


def test_itemprop_time_beats_an_earlier_plain_time():
    body = article(before='<time datetime="2024-03-01T08:00:00Z">related</time>'
                          '<time itemprop="datePublished" datetime="2024-03-05T10:00:00Z">5 March</time>')
    assert published(meta_of(body=body)) == ("2024-03-05T10:00:00+00:00", "time")


def test_htmldate_fallback_from_trafilatura():
    """No declared date: trafilatura's htmldate guess from the visible text."""
    body = article(before="<p>Published 5 March 2024</p>")
    assert published(meta_of(body=body)) == ("2024-03-05", "htmldate")


def test_url_date():
    """Last resort (called directly: through clean_html, htmldate reads the URL first)."""
    stamp = dating(url="https://www.example.com/2024/03/05/budget-story").published
    assert (stamp.iso(), stamp.source) == ("2024-03-05", "url")


def test_impossible_url_date_is_ignored():
    assert dating(url="https://www.example.com/2024/02/30/budget-story").published is None


def test_no_date_at_all():
    assert published(meta_of()) == (None, None)


# --- parsing and combining --------------------------------------------------------------


def test_date_only_is_upgraded_by_a_timed_value_of_the_same_day():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05"})
    head += meta("article:published_time", "2024-03-05T10:00:00+01:00")
    assert published(meta_of(head)) == ("2024-03-05T10:00:00+01:00", "meta")


def test_date_only_is_kept_when_the_timed_value_is_another_day():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05"})
    head += meta("article:published_time", "2024-03-06T10:00:00+01:00")
    assert published(meta_of(head)) == ("2024-03-05", "json-ld")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("Tue, 05 Mar 2024 10:00:00 +0100", "2024-03-05T10:00:00+01:00"),
    ],
)
def test_rfc_822_dates(value, iso):
    assert published(meta_of(meta("date", value, attribute="name"))) == (iso, "meta")


def test_naive_time_takes_the_offset_stated_on_another_time():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00", "dateModified": "2024-03-05T12:00:00+02:00"})
    assert published(meta_of(head)) == ("2024-03-05T10:00:00+02:00", "json-ld")


def test_naive_time_without_any_offset_stays_naive():
    head = meta("article:published_time", "2024-03-05T10:00:00")
    assert meta_of(head).published == "2024-03-05T10:00:00"


# --- rejections: the future, and far from the feed/sitemap date -------------------------


def test_future_date_is_rejected_and_reported():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-12T10:00:00Z"})
    head += meta("article:published_time", "2024-03-05T10:00:00Z")
    m = meta_of(head, fetched_at=FETCHED)
    assert published(m) == ("2024-03-05T10:00:00+00:00", "meta")
    assert m.date_rejections[0] == "json-ld date 2024-03-12T10:00:00+00:00 is after the fetch time 2024-03-10T12:00:00+00:00"


@pytest.mark.parametrize(("value", "kept"), [("2024-03-10T12:59:00Z", True), ("2024-03-10T13:01:00Z", False)])
def test_one_hour_of_clock_skew_is_allowed(value, kept):
    d = dating(ld({"@type": "NewsArticle", "datePublished": value}), fetched_at=FETCHED)
    assert (d.published is not None) is kept
    assert bool(d.rejected) is not kept


def test_naive_future_time_is_rejected_once_its_offset_is_known():
    # 12:30 at -05:00 is 17:30 UTC, hours after the fetch at 12:00 UTC.
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-10T12:30:00", "dateModified": "2024-03-10T09:00:00-05:00"})
    d = dating(head, fetched_at=FETCHED)
    assert d.published is None


def test_date_far_from_the_sitemap_date_is_rejected_for_the_hint():
    head = ld({"@type": "NewsArticle", "datePublished": "2020-03-05T10:00:00Z"})
    m = meta_of(head, date_hint=("2024-03-05T08:00:00Z", "sitemap"))
    assert published(m) == ("2024-03-05T08:00:00+00:00", "sitemap")
    assert "json-ld date 2020-03-05T10:00:00+00:00 is far from the sitemap date 2024-03-05T08:00:00+00:00" in m.date_rejections


def test_page_date_near_the_hint_wins_over_it():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-06T10:00:00Z"})
    m = meta_of(head, date_hint=("2024-03-05T08:00:00Z", "sitemap"))
    assert published(m) == ("2024-03-06T10:00:00+00:00", "json-ld")
    assert m.date_rejections == ()


def test_hint_is_used_when_the_page_has_no_date():
    assert published(meta_of(date_hint=("2024-03-05T08:00:00Z", "feed"))) == ("2024-03-05T08:00:00+00:00", "feed")


def test_hint_ranks_above_url_and_htmldate_guesses():
    d = dating(url="https://www.example.com/2024/03/04/budget", guess="2024-03-04",
               hint=parse_stamp("2024-03-05T08:00:00Z", "sitemap"))
    assert (d.published.iso(), d.published.source) == ("2024-03-05T08:00:00+00:00", "sitemap")


def test_hint_ranks_below_a_page_date():
    d = dating(meta("article:published_time", "2024-03-04T09:00:00Z"), guess="2024-03-05",
               hint=parse_stamp("2024-03-05T08:00:00Z", "sitemap"))
    assert (d.published.iso(), d.published.source) == ("2024-03-04T09:00:00+00:00", "meta")


def test_future_hint_is_not_trusted():
    d = dating(ld({"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z"}), fetched_at=FETCHED,
               hint=parse_stamp("2030-01-01T00:00:00Z", "sitemap"))
    assert d.published is None or d.published.source != "sitemap"


# --- modified ---------------------------------------------------------------------------


def test_modified_from_json_ld_date_modified():
    head = ld({"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z", "dateModified": "2024-03-06T09:00:00Z"})
    assert meta_of(head).modified == "2024-03-06T09:00:00+00:00"


def test_modified_from_article_modified_time():
    head = meta("article:published_time", "2024-03-05T10:00:00Z") + meta("article:modified_time", "2024-03-06T09:00:00Z")
    assert meta_of(head).modified == "2024-03-06T09:00:00+00:00"


def test_future_modified_is_rejected():
    head = meta("article:published_time", "2024-03-05T10:00:00Z") + meta("article:modified_time", "2024-03-16T09:00:00Z")
    m = meta_of(head, fetched_at=FETCHED)
    assert m.modified is None
    assert "modified date 2024-03-16T09:00:00+00:00 is after the fetch time" in m.date_rejections
    assert m.published == "2024-03-05T10:00:00+00:00"


def test_the_pages_own_article_comes_before_related_ones_in_json_ld_and_main_entity_is_read():
    from cleaners.metadata.signals import json_ld_nodes

    own = {"@type": "NewsArticle", "headline": "Own", "datePublished": "2024-05-01T10:00:00+02:00"}
    related = {"@type": "NewsArticle", "headline": "Related", "datePublished": "2024-03-10T08:00:00+01:00"}
    tree, _ = parsed(ld({"@graph": [own, related]}))
    assert [n.get("headline") for n in json_ld_nodes(tree)][-2:] == ["Own", "Related"]
    tree, _ = parsed(ld({"@type": "WebPage", "mainEntity": own}))
    assert [n.get("headline") for n in json_ld_nodes(tree)] == [None, "Own"]


@pytest.mark.parametrize(
    "naive, aware, expected",
    [
        ("2024-05-01T10:00:00", "2024-05-01T08:00:00Z", "2024-05-01T08:00:00+00:00"),  # local time beside UTC
        ("2024-05-01T08:00:00", "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00+02:00"),  # UTC beside local time
    ],
    ids=["local-beside-utc", "utc-beside-local"],
)
def test_a_time_without_offset_that_is_another_stated_time_elsewhere_is_that_instant(naive, aware, expected):
    head = ld({"@type": "NewsArticle", "datePublished": naive}) + meta("article:published_time", aware)
    assert dating(head).published.iso() == expected


def test_published_meta_outranks_json_ld_date_created():
    head = ld({"@type": "NewsArticle", "dateCreated": "2024-04-28T16:00:00+02:00"})
    head += meta("article:published_time", "2024-05-01T10:00:00+02:00")
    assert dating(head).published.iso() == "2024-05-01T10:00:00+02:00"
    assert dating(ld({"@type": "NewsArticle", "dateCreated": "2024-04-28T16:00:00+02:00"})).published.iso() == "2024-04-28T16:00:00+02:00"


def test_clean_html_takes_now_for_the_fetch_time_when_none_is_given():
    html = page(meta("article:published_time", "2031-05-01T10:00:00+02:00"))
    assert not (clean_html(html, url=URL).meta.published or "").startswith("2031")


def test_a_copyright_year_is_not_read_as_the_first_of_january():
    story = "<h1>Council approves budget</h1>" + "<p>The council approved the budget after a long debate on Tuesday.</p>" * 6
    html = f"<html><head><title>Council approves budget</title></head><body><article>{story}</article><footer><p>© 2024 Example News</p></footer></body></html>"
    result = clean_html(html, url="https://www.example.com/politics/budget")
    assert (result.meta.published, result.meta.published_source) == (None, None)
    dated = html.replace("<head>", '<head><meta property="article:published_time" content="2024-01-01">')
    assert clean_html(dated, url="https://www.example.com/politics/budget").meta.published == "2024-01-01"

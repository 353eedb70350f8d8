"""The news_a / news_b fixture agrees with its _expected.json, read through crawler.discovery.

These checks keep the fixture honest for the crawl tests built on it; they render pages through
SiteServer (one real request, on 127.0.0.1) and need no Scrapy.
"""

from __future__ import annotations

import gzip
import json
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
import pytest
from protego import Protego

from crawler.discovery import (
    article_links,
    feed_links,
    looks_like_article,
    normalize_url,
    parse_feed,
    parse_since,
    parse_sitemap,
    section_links,
    sitemaps_from_robots,
)
from tests.sites.server import SiteServer, render_times

SITES = Path(__file__).resolve().parent / "sites"
LIMIT = 1_000_000
CLOCK_SLACK = timedelta(minutes=2)  # between the server rendering a date and the test checking it


@pytest.fixture(scope="module")
def sites() -> dict[str, tuple[SiteServer, dict[str, Any]]]:
    with SiteServer(SITES / "news_a") as a, SiteServer(SITES / "news_b") as b:
        yield {name: (server, json.loads((SITES / name / "_expected.json").read_text(encoding="utf-8")))
               for name, server in (("news_a", a), ("news_b", b))}


def body(server: SiteServer, path: str) -> bytes:
    rendered = server.render("/" + path)
    assert rendered is not None, f"{server.root.name}/{path} is not served"
    return rendered[0]


def relative(server: SiteServer, url: str) -> str:
    assert url.startswith(server.base + "/"), url
    return url.removeprefix(server.base + "/")


def assert_ago(moment: datetime | None, offset: str) -> None:
    now = datetime.now(timezone.utc)
    assert moment is not None and abs(moment - parse_since(offset, now)) < CLOCK_SLACK, (moment, offset)


# --- the server's {{NOW-…}} placeholders ---------------------------------------------------------


def test_now_placeholders_render_iso_and_rfc822():
    now = datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)
    assert render_times(b"{{NOW-3d}} {{NOW-5h}} {{RFC822 NOW-3d}} {{NOW-3w}}", now) == (
        b"2026-11-22T12:30:00+00:00 2026-11-25T07:30:00+00:00 Sun, 22 Nov 2026 12:30:00 +0000 {{NOW-3w}}")


def test_placeholders_are_rendered_inside_gzipped_sitemaps_over_http(sites):
    server, expected = sites["news_a"]
    with urllib.request.urlopen(server.url("sitemap-news.xml.gz"), timeout=10) as response:
        raw = response.read()
    assert b"{{" not in gzip.decompress(raw)
    entries = parse_sitemap(raw, server.url("sitemap-news.xml.gz"), max_bytes=LIMIT, max_urls=100).entries
    for entry in entries:
        assert_ago(entry.published, expected["articles"][relative(server, entry.url)]["published"])


# --- discovery routes ---------------------------------------------------------------------------


def test_robots(sites):
    for server, expected in sites.values():
        robots = body(server, "robots.txt").decode()
        named = [server.url(path) for path in expected["robots"]["sitemaps"]]
        assert sitemaps_from_robots(robots, server.url("robots.txt")) == named
        parsed = Protego.parse(robots)
        assert parsed.crawl_delay("*") == expected["robots"]["crawl_delay"]
        for path in expected["disallowed"]:
            assert not parsed.can_fetch(server.url(path), "newsclean")
        for path in expected["articles"]:
            assert parsed.can_fetch(server.url(path), "newsclean")


def test_sitemaps_list_the_expected_articles(sites):
    server, expected = sites["news_a"]
    documents = expected["sources"]["sitemap"]
    [index] = [path for path in documents if not documents[path]]
    page = parse_sitemap(body(server, index), server.url(index), max_bytes=LIMIT, max_urls=100)
    assert page.kind == "index"
    assert sorted(relative(server, e.url) for e in page.entries) == sorted(set(documents) - {index})
    for path, listed in documents.items():
        if path == index:
            continue
        entries = parse_sitemap(body(server, path), server.url(path), max_bytes=LIMIT, max_urls=100).entries
        by_path = {relative(server, e.url): e for e in entries}
        assert [p for p in by_path if p in expected["articles"]] == listed, path
        assert set(by_path) - set(listed) <= set(expected["non_articles"]) | {""}
        for article in listed:
            entry, info = by_path[article], expected["articles"][article]
            assert_ago(entry.published or entry.lastmod, info["published"])
            assert entry.title in (None, info["title"])


def test_feeds_declared_on_the_home_page(sites):
    server, expected = sites["news_b"]
    documents = expected["sources"]["feed"]
    assert feed_links(body(server, ""), server.url("")) == [server.url(p) for p in documents]
    for path, listed in documents.items():
        entries = parse_feed(body(server, path), server.url(path), max_bytes=LIMIT)
        assert [relative(server, e.url) for e in entries] == listed, path
        for entry in entries:
            info = expected["articles"][relative(server, entry.url)]
            assert entry.title == info["title"]
            assert_ago(entry.published, info["published"])


def test_home_and_section_pages(sites):
    for server, expected in sites.values():
        sources = expected["sources"]
        for route in ("home", "section"):
            for path, listed in sources[route].items():
                found = [relative(server, u) for u in article_links(body(server, path), server.url(path))]
                assert [p for p in found if p not in expected["disallowed"]] == listed, path
        home_sections = section_links(body(server, ""), server.url(""))
        assert [relative(server, u) for u in home_sections] == expected["sections"]
    server, expected = sites["news_a"]
    assert set(expected["disallowed"]) <= {relative(server, u) for u in article_links(body(server, ""), server.url(""))}


def test_every_link_on_listing_pages_is_accounted_for(sites):
    for server, expected in sites.values():
        known = {"", *expected["articles"], *expected["non_articles"], *expected["disallowed"]}
        known = {relative(server, normalize_url(server.url(path))) for path in known}
        hrefs = []
        for page in (p for route in ("home", "section") for p in expected["sources"][route]):
            hrefs += [(page, href) for href in lxml.html.fromstring(body(server, page)).xpath("//a/@href")]
        assert set(expected["ignored_links"]) <= {href for _, href in hrefs}
        for page, href in hrefs:
            if href not in expected["ignored_links"]:
                assert relative(server, normalize_url(urljoin(server.url(page), href))) in known, (page, href)
        for path in expected["non_articles"]:
            assert not looks_like_article(server.url(path)), path
        for path in [*expected["articles"], *expected["disallowed"]]:
            assert looks_like_article(server.url(path)), path
        for alias, target in expected["aliases"].items():
            assert normalize_url(server.url(alias)) == server.url(target)


def test_routes_agree_with_sources(sites):
    for _, expected in sites.values():
        for path, info in expected["articles"].items():
            listed_by = [route for route, documents in expected["sources"].items()
                         if any(path in listed for listed in documents.values())]
            assert info["routes"] == listed_by, path


# --- the article pages --------------------------------------------------------------------------


def meta(page: lxml.html.HtmlElement, prop: str) -> str:
    [value] = page.xpath(f'//meta[@property="{prop}"]/@content')
    return value


def test_article_pages_carry_the_expected_title_date_and_body(sites):
    for server, expected in sites.values():
        for path, info in expected["articles"].items():
            page = lxml.html.fromstring(body(server, path))
            assert meta(page, "og:type") == "article"
            assert meta(page, "og:title") == info["title"]
            assert page.xpath("//link[@rel='canonical']/@href") == [server.url(path)]
            assert_ago(datetime.fromisoformat(meta(page, "article:published_time")), info["published"])
            assert 4 <= len(page.xpath('//div[@class="story-body"]/p')) <= 6


def test_the_wire_story_has_the_same_text_on_both_sites(sites):
    def story(site: str, path: str) -> list[str]:
        server = sites[site][0]
        page = lxml.html.fromstring(body(server, path))
        return [p.text_content() for p in page.xpath('//div[@class="story-body"]/p')]

    for site, (_, expected) in sites.items():
        for path, twin in expected["duplicates"].items():
            assert story(site, path) == story(twin["site"], twin["path"])
            assert sites[twin["site"]][1]["duplicates"][twin["path"]] == {"site": site, "path": path}


@pytest.mark.parametrize(("since", "counts"), [("2d", {"news_a": 4, "news_b": 3}), ("7d", {"news_a": 6, "news_b": 5}),
                                               (None, {"news_a": 8, "news_b": 6})])
def test_since_windows(sites, since, counts):
    now = datetime.now(timezone.utc)
    for site, (_, expected) in sites.items():
        cutoff = parse_since(since, now) if since else None
        recent = [p for p, info in expected["articles"].items()
                  if cutoff is None or parse_since(info["published"], now) >= cutoff]
        assert len(recent) == counts[site]

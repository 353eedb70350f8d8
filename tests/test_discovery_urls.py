"""discovery.urls: one normal form per page, one key per site, and the article-shape guess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.discovery import looks_like_article, normalize_url, site_key


@pytest.mark.parametrize(("url", "normal"), [
    ("HTTP://WWW.Example.COM/Path", "http://www.example.com/Path"),  # the path keeps its case
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com/a#comments", "http://example.com/a"),
    ("http://example.com/a?", "http://example.com/a"),
    ("http://example.com/a?b=2&a=1", "http://example.com/a?a=1&b=2"),
    ("http://example.com/a%7eb/c%2fd/%e4 x", "http://example.com/a~b/c%2Fd/%E4%20x"),
    ("  http://example.com/a  ", "http://example.com/a"),
    ("http://[::1]:80/a", "http://[::1]/a"),
    ("https://münchen.example/straße", "https://xn--mnchen-3ya.example/stra%C3%9Fe"),
])
def test_normal_form(url, normal):
    assert normalize_url(url) == normal


def test_tracking_parameters_go_and_the_rest_stays_sorted():
    url = ("https://example.com/story?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ocid=5"
           "&cmpid=6&__twitter_impression=true&at_medium=7&at_campaign=8&pk_campaign=9&id=42&page=1")
    assert normalize_url(url) == "https://example.com/story?id=42&page=1"
    assert normalize_url("https://example.com/story?utm_source=x&utm_medium=y#top") == "https://example.com/story"


def test_one_article_under_two_urls_is_one_url():
    assert normalize_url("https://www.example.com/2026/11/20/slug.html?utm_source=newsletter#comments") == \
        normalize_url("HTTPS://www.example.com:443/2026/11/20/slug.html")


@pytest.mark.parametrize("url", ["mailto:a@example.com", "/relative/path", "ftp://example.com/a", "http:///nohost",
                                 "http://example.com:99999/", "http://[::1/"])
def test_non_web_or_malformed_urls_raise(url):
    with pytest.raises(ValueError):
        normalize_url(url)


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.example.com/a", "example.com"),
    ("http://example.com:80/", "example.com"),
    ("https://example.com:443/", "example.com"),
    ("HTTPS://News.Example.com/", "news.example.com"),
    ("http://127.0.0.1:8001/x", "127.0.0.1:8001"),
    ("https://www.example.com:8443/", "example.com:8443"),
])
def test_site_key(url, key):
    assert site_key(url) == key


def test_sites_differ_by_port_and_subdomain_but_not_scheme_or_www():
    assert site_key("http://127.0.0.1:8001/") != site_key("http://127.0.0.1:8002/")
    assert site_key("https://news.example.com/") != site_key("https://example.com/")
    assert site_key("http://www.example.com/") == site_key("https://example.com/")


def test_site_key_needs_a_host():
    with pytest.raises(ValueError, match="no host"):
        site_key("/just/a/path")


ARTICLES = [
    "https://x.example/2026/11/20/council-approves-night-buses",
    "https://x.example/world/2026/nov/20/summit-ends-without-deal",
    "https://x.example/2026/11/night-buses",
    "https://x.example/news/2026-11-20/council-vote",
    "https://x.example/2026-11-20-council-vote",
    "https://x.example/news/20261120/council-vote",
    "https://x.example/news/harbour-ferry-timetable-overhaul.html",
    "https://x.example/kultur/straßenbahn-für-alle/",
    "https://x.example/blog/wp_style_underscored_slug.php",
    "https://x.example/inland/bundestag-haushalt-beschlossen-100.html",
    "https://x.example/politik/merz-kabinett,142489.html",
    "https://x.example/a-1234567",
    "https://x.example/politik/a-1234567.html",
    "https://x.example/news/story/184467.html",
    "https://x.example/news/world-europe-67498123",
    "https://x.example/article.php?id=12345",
    "https://x.example/?p=123",
]
NOT_ARTICLES = [
    "https://x.example/",
    "https://x.example/world/",
    "https://x.example/politik/",
    "https://x.example/politik/deutschland/",
    "https://x.example/world/index.html",
    "https://x.example/tag/climate-change-policy-debate",
    "https://x.example/topics/local-elections-2026",
    "https://x.example/author/jane-doe-smith",
    "https://x.example/category/local-news-today",
    "https://x.example/search?q=night-bus-trial",
    "https://x.example/login",
    "https://x.example/account/register",
    "https://x.example/subscribe",
    "https://x.example/newsletter/daily-morning-briefing",
    "https://x.example/contact",
    "https://x.example/about.html",
    "https://x.example/impressum",
    "https://x.example/privacy-policy",
    "https://x.example/terms-and-conditions",
    "https://x.example/video/",
    "https://x.example/gallery/",
    "https://x.example/feed/",
    "https://x.example/rss",
    "https://x.example/2026/11/20/council-approves-night-buses/amp",
    "https://x.example/page/2",
    "https://x.example/world/page/3/",
    "https://x.example/world/seite-2.html",
    "https://x.example/council-approves-night-buses?page=2",
    "https://x.example/2026/11/20/",
    "https://x.example/2026/11/",
    "https://x.example/2026/",
    "https://x.example/2026-11-20/",
    "https://x.example/images/photo-of-the-harbour-bridge.jpg",
    "https://x.example/docs/annual-report-2026-final.pdf",
    "https://x.example/static/main-bundle-v2.css",
    "https://x.example/app-main-chunk.js",
    "https://x.example/sitemap-news-2026.xml",
    "https://x.example/archive-2026",
    "mailto:news@x.example",
    "javascript:void(0)",
    "tel:+441632960418",
    "ftp://x.example/2026/11/20/council-approves-night-buses",
    "http://[::1/2026/11/20/broken-host-url",
]


@pytest.mark.parametrize("url", ARTICLES)
def test_article_shapes(url):
    assert looks_like_article(url)


@pytest.mark.parametrize("url", NOT_ARTICLES)
def test_not_article_shapes(url):
    assert not looks_like_article(url)


def test_the_discovery_package_does_not_import_scrapy():
    code = "import sys, crawler.discovery; sys.exit('scrapy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1]).returncode == 0

"""discovery.links: article and section links of a home or section page."""

from __future__ import annotations

import re

from crawler.discovery import article_links, section_links

HOME = "https://www.news.example/"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Home</title></head><body>
<nav>
  <a href="/">Home</a> <a href="/world/">World</a> <a href="/politik/deutschland/">Deutschland</a>
  <a href="/tag/climate-change-policy">Climate</a> <a href="/author/jane-doe-smith">Jane</a>
  <a href="/search?q=night-buses">Search</a> <a href="/login">Sign in</a> <a href="/about.html">About</a>
  <a href="/world/?region=eu">World, EU</a> <a href="/page/2">Next</a>
</nav>
<a href="/2026/11/20/council-approves-night-buses">Night buses</a>
<a href="https://news.example/2026/11/20/council-approves-night-buses?utm_source=home#comments">Again, via utm</a>
<a href="HTTPS://WWW.NEWS.EXAMPLE:443/2026/11/20/council-approves-night-buses">Again, other spelling</a>
<a href="world/summit-ends-without-a-deal.html">Relative</a>
<a href="//news.example/politik/merz-kabinett,142489.html">Protocol-relative</a>
<a href="/live/2026/11/20/election-night-as-it-happened">Live blog</a>
<a href="/briefing">Short path the site says is an article</a>
<a href="/images/night-bus-route-map.png">Map</a>
<a href="https://other.example/2026/11/20/someone-elses-story">Elsewhere</a>
<a href="https://news.example:8443/2026/11/20/other-port-other-site">Other port</a>
<a href="mailto:desk@news.example">Mail</a> <a href="tel:+441632960418">Call</a>
<a href="javascript:void(0)">JS</a> <a href="http://[broken/2026/11/20/bad-host">Broken</a>
<a href="http://news.example:99999/2026/11/20/bad-port">Bad port</a> <a href="">Empty</a> <a>No href</a>
<map><area href="/2026/11/19/story-behind-an-image-map" alt="map"></map>
</body></html>
"""


def test_article_links_same_site_normalized_deduplicated_in_page_order():
    assert article_links(PAGE, HOME) == [
        "https://www.news.example/2026/11/20/council-approves-night-buses",
        "https://news.example/2026/11/20/council-approves-night-buses",
        "https://www.news.example/world/summit-ends-without-a-deal.html",
        "https://news.example/politik/merz-kabinett,142489.html",
        "https://www.news.example/live/2026/11/20/election-night-as-it-happened",
        "https://www.news.example/2026/11/19/story-behind-an-image-map",
    ]


def test_allow_adds_and_deny_removes_by_path():
    links = article_links(PAGE, HOME, allow=[re.compile(r"^/briefing$")], deny=[re.compile("^/live/")])
    assert "https://www.news.example/briefing" in links
    assert not any("/live/" in link for link in links)


def test_deny_wins_over_allow():
    assert article_links(PAGE, HOME, allow=[re.compile("/briefing")], deny=[re.compile("/briefing")]).count(
        "https://www.news.example/briefing") == 0


def test_the_page_itself_is_not_a_link_of_its_own():
    page = '<a href="/2026/11/20/this-very-story">self</a><a href="/2026/11/20/another-story-here">other</a>'
    assert article_links(page, "https://news.example/2026/11/20/this-very-story#top") == [
        "https://news.example/2026/11/20/another-story-here"]


def test_base_href_and_bytes_in_the_page_encoding():
    page = ('<html><head><meta charset="iso-8859-1"><base href="https://news.example/kultur/"></head>'
            '<body><a href="stra\xdfenbahn-f\xfcr-alle-kommt">Tram</a></body></html>').encode("latin-1")
    assert article_links(page, "https://news.example/") == [
        "https://news.example/kultur/stra%C3%9Fenbahn-f%C3%BCr-alle-kommt"]


def test_empty_and_linkless_pages():
    for page in ("", b"", "<html><body><p>No links</p></body></html>"):
        assert article_links(page, HOME) == [] and section_links(page, HOME) == []


def test_local_sites_differ_by_port():
    page = ('<a href="http://127.0.0.1:8001/news/a-local-story-here">a</a>'
            '<a href="http://127.0.0.1:8002/news/b-story-there">b</a>')
    assert article_links(page, "http://127.0.0.1:8001/") == ["http://127.0.0.1:8001/news/a-local-story-here"]


def test_section_links_are_short_plain_same_site_paths():
    assert section_links(PAGE, HOME) == [
        "https://www.news.example/world/",
        "https://www.news.example/politik/deutschland/",
        "https://www.news.example/briefing",
    ]


def test_section_links_deny():
    assert section_links(PAGE, HOME, deny=[re.compile("^/politik/")]) == [
        "https://www.news.example/world/",
        "https://www.news.example/briefing",
    ]

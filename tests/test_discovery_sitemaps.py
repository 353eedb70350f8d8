"""discovery.sitemaps: index and urlset pages, Google News fields, bounded gzip, robots.txt lines."""

from __future__ import annotations

import gzip
import io
import time
import tracemalloc
from datetime import datetime, timezone

import pytest

from crawler.discovery import (
    USUAL_SITEMAP_PATHS,
    SitemapEntry,
    SitemapError,
    SitemapPage,
    parse_sitemap,
    sitemaps_from_robots,
)

BASE = "https://news.example/sitemap.xml"
MiB = 1024 * 1024


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def parse(body: str | bytes, *, max_bytes: int = MiB, max_urls: int = 1000) -> SitemapPage:
    return parse_sitemap(body.encode() if isinstance(body, str) else body, BASE, max_bytes=max_bytes, max_urls=max_urls)


INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example/sitemap-pages.xml</loc><lastmod>2026-11-19T12:40:00+01:00</lastmod></sitemap>
  <sitemap><loc>/sitemap-news.xml.gz</loc><lastmod>2026-11-21</lastmod></sitemap>
  <sitemap><lastmod>2026-11-21</lastmod></sitemap>
</sitemapindex>
"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://news.example/2026/11/21/night-bus-trial?utm_source=sitemap</loc>
    <lastmod>2026-11-21T08:00:00Z</lastmod>
    <image:image><image:loc>https://news.example/bus.jpg</image:loc><image:title>A bus</image:title></image:image>
    <news:news>
      <news:publication><news:name>The Courier</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-21T06:30:00+00:00</news:publication_date>
      <news:title>Council approves night bus trial</news:title>
    </news:news>
  </url>
  <url>
    <loc> https://news.example/2026/11/19/navettes-fluviales </loc>
    <news:news>
      <news:publication_date>2026-11-19T18:30:00+01:00</news:publication_date>
      <news:title>Des navettes fluviales électriques</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example/about.html</loc><lastmod>not a date</lastmod></url>
  <url><loc>ftp://news.example/file</loc></url>
  <url><lastmod>2026-11-21</lastmod></url>
</urlset>
"""


def test_index_lists_sitemaps_with_lastmod():
    assert parse(INDEX) == SitemapPage("index", (
        SitemapEntry("https://news.example/sitemap-pages.xml", utc(2026, 11, 19, 11, 40), None, None),
        SitemapEntry("https://news.example/sitemap-news.xml.gz", utc(2026, 11, 21), None, None),
    ), truncated=False)


def test_news_urlset_reads_publication_date_and_title():
    page = parse(NEWS)
    assert page.kind == "urlset" and not page.truncated
    assert page.entries == (
        SitemapEntry("https://news.example/2026/11/21/night-bus-trial", utc(2026, 11, 21, 8), utc(2026, 11, 21, 6, 30),
                     "Council approves night bus trial"),
        SitemapEntry("https://news.example/2026/11/19/navettes-fluviales", None, utc(2026, 11, 19, 17, 30),
                     "Des navettes fluviales électriques"),
        SitemapEntry("https://news.example/about.html", None, None, None),
    )


def test_sitemaps_without_the_namespace_are_read_too():
    page = parse("<urlset><url><loc>https://news.example/a-story-here</loc></url></urlset>")
    assert [e.url for e in page.entries] == ["https://news.example/a-story-here"]


def test_gzipped_sitemap_is_told_by_magic_bytes():
    assert parse(gzip.compress(NEWS.encode())) == parse(NEWS)


def test_max_urls_keeps_the_first_and_says_so():
    urls = "".join(f"<url><loc>https://news.example/story-number-{i}</loc></url>" for i in range(5))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    page = parse(body, max_urls=3)
    assert page.truncated
    assert [e.url for e in page.entries] == [f"https://news.example/story-number-{i}" for i in range(3)]
    assert not parse(body, max_urls=5).truncated


def test_oversize_body_is_refused():
    with pytest.raises(SitemapError, match="more than the limit of 100"):
        parse(NEWS, max_bytes=100)


def gzip_bomb(size: int) -> bytes:
    """A gzip bomb that stays well-formed as far as it goes: ``<urlset>`` and then ``size`` bytes of
    whitespace, compressed about a thousand-fold, built a chunk at a time."""
    out = io.BytesIO()
    chunk = b" " * MiB
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as stream:
        stream.write(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
        for _ in range(size // MiB):
            stream.write(chunk)
    return out.getvalue()


def test_gzip_bomb_stops_at_max_bytes():
    bomb = gzip_bomb(64 * MiB)
    assert len(bomb) < MiB  # small on the wire
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SitemapError, match=f"inflates to more than the limit of {MiB} bytes"):
            parse(bomb, max_bytes=MiB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MiB  # bounded by max_bytes, not by the 64 MiB inside
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(("body", "reason"), [
    (b"\x1f\x8bnot really gzip", "not valid gzip"),
    (gzip.compress(NEWS.encode())[:-20], "not valid gzip"),
    (b"<html><body>404</body></html>", "root element is <html>"),
    (b"<urlset><url></urlset>", "not well-formed XML"),
    (b'<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><urlset><url><loc>&xxe;</loc></url></urlset>',
     "declares the XML entity 'xxe'"),
])
def test_unreadable_sitemaps_say_why(body, reason):
    with pytest.raises(SitemapError, match=reason):
        parse(body)


ROBOTS = """# robots.txt
User-agent: *
Disallow: /private/
Crawl-delay: 1

Sitemap: https://news.example/sitemap_index.xml
sitemap: /news-sitemap.xml
SITEMAP: https://news.example/sitemap_index.xml
Sitemap: https://news.example/sitemap.xml?utm_source=robots#x
"""


def test_robots_sitemap_lines_resolved_normalized_deduplicated():
    expected = [
        "https://news.example/sitemap_index.xml",
        "https://news.example/news-sitemap.xml",
        "https://news.example/sitemap.xml",
    ]
    assert sitemaps_from_robots(ROBOTS, "https://news.example/robots.txt") == expected
    assert sitemaps_from_robots(ROBOTS.encode(), "https://news.example/robots.txt") == expected


@pytest.mark.parametrize("robots", ["", "User-agent: *\nDisallow: /admin/\n", b"\xff\xfe garbage"])
def test_robots_without_sitemaps(robots):
    assert sitemaps_from_robots(robots, "https://news.example/robots.txt") == []


def test_usual_sitemap_paths():
    assert USUAL_SITEMAP_PATHS == ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml")

"""discovery.feeds: RSS 2.0, RSS 1.0, Atom and JSON Feed entries; refusing unsafe XML; feed links."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from crawler.discovery import FeedEntry, FeedError, feed_links, parse_feed

BASE = "https://news.example/feeds/main.xml"
LIMIT = 1_000_000


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def parse(body: str | bytes) -> list[FeedEntry]:
    return parse_feed(body.encode() if isinstance(body, str) else body, BASE, max_bytes=LIMIT)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>News</title><link>https://news.example/</link>
  <atom:link href="https://news.example/feeds/main.xml" rel="self"/>
  <item>
    <title>Council approves night buses</title>
    <link>https://news.example/2026/11/20/night-buses?utm_source=rss&amp;utm_medium=feed</link>
    <pubDate>Fri, 20 Nov 2026 07:45:00 +0100</pubDate>
  </item>
  <item>
    <title>Relative link</title>
    <link>/2026/11/19/relative-story</link>
    <dc:date>2026-11-19T10:00:00Z</dc:date>
  </item>
  <item>
    <title>Guid is the permalink</title>
    <guid>https://news.example/2026/11/18/guid-story</guid>
    <pubDate>not a date</pubDate>
  </item>
  <item>
    <title>Correction notice without a link</title>
    <guid isPermaLink="false">notice-1</guid>
  </item>
  <item><link>mailto:desk@news.example</link></item>
  <item><link>https://news.example/2026/11/17/untitled</link></item>
</channel>
</rss>
"""


def test_rss2_entries_in_order_with_dates_and_titles():
    assert parse(RSS) == [
        FeedEntry("https://news.example/2026/11/20/night-buses", utc(2026, 11, 20, 6, 45),
                  "Council approves night buses"),
        FeedEntry("https://news.example/2026/11/19/relative-story", utc(2026, 11, 19, 10), "Relative link"),
        FeedEntry("https://news.example/2026/11/18/guid-story", None, "Guid is the permalink"),
        FeedEntry("https://news.example/2026/11/17/untitled", None, None),
    ]


def test_rss_091_with_a_plain_doctype_is_read():
    body = ('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            '<rss version="0.91"><channel><item><title>Old</title><link>https://news.example/old-style-story</link>'
            '</item></channel></rss>')
    assert [e.url for e in parse(body)] == ["https://news.example/old-style-story"]


RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example/">
    <title>News</title><link>https://news.example/</link>
    <items><rdf:Seq><rdf:li rdf:resource="https://news.example/a-story-in-rdf"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://news.example/a-story-in-rdf">
    <title>A story in RDF</title>
    <link>https://news.example/a-story-in-rdf</link>
    <dc:date>2026-11-20T08:00:00+01:00</dc:date>
  </item>
  <item rdf:about="https://news.example/about-only-story">
    <title>Only rdf:about</title>
    <dc:date>2026-11-19</dc:date>
  </item>
</rdf:RDF>
"""


def test_rss1_rdf_items_outside_the_channel():
    assert parse(RDF) == [
        FeedEntry("https://news.example/a-story-in-rdf", utc(2026, 11, 20, 7), "A story in RDF"),
        FeedEntry("https://news.example/about-only-story", utc(2026, 11, 19), "Only rdf:about"),
    ]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/section/">
  <title>News</title>
  <link rel="self" href="https://news.example/atom.xml"/>
  <entry>
    <title type="text">Absolute link</title>
    <link rel="alternate" type="text/html" href="https://news.example/2026/11/20/absolute"/>
    <published>2026-11-20T09:00:00+01:00</published>
    <updated>2026-11-21T09:00:00+01:00</updated>
  </entry>
  <entry xml:base="https://other.example/base/">
    <title>Relative to the entry's xml:base</title>
    <link href="relative-to-entry-base"/>
    <updated>2026-11-19T12:00:00</updated>
  </entry>
  <entry>
    <title>Relative to the feed's xml:base; HTML link preferred</title>
    <link rel="alternate" type="application/pdf" href="print.pdf"/>
    <link rel="alternate" type="text/html" href="relative-to-feed-base"/>
    <link rel="replies" href="comments"/>
  </entry>
  <entry>
    <title>Enclosure only</title>
    <link rel="enclosure" href="episode-12.mp3"/>
  </entry>
  <entry><title>No link at all</title></entry>
</feed>
"""


def test_atom_entries_links_and_dates():
    assert parse(ATOM) == [
        FeedEntry("https://news.example/2026/11/20/absolute", utc(2026, 11, 20, 8), "Absolute link"),
        FeedEntry("https://other.example/base/relative-to-entry-base", utc(2026, 11, 19, 12),
                  "Relative to the entry's xml:base"),
        FeedEntry("https://news.example/section/relative-to-feed-base", None,
                  "Relative to the feed's xml:base; HTML link preferred"),
    ]


def test_atom_without_xml_base_resolves_against_the_feed_url():
    body = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="../2026/story-under-feeds"/>'
            '<title>t</title></entry></feed>')
    assert [e.url for e in parse(body)] == ["https://news.example/2026/story-under-feeds"]


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "News",
    "items": [
        {"id": "1", "url": "https://news.example/2026/11/20/json-story", "title": "JSON story",
         "date_published": "2026-11-20T10:00:00-05:00"},
        {"id": "2", "url": "/2026/11/19/relative-json-story", "date_published": "yesterday"},
        {"id": "3", "content_text": "no url"},
        "not an item",
        {"id": "4", "url": 42},
    ],
}


def test_json_feed_items():
    assert parse(json.dumps(JSON_FEED)) == [
        FeedEntry("https://news.example/2026/11/20/json-story", utc(2026, 11, 20, 15), "JSON story"),
        FeedEntry("https://news.example/2026/11/19/relative-json-story", None, None),
    ]


def test_format_is_told_by_content_even_after_a_bom_and_whitespace():
    assert len(parse(b"\xef\xbb\xbf\n  " + json.dumps(JSON_FEED).encode())) == 2
    assert len(parse(b"\xef\xbb\xbf\n" + RSS.encode())) == 4


@pytest.mark.parametrize(("body", "reason"), [
    ('{"version": "https://jsonfeed.org/version/1.1", "items": [', "not valid JSON"),
    ('{"title": "no version", "items": []}', "not a JSON Feed"),
    ('[1, 2, 3]', "not a JSON Feed"),
    ("<html><body>Not a feed</body></html>", "root element is <html>"),
    ("<rss><channel><item></channel></rss>", "not well-formed XML"),
    ("", "not well-formed XML"),
])
def test_unreadable_feeds_say_why(body, reason):
    with pytest.raises(FeedError, match=reason):
        parse(body)


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>https://news.example/x</link></item></channel></rss>
"""
PARAMETER_XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
<rss version="2.0"><channel/></rss>
"""
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>https://news.example/x</link></item></channel></rss>
"""


@pytest.mark.parametrize(("body", "entity"), [(XXE, "xxe"), (PARAMETER_XXE, "remote"), (BILLION_LAUGHS, "lol")])
def test_entity_declarations_are_refused_before_expansion(body, entity):
    with pytest.raises(FeedError) as info:
        parse(body)
    message = str(info.value)
    assert f"XML entity {entity!r}" in message and "refused" in message
    assert "root:" not in message and "lollol" not in message  # nothing was expanded or read


def test_a_feed_over_the_limit_is_refused_before_parsing():
    body = RSS.encode()
    with pytest.raises(FeedError, match=f"feed is {len(body)} bytes, more than the limit of 100"):
        parse_feed(body, BASE, max_bytes=100)
    assert parse_feed(body, BASE, max_bytes=len(body))


PAGE = """<!DOCTYPE html><html><head>
<meta charset="utf-8">
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
<link rel="alternate" type="application/feed+json" href="https://news.example/feed.json">
<link rel="alternate" type="application/json" href="/feed.json?utm_source=x">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="alternate" type="text/html" media="handheld" href="/mobile/">
<link rel="alternate" type="application/rss+xml" href="/rss.xml#again">
<link rel="alternate" type="application/rss+xml" href="http://[broken">
<link rel="alternate" type="application/rss+xml" href="mailto:feeds@news.example">
</head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-element.xml">RSS</a></body></html>
"""


def test_feed_links_finds_declared_feeds_only():
    assert feed_links(PAGE, "https://news.example/section/") == [
        "https://news.example/rss.xml",
        "https://news.example/section/atom.xml",
        "https://news.example/feed.json",
    ]


def test_feed_links_honours_base_href_and_reads_bytes():
    html = ('<html><head><meta charset="iso-8859-1"><base href="https://cdn.news.example/"><title>Caf\xe9</title>'
            '<link rel="alternate" type="application/rss+xml" href="feeds/caf\xe9.xml"></head></html>')
    assert feed_links(html.encode("latin-1"), "https://news.example/") == ["https://cdn.news.example/feeds/caf%C3%A9.xml"]


@pytest.mark.parametrize("page", ["", b"", "   ", "<html></html>"])
def test_feed_links_of_empty_pages(page):
    assert feed_links(page, "https://news.example/") == []


def test_a_malformed_xml_base_is_ignored():
    body = ('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://[broken/">'
            '<entry><link href="/2026/11/20/story-despite-bad-base"/></entry></feed>')
    assert [e.url for e in parse(body)] == ["https://news.example/2026/11/20/story-despite-bad-base"]

"""Spider arguments and the atomic feed storage."""

from __future__ import annotations

import pytest
from scrapy.exceptions import UsageError

from crawler.feeds import AtomicFileFeedStorage
from crawler.params import NewsParams


def test_urls_comma_list_deduplicated_and_named_hosts():
    params = NewsParams.from_args(urls="http://127.0.0.1:8000/a, http://127.0.0.1:8000/a,https://example.com/b")
    assert params.urls == ("http://127.0.0.1:8000/a", "https://example.com/b")
    assert params.named_hosts == {"127.0.0.1", "example.com"}


def test_urls_file_skips_blank_lines_and_comments(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# morning run\nhttps://example.com/a\n\n  https://example.com/b  \n")
    assert NewsParams.from_args(urls=f"@{listing}").urls == ("https://example.com/a", "https://example.com/b")


def test_a_urls_file_with_a_byte_order_mark_or_not_in_utf_8(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_bytes(b"\xef\xbb\xbfhttps://example.com/a\n")
    assert NewsParams.from_args(urls=f"@{listing}").urls == ("https://example.com/a",)
    listing.write_bytes(b"https://example.com/a\xe9.html\n")
    with pytest.raises(UsageError, match="not UTF-8 text"):
        NewsParams.from_args(urls=f"@{listing}")
    sites = tmp_path / "sites.toml"
    sites.write_bytes(b"\xff\xfe[[site]]\n")
    with pytest.raises(UsageError, match="not UTF-8 text"):
        NewsParams.from_args(sites=str(sites))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "nothing to crawl"),
        ({"urls": ""}, "-a urls: no URL given"),
        ({"urls": "example.com/a"}, "-a urls: 'example.com/a' is not an http(s) URL"),
        ({"sitemap": "file:///etc/passwd"}, "-a sitemap: 'file:///etc/passwd' is not an http(s) URL"),
        ({"urls": "@/nonexistent/urls.txt"}, "cannot read the file"),
        ({"url": "https://example.com/"}, "unknown spider argument(s): -a url"),
        ({"urls": "http://127.0.0.1:99999/a"}, "-a urls: 'http://127.0.0.1:99999/a' is not a valid URL (Port out of range"),
        ({"sitemap": "http://[::1/s.xml"}, "-a sitemap: 'http://[::1/s.xml' is not a valid URL (Invalid IPv6 URL)"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, message):
    with pytest.raises(UsageError) as raised:
        NewsParams.from_args(**kwargs)
    assert message in str(raised.value)


def test_empty_urls_file(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# nothing yet\n")
    with pytest.raises(UsageError, match="lists no URLs"):
        NewsParams.from_args(urls=f"@{listing}")


def test_feed_appears_only_when_stored(tmp_path):
    target = tmp_path / "news" / "2026-11-25" / "run.jsonl"
    storage = AtomicFileFeedStorage(str(target), feed_options={"overwrite": True})
    handle = storage.open(None)
    handle.write(b'{"a": 1}\n')
    assert not target.exists()  # a crash now leaves only run.jsonl.part
    assert (target.parent / "run.jsonl.part").exists()
    storage.store(handle)
    assert target.read_bytes() == b'{"a": 1}\n'
    assert not (target.parent / "run.jsonl.part").exists()


def test_append_mode_adds_whole_run_at_store(tmp_path):
    target = tmp_path / "all.jsonl"
    target.write_bytes(b'{"old": 1}\n')
    storage = AtomicFileFeedStorage(str(target), feed_options={"overwrite": False})
    handle = storage.open(None)
    handle.write(b'{"new": 2}\n')
    assert target.read_bytes() == b'{"old": 1}\n'
    storage.store(handle)
    assert target.read_bytes() == b'{"old": 1}\n{"new": 2}\n'

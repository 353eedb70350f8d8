"""Integration: discovery crawls (-a sites/home/feed/sitemap, since) over two local news sites."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.discovery import parse_since
from tests.conftest import run_crawl
from tests.sites.server import SiteServer

SITES = Path(__file__).parent / "sites"
FAST = {"NEWSCLEAN_CRAWL_DELAY_MAX": "0.05"}  # news_a asks for Crawl-delay: 1


def expected(name: str) -> dict:
    return json.loads((SITES / name / "_expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def news_a():
    with SiteServer(SITES / "news_a") as server:
        yield server


@pytest.fixture
def news_b():
    with SiteServer(SITES / "news_b") as server:
        yield server


def newer_than(site: str, since: str | None) -> set[str]:
    """Paths of ``site``'s articles published after ``since`` (all of them without one)."""
    now = datetime.now(timezone.utc)
    articles = expected(site)["articles"]
    if since is None:
        return set(articles)
    cutoff = parse_since(since, now)
    return {path for path, a in articles.items() if parse_since(a["published"], now) > cutoff}


def written(run, server) -> set[str]:
    prefix = server.base + "/"
    return {item["url"].removeprefix(prefix) for item in run.items if item["url"].startswith(prefix)}


def site_list(tmp_path: Path, *servers_and_names) -> Path:
    path = tmp_path / "sites.toml"
    tables = [f'[[site]]\nname = "{name}"\nhome = "{server.base}/"\n' for server, name in servers_and_names]
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


@pytest.mark.parametrize("since", [None, "7d", "2d"])
def test_site_list_crawl_writes_exactly_the_articles_newer_than_since(tmp_path, news_a, news_b, since):
    sites = site_list(tmp_path, (news_a, "news-a"), (news_b, "news-b"))
    args = [f"sites={sites}"] + ([f"since={since}"] if since else [])
    run = run_crawl(tmp_path, *args, feed=tmp_path / "out.jsonl", settings=FAST)
    assert run.returncode == 0, run.log
    assert written(run, news_a) == newer_than("news_a", since)
    assert written(run, news_b) == newer_than("news_b", since)
    assert len(run.items) == len({i["url"] for i in run.items})  # nothing twice
    # Sitemap- and feed-dated articles older than since are never even requested.
    if since:
        dated_only = {p for p, a in expected("news_a")["articles"].items() if a["routes"] == ["sitemap"]}
        for path in dated_only - newer_than("news_a", since):
            assert f"/{path}" not in news_a.requests
    for server, site in ((news_a, "news_a"), (news_b, "news_b")):
        for path in expected(site)["disallowed"]:
            assert f"/{path}" not in server.requests  # robots.txt
        requested = set(server.requests)
        for path in expected(site)["non_articles"]:
            if path.startswith(("tag/", "author/", "search", "login", "account/", "downloads/")):
                assert f"/{path}" not in requested, path


def test_tracking_parameters_and_fragments_do_not_make_a_second_request(tmp_path, news_a):
    run = run_crawl(tmp_path, f"home={news_a.base}/", feed=tmp_path / "out.jsonl", settings=FAST)
    assert run.returncode == 0, run.log
    alias, target = next(iter(expected("news_a")["aliases"].items()))
    assert news_a.requests.count(f"/{target.split('?')[0]}") == 1
    assert written(run, news_a) == newer_than("news_a", None)
    assert run.stat("newsclean/discovery/skipped/duplicate") >= 1


def test_feed_argument_reads_only_that_feed(tmp_path, news_b):
    run = run_crawl(tmp_path, f"feed={news_b.base}/rss.xml", feed=tmp_path / "out.jsonl")
    assert run.returncode == 0, run.log
    feed_articles = set(expected("news_b")["sources"]["feed"]["rss.xml"])
    assert written(run, news_b) == feed_articles
    assert "/" not in news_b.requests  # the home page was not needed
    assert run.stat("newsclean/discovery/found/feed") == len(feed_articles)


def test_feed_and_sitemap_dates_become_the_published_source_when_pages_have_none(tmp_path, news_b):
    run = run_crawl(tmp_path, f"feed={news_b.base}/atom.xml", feed=tmp_path / "out.jsonl")
    sources = {item["published_source"] for item in run.items}
    assert sources <= {"json-ld", "meta", "time", "feed"}
    assert all(item["published"] for item in run.items)


def test_crawl_delay_is_read_and_capped(tmp_path, news_a):
    run = run_crawl(tmp_path, f"home={news_a.base}/", "since=2h", feed=tmp_path / "out.jsonl",
                    settings={"NEWSCLEAN_CRAWL_DELAY_MAX": "0.3"})
    assert run.returncode == 0, run.log
    assert "asks for 1 s between requests; waiting 0.3 s" in run.log.replace("1.0 s", "1 s")


def test_bad_site_list_fails_at_start(tmp_path):
    bad = tmp_path / "sites.toml"
    bad.write_text('[[site]]\nname = "x"\nhome = "ftp://example.invalid/"\n', encoding="utf-8")
    run = run_crawl(tmp_path, f"sites={bad}")
    assert run.returncode == 2
    assert "-a sites:" in run.log and "home" in run.log
    unknown = run_crawl(tmp_path, f"sites={bad}", "site=nope")
    assert unknown.returncode == 2
    assert "Traceback" not in run.log + unknown.log


def test_bad_since_fails_at_start(tmp_path):
    run = run_crawl(tmp_path, "feed=http://127.0.0.1:9/rss.xml", "since=yesterday")
    assert run.returncode == 2
    assert "-a since: bad since value 'yesterday'" in run.log


def test_robots_txt_binds_every_request_that_waited_for_it(tmp_path, news_a):
    """Several requests to a site not yet asked for its robots.txt all wait for it; each is judged
    by it, not only the first (Scrapy's middleware gave the others no rules at all)."""
    urls = ",".join(news_a.url(f"private/draft-{n}.html") for n in range(6))
    run = run_crawl(tmp_path, f"urls={urls}", feed=tmp_path / "out.jsonl", settings=FAST)
    assert [path for path in news_a.requests if path.startswith("/private/")] == []
    assert run.stat("robotstxt/forbidden") == 6

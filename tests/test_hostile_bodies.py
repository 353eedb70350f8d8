"""Hostile response bodies: decompression bombs, huge and endless bodies, silence, slow-loris.

One crawl (module-scoped) fetches every hostile URL plus two normal articles from one server on
127.0.0.1; the tests below each check one promise about it. Limits: the project's DOWNLOAD_MAXSIZE
(10 MiB), DOWNLOAD_TIMEOUT 2 s and one retry (tests/hostile/harness.py: HOSTILE_SETTINGS).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.hostile.harness import HostileRun, assert_contained, run_hostile_crawl
from tests.hostile.server import (
    HostileServer,
    article_page,
    bomb,
    endless,
    huge_html,
    silent,
    slow_headers,
    slowloris,
    trickle,
)

NORMAL = {"/news/first-normal-article": "First normal article", "/news/second-normal-article": "Second normal article"}
BOMBS = {"/bomb/gzip": "gzip", "/bomb/gzip-gzip": "gzip, gzip", "/bomb/deflate": "deflate", "/bomb/br": "br",
         "/bomb/zstd": "zstd"}
TOO_LARGE = ["/big/50mb-with-length", "/big/50mb-chunked", "/endless/fast"]
TOO_SLOW = ["/endless/trickle", "/silent", "/slowloris", "/slow-headers"]
TIMEOUT = 2  # HOSTILE_SETTINGS' DOWNLOAD_TIMEOUT
MAX_RSS_MIB = 350  # the crawl process; a normal small crawl peaks near 120 MiB


@dataclass
class Result:
    run: HostileRun
    site: HostileServer


@pytest.fixture(scope="module")
def crawl(netguard, tmp_path_factory) -> Result:  # noqa: F811
    tmp = tmp_path_factory.mktemp("bodies")
    with HostileServer(name="bodies") as site:
        for path, title in NORMAL.items():
            site.routes[path] = article_page(title)
        for path, encoding in BOMBS.items():
            site.routes[path] = bomb(encoding)
        site.routes.update({
            "/big/50mb-with-length": huge_html(50_000_000, chunked=False),
            "/big/50mb-chunked": huge_html(50_000_000, chunked=True),
            "/endless/fast": endless(),
            "/endless/trickle": trickle(0.2),
            "/silent": silent(),
            "/slowloris": slowloris(interval=0.2),
            "/slow-headers": slow_headers(0.2),
        })
        urls = ",".join(site.url(path) for path in site.routes)
        run = run_hostile_crawl(tmp, f"urls={urls}", feed=tmp / "out.jsonl")
    return Result(run, site)


def test_the_normal_articles_are_written(crawl):
    run, site = crawl.run, crawl.site
    assert run.returncode == 0, run.log
    assert run.stats["finish_reason"] == "finished"
    assert sorted(i["url"] for i in run.items) == sorted(site.url(p) for p in NORMAL)
    assert sorted(i["title"] for i in run.items) == sorted(NORMAL.values())


def test_no_hang_beyond_the_timeouts(crawl):
    # Slow answers get TIMEOUT seconds, twice (one retry); everything else runs alongside them.
    assert crawl.run.seconds < 4 * TIMEOUT + 15, crawl.run.seconds


def test_memory_stays_bounded(crawl):
    assert 0 < crawl.run.crawl_rss_mib < MAX_RSS_MIB, crawl.run.peak_rss_mib
    assert max(crawl.run.peak_rss_mib.values()) < MAX_RSS_MIB, crawl.run.peak_rss_mib


def test_nothing_beyond_loopback(crawl):
    assert_contained(crawl.run)


def test_decompression_bombs_are_cut_off_at_the_size_limit(crawl):
    run = crawl.run
    for path in BOMBS:
        line = next((ln for ln in run.log.splitlines() if f"{crawl.site.url(path)}> because its body" in ln), "")
        assert "exceeded DOWNLOAD_MAXSIZE (10485760 B) during decompression" in line, path
    assert not [i for i in run.items if "/bomb/" in i["url"]]
    assert run.stat("newsclean/pages/fetched") == len(NORMAL)


def test_oversized_and_endless_bodies_are_cancelled(crawl):
    run = crawl.run
    assert run.stat("downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError") == len(TOO_LARGE)
    assert f"Expected to receive 50000000 bytes which is larger than download max size (10485760) in request <GET {crawl.site.url('/big/50mb-with-length')}>" in run.log
    for path in ("/big/50mb-chunked", "/endless/fast"):
        assert f"which is larger than download max size (10485760) in request <GET {crawl.site.url(path)}>" in run.log
        assert len(crawl.site.hits_for(path)) == 1  # not retried


def test_silent_and_slow_servers_time_out(crawl):
    run = crawl.run
    assert run.stat("downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError") >= len(TOO_SLOW)
    assert run.stat("retry/max_reached") == len(TOO_SLOW)
    for path in TOO_SLOW:
        url = crawl.site.url(path)
        assert f"Gave up retrying <GET {url}> (failed 2 times): Getting {url} took longer than {TIMEOUT}.0 seconds." in run.log
        assert len(crawl.site.hits_for(path)) == 2



def test_decompression_bombs_are_counted(crawl):
    assert crawl.run.stat("newsclean/errors/decompression_bomb") == len(BOMBS)


def test_each_failed_url_is_one_counted_line_without_a_traceback(crawl):
    run = crawl.run
    assert "Traceback" not in run.log
    assert run.stat("newsclean/errors/too_large") == len(TOO_LARGE)
    assert run.stat("newsclean/errors/timeout") == len(TOO_SLOW)

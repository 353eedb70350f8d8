"""Hostile politeness signals: HTTP 429 / 503 with Retry-After, and robots.txt files that are huge
(50 MB), binary, an image, a gzip bomb, or never answered.

One crawl (module-scoped) of ``-a urls=``: two normal articles and the 429/503 pages on one server,
and one server per robots.txt variant, each with an ``/art`` page and a ``/blocked`` page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.hostile.harness import HostileRun, assert_contained, run_hostile_crawl
from tests.hostile.server import (
    PNG_BYTES,
    HostileServer,
    article_page,
    bomb,
    http_date,
    page,
    repeat,
    retry_after,
    sequence,
    silent,
    streamed,
)

NORMAL = {"/news/first-normal-article": "First normal article", "/news/second-normal-article": "Second normal article"}
ONCE = {"/retry/429-once": (429, "1"), "/retry/503-once": (503, "1")}
FOREVER = {"/retry/429-forever": (429, "3600"), "/retry/503-forever": (503, "86400")}
ROBOTS_RULE = b"User-agent: *\nDisallow: /blocked\n"
FILLER = b"".join(b"Disallow: /archive/%d/\n" % i for i in range(2000))


def robots_variants():
    return {
        # The rule comes first; 50 MB of further rules follow (cut at DOWNLOAD_MAXSIZE).
        "huge": streamed(repeat(FILLER, 50_000_000, ROBOTS_RULE), "text/plain"),
        "binary": page(bytes(range(256)) * 400, "text/plain"),
        "image": page(PNG_BYTES, "image/png"),
        "bomb": bomb("gzip", "text/plain"),
        "silent": silent(),
    }


@dataclass
class Result:
    run: HostileRun
    site: HostileServer
    robots: dict[str, HostileServer]


@pytest.fixture(scope="module")
def crawl(netguard, tmp_path_factory) -> Result:  # noqa: F811
    tmp = tmp_path_factory.mktemp("politeness")
    servers = {name: HostileServer(robots=route, name=f"robots-{name}") for name, route in robots_variants().items()}
    with HostileServer(name="politeness") as site:
        for path, title in NORMAL.items():
            site.routes[path] = article_page(title)
        for path, (status, value) in ONCE.items():
            site.routes[path] = sequence(retry_after(status, value), article_page(f"Served after a {status}"))
        site.routes["/retry/503-date"] = sequence(retry_after(503, lambda: http_date(2)),
                                                  article_page("Served after a 503 with a date"))
        for path, (status, value) in FOREVER.items():
            site.routes[path] = retry_after(status, value)
        urls = [site.url(p) for p in site.routes]
        for name, server in servers.items():
            server.routes["/art"] = article_page(f"An article on the site whose robots.txt is {name}")
            server.routes["/blocked"] = article_page(f"A page robots.txt of {name} may block")
            urls += [server.url("/art"), server.url("/blocked")]
        for server in servers.values():
            server.__enter__()
        try:
            run = run_hostile_crawl(tmp, "urls=" + ",".join(urls), feed=tmp / "out.jsonl")
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)
    return Result(run, site, servers)


def written(crawl: Result) -> set[str]:
    return {i["url"] for i in crawl.run.items}


def test_the_normal_articles_are_written(crawl):
    run = crawl.run
    assert run.returncode == 0, run.log
    assert run.stats["finish_reason"] == "finished"
    assert {crawl.site.url(p) for p in NORMAL} <= written(crawl)
    assert 0 < run.crawl_rss_mib < 350
    assert_contained(run)


def test_a_page_is_fetched_again_after_429_or_503(crawl):
    for path in [*ONCE, "/retry/503-date"]:
        assert crawl.site.url(path) in written(crawl), path
        assert len(crawl.site.hits_for(path)) == 2


def test_a_huge_retry_after_does_not_hold_the_crawl(crawl):
    run = crawl.run
    assert run.seconds < 30  # Retry-After: 86400 is no reason to wait a day
    for path in FOREVER:
        url = crawl.site.url(path)
        assert f"Not retrying <GET {url}>: the site asks to wait" in run.log
        assert url not in written(crawl)
    assert run.stat("newsclean/retry_after/too_long") >= len(FOREVER)


def test_unusable_robots_txt_files_do_not_stop_the_site(crawl):
    for name, server in crawl.robots.items():
        assert server.url("/art") in written(crawl), name
        assert server.paths().count("/robots.txt") in (1, 2), name  # one try, or two for the silent one


def test_each_unusable_robots_txt_is_logged(crawl):
    run, robots = crawl.run, crawl.robots  # (the huge one is read up to the cap: see below)
    assert f"<200 {robots['bomb'].url('/robots.txt')}> because its body" in run.log
    assert f"Getting {robots['silent'].url('/robots.txt')} took longer than 2.0 seconds" in run.log
    assert run.stat("robotstxt/exception_count/<class 'scrapy.exceptions.DownloadTimeoutError'>") == 1


def test_retry_after_is_honoured(crawl):
    for path in [*ONCE, "/retry/503-date"]:
        first, second = crawl.site.hits_for(path)[:2]
        assert second.at - first.at >= 0.9, path
    assert crawl.run.stat("newsclean/retry_after/waited") == 3


def test_a_retry_after_beyond_the_maximum_gives_up_at_once(crawl):
    for path in FOREVER:
        assert len(crawl.site.hits_for(path)) == 1, path
    assert crawl.run.stat("newsclean/retry_after/too_long") == len(FOREVER)


def test_a_huge_robots_txt_is_read_up_to_the_limit_and_obeyed(crawl):
    huge = crawl.robots["huge"]
    assert "/blocked" not in huge.paths()
    assert crawl.run.stat("newsclean/robots/truncated") == 1

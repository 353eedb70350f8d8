"""Hostile sitemaps and feeds: billion laughs, external entities (XXE: a local secret file,
/etc/passwd, a remote DTD on a canary), 100 MB sitemaps, gzip bombs, a sitemap index pointing at
internal addresses, malformed and non-http URLs, and a sitemap of one million URLs.

One crawl (module-scoped): ``-a sitemap=`` the good sitemap (two normal articles), every hostile
sitemap and the million-URL one (each server is its own site), ``-a feed=`` every hostile feed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.hostile.harness import (
    SECRET_TOKEN,
    Canaries,
    HostileRun,
    assert_contained,
    assert_no_leak,
    run_hostile_crawl,
)
from tests.hostile.server import (
    HostileServer,
    article_page,
    billion_laughs_rss,
    billion_laughs_sitemap,
    bomb,
    external_dtd_sitemap,
    huge_sitemap,
    million_url_sitemap_gz,
    page,
    rss_xml,
    sitemap_gzip_bomb,
    sitemap_index_xml,
    sitemap_xml,
    xxe_rss,
    xxe_sitemap,
)

NORMAL = {"/news/first-normal-article": "First normal article", "/news/second-normal-article": "Second normal article"}
MAX_PAGES = 20  # NEWSCLEAN_MAX_PAGES_PER_SITE in this crawl: the million-URL site may cost at most this many requests
XML = "application/xml"
RSS = "application/rss+xml"


def bad_urls(secret_path, canary_port: int) -> list[str]:
    """Malformed and non-http(s) URLs (each must be skipped and counted)."""
    return [
        "javascript:alert(1)", f"file://{secret_path}", "file:///etc/passwd", "ftp://127.0.0.2/x", "mailto:a@b.example",
        "data:text/html,<p>hi</p>", "http://[::1/x", "http://127.0.0.1:99999/x", f"gopher://127.0.0.2:{canary_port}/_x",
    ]


# Listed with them: a host with a space (off-site, so skipped as such) and an over-long relative URL
# (Scrapy's URLLENGTH_LIMIT drops its request).
ODD_URLS = ["http://exa mple.test/x", "/" + "a" * 100_000]


@dataclass
class Result:
    run: HostileRun
    good: HostileServer
    bad: HostileServer
    million: HostileServer
    canaries: Canaries


@pytest.fixture(scope="module")
def crawl(netguard, canaries, secret, tmp_path_factory) -> Result:  # noqa: F811
    tmp = tmp_path_factory.mktemp("xml")
    c2 = canaries.other
    with HostileServer(name="good") as good, HostileServer(name="bad") as bad, HostileServer(name="million") as million:
        for path, title in NORMAL.items():
            good.routes[path] = article_page(title)
        good.routes["/sitemap.xml"] = page(sitemap_xml([good.url(p) for p in NORMAL]), XML)
        bad.routes.update({
            "/laughs.xml": page(billion_laughs_sitemap(), XML),
            "/xxe.xml": page(xxe_sitemap(str(secret)), XML),
            "/external-dtd.xml": page(external_dtd_sitemap(f"http://127.0.0.2:{c2.port}/evil.dtd"), XML),
            "/huge.xml": huge_sitemap(100_000_000, bad.base, chunked=False),
            "/huge-chunked.xml": huge_sitemap(100_000_000, bad.base, chunked=True),
            "/bomb.xml.gz": page(sitemap_gzip_bomb(), "application/gzip"),
            "/bomb-encoded.xml": bomb("gzip", XML),
            "/internal-index.xml": page(sitemap_index_xml([
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/sitemap.xml",
                f"http://127.0.0.2:{c2.port}/sitemap.xml", f"http://rebind.example.test:{c2.port}/sitemap.xml",
                "http://metadata.example.test/sitemap.xml", f"file://{secret}", "ftp://127.0.0.2/sitemap.xml",
            ]), XML),
            "/bad-urls.xml": page(sitemap_xml(bad_urls(secret, c2.port) + ODD_URLS), XML),
            "/laughs.rss": page(billion_laughs_rss(), RSS),
            "/xxe.rss": page(xxe_rss(str(secret), f"http://127.0.0.2:{c2.port}/evil.dtd"), RSS),
            "/bad-urls.rss": page(rss_xml(bad_urls(secret, c2.port) + ODD_URLS), RSS),
        })
        million.routes["/million.xml.gz"] = million_url_sitemap_gz()
        sitemaps = [good.url("sitemap.xml"), million.url("million.xml.gz"),
                    *(bad.url(p) for p in bad.routes if not p.endswith(".rss"))]
        feeds = [bad.url(p) for p in bad.routes if p.endswith(".rss")]
        run = run_hostile_crawl(tmp, "sitemap=" + ",".join(sitemaps), "feed=" + ",".join(feeds), feed=tmp / "out.jsonl",
                                settings={"NEWSCLEAN_MAX_PAGES_PER_SITE": str(MAX_PAGES)})
    return Result(run, good, bad, million, canaries)


def test_the_normal_articles_are_written(crawl):
    run = crawl.run
    assert run.returncode == 0, run.log
    assert run.stats["finish_reason"] == "finished"
    assert sorted(i["url"] for i in run.items) == sorted(crawl.good.url(p) for p in NORMAL)
    assert run.seconds < 30


def test_memory_stays_bounded(crawl):
    assert 0 < crawl.run.crawl_rss_mib < 350, crawl.run.peak_rss_mib


def test_entity_declarations_are_refused(crawl):
    run = crawl.run
    for path, entity in (("/laughs.xml", "lol"), ("/xxe.xml", "secret")):
        assert f"Ignoring sitemap {crawl.bad.url(path)}: sitemap declares the XML entity '{entity}'" in run.log
    for path, entity in (("/laughs.rss", "lol"), ("/xxe.rss", "secret")):
        assert f"Ignoring feed {crawl.bad.url(path)}: feed declares the XML entity '{entity}'" in run.log
    assert run.stat("newsclean/discovery/bad/feed") == 2


def test_no_secret_leaks_and_no_external_dtd_is_fetched(crawl, secret):  # noqa: F811
    run = crawl.run
    assert_no_leak(run, crawl.good, crawl.bad, crawl.million)
    assert crawl.canaries.hits() == []
    assert not [p for p in crawl.bad.paths() if SECRET_TOKEN in p or "passwd" in p]


def test_oversized_sitemaps_are_cut_off(crawl):
    run = crawl.run
    assert run.stat("downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError") == 2
    assert f"Expected to receive 100000000 bytes which is larger than download max size (10485760) in request <GET {crawl.bad.url('/huge.xml')}>" in run.log
    assert f"larger than download max size (10485760) in request <GET {crawl.bad.url('/huge-chunked.xml')}>" in run.log
    assert f"Ignoring sitemap {crawl.bad.url('/bomb.xml.gz')}: gzipped sitemap inflates to more than the limit" in run.log
    assert f"<200 {crawl.bad.url('/bomb-encoded.xml')}> because its body" in run.log
    assert not [p for p in crawl.bad.paths() if p.startswith("/bulk/")]
    assert run.stat("newsclean/discovery/bad/sitemap") >= 3  # laughs, xxe, gzip bomb (and maybe the million)


def test_a_sitemap_index_cannot_point_the_crawler_inside(crawl):
    run = crawl.run
    assert crawl.canaries.hits() == []
    assert_contained(run)
    assert run.stat("newsclean/guard/refused/link-local") == 2
    assert run.stat("newsclean/guard/refused/private") == 1
    assert run.stat("newsclean/guard/refused/loopback") == 2
    assert "Refused http://169.254.169.254/latest/meta-data/" in run.log


def test_malformed_and_non_http_urls_are_never_requested(crawl):
    requested = crawl.bad.paths()
    assert set(requested) <= set(crawl.bad.routes) | {"/robots.txt"}, requested
    assert max(len(p) for p in requested) < 100


def test_a_million_url_sitemap_costs_at_most_the_page_cap(crawl):
    run = crawl.run
    fetched = [p for p in crawl.million.paths() if p.startswith("/m/")]
    assert len(fetched) <= MAX_PAGES
    url = crawl.million.url("/million.xml.gz")
    assert f"Ignoring sitemap {url}" in run.log or f"Sitemap {url} lists more than" in run.log


def test_a_million_url_sitemap_is_capped_not_refused(crawl):
    run = crawl.run
    assert run.stat("newsclean/discovery/truncated/sitemap") == 1
    assert len([p for p in crawl.million.paths() if p.startswith("/m/")]) == MAX_PAGES
    assert run.crawl_rss_mib < 250


def test_malformed_and_non_http_urls_are_counted(crawl, secret):  # noqa: F811
    run = crawl.run
    # Each bad URL of the sitemap and of the feed (and the file:/ftp: entries of the sitemap index).
    assert run.stat("newsclean/discovery/skipped/bad_url") >= 2 * len(bad_urls(secret, 0))

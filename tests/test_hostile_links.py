"""Hostile links on a site crawled from its home page (``-a home=``): malformed URLs, non-http
schemes, a 100 KB link, links and robots.txt ``Sitemap:`` lines pointing at internal addresses,
300 ``Sitemap:`` lines, and section pages nested 100,000 deep or one tagless megabyte long.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.hostile.harness import Canaries, HostileRun, assert_contained, assert_no_leak, run_hostile_crawl
from tests.hostile.server import HostileServer, article_page, deep_html, one_line_of_text, page, text_page

ARTICLES = {
    "/2026/01/15/first-normal-article-here": "First normal article",
    "/2026/01/15/second-normal-article-here": "Second normal article",
}
ROBOTS_SITEMAPS = 300
LONG_LINK = "/2026/01/15/" + "very-long-" * 10_000 + "slug"


def bad_links(secret_path, canary_port: int) -> list[str]:
    """Malformed and non-http(s) links, each shaped like an article (so only its form can exclude it)."""
    slug = "2026/01/15/a-story-with-a-long-slug"
    return [
        "javascript:alert(document.cookie)", "mailto:desk@news.example.test", f"file://{secret_path}",
        "file:///etc/passwd", f"ftp://127.0.0.2/{slug}", f"data:text/html,<a>{slug}</a>", "tel:+15555550100",
        f"http://[::1/{slug}", f"http://127.0.0.1:99999/{slug}", f"gopher://127.0.0.2:{canary_port}/{slug}",
    ]


def internal_links(canary_port: int) -> list[str]:
    """Article-shaped links to hosts the user did not name: off-site, so never requested."""
    slug = "2026/01/15/a-story-with-a-long-slug"
    return [f"//127.0.0.2:{canary_port}/{slug}", f"http://169.254.169.254/{slug}", f"http://10.0.0.1/{slug}",
            f"http://rebind.example.test:{canary_port}/{slug}", f"http://user:pw@127.0.0.2:{canary_port}/{slug}"]


@dataclass
class Result:
    run: HostileRun
    site: HostileServer
    canaries: Canaries


@pytest.fixture(scope="module")
def crawl(netguard, canaries, secret, tmp_path_factory) -> Result:  # noqa: F811
    tmp = tmp_path_factory.mktemp("links")
    port = canaries.other.port
    robots = "User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {url}\n" for url in [
        "http://169.254.169.254/latest/meta-data/", f"http://127.0.0.2:{port}/sitemap.xml",
        "http://intranet.example.test/sitemap.xml", f"file://{secret}", "javascript:alert(1)", "http://[::1/x",
    ]) + "".join(f"Sitemap: /sitemaps/{n}.xml\n" for n in range(ROBOTS_SITEMAPS))
    links = [*ARTICLES, *bad_links(secret, port), *internal_links(port), LONG_LINK, "/world/", "/deep/", "/flat/"]
    home = "<!doctype html><html><body><nav>" + "".join(
        f'<a href="{href}">link {n}</a>' for n, href in enumerate(links)) + "</nav></body></html>"
    with HostileServer(robots=text_page(robots), name="links") as site:
        for path, title in ARTICLES.items():
            site.routes[path] = article_page(title)
        site.routes["/"] = page(home.encode())
        site.routes["/world/"] = page(home.encode())
        site.routes["/deep/"] = page(deep_html(100_000))
        site.routes["/flat/"] = page(one_line_of_text(1_000_000))
        run = run_hostile_crawl(tmp, f"home={site.url('/')}", feed=tmp / "out.jsonl")
    return Result(run, site, canaries)


def test_the_normal_articles_are_written(crawl):
    run = crawl.run
    assert run.returncode == 0, run.log
    assert run.stats["finish_reason"] == "finished"
    assert sorted(i["url"] for i in run.items) == sorted(crawl.site.url(p) for p in ARTICLES)
    assert "Traceback" not in run.log
    assert run.seconds < 30
    assert 0 < run.crawl_rss_mib < 350


def test_deep_and_flat_section_pages_are_read_without_harm(crawl):
    assert "/deep/" in crawl.site.paths() and "/flat/" in crawl.site.paths()
    assert crawl.run.stat("newsclean/discovery/found/section") > 0


def test_nothing_internal_is_reached(crawl):
    run = crawl.run
    assert crawl.canaries.hits() == []
    assert_contained(run)
    assert run.stat("newsclean/guard/refused/link-local") == 1
    assert run.stat("newsclean/guard/refused/loopback") == 1
    assert run.stat("newsclean/guard/refused/private") == 1


def test_malformed_and_non_http_links_are_never_requested(crawl):
    assert_no_leak(crawl.run, crawl.site)
    for path in crawl.site.paths():
        assert "a-story-with-a-long-slug" not in path, path
        assert not path.startswith(("/javascript", "/mailto", "/tel", "/data")), path


def test_an_over_long_link_is_not_requested(crawl):
    # The server answers a request line over 64 KiB with 414 before routing it: that status is the trace.
    assert crawl.run.stat("downloader/response_status_count/414") == 0
    assert max(len(p) for p in crawl.site.paths()) <= 2083
    assert crawl.run.stat("newsclean/discovery/skipped/too_long") >= 1  # linked from / and /world/


def test_malformed_and_non_http_links_are_counted(crawl, secret):  # noqa: F811
    # Each bad link appears on the home page and on /world/.
    assert crawl.run.stat("newsclean/discovery/skipped/bad_url") >= 2 * len(bad_links(secret, 0))


def test_the_sitemaps_of_a_robots_txt_are_capped(crawl):
    fetched = [p for p in crawl.site.paths() if p.startswith("/sitemaps/")]
    assert len(fetched) <= 100, len(fetched)
    assert crawl.run.stat("newsclean/discovery/truncated/robots") == 1

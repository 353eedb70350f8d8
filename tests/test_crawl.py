"""Integration: real `scrapy crawl news` runs against the bundled demo site on 127.0.0.1."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import read_jsonl, run_crawl

ITEM_FIELDS = {
    "url", "canonical_url", "title", "text", "authors", "published", "published_source", "modified", "language",
    "site", "paywalled", "section", "tags", "fetched_at", "content_hash", "simhash",
}
SEED_FOOTER = [
    "Sign up to our free newsletters",
    "Get the best updates straight to your inbox",
    "Please select at least one mailing list.",
    "We use Mailchimp as our marketing platform.",
]
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


def check_article(item: dict, expected: dict) -> None:
    paragraphs = item["text"].split("\n\n")
    assert item["title"] == expected["title"]
    assert item["language"] == expected["language"]
    assert paragraphs[0] == expected["first_paragraph"]
    assert paragraphs[-1] == expected["last_paragraph"]
    assert len(paragraphs) == expected["paragraph_count"]
    for sentence in expected["must_keep"]:
        assert sentence in item["text"]
    for boilerplate in expected["absent"]:
        assert boilerplate not in item["text"], f"{item['url']} still has {boilerplate!r}"


def test_sitemap_crawl_writes_every_article_once(tmp_path, demo_site, demo_expected):
    feed = tmp_path / "out.jsonl"
    run = run_crawl(tmp_path, f"sitemap={demo_site.url('sitemap.xml')}", feed=feed)
    assert run.returncode == 0, run.log
    by_path = {item["url"].removeprefix(demo_site.base + "/"): item for item in run.items}
    assert set(by_path) == set(demo_expected["articles"])
    assert len(run.items) == len(by_path)
    for path, item in by_path.items():
        assert set(item) == ITEM_FIELDS
        check_article(item, demo_expected["articles"][path])
        assert item["site"] == "127.0.0.1"
        assert item["canonical_url"] == demo_site.url(path)
        assert ISO_UTC.match(item["fetched_at"])
        assert item["published"] and item["published"][:4] in {"2011", "2026"}
        assert item["authors"]
    # about.html is listed in the sitemap but is not an article: counted, logged, not written.
    assert run.stat("item_scraped_count") == len(demo_expected["articles"])
    assert run.stat("newsclean/not_article/not_article") == 1
    assert run.stat("item_dropped_reasons_count/NotAnArticle") == 1
    assert "not an article (not_article)" in run.log
    assert run.stat("newsclean/removed/newsletter") >= 8
    assert "/sitemap-news.xml.gz" in demo_site.requests  # the gzipped news sitemap was read
    assert not any(p.startswith("/private/") for p in demo_site.requests)


def test_seed_story_loses_its_footer(tmp_path, demo_site):
    url = demo_site.url("2011/04/06/ivory-coast-gbagbo-bunker-assault.html")
    run = run_crawl(tmp_path, f"urls={url}", feed=tmp_path / "out.jsonl")
    [item] = run.items
    seed_paragraphs = (Path(__file__).parent / "fixtures" / "seed_article.txt").read_text().strip().split("\n\n")
    assert item["text"].split("\n\n") == seed_paragraphs
    for sentence in SEED_FOOTER:
        assert sentence not in item["text"]


def test_urls_from_a_file_and_the_url_after_redirects(tmp_path, demo_site, demo_expected):
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(
        "# articles to fetch\n"
        f"{demo_site.url('old/story.html')}\n\n"
        f"{demo_site.url('2026/11/19/hallbrueck-stadtbibliothek-sonntagsoeffnung.html')}\n"
        f"{demo_site.url('about.html')}\n"
    )
    run = run_crawl(tmp_path, f"urls=@{urls_file}", feed=tmp_path / "out.jsonl")
    assert run.returncode == 0, run.log
    target = demo_expected["redirects"]["old/story.html"]
    assert sorted(i["url"] for i in run.items) == sorted(
        [demo_site.url(target), demo_site.url("2026/11/19/hallbrueck-stadtbibliothek-sonntagsoeffnung.html")]
    )
    assert run.stat("newsclean/not_article/not_article") == 1


def test_default_output_layout(tmp_path, demo_site):
    out_dir = tmp_path / "output"
    url = demo_site.url("2026/11/21/night-bus-trial-approved.html")
    run = run_crawl(tmp_path, f"urls={url}", settings={"NEWSCLEAN_OUTPUT_DIR": str(out_dir)})
    assert run.returncode == 0, run.log
    files = sorted(f for f in out_dir.rglob("*") if f.is_file())
    assert not [f for f in files if f.name.endswith(".part")], files
    feeds = [f for f in files if f.suffix == ".jsonl"]
    assert len(feeds) == 1, files
    feed = feeds[0]
    summary = json.loads(feed.with_name(feed.name + ".summary.json").read_text())
    assert summary["status"] == "ok" and summary["counts"]["written"] == 1
    assert summary["outputs"] == [str(feed)]
    spider, day = feed.relative_to(out_dir).parts[:2]
    assert spider == "news"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day)
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}\.jsonl", feed.name)
    [item] = read_jsonl(feed)
    assert item["url"] == url
    assert feed.read_bytes().endswith(b"\n")


def test_robots_txt_is_obeyed(tmp_path, demo_site):
    run = run_crawl(tmp_path, f"urls={demo_site.url('private/secret.html')}", feed=tmp_path / "out.jsonl")
    assert run.items == []
    assert run.stat("robotstxt/forbidden") == 1
    assert "/private/secret.html" not in demo_site.requests


def test_guard_refuses_a_redirect_to_a_host_the_user_did_not_name(tmp_path, demo_site):
    # 127.0.0.1 was named on the command line; "localhost" (also loopback) was not.
    article = "2026/11/21/night-bus-trial-approved.html"
    port = demo_site.base.rsplit(":", 1)[1]
    demo_site.redirects["/elsewhere"] = f"http://localhost:{port}/{article}"
    run = run_crawl(tmp_path, f"urls={demo_site.url('elsewhere')}", feed=tmp_path / "out.jsonl")
    assert run.items == []
    assert run.stat("newsclean/guard/refused") == 1
    assert run.stat("newsclean/guard/refused/loopback") == 1
    assert "Refused http://localhost" in run.log
    assert f"/{article}" not in demo_site.requests


def test_guard_allow_setting_lets_a_named_host_through(tmp_path, demo_site):
    article = "2026/11/21/night-bus-trial-approved.html"
    port = demo_site.base.rsplit(":", 1)[1]
    demo_site.redirects["/elsewhere"] = f"http://localhost:{port}/{article}"
    run = run_crawl(tmp_path, f"urls={demo_site.url('elsewhere')}", feed=tmp_path / "out.jsonl",
                    settings={"NEWSCLEAN_GUARD_ALLOW_HOSTS": "localhost"})
    assert [i["url"] for i in run.items] == [f"http://localhost:{port}/{article}"]
    assert run.stat("newsclean/guard/refused") == 0


def test_bad_spider_arguments_fail_at_start_with_a_clear_message(tmp_path):
    run = run_crawl(tmp_path, "urls=ftp://example.invalid/x")
    assert run.returncode == 2
    assert "-a urls: 'ftp://example.invalid/x' is not an http(s) URL" in run.log
    assert "Traceback" not in run.log
    missing = run_crawl(tmp_path, f"urls=@{tmp_path / 'nope.txt'}")
    assert missing.returncode == 2
    assert "cannot read the file" in missing.log
    twice = run_crawl(tmp_path, "urls=http://127.0.0.1:9/a.html", "urls=http://127.0.0.1:9/b.html")
    assert twice.returncode == 2  # Scrapy would keep the second alone
    assert "-a urls is given more than once" in twice.log and "Traceback" not in twice.log


def test_home_discovery_finds_every_article_through_sitemap_feed_and_links(tmp_path, demo_site, demo_expected):
    run = run_crawl(tmp_path, f"home={demo_site.url('')}", feed=tmp_path / "out.jsonl")
    assert run.returncode == 0, run.log
    assert {i["url"].removeprefix(demo_site.base + "/") for i in run.items} == set(demo_expected["articles"])
    assert len(run.items) == len(demo_expected["articles"])
    for route in ("sitemap", "feed", "home"):
        assert run.stat(f"newsclean/discovery/found/{route}") > 0, route
    assert "/feed.xml" in demo_site.requests
    assert "/private/secret.html" not in demo_site.requests
    # Pages known from the feed or sitemap carry their date into the item when the page has one too.
    assert all(i["published_source"] in ("json-ld", "meta") for i in run.items)


def test_start_urls_are_fed_as_the_crawl_takes_them(tmp_path, demo_site):
    # 300 URLs (missing pages: only the scheduling matters) must not all wait in the scheduler.
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("".join(f"{demo_site.url(f'/missing/{n}.html')}\n" for n in range(300)), encoding="utf-8")
    from crawler.settings import EXTENSIONS

    probe = {**EXTENSIONS, "tests.scheduler_probe.PeakPending": 0}
    settings = {"CONCURRENT_REQUESTS": "4", "EXTENSIONS": json.dumps(probe)}
    run = run_crawl(tmp_path, f"urls=@{urls_file}", settings=settings)
    assert run.returncode == 1, run.log[-2000:]  # every page missing: a failed run, told by its exit status
    assert sum(path.startswith("/missing/") for path in demo_site.requests) == 300
    assert "test/peak_pending" in run.stats
    assert run.stat("test/peak_pending") <= 8  # held all at once, it would be about 300


def test_a_crawl_replacing_its_workers_after_every_page_writes_every_article(tmp_path, demo_site, demo_expected):
    feed = tmp_path / "out.jsonl"
    settings = {"NEWSCLEAN_EXTRACT_WORKERS": "2", "NEWSCLEAN_EXTRACT_PAGES_PER_WORKER": "1"}
    run = run_crawl(tmp_path, f"sitemap={demo_site.url('sitemap.xml')}", feed=feed, settings=settings)
    assert run.returncode == 0, run.log
    assert sorted(item["url"] for item in run.items) == sorted(demo_site.url(path) for path in demo_expected["articles"])
    extracted = run.stat("newsclean/extract/pages")
    assert extracted == len(demo_expected["articles"]) + 1  # and about.html, not an article
    assert run.stat("newsclean/extract/pools_replaced") == (extracted - 1) // 2

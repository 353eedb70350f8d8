"""Unattended runs: incremental output, no duplicates across runs, kill -9 and resume, the lock,
near-duplicates across sites, the run summary and exit codes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, TEST_SETTINGS, read_jsonl, run_crawl
from tests.sites.server import SiteServer

SITES = Path(__file__).parent / "sites"
WORDS = (
    "council harbour budget river school ferry station market bridge library museum hospital police court "
    "tram airport festival election minister mayor union strike weather storm flood drought farmer teacher "
    "student nurse doctor engineer builder driver pilot sailor reporter judge lawyer banker trader artist"
).split()


def write_article_site(root: Path, count: int, *, start: int = 0) -> list[str]:
    """A home page linking ``count`` distinct articles (seeded random text, so no near-duplicates)."""
    paths = []
    for n in range(start, start + count):
        rng = random.Random(n)
        path = f"news/story-{n:03d}-{'-'.join(rng.sample(WORDS, 3))}.html"
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + ".</p>" for _ in range(6)
        )
        html = (
            f"<html lang='en'><head><title>Story {n}</title><meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='2026-11-{1 + n % 20:02d}T08:00:00+00:00'></head>"
            f"<body><article><h1>Story number {n} about the {rng.choice(WORDS)}</h1>{paragraphs}</article></body></html>"
        )
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(html, encoding="utf-8")
        paths.append(path)
    existing = (root / "_links.txt").read_text().split() if (root / "_links.txt").exists() else []
    links = existing + paths
    (root / "_links.txt").write_text("\n".join(links))
    (root / "index.html").write_text(
        "<html><head><meta property='og:type' content='website'></head><body>"
        + "".join(f"<a href='/{p}'>{p}</a><br>" for p in links)
        + "</body></html>",
        encoding="utf-8",
    )
    return paths


def outputs(out_dir: Path) -> list[Path]:
    return sorted(out_dir.rglob("*.jsonl"))


def all_records(out_dir: Path) -> list[dict]:
    return [record for path in outputs(out_dir) for record in read_jsonl(path)]


def test_second_run_writes_only_new_articles_and_the_summary_counts_them(tmp_path):
    site_dir = tmp_path / "site"
    first = write_article_site(site_dir, 5)
    out = tmp_path / "output"
    with SiteServer(site_dir) as site:
        run1 = run_crawl(tmp_path, f"home={site.base}/")
        assert run1.returncode == 0, run1.log
        written1 = {r["url"] for r in all_records(out)}
        assert written1 == {site.url(p) for p in first}
        added = write_article_site(site_dir, 2, start=5)
        before = set(outputs(out))
        run2 = run_crawl(tmp_path, f"home={site.base}/")
        assert run2.returncode == 0, run2.log
    [new_file] = set(outputs(out)) - before
    assert {r["url"] for r in read_jsonl(new_file)} == {site.url(p) for p in added}
    summary = json.loads(new_file.with_name(new_file.name + ".summary.json").read_text())
    assert summary["status"] == "ok"
    assert summary["counts"]["written"] == 2
    assert summary["counts"]["skipped_seen"] == 5
    assert summary["counts"]["fetched"] == 2
    assert summary["counts"]["discovered"] == 7
    assert summary["errors"] == {}
    assert "Run " in run2.log and "2 articles written, 5 skipped as seen" in run2.log


def crawl_process(tmp_path: Path, base: str, **extra: str) -> subprocess.Popen:
    settings = {**TEST_SETTINGS, "CONCURRENT_REQUESTS": "2", "NEWSCLEAN_SEEN_PATH": str(tmp_path / "seen.sqlite3"),
                "NEWSCLEAN_OUTPUT_DIR": str(tmp_path / "output"), **extra}
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"home={base}/"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def wait_for_lines(out_dir: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = list(out_dir.rglob("*.jsonl.part"))
        if parts and sum(p.read_bytes().count(b"\n") for p in parts) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not write {count} lines within {timeout} s")


def test_kill_9_then_rerun_writes_every_article_exactly_once(tmp_path):
    site_dir = tmp_path / "site"
    paths = write_article_site(site_dir, 24)
    out = tmp_path / "output"
    with SiteServer(site_dir, delay=0.15) as site:
        crawl = crawl_process(tmp_path, site.base)
        wait_for_lines(out, 5)
        os.killpg(crawl.pid, signal.SIGKILL)  # the crawl and its extraction workers
        crawl.wait(timeout=30)
        assert list(out.rglob("*.jsonl.part")), "the killed run should have left its unfinished output"
        rerun = run_crawl(tmp_path, f"home={site.base}/")
        assert rerun.returncode == 0, rerun.log
    records = all_records(out)  # every line of every file parses
    urls = [r["url"] for r in records]
    assert sorted(urls) == sorted(site.url(p) for p in paths)  # all, and each once
    assert not list(out.rglob("*.part"))
    assert rerun.stat("newsclean/recovered/files") == 1
    assert rerun.stat("newsclean/recovered/articles") >= 5


def test_a_second_run_is_refused_while_one_is_running(tmp_path):
    site_dir = tmp_path / "site"
    write_article_site(site_dir, 20)
    with SiteServer(site_dir, delay=0.4) as site:  # the first run takes several seconds
        first = crawl_process(tmp_path, site.base, CONCURRENT_REQUESTS="1")
        wait_for_lines(tmp_path / "output", 1)
        second = run_crawl(tmp_path, f"home={site.base}/")
        output, _ = first.communicate(timeout=120)
    assert second.returncode == 75
    assert "not started: another run holds" in second.log and "pid" in second.log
    assert "Traceback" not in second.log
    assert first.returncode == 0, output
    assert len(all_records(tmp_path / "output")) == 20


def test_wire_story_on_two_sites_is_flagged_not_dropped(tmp_path):
    with SiteServer(SITES / "news_a") as news_a, SiteServer(SITES / "news_b") as news_b:
        sites = tmp_path / "sites.toml"
        sites.write_text(f'[[site]]\nname = "a"\nhome = "{news_a.base}/"\n\n[[site]]\nname = "b"\nhome = "{news_b.base}/"\n')
        run = run_crawl(tmp_path, f"sites={sites}", feed=tmp_path / "out.jsonl", settings={"NEWSCLEAN_CRAWL_DELAY_MAX": "0.05"})
    assert run.returncode == 0, run.log
    by_url = {i["url"]: i for i in run.items}
    a = by_url[news_a.url("world/rail-strike-talks-collapse.html")]
    b = by_url[news_b.url("national/rail-strike-talks-collapse-cpa.html")]
    flagged = [i for i in (a, b) if i.get("duplicate_of")]
    assert len(flagged) == 1
    assert flagged[0]["duplicate_of"] == ({a["url"], b["url"]} - {flagged[0]["url"]}).pop()
    assert sum(1 for i in run.items if i.get("duplicate_of")) == 1  # no other article is flagged
    assert run.stat("newsclean/near_duplicates") == 1


def test_drop_mode_drops_the_second_copy(tmp_path):
    with SiteServer(SITES / "news_a") as news_a, SiteServer(SITES / "news_b") as news_b:
        sites = tmp_path / "sites.toml"
        sites.write_text(f'[[site]]\nname = "a"\nhome = "{news_a.base}/"\n\n[[site]]\nname = "b"\nhome = "{news_b.base}/"\n')
        run = run_crawl(tmp_path, f"sites={sites}", feed=tmp_path / "out.jsonl",
                        settings={"NEWSCLEAN_CRAWL_DELAY_MAX": "0.05", "NEWSCLEAN_NEAR_DUPLICATES": "drop"})
    urls = {i["url"] for i in run.items}
    copies = {news_a.url("world/rail-strike-talks-collapse.html"), news_b.url("national/rail-strike-talks-collapse-cpa.html")}
    assert len(urls & copies) == 1
    assert run.stat("item_dropped_reasons_count/NearDuplicate") == 1


def test_refresh_refetches_recent_articles_and_writes_only_changed_ones(tmp_path):
    site_dir = tmp_path / "site"
    paths = write_article_site(site_dir, 3)
    with SiteServer(site_dir) as site:
        assert run_crawl(tmp_path, f"home={site.base}/").returncode == 0
        changed = site_dir / paths[0]
        changed.write_text(changed.read_text().replace("</article>", "<p>Update: the council has now voted on the plan, officials said on Friday evening after a long meeting.</p></article>"))
        run = run_crawl(tmp_path, f"home={site.base}/", "refresh=1d", feed=tmp_path / "refresh.jsonl")
    assert [(i["url"], i.get("update")) for i in run.items] == [(site.url(paths[0]), True)]
    assert run.stat("newsclean/refresh/refetched") == 3
    assert run.stat("newsclean/refresh/unchanged") == 2


def test_a_run_that_fetches_nothing_fails_with_exit_status_1(tmp_path):
    run = run_crawl(tmp_path, "urls=http://127.0.0.1:9/never.html", settings={"RETRY_TIMES": "0"})
    assert run.returncode == 1
    [summary_file] = list((tmp_path / "output").rglob("*.summary.json"))
    summary = json.loads(summary_file.read_text())
    assert summary["status"] == "failed"
    assert summary["errors"]  # connection refused, by exception type
    assert "Run " in run.log and " failed:" in run.log


def test_http_errors_are_logged_counted_and_a_run_of_nothing_but_errors_fails(tmp_path, demo_site):
    good = demo_site.url("/2026/11/21/night-bus-trial-approved.html")
    missing = demo_site.url("/2026/11/21/no-such-story.html")
    run = run_crawl(tmp_path, f"urls={good},{missing}", feed=tmp_path / "mixed.jsonl")
    assert run.returncode == 0, run.log[-2000:]  # one article written: the run did its job
    assert f"Could not fetch {missing}: http_404" in run.log
    summary = json.loads((tmp_path / "mixed.jsonl.summary.json").read_text())
    assert summary["status"] == "ok" and summary["errors"] == {"http_404": 1}
    assert run.stat("newsclean/errors/http_404") == 1
    only_missing = run_crawl(tmp_path, f"urls={missing}", feed=tmp_path / "missing.jsonl")
    assert only_missing.returncode == 1  # a site answering 404 (or 403) to everything is noticed
    sitemap = run_crawl(tmp_path, f"sitemap={demo_site.url('/no-sitemap.xml')}", feed=tmp_path / "sitemap.jsonl")
    assert sitemap.returncode == 1  # a sitemap the user names must be there
    assert "Could not fetch" in sitemap.log and "no-sitemap.xml: http_404" in sitemap.log


def test_an_output_that_cannot_be_written_fails_the_run_and_nothing_is_recorded_as_seen(tmp_path, demo_site):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the output directory should be")
    url = demo_site.url("/2026/11/21/night-bus-trial-approved.html")
    run = run_crawl(tmp_path, f"urls={url}", settings={"NEWSCLEAN_OUTPUT_DIR": str(blocker)})
    assert run.returncode == 1, run.log[-2000:]
    assert "Could not write the output" in run.log
    with sqlite3.connect(tmp_path / "seen.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    again = run_crawl(tmp_path, f"urls={url}")  # the next run, with a working output, writes it
    assert again.returncode == 0, again.log[-2000:]
    assert len(all_records(tmp_path / "output")) == 1


def test_a_part_file_remembers_a_failed_write_and_the_cut_off_line_is_dropped(tmp_path):
    import io

    from crawler.feeds import AtomicFileFeedStorage, PartFile

    class DiskFillingUp(io.FileIO):
        """Takes a few bytes of the write that fills the disk, then refuses the rest."""

        room = 30

        def write(self, data):
            if self.room <= 0:
                raise OSError(28, "No space left on device")
            taken = bytes(data[: self.room])
            self.room -= len(taken)
            return super().write(taken)

    class Part(PartFile, DiskFillingUp):
        pass

    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"))
    storage.open(None).close()
    part = Part(tmp_path / "out.jsonl.part", "wb")
    part.write(b'{"url": "a"}\n')
    with pytest.raises(OSError):
        part.write(b'{"url": "b", "text": "long enough to fill the disk"}\n')  # a short write, then the error
    assert part.failed is not None and part.failed.errno == 28
    storage.store(part)
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"url": "a"}\n'  # the cut-off line is dropped


def _demo_record(url: str) -> bytes:
    return json.dumps({"url": url, "title": "Recovered", "text": "Recovered text.", "fetched_at": "2026-11-20T08:00:00+00:00"}).encode() + b"\n"


def test_an_interrupted_O_feed_is_recovered_beside_the_file_the_new_run_overwrites(tmp_path, demo_site):
    story = demo_site.url("/2026/11/21/night-bus-trial-approved.html")
    feed = tmp_path / "out.jsonl"
    feed.with_name("out.jsonl.part").write_bytes(_demo_record(story) + b'{"url": "cut off by the kill')
    run = run_crawl(tmp_path, f"urls={story},{demo_site.url('/2026/11/20/harbour-bridge-repairs-delayed.html')}", feed=feed)
    assert run.returncode == 0, run.log[-2000:]
    assert [r["url"] for r in read_jsonl(tmp_path / "out.recovered-1.jsonl")] == [story]  # not overwritten by -O
    assert story not in {i["url"] for i in run.items}  # recorded as seen from the recovered line
    assert run.stat("newsclean/recovered/articles") == 1


def test_an_interrupted_feed_in_another_format_is_kept_and_its_articles_fetched_again(tmp_path, demo_site):
    story = demo_site.url("/2026/11/21/night-bus-trial-approved.html")
    feed = tmp_path / "out.json"
    left = b'[\n{"url": "' + story.encode() + b'", "title": "Recovered"},\n{"url": "cut'
    feed.with_name("out.json.part").write_bytes(left)
    run = run_crawl(tmp_path, f"urls={story}", settings={"FEEDS": json.dumps({str(feed): {"format": "json"}})})
    assert run.returncode == 0, run.log[-2000:]
    assert (tmp_path / "out.recovered-1.json").read_bytes() == left
    assert "will be fetched again" in run.log
    assert json.loads(feed.read_text())[0]["url"] == story


def test_a_summary_left_half_written_is_not_taken_for_output(tmp_path, demo_site):
    stale = tmp_path / "output" / "news" / "2026-11-20" / "old.jsonl.summary.json.part"
    stale.parent.mkdir(parents=True)
    stale.write_text('{"run_id": "old", "sta')
    run = run_crawl(tmp_path, f"urls={demo_site.url('/2026/11/21/night-bus-trial-approved.html')}")
    assert run.returncode == 0, run.log[-2000:]
    assert "Traceback" not in run.log and stale.exists()


def test_an_article_found_through_sitemap_feed_and_home_is_skipped_once(tmp_path, demo_site):
    first = run_crawl(tmp_path, f"home={demo_site.url('')}", feed=tmp_path / "first.jsonl")
    assert first.returncode == 0, first.log[-2000:]
    again = run_crawl(tmp_path, f"home={demo_site.url('')}", feed=tmp_path / "again.jsonl")
    assert again.returncode == 0, again.log[-2000:]
    assert again.items == []
    assert again.stat("newsclean/seen/skipped") == len(first.items)


def test_errors_count_failed_requests_not_their_retries(tmp_path):
    run = run_crawl(tmp_path, "urls=http://127.0.0.1:9/a.html,http://127.0.0.1:9/b.html", settings={"RETRY_TIMES": "2"})
    assert run.returncode == 1
    [summary_file] = list((tmp_path / "output").rglob("*.summary.json"))
    assert json.loads(summary_file.read_text())["errors"] == {"connection_refused": 2}  # 6 attempts, 2 requests


def test_a_feed_to_stdout_leaves_no_summary_file_behind(tmp_path, demo_site):
    stray = PROJECT_ROOT / "stdout:.summary.json"
    url = demo_site.url("/2026/11/21/night-bus-trial-approved.html")
    try:
        run = run_crawl(tmp_path, f"urls={url}", settings={"FEEDS": json.dumps({"stdout:": {"format": "jsonlines"}})})
        assert run.returncode == 0, run.log[-2000:]
        assert f'"url": "{url}"' in run.log  # the article went to standard output
        assert not stray.exists()
    finally:
        stray.unlink(missing_ok=True)

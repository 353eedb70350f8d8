"""Distributed crawls end to end: `scrapy seed`, then worker processes sharing a real redis-server,
crawling a local site of 200 articles — every article written exactly once, also when a worker
is killed half-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from cleaners import clean_html
from crawler.bench import process_tree
from crawler.distributed import Cluster, Keys, Worker
from crawler.bench_pages import build_mirror, bundled_sources
from tests.conftest import PROJECT_ROOT, TEST_SETTINGS
from tests.test_discovery_crawl import FAST, SITES, newer_than, site_list
from tests.sites.server import SiteServer

ARTICLES = 200
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="module")
def site(site_root):
    """200 distinct article pages and a sitemap listing them, each answer 50 ms late."""
    with SiteServer(site_root, delay=0.05) as server:
        def describe(html: str, url: str) -> str | None:
            result = clean_html(html, url=url)
            return result.text if result.ok else None

        pages, _ = build_mirror(site_root, ARTICLES, server.base, sources=bundled_sources(), describe=describe)
        (site_root / "robots.txt").write_text("User-agent: *\nDisallow:\n")
        entries = "".join(f"<url><loc>{page.url}</loc></url>" for page in pages)
        (site_root / "sitemap.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        )
        server.article_urls = {page.url for page in pages}
        yield server


class Crawl:
    """One distributed crawl: its Redis keys, output folder and the commands of its workers."""

    def __init__(self, tmp_path: Path, redis_url: str):
        self.tmp = tmp_path
        self.output = tmp_path / "output"
        self.settings = {
            **TEST_SETTINGS,
            "NEWSCLEAN_EXTRACT_WORKERS": "1",
            "NEWSCLEAN_REDIS_URL": redis_url,
            "NEWSCLEAN_REDIS_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "NEWSCLEAN_WORKER_TTL": "3",
            "NEWSCLEAN_IDLE_CLOSE": "1",
            "NEWSCLEAN_OUTPUT_DIR": str(self.output),
            "NEWSCLEAN_SEEN_PATH": str(tmp_path / "seen.sqlite3"),  # learning files go beside it
        }
        self.env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}

    def command(self, name: str, *args: str, **settings: str) -> list[str]:
        command = [sys.executable, "-m", "scrapy", name, *args]
        for key, value in {**self.settings, **settings}.items():
            command += ["-s", f"{key}={value}"]
        return command

    def run(self, name: str, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(name, *args, **settings), cwd=PROJECT_ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)

    def worker(self, worker: str) -> subprocess.Popen[str]:
        log = (self.tmp / f"{worker}.log").open("a")
        stats = self.tmp / f"{worker}-stats.json"
        return subprocess.Popen(
            self.command("crawl", "news", NEWSCLEAN_WORKER_ID=worker, NEWSCLEAN_STATS_FILE=str(stats)),
            cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, text=True,
        )

    def stats(self, worker: str) -> dict:
        return json.loads((self.tmp / f"{worker}-stats.json").read_text())

    def log(self, worker: str) -> str:
        return (self.tmp / f"{worker}.log").read_text()

    def written(self, pattern: str = "*.jsonl*") -> list[dict]:
        """Every article line in the output, finished files and unfinished parts alike. A part
        being written may end in half a line: only lines with their newline are read."""
        files = [p for p in self.output.rglob(pattern) if p.name.endswith((".jsonl", ".jsonl.part"))]
        return [
            json.loads(line)
            for path in files
            for line in path.read_text(encoding="utf-8").split("\n")[:-1]
            if line
        ]


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"  # a zombie has ended


def wait(process: subprocess.Popen[str], timeout: float = 150) -> int:
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def test_two_workers_write_every_article_exactly_once(tmp_path, redis_server, site):
    crawl = Crawl(tmp_path, redis_server.url)
    seeded = crawl.run("seed", "news", "-a", f"sitemap={site.url('sitemap.xml')}")
    assert seeded.returncode == 0, seeded.stderr
    assert "1 start requests queued" in seeded.stdout
    workers = {name: crawl.worker(name) for name in ("w1", "w2")}
    for name, process in workers.items():
        assert wait(process) == 0, crawl.log(name)[-3000:]
    urls = Counter(record["url"] for record in crawl.written())
    assert set(urls) == site.article_urls
    assert max(urls.values()) == 1
    assert not list(crawl.output.rglob("*.part"))
    # Both took part, each in files of its own.
    per_worker = {name: crawl.stats(name).get("item_scraped_count", 0) for name in workers}
    assert sum(per_worker.values()) == ARTICLES and min(per_worker.values()) > 0, per_worker
    assert {p.name.split("@")[1] for p in crawl.output.rglob("*.jsonl")} == {"w1.jsonl", "w2.jsonl"}
    status = json.loads(crawl.run("status", "news", "--json").stdout)
    assert status["articles_seen"] == ARTICLES and not status["busy"] and status["workers"] == []
    # The next round finds nothing new: the shared seen store remembers every article.
    again = crawl.run("seed", "news", "-a", f"sitemap={site.url('sitemap.xml')}")
    assert again.returncode == 0, again.stderr
    third = crawl.worker("w3")
    assert wait(third) == 0
    assert crawl.stats("w3").get("newsclean/seen/skipped") == ARTICLES
    assert crawl.stats("w3").get("item_scraped_count", 0) == 0


def test_killing_a_worker_loses_nothing(tmp_path, redis_server, site):
    crawl = Crawl(tmp_path, redis_server.url)
    assert crawl.run("seed", "news", "-a", f"sitemap={site.url('sitemap.xml')}").returncode == 0
    first, other = crawl.worker("w1"), crawl.worker("w2")
    deadline = time.monotonic() + 120
    while len(crawl.written("*@w1.jsonl.part")) < 30:  # half-way through its share
        assert first.poll() is None and time.monotonic() < deadline, crawl.log("w1")[-3000:]
        time.sleep(0.05)
    pool = [pid for pid in process_tree(first.pid) if pid != first.pid]  # its extraction workers
    first.send_signal(signal.SIGKILL)
    first.wait()
    processing = f"{crawl.settings['NEWSCLEAN_REDIS_PREFIX']}:news:processing:w1"
    assert redis_server.client.hlen(processing) > 0  # it died holding requests (reclaimed 3 s later)
    assert wait(other) == 0, crawl.log("w2")[-3000:]
    assert pool and not [pid for pid in pool if running(pid)]  # no orphans left behind
    assert "of its requests are back in the queue" in crawl.log("w2")
    assert crawl.stats("w2")["newsclean/distributed/reclaimed"] > 0
    # The killed worker's restart finds the crawl done, and puts its unfinished file in place.
    restarted = crawl.worker("w1")
    assert wait(restarted) == 0, crawl.log("w1")[-3000:]
    assert "Recovered the output of an interrupted run" in crawl.log("w1")
    assert not list(crawl.output.rglob("*.part"))
    urls = Counter(record["url"] for record in crawl.written())
    assert set(urls) == site.article_urls
    assert [url for url, n in urls.items() if n > 1] == []


def test_a_worker_refuses_spider_arguments_and_an_unseeded_crawl(tmp_path, redis_server):
    crawl = Crawl(tmp_path, redis_server.url)
    unseeded = crawl.run("crawl", "news", NEWSCLEAN_WORKER_ID="w1")
    assert unseeded.returncode == 1
    assert "nothing is seeded in Redis yet: run `scrapy seed news -a …` first" in unseeded.stderr
    with_args = crawl.run("crawl", "news", "-a", "urls=http://127.0.0.1:9/a", NEWSCLEAN_WORKER_ID="w1")
    assert with_args.returncode == 2
    assert "distributed workers take no spider arguments (-a urls): give them to `scrapy seed news`" in with_args.stderr
    bad_id = crawl.run("crawl", "news", NEWSCLEAN_WORKER_ID="no/slash")
    assert bad_id.returncode == 1 and "NEWSCLEAN_WORKER_ID 'no/slash'" in bad_id.stderr


def test_seeding_checks_its_arguments_and_refuses_to_mix_rounds(tmp_path, redis_server):
    crawl = Crawl(tmp_path, redis_server.url)
    typo = crawl.run("seed", "news", "-a", "hom=http://127.0.0.1:9/")
    assert typo.returncode == 2 and "unknown spider argument(s): -a hom" in typo.stderr
    assert crawl.run("seed", "news", "-a", "urls=http://127.0.0.1:9/a").returncode == 0
    busy = crawl.run("seed", "news", "-a", "urls=http://127.0.0.1:9/b")
    assert busy.returncode == 75 and "a round is in progress (1 requests queued" in busy.stderr
    # A worker still running took the last round's arguments: no new round under it.
    cluster = Cluster(redis_server.client, Keys(f"{crawl.settings['NEWSCLEAN_REDIS_PREFIX']}:news"))
    cluster.server.delete(cluster.keys.requests)
    idle = Worker(cluster, "idle-worker", ttl=30)
    idle.join()
    waiting = crawl.run("seed", "news", "-a", "urls=http://127.0.0.1:9/b")
    assert waiting.returncode == 75 and "workers of the last round are still running (idle-worker)" in waiting.stderr
    idle.leave()
    reset = crawl.run("seed", "news", "--reset", "-a", "urls=http://127.0.0.1:9/b")
    assert reset.returncode == 0, reset.stderr
    status = json.loads(crawl.run("status", "news", "--json").stdout)
    assert status["queued"] == 1 and status["seeded"]
    no_redis = crawl.run("seed", "news", "-a", "urls=http://127.0.0.1:9/a", NEWSCLEAN_REDIS_URL="")
    assert no_redis.returncode == 2 and "set NEWSCLEAN_REDIS_URL" in no_redis.stderr
    down = crawl.run("status", "news", NEWSCLEAN_REDIS_URL="redis://127.0.0.1:9/0")
    assert down.returncode == 1 and "cannot reach Redis at redis://127.0.0.1:9/0" in down.stderr


def test_a_worker_stopped_with_sigterm_puts_back_what_it_had_not_finished(tmp_path, redis_server, site):
    crawl = Crawl(tmp_path, redis_server.url)
    assert crawl.run("seed", "news", "-a", f"sitemap={site.url('sitemap.xml')}").returncode == 0
    worker = crawl.worker("w1")
    deadline = time.monotonic() + 120
    while len(crawl.written("*@w1.jsonl.part")) < 20:
        assert worker.poll() is None and time.monotonic() < deadline, crawl.log("w1")[-3000:]
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)  # Scrapy's graceful shutdown, as `kill` or systemd stop sends
    wait(worker)
    status = json.loads(crawl.run("status", "news", "--json").stdout)
    assert status["workers"] == [] and status["queued"] > 0, status  # left, holding nothing
    assert not redis_server.client.keys(f"{crawl.settings['NEWSCLEAN_REDIS_PREFIX']}:news:processing:*")
    assert status["articles_seen"] == len(crawl.written())
    finisher = crawl.worker("w2")
    assert wait(finisher) == 0, crawl.log("w2")[-3000:]
    urls = Counter(record["url"] for record in crawl.written())
    assert set(urls) == site.article_urls and max(urls.values()) == 1


def test_two_workers_discover_through_home_section_and_feed_pages(tmp_path, redis_server):
    """Links found on pages (not only in sitemaps) are queued for all workers, none lost or doubled."""
    with SiteServer(SITES / "news_a") as news_a, SiteServer(SITES / "news_b") as news_b:
        crawl = Crawl(tmp_path, redis_server.url)
        crawl.settings.update(FAST)
        sites = site_list(tmp_path, (news_a, "news-a"), (news_b, "news-b"))
        assert crawl.run("seed", "news", "-a", f"sites={sites}").returncode == 0
        workers = {name: crawl.worker(name) for name in ("w1", "w2")}
        for name, process in workers.items():
            assert wait(process) == 0, crawl.log(name)[-3000:]
        urls = Counter(record["url"] for record in crawl.written())
        assert max(urls.values()) == 1
        for server, name in ((news_a, "news_a"), (news_b, "news_b")):
            got = {url.removeprefix(server.base + "/") for url in urls if url.startswith(server.base + "/")}
            assert got == newer_than(name, None)

"""ExtractCleanPipeline: pages become articles in worker processes, never on the reactor's loop."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem, FetchedPage
from crawler.pipelines import ExtractCleanPipeline, NotAnArticle, WorkerDied
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings

FIXTURES = Path(__file__).parent / "fixtures" / "newsletter"
T = TypeVar("T")


def make_pipeline(**settings) -> ExtractCleanPipeline:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**{"NEWSCLEAN_EXTRACT_WORKERS": 1, **settings}))
    crawler.stats.open_spider()
    return build_from_crawler(ExtractCleanPipeline, crawler)


def run_open(pipeline: ExtractCleanPipeline, scenario: Callable[[], Awaitable[T]]) -> T:
    """``scenario()`` on a fresh event loop, between the pipeline's open_spider and close_spider."""
    pipeline.open_spider()
    try:
        return asyncio.run(scenario())
    finally:
        pipeline.close_spider()


def run_one(pipeline: ExtractCleanPipeline, item: FetchedPage):
    return run_open(pipeline, lambda: pipeline.process_item(item))


def page(html: str, url: str = "https://news.example.com/world/story") -> FetchedPage:
    return FetchedPage(url=url, html=html, fetched_at="2026-11-25T10:00:00+00:00")


def big_article(paragraphs: int = 1500) -> str:
    paragraph = "<p>" + " ".join(f"Sentence {i} of a long report on the harbour works." for i in range(20)) + "</p>"
    return "<html lang='en'><body><article><h1>Long</h1>" + paragraph * paragraphs + "</article></body></html>"


def test_extraction_leaves_the_event_loop_free():
    """While a worker parses a large page, the loop the reactor runs on keeps ticking."""
    pipeline = make_pipeline()

    async def scenario() -> tuple[int, ArticleItem]:
        ticks = 0
        done = asyncio.Event()

        async def heartbeat() -> None:
            nonlocal ticks
            while not done.is_set():
                await asyncio.sleep(0.005)
                ticks += 1

        beat = asyncio.create_task(heartbeat())
        item = await pipeline.process_item(page(big_article()))
        done.set()
        await beat
        return ticks, item

    ticks, item = run_open(pipeline, scenario)
    assert isinstance(item, ArticleItem)
    assert item["text"].startswith("Sentence 0 of a long report")
    # Inline extraction would have blocked the loop for the whole parse: zero ticks.
    assert ticks >= 10
    assert pipeline.stats.get_value("newsclean/extract/pages") == 1
    assert pipeline.stats.get_value("newsclean/extract/worker_seconds") > 0


def test_article_item_and_removal_stats():
    html = (FIXTURES / "seed-plain-paragraphs" / "page.html").read_text()
    pipeline = make_pipeline(NEWSCLEAN_INCLUDE_REMOVALS=True)
    item = run_one(pipeline, page(html))
    assert item["url"] == "https://news.example.com/world/story"
    assert item["fetched_at"] == "2026-11-25T10:00:00+00:00"
    assert "Mailchimp" not in item["text"]
    assert {r["rule"] for r in item["boilerplate_removed"]} == {"title", "newsletter"}
    assert pipeline.stats.get_value("newsclean/removed/newsletter") == 3


def test_non_article_is_dropped_with_its_reason():
    html = "<html><head><meta property='og:type' content='website'></head><body><p>Contact us.</p></body></html>"
    pipeline = make_pipeline()
    with pytest.raises(NotAnArticle) as raised:
        run_one(pipeline, page(html))
    assert raised.value.status == "not_article"
    assert pipeline.stats.get_value("newsclean/not_article/not_article") == 1


def test_a_page_of_too_many_elements_is_not_cleaned():
    html = "<html><body><h1>Story</h1>" + "<p>x</p>" * 200_000 + "</body></html>"
    pipeline = make_pipeline(NEWSCLEAN_MAX_ELEMENTS=50_000)
    with pytest.raises(NotAnArticle) as raised:
        run_one(pipeline, page(html))
    assert raised.value.status == "too_large"
    assert pipeline.stats.get_value("newsclean/not_article/too_large") == 1
    seed = (FIXTURES / "seed-plain-paragraphs" / "page.html").read_text()
    assert run_one(make_pipeline(NEWSCLEAN_MAX_ELEMENTS=50_000), page(seed))["text"]  # a real page is far below
    with pytest.raises(NotAnArticle):
        run_one(make_pipeline(NEWSCLEAN_MAX_ELEMENTS=20), page(seed))


def test_other_items_pass_through():
    pipeline = make_pipeline()
    other = {"anything": 1}
    assert run_one(pipeline, other) is other


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"NEWSCLEAN_EXTRACT_WORKERS": -1}, "NEWSCLEAN_EXTRACT_WORKERS must be >= 1"),
        ({"NEWSCLEAN_EXTRACT_PAGES_PER_WORKER": -5}, "NEWSCLEAN_EXTRACT_PAGES_PER_WORKER must be >= 1"),
        ({"NEWSCLEAN_EXTRACT_TIMEOUT": -1}, "NEWSCLEAN_EXTRACT_TIMEOUT must be >= 0 seconds"),
        ({"NEWSCLEAN_MAX_REMOVED_SHARE": 1.5}, "max_removed_share must be in (0, 1]"),
    ],
)
def test_invalid_settings_name_the_problem(settings, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("]", r"\]")):
        make_pipeline(**settings)


def small_article(n: int) -> FetchedPage:
    text = " ".join(f"Sentence {i} of report {n} on the harbour works." for i in range(12))
    return page(f"<html lang='en'><head><title>Report {n}</title></head>"
                f"<body><article><h1>Report {n}</h1><p>{text}</p></article></body></html>",
                url=f"https://news.example.com/world/story-{n}")


def gone(pid: int, timeout: float = 10.0) -> bool:
    """True once process ``pid`` has exited (a zombie not yet reaped counts as exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_workers_are_replaced_after_their_share_of_pages():
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_PAGES_PER_WORKER=2)

    async def scenario() -> tuple[list[ArticleItem], list[int]]:
        items, pids = [], []
        for n in range(5):
            items.append(await pipeline.process_item(small_article(n)))
            pids.append(await asyncio.wrap_future(pipeline.executor.submit(os.getpid)))
        return items, pids

    items, pids = run_open(pipeline, scenario)
    assert [item["title"] for item in items] == [f"Report {n}" for n in range(5)]
    # Pages 1-2 in the first process, 3-4 in the second, 5 in a third; the replaced ones exit.
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    assert len({pids[0], pids[2], pids[4]}) == 3
    assert gone(pids[0]) and gone(pids[2])
    assert pipeline.stats.get_value("newsclean/extract/pools_replaced") == 2
    assert pipeline.stats.get_value("newsclean/extract/pages") == 5


def test_replacing_workers_loses_no_page_in_flight():
    """Pages waiting for a worker while the pool is replaced all come back, each exactly once."""
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_WORKERS=2, NEWSCLEAN_EXTRACT_PAGES_PER_WORKER=1)

    async def scenario() -> list[ArticleItem]:
        return await asyncio.gather(*(pipeline.process_item(small_article(n)) for n in range(9)))

    items = run_open(pipeline, scenario)
    assert sorted(item["title"] for item in items) == sorted(f"Report {n}" for n in range(9))
    # Two pages per pool of two workers: nine pages need five pools.
    assert pipeline.stats.get_value("newsclean/extract/pools_replaced") == 4


def test_workers_are_kept_when_replacement_is_off():
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_PAGES_PER_WORKER=0)

    async def scenario() -> set[int]:
        pids = set()
        for n in range(4):
            await pipeline.process_item(small_article(n))
            pids.add(await asyncio.wrap_future(pipeline.executor.submit(os.getpid)))
        return pids

    assert len(run_open(pipeline, scenario)) == 1
    assert pipeline.stats.get_value("newsclean/extract/pools_replaced") is None


# --- a worker that dies ---------------------------------------------------------------------------

SLOW_PAGE = page(big_article(9000), url="https://news.example.com/world/slow")  # about 3 s to extract


def extraction_workers() -> set[int]:
    """Pids of this process's pool workers (not multiprocessing's resource tracker)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # exited meanwhile
            continue
        if ppid == os.getpid() and b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            pids.add(int(entry.name))
    return pids


async def kill_a_busy_worker(besides: set[int] = frozenset()) -> int:
    """SIGKILL a worker started after ``besides`` once it has had a moment to start on its page."""
    for _ in range(200):
        fresh = extraction_workers() - besides
        if fresh:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("no extraction worker started")
    await asyncio.sleep(0.5)
    pid = fresh.pop()
    os.kill(pid, signal.SIGKILL)
    return pid


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_workers_start_when_the_spider_opens_not_under_the_first_page():
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_WORKERS=2)
    pipeline.open_spider()
    try:
        deadline = time.monotonic() + 10
        while len(extraction_workers()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(extraction_workers()) == 2
        assert pipeline.stats.get_value("newsclean/extract/pages") is None
    finally:
        pipeline.close_spider()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_pages_in_a_worker_that_dies_are_extracted_again():
    pipeline = make_pipeline()

    async def scenario() -> list[ArticleItem]:
        pages = asyncio.gather(pipeline.process_item(SLOW_PAGE), pipeline.process_item(small_article(1)))
        await kill_a_busy_worker()
        return await pages

    slow, small = run_open(pipeline, scenario)
    assert slow["text"].startswith("Sentence 0 of a long report")
    assert "report 1 on the harbour" in small["text"]
    assert pipeline.stats.get_value("newsclean/extract/worker_deaths") == 1
    assert pipeline.stats.get_value("newsclean/extract/pages") == 2


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_a_page_its_worker_dies_on_twice_is_dropped_and_the_crawl_goes_on():
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_WORKERS=2)

    async def scenario() -> tuple[list, ArticleItem]:
        pages = asyncio.gather(pipeline.process_item(SLOW_PAGE), pipeline.process_item(small_article(1)),
                               return_exceptions=True)
        first = await kill_a_busy_worker()  # the small page is done by then: only the slow one is busy
        await asyncio.sleep(0)
        dead = {first} | (extraction_workers() - {first})
        await kill_a_busy_worker(besides=dead)  # the slow page, tried again by itself
        outcomes = await pages
        return outcomes, await pipeline.process_item(small_article(2))

    (slow, small), after = run_open(pipeline, scenario)
    assert isinstance(slow, WorkerDied) and "news.example.com/world/slow" in str(slow)
    assert "report 1 on the harbour" in small["text"]
    assert "report 2 on the harbour" in after["text"]
    assert pipeline.stats.get_value("newsclean/extract/worker_deaths") == 2


def test_a_page_over_the_time_limit_twice_is_dropped_and_its_pool_mates_are_not():
    # The slow page needs about 3 s; a fresh worker's warm-up (under 1 s) counts towards its first page's time.
    pipeline = make_pipeline(NEWSCLEAN_EXTRACT_TIMEOUT=1.5)

    async def scenario() -> tuple[list, ArticleItem]:
        outcomes = await asyncio.gather(pipeline.process_item(SLOW_PAGE), pipeline.process_item(small_article(1)),
                                        return_exceptions=True)
        return outcomes, await pipeline.process_item(small_article(2))

    (slow, small), after = run_open(pipeline, scenario)
    assert isinstance(slow, WorkerDied)
    # Queued behind the slow page in the one worker, the small page went down with it, then ran alone.
    assert "report 1 on the harbour" in small["text"]
    assert "report 2 on the harbour" in after["text"]
    # The slow page timed out twice; the small one may have timed out too before the pool broke.
    assert pipeline.stats.get_value("newsclean/extract/timeouts") in (2, 3)
    assert pipeline.stats.get_value("newsclean/extract/worker_deaths") == 2

"""ExtractCleanPipeline: pages become articles in worker processes, never on the reactor's loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem, FetchedPage
from crawler.pipelines import ExtractCleanPipeline, NotAnArticle
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings

FIXTURES = Path(__file__).parent / "fixtures" / "newsletter"


def make_pipeline(**settings) -> ExtractCleanPipeline:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**{"NEWSCLEAN_EXTRACT_WORKERS": 1, **settings}))
    crawler.stats.open_spider()
    return build_from_crawler(ExtractCleanPipeline, crawler)


def page(html: str, url: str = "https://news.example.com/world/story") -> FetchedPage:
    return FetchedPage(url=url, html=html, fetched_at="2026-11-25T10:00:00+00:00")


def big_article() -> str:
    paragraph = "<p>" + " ".join(f"Sentence {i} of a long report on the harbour works." for i in range(20)) + "</p>"
    return "<html lang='en'><body><article><h1>Long</h1>" + paragraph * 1500 + "</article></body></html>"


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

    pipeline.open_spider()
    try:
        ticks, item = asyncio.run(scenario())
    finally:
        pipeline.close_spider()
    assert isinstance(item, ArticleItem)
    assert item["text"].startswith("Sentence 0 of a long report")
    # Inline extraction would have blocked the loop for the whole parse: zero ticks.
    assert ticks >= 10
    assert pipeline.stats.get_value("newsclean/extract/pages") == 1
    assert pipeline.stats.get_value("newsclean/extract/worker_seconds") > 0


def run_one(pipeline: ExtractCleanPipeline, item: FetchedPage):
    pipeline.open_spider()
    try:
        return asyncio.run(pipeline.process_item(item))
    finally:
        pipeline.close_spider()


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


def test_other_items_pass_through():
    pipeline = make_pipeline()
    other = {"anything": 1}
    assert run_one(pipeline, other) is other


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"NEWSCLEAN_EXTRACT_WORKERS": -1}, "NEWSCLEAN_EXTRACT_WORKERS must be >= 1"),
        ({"NEWSCLEAN_MAX_REMOVED_SHARE": 1.5}, "max_removed_share must be in (0, 1]"),
    ],
)
def test_invalid_settings_name_the_problem(settings, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("]", r"\]")):
        make_pipeline(**settings)

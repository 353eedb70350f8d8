"""SeenPipeline's decisions on an article the seen store already knows."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from crawler.pipelines import AlreadyWritten, SeenPipeline, Unchanged
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings


def pipeline_for(tmp_path, **spider_args: str) -> SeenPipeline:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        NEWSCLEAN_SEEN_ENABLED=True, NEWSCLEAN_SEEN_PATH=str(tmp_path / "seen.sqlite3")))
    crawler.stats.open_spider()
    crawler.spider = NewsSpider(urls="https://example.com/a", **spider_args)
    pipeline = SeenPipeline.from_crawler(crawler)
    pipeline.store.record({"url": "https://example.com/a", "content_hash": "h1", "simhash": None,
                           "fetched_at": "2026-01-01T08:00:00+00:00"}, urls=[], run_id="earlier")
    return pipeline


def article(url: str, content_hash: str) -> ArticleItem:
    return ArticleItem(url=url, canonical_url="https://example.com/a", content_hash=content_hash, text="…")


def test_a_known_article_reached_again_is_not_written_twice(tmp_path):
    pipeline = pipeline_for(tmp_path)
    # Under another URL, with other text (another worker's learned blocks cleaned it differently).
    with pytest.raises(AlreadyWritten, match="already written as https://example.com/a"):
        pipeline.process_item(article("https://example.com/a?from=home", content_hash="h2"))
    assert pipeline.stats.get_value("newsclean/seen/dropped") == 1


def test_a_refresh_writes_a_known_article_again_only_when_its_text_changed(tmp_path):
    pipeline = pipeline_for(tmp_path, refresh="3650d")
    with pytest.raises(Unchanged):
        pipeline.process_item(article("https://example.com/a", content_hash="h1"))
    item = pipeline.process_item(article("https://example.com/a", content_hash="h2"))
    assert item["update"] is True


def test_an_article_written_before_the_refresh_window_is_not_refetched_as_an_update(tmp_path):
    pipeline = pipeline_for(tmp_path, refresh="1h")  # recorded on 2026-01-01, long before
    with pytest.raises(AlreadyWritten):
        pipeline.process_item(article("https://example.com/a", content_hash="h2"))

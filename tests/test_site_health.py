"""SiteHealth (sites whose pages suddenly lack a body) and the per-site counts the pipeline keeps."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from cleaners.report import ArticleMeta, CleanResult
from crawler.extensions import SiteHealth
from crawler.items import ArticleItem, FetchedPage
from crawler.pipelines import ExtractCleanPipeline, NotAnArticle
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings


def health(min_pages: int = 5, empty_rate: float = 0.5) -> SiteHealth:
    return SiteHealth(crawler=None, min_pages=min_pages, empty_rate=empty_rate)  # suspects() needs no crawler


def stats(**sites: tuple[int, int]) -> dict:
    """``host=(pages, no_body)`` → the stats keys the pipeline writes (dots spelled as '_')."""
    out: dict = {"item_scraped_count": 99, "newsclean/site/x/no_date": 3}
    for name, (pages, empty) in sites.items():
        host = name.replace("_", ".")
        out[f"newsclean/site/{host}/pages"] = pages
        if empty:
            out[f"newsclean/site/{host}/no_body"] = empty
    return out


# --- suspects() -------------------------------------------------------------------------


def test_site_far_worse_than_the_others_is_flagged():
    flagged = health().suspects(stats(a_com=(10, 8), b_com=(20, 1), c_com=(20, 0)))
    assert flagged == ["a.com (8/10 pages without a body)"]


def test_exact_threshold_and_min_pages_are_enough():
    assert health().suspects(stats(a_com=(6, 3), b_com=(20, 0))) == ["a.com (3/6 pages without a body)"]
    assert health().suspects(stats(a_com=(5, 5), b_com=(20, 0))) == ["a.com (5/5 pages without a body)"]


def test_below_min_pages_is_not_flagged():
    assert health().suspects(stats(a_com=(4, 4), b_com=(20, 0))) == []


def test_below_the_rate_is_not_flagged():
    assert health().suspects(stats(a_com=(10, 4), b_com=(20, 0))) == []


def test_every_site_equally_bad_is_not_flagged():
    assert health().suspects(stats(a_com=(10, 6), b_com=(10, 6), c_com=(20, 12))) == []


def test_not_more_than_twice_the_others_is_not_flagged():
    # a: 0.6; the others together 6/20 = 0.3, and 0.6 is not > 2 × 0.3.
    assert health().suspects(stats(a_com=(10, 6), b_com=(20, 6))) == []


def test_single_site_crawl_is_judged_on_its_own_rate():
    assert health().suspects(stats(a_com=(10, 9))) == ["a.com (9/10 pages without a body)"]
    assert health().suspects(stats(a_com=(10, 1))) == []


def test_no_site_stats_no_suspects():
    assert health().suspects({"item_scraped_count": 3}) == []


# --- from_crawler -----------------------------------------------------------------------


def test_disabled_is_not_configured():
    crawler = get_crawler(settings_dict=project_settings(NEWSCLEAN_HEALTH_ENABLED=False))
    with pytest.raises(NotConfigured):
        SiteHealth.from_crawler(crawler)


@pytest.mark.parametrize("rate", [0, 1.5, -0.1])
def test_bad_rate_is_a_value_error(rate):
    crawler = SimpleNamespace(settings=Settings(project_settings(NEWSCLEAN_HEALTH_EMPTY_RATE=rate)))
    with pytest.raises(ValueError, match="NEWSCLEAN_HEALTH_EMPTY_RATE"):
        SiteHealth.from_crawler(crawler)


def test_bad_rate_stops_the_crawler_setup():
    """The extension manager does not swallow it: a typo'd rate fails loudly, not silently off."""
    with pytest.raises(ValueError, match="NEWSCLEAN_HEALTH_EMPTY_RATE"):
        get_crawler(settings_dict=project_settings(NEWSCLEAN_HEALTH_EMPTY_RATE=2))


def test_from_crawler_reads_the_settings():
    crawler = get_crawler(settings_dict=project_settings(NEWSCLEAN_HEALTH_MIN_PAGES=7, NEWSCLEAN_HEALTH_EMPTY_RATE=0.25))
    extension = SiteHealth.from_crawler(crawler)
    assert (extension.min_pages, extension.empty_rate) == (7, 0.25)


# --- ExtractCleanPipeline.count_site_health ---------------------------------------------


def make_pipeline() -> ExtractCleanPipeline:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(NEWSCLEAN_EXTRACT_WORKERS=1))
    crawler.stats.open_spider()
    return build_from_crawler(ExtractCleanPipeline, crawler)


def fetched(url: str = "https://news.example.com/world/story") -> FetchedPage:
    return FetchedPage(url=url, html="<html></html>", fetched_at="2026-11-25T10:00:00+00:00")


def result(status: str = "ok", **meta) -> CleanResult:
    paragraphs = ("A paragraph of article text.",) if status == "ok" else ()
    return CleanResult(paragraphs, ArticleMeta(site="news.example.com", **meta), status=status)


def site_stats(pipeline: ExtractCleanPipeline) -> dict:
    return {k: v for k, v in pipeline.stats.get_stats().items() if k.startswith("newsclean/site/")}


def test_complete_article_counts_as_a_page_only():
    pipeline = make_pipeline()
    item = pipeline.to_article(fetched(), result(title="Title", published="2026-11-25T08:00:00+00:00"))
    assert isinstance(item, ArticleItem)
    assert site_stats(pipeline) == {"newsclean/site/news.example.com/pages": 1}


def test_article_without_date_or_title_is_counted():
    pipeline = make_pipeline()
    pipeline.to_article(fetched(), result(title=None, published=None))
    pipeline.to_article(fetched(), result(title="Title", published=None))
    assert site_stats(pipeline) == {
        "newsclean/site/news.example.com/pages": 2,
        "newsclean/site/news.example.com/no_date": 2,
        "newsclean/site/news.example.com/no_title": 1,
    }


@pytest.mark.parametrize("status", ["no_body", "too_short"])
def test_page_without_a_body_counts_as_no_body(status):
    pipeline = make_pipeline()
    with pytest.raises(NotAnArticle):
        pipeline.to_article(fetched(), result(status))
    assert site_stats(pipeline) == {
        "newsclean/site/news.example.com/pages": 1,
        "newsclean/site/news.example.com/no_body": 1,
    }


def test_declared_non_article_is_not_counted():
    pipeline = make_pipeline()
    with pytest.raises(NotAnArticle):
        pipeline.to_article(fetched(), result("not_article"))
    assert site_stats(pipeline) == {}
    assert pipeline.stats.get_value("newsclean/not_article/not_article") == 1


def test_counts_are_per_host_and_feed_suspects():
    pipeline = make_pipeline()
    for _ in range(5):
        with pytest.raises(NotAnArticle):
            pipeline.to_article(fetched("https://broken.example.org/a"), result("no_body"))
        pipeline.to_article(fetched(), result(title="Title", published="2026-11-25T08:00:00+00:00"))
    assert health().suspects(pipeline.stats.get_stats()) == ["broken.example.org (5/5 pages without a body)"]


def test_date_rejections_are_counted():
    pipeline = make_pipeline()
    pipeline.to_article(fetched(), result(title="Title", date_rejections=("json-ld date … is after the fetch time",)))
    assert pipeline.stats.get_value("newsclean/dates/rejected") == 1

"""The terminal progress line: shown on a terminal, silent under cron."""

from __future__ import annotations

import io

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.extensions import Progress
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings


def crawler_with(**settings):
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**settings))
    crawler.stats.open_spider()
    crawler.spider = NewsSpider(urls="https://example.com/a")
    return crawler


def test_auto_mode_stays_silent_without_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())  # not a tty, as under cron
    with pytest.raises(NotConfigured):
        Progress.from_crawler(crawler_with(NEWSCLEAN_PROGRESS="auto"))


def test_forced_progress_writes_one_updating_line():
    crawler = crawler_with(NEWSCLEAN_PROGRESS=True)
    stream = io.StringIO()
    progress = Progress(crawler, stream)
    for key, value in {
        "newsclean/discovery/found/sitemap": 7, "newsclean/discovery/found/home": 3,
        "newsclean/pages/fetched": 6, "item_scraped_count": 5, "newsclean/seen/skipped": 2,
        "newsclean/errors/timeout": 1, "downloader/exception_type_count/builtins.OSError": 3,  # one request, three tries
    }.items():
        crawler.stats.set_value(key, value)
    progress.show()
    assert stream.getvalue() == "\r[news] found 10 · fetched 6 · written 5 · seen 2 · errors 1 "
    progress.spider_closed(crawler.spider, "finished")
    assert stream.getvalue().endswith("\n")


def test_bad_setting_is_named():
    with pytest.raises(ValueError, match="NEWSCLEAN_PROGRESS"):
        Progress.from_crawler(crawler_with(NEWSCLEAN_PROGRESS="sometimes"))

"""The ``news`` spider: fetch article pages named by URL or sitemap, hand them to the pipeline."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import datetime, timezone
from typing import Any

from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spiders import SitemapSpider

from ..items import FetchedPage
from ..params import NewsParams
from ..feeds import default_feeds


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NewsSpider(SitemapSpider):
    """``scrapy crawl news -a urls=URL[,URL…]|@FILE`` and/or ``-a sitemap=URL``."""

    name = "news"
    params_class = NewsParams
    sitemap_rules = [("", "parse_article")]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not settings.getdict("FEEDS"):  # no -o/-O: the documented output/ layout
            settings.set("FEEDS", default_feeds(settings), priority="spider")

    def __init__(self, *args: Any, **kwargs: str) -> None:
        self.params = self.params_class.from_args(**kwargs)
        super().__init__(*args)
        self.started_at = utc_now()
        self.run_id = f"{self.started_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        self.sitemap_urls = list(self.params.sitemaps)
        # Hosts the user named on the command line may be private (e.g. a local test site).
        self.named_hosts = self.params.named_hosts

    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():  # the sitemaps
            yield request
        for url in self.params.urls:
            yield Request(url, callback=self.parse_article)

    def parse_article(self, response: Response) -> Any:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newsclean/pages/not_text")
            self.logger.info("Skipping %s: not a text response (%s)", response.url, response.headers.get("Content-Type"))
            return
        self.crawler.stats.inc_value("newsclean/pages/fetched")
        yield FetchedPage(url=response.url, html=response.text, fetched_at=utc_now().isoformat(timespec="seconds"))

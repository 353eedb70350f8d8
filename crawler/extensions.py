"""Extensions: per-site health warnings, and the final stats as a JSON file."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)
_SITE_STAT = re.compile(r"^newsclean/site/(?P<host>[^/]+)/(?P<what>pages|no_body)$")


class StatsFile:
    """Writes the crawl's final stats to ``NEWSCLEAN_STATS_FILE`` (atomically) when it closes."""

    def __init__(self, crawler: Crawler, path: Path):
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        path = crawler.settings.get("NEWSCLEAN_STATS_FILE")
        if not path:
            raise NotConfigured("NEWSCLEAN_STATS_FILE is not set")
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + ".part")
        part.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(part, self.path)


class SiteHealth:
    """Flags sites whose pages came back without a body far more often than normal.

    A layout change on one site turns its articles into "no body" pages while the crawl as a
    whole looks fine. At the end of a run every site with at least ``NEWSCLEAN_HEALTH_MIN_PAGES``
    pages and an empty-body rate of at least ``NEWSCLEAN_HEALTH_EMPTY_RATE`` (and more than twice
    the rate of the other sites) is logged and listed in ``newsclean/health/suspect_sites``.
    """

    def __init__(self, crawler: Crawler, min_pages: int, empty_rate: float):
        self.crawler = crawler
        self.min_pages = min_pages
        self.empty_rate = empty_rate

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteHealth:
        settings = crawler.settings
        if not settings.getbool("NEWSCLEAN_HEALTH_ENABLED"):
            raise NotConfigured("NEWSCLEAN_HEALTH_ENABLED is off")
        rate = settings.getfloat("NEWSCLEAN_HEALTH_EMPTY_RATE")
        if not 0 < rate <= 1:
            raise ValueError(f"NEWSCLEAN_HEALTH_EMPTY_RATE must be in (0, 1], got {rate}")
        extension = cls(crawler, settings.getint("NEWSCLEAN_HEALTH_MIN_PAGES"), rate)
        # Before StatsFile writes the stats out (signals run in connection order; see EXTENSIONS).
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def suspects(self, stats: dict) -> list[str]:
        counts: dict[str, dict[str, int]] = {}
        for key, value in stats.items():
            match = _SITE_STAT.match(key)
            if match:
                counts.setdefault(match["host"], {"pages": 0, "no_body": 0})[match["what"]] = value
        flagged = []
        for host, count in sorted(counts.items()):
            pages, empty = count["pages"], count["no_body"]
            others_pages = sum(c["pages"] for h, c in counts.items() if h != host)
            others_rate = sum(c["no_body"] for h, c in counts.items() if h != host) / others_pages if others_pages else 0.0
            rate = empty / pages if pages else 0.0
            if pages >= self.min_pages and rate >= self.empty_rate and rate > 2 * others_rate:
                flagged.append(f"{host} ({empty}/{pages} pages without a body)")
        return flagged

    def spider_closed(self, spider: Spider, reason: str) -> None:
        flagged = self.suspects(self.crawler.stats.get_stats())
        if flagged:
            self.crawler.stats.set_value("newsclean/health/suspect_sites", flagged)
            logger.warning("Sites with far more empty pages than normal (layout change?): %s", "; ".join(flagged))

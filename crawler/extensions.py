"""Extensions: per-site health warnings, the run summary, a terminal progress line, and the
final stats as a JSON file."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from twisted.internet.task import LoopingCall

from .feeds import feed_uri_params, feed_write_error, local_feed_path

logger = logging.getLogger(__name__)
_SITE_STAT = re.compile(r"^newsclean/site/(?P<host>[^/]+)/(?P<what>pages|no_body)$")


def write_json(path: Path, data: dict) -> None:
    """``data`` as JSON at ``path``, written beside it and renamed: a reader never sees half a file
    (nor a half-written part: it is removed when the write fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(json.dumps(data, default=str, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        raise


class StatsFile:
    """Writes the crawl's final stats to ``NEWSCLEAN_STATS_FILE`` (atomically) when it closes."""

    def __init__(self, crawler: Crawler, path: Path):
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        path = crawler.settings.get("NEWSCLEAN_STATS_FILE")
        if not path:
            raise NotConfigured  # off by default: not worth a warning on every run
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            write_json(self.path, {**self.crawler.stats.get_stats(), "finish_reason": reason})
        except OSError as exc:  # monitoring reads this file: not writing it fails the run
            logger.error("Could not write the stats file %s: %s", self.path, exc)
            self.crawler.stats.set_value("newsclean/run/status", "failed")


def health_rate(settings: BaseSettings) -> float:
    rate = settings.getfloat("NEWSCLEAN_HEALTH_EMPTY_RATE")
    if not 0 < rate <= 1:
        raise ValueError(f"NEWSCLEAN_HEALTH_EMPTY_RATE must be in (0, 1], got {rate}")
    return rate


def progress_mode(settings: BaseSettings) -> object:
    mode = settings.get("NEWSCLEAN_PROGRESS")
    if mode not in ("auto", True, False, "True", "False"):
        raise ValueError(f"NEWSCLEAN_PROGRESS must be auto, True or False, got {mode!r}")
    return mode


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
        extension = cls(crawler, settings.getint("NEWSCLEAN_HEALTH_MIN_PAGES"), health_rate(settings))
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


def _sum(stats: dict, prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, (int, float)))


def _by_suffix(stats: dict, prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int)}


def _written(stats: dict) -> int:
    """Items the feeds took, less those a failed feed write lost."""
    return stats.get("item_scraped_count", 0) - stats.get("newsclean/feed/unwritten", 0)


class RunSummary:
    """At the end of a run: one JSON file next to the output, one log line, and the run's status.

    The run ``failed`` when it closed for another reason than "finished", when requests were made
    and not one response came back (site down, DNS or network gone), when it fetched no page while
    requests failed, or when its output could not be written: the crawl command then exits
    non-zero. The file is ``<output>.summary.json`` for the first local feed.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def outputs(self, spider: Spider) -> list[Path]:
        params = feed_uri_params({"name": spider.name, "time": ""}, spider)
        local = (local_feed_path(uri) for uri in self.crawler.settings.getdict("FEEDS"))
        return [Path(str(path) % params) for path in local if path is not None]

    def summary(self, spider: Spider, reason: str) -> dict:
        stats = self.crawler.stats.get_stats()
        started = stats.get("start_time")
        finished = datetime.now(timezone.utc)
        seconds = (finished - started).total_seconds() if started else 0.0
        requests = stats.get("downloader/request_count", 0)
        responses = stats.get("downloader/response_count", 0)
        fetched = stats.get("newsclean/pages/fetched", 0)
        # One per request that failed after its retries, by kind (requests refused on purpose — robots.txt,
        # the address guard — are counted apart, not as errors).
        errors = _by_suffix(stats, "newsclean/errors/")
        errors |= {f"spider_{kind}": n for kind, n in _by_suffix(stats, "spider_exceptions/").items()}
        if feed_write_error(self.crawler) is not None:
            errors["feed_write"] = 1
        # Failed: stopped early, reached nothing, or got only errors (a site answering 403 to everything).
        failed = (
            reason != "finished" or (requests > 0 and responses == 0) or (bool(errors) and not fetched)
            or "feed_write" in errors
        )
        return {
            "run_id": getattr(spider, "run_id", None),
            "spider": spider.name,
            "status": "failed" if failed else "ok",
            "finish_reason": reason,
            "started_at": started.isoformat() if started else None,
            "finished_at": finished.isoformat(timespec="seconds"),
            "duration_seconds": round(seconds, 3),
            "pages_per_second": round(fetched / seconds, 2) if seconds else 0.0,
            "counts": {
                "discovered": _sum(stats, "newsclean/discovery/found/"),
                "skipped_seen": stats.get("newsclean/seen/skipped", 0),
                "skipped_other": _by_suffix(stats, "newsclean/discovery/skipped/"),
                "forbidden_by_robots": stats.get("robotstxt/forbidden", 0),
                "refused_addresses": stats.get("newsclean/guard/refused", 0),
                "requests": requests,
                "responses": responses,
                "fetched": fetched,
                "written": _written(stats),
                "non_articles": _sum(stats, "newsclean/not_article/"),
                "near_duplicates": stats.get("newsclean/near_duplicates", 0),
                "dropped": _by_suffix(stats, "item_dropped_reasons_count/"),
                "recovered_from_interrupted_runs": stats.get("newsclean/recovered/articles", 0),
            },
            "errors": errors,
            "suspect_sites": stats.get("newsclean/health/suspect_sites", []),
            "outputs": [str(p) for p in self.outputs(spider)],
        }

    def spider_closed(self, spider: Spider, reason: str) -> None:
        summary = self.summary(spider, reason)
        where = ""
        if summary["outputs"]:
            target = Path(summary["outputs"][0] + ".summary.json")
            try:
                write_json(target, summary)
                where = f"; summary in {target}"
            except OSError as exc:  # the output's disk or directory is gone: the run failed
                summary["status"] = "failed"
                where = f"; the summary could not be written ({exc})"
        counts = summary["counts"]
        line = (
            f"Run {summary['run_id']} {summary['status']}: {counts['written']} articles written, "
            f"{counts['skipped_seen']} skipped as seen, {counts['non_articles']} not articles, "
            f"{sum(summary['errors'].values())} errors, in {summary['duration_seconds']:.1f} s "
            f"({summary['pages_per_second']} pages/s){where}"
        )
        self.crawler.stats.set_value("newsclean/run/status", summary["status"])
        self.crawler.stats.set_value("newsclean/run/summary_line", line)
        logger.log(logging.WARNING if summary["status"] == "failed" else logging.INFO, "%s", line)


class Progress:
    """A live count on a terminal ("fetched · written · seen · errors"), nothing under cron."""

    INTERVAL = 1.0

    def __init__(self, crawler: Crawler, stream: TextIO):
        self.crawler = crawler
        self.stream = stream
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        mode = progress_mode(crawler.settings)
        wanted = sys.stderr.isatty() if mode == "auto" else crawler.settings.getbool("NEWSCLEAN_PROGRESS")
        if not wanted:
            raise NotConfigured  # no terminal: nothing to say (cron runs every time)
        extension = cls(crawler, sys.stderr)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        stats = self.crawler.stats.get_stats()
        errors = _sum(stats, "newsclean/errors/")
        return (
            f"\r[{self.crawler.spider.name}] found {_sum(stats, 'newsclean/discovery/found/')} · "
            f"fetched {stats.get('newsclean/pages/fetched', 0)} · written {_written(stats)} · "
            f"seen {stats.get('newsclean/seen/skipped', 0)} · errors {errors} "
        )

    def show(self) -> None:
        self.stream.write(self.line())
        self.stream.flush()

    def spider_opened(self, spider: Spider) -> None:
        self.task = LoopingCall(self.show)
        self.task.start(self.INTERVAL, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.show()
        self.stream.write("\n")

"""Item pipelines, in the order they run:

* :class:`ExtractCleanPipeline` turns each fetched page into a cleaned article, off the reactor;
* :class:`ArticleFilterPipeline` drops articles older than ``-a since`` and second copies within
  the run;
* :class:`SeenPipeline` remembers what was written across runs (near-duplicates, refreshes,
  recovery of a killed run's output).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import weakref
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import _schedule_coro

from cleaners import CleanConfig, CleanResult
from cleaners.metadata import parse_stamp
from cleaners.report import STATUS_NOT_ARTICLE
from cleaners.sites import check_site_rules

from .discovery import normalize_url
from .feeds import feed_write_error, local_feed_path, output_dir
from .items import ArticleItem, FetchedPage
from .learning import memory_for
from .distributed import is_distributed, worker_id
from .extraction import MallocTuning, Timed, clean_timed, init_worker, start_worker
from .runfiles import recover_part, stale_parts
from .seen import Store, store_for

logger = logging.getLogger(__name__)
JSON_LINES_EXPORTER = "scrapy.exporters.JsonLinesItemExporter"


class NotAnArticle(DropItem):
    """The page has no usable article body (Scrapy counts these per reason)."""

    def __init__(self, url: str, status: str):
        super().__init__(f"not an article ({status}): {url}", log_level="INFO")
        self.status = status


class WorkerDied(DropItem):
    """The extraction worker died or hung on this page twice, the second time with the page alone in it."""

    def __init__(self, url: str):
        super().__init__(f"the extraction worker died on this page, twice (parser crash, out of memory, or over "
                         f"NEWSCLEAN_EXTRACT_TIMEOUT): {url}", log_level="ERROR")


class TooOld(DropItem):
    """The article was published before ``-a since``."""

    def __init__(self, url: str, published: str):
        super().__init__(f"published {published}, before -a since: {url}", log_level="DEBUG")


class DuplicateArticle(DropItem):
    """The run already wrote this article (same canonical URL)."""

    def __init__(self, url: str, canonical: str):
        super().__init__(f"already written as {canonical}: {url}", log_level="DEBUG")


def clean_config(settings: BaseSettings) -> CleanConfig:
    sites_dir = settings.get("NEWSCLEAN_SITES_DIR")
    kwargs: dict[str, Any] = {
        "max_removed_share": settings.getfloat("NEWSCLEAN_MAX_REMOVED_SHARE"),
        "learned_max_share": settings.getfloat("NEWSCLEAN_LEARN_MAX_SHARE"),
        "min_body_chars": settings.getint("NEWSCLEAN_MIN_BODY_CHARS"),
        "disabled_rules": frozenset(settings.getlist("NEWSCLEAN_DISABLED_RULES")),
        "max_elements": settings.getint("NEWSCLEAN_MAX_ELEMENTS"),
    }
    if sites_dir:
        kwargs["sites_dir"] = Path(sites_dir)
    try:
        config = CleanConfig(**kwargs)
    except ValueError as exc:
        raise ValueError(f"invalid NEWSCLEAN_* cleaning setting: {exc}") from None
    if config.sites_dir is not None:
        if not config.sites_dir.is_dir():
            raise ValueError(f"NEWSCLEAN_SITES_DIR: {config.sites_dir} is not a folder")
        check_site_rules(config.sites_dir)  # a bad rule file stops the crawl at start, not per page
    return config


def near_duplicate_mode(settings: BaseSettings) -> str:
    mode = settings.get("NEWSCLEAN_NEAR_DUPLICATES")
    if mode not in NEAR_DUPLICATE_MODES:
        raise ValueError(f"NEWSCLEAN_NEAR_DUPLICATES must be one of {NEAR_DUPLICATE_MODES}, got {mode!r}")
    return mode


def extract_workers(settings: BaseSettings) -> int:
    workers = settings.getint("NEWSCLEAN_EXTRACT_WORKERS") or os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"NEWSCLEAN_EXTRACT_WORKERS must be >= 1 (or 0 for one per CPU), got {workers}")
    return workers


def malloc_tuning(settings: BaseSettings) -> MallocTuning:
    try:
        return MallocTuning(settings.getint("NEWSCLEAN_MALLOC_MMAP_THRESHOLD"), settings.getint("NEWSCLEAN_MALLOC_TRIM_THRESHOLD"))
    except ValueError as exc:
        raise ValueError(f"invalid NEWSCLEAN_MALLOC_* setting: {exc}") from None


def extract_timeout(settings: BaseSettings) -> float:
    timeout = settings.getfloat("NEWSCLEAN_EXTRACT_TIMEOUT")
    if timeout < 0:
        raise ValueError(f"NEWSCLEAN_EXTRACT_TIMEOUT must be >= 0 seconds (0: no limit), got {timeout}")
    return timeout


def pages_per_worker(settings: BaseSettings) -> int:
    pages = settings.getint("NEWSCLEAN_EXTRACT_PAGES_PER_WORKER")
    if pages < 0:
        raise ValueError(f"NEWSCLEAN_EXTRACT_PAGES_PER_WORKER must be >= 1 (or 0 to never replace workers), got {pages}")
    return pages


class ExtractCleanPipeline:
    """FetchedPage → ArticleItem via :func:`cleaners.clean_html` in a process pool.

    The reactor only ships HTML to a worker and awaits the result, so downloads keep flowing
    while pages are parsed; ``newsclean/extract/*`` stats say how much work went to the pool.

    A worker's heap grows with the variety of pages it has parsed (allocator fragmentation,
    libraries' caches), about 2 KB a page, so after ``pages_per_worker`` pages on average the
    pool is drained and replaced by fresh processes: a long run's memory stays flat for the
    price of one worker start-up (about 0.6 s of CPU) per few thousand pages.
    """

    def __init__(self, crawler: Crawler, config: CleanConfig, workers: int, include_removals: bool,
                 pages_per_worker: int = 0, malloc: MallocTuning = MallocTuning(), timeout: float = 0.0):
        self.crawler = crawler
        self.memory = memory_for(crawler)
        self.stats = crawler.stats
        self.config = config
        self.workers = workers
        self.include_removals = include_removals
        self.pages_per_pool = workers * pages_per_worker  # 0: the pool is never replaced
        self.malloc = malloc
        self.timeout = timeout or None  # seconds a page may take in the pool before its workers are killed
        self.executor: Executor | None = None
        self.submitted = 0  # pages given to the current pool
        self.in_flight: set[asyncio.Future[Timed]] = set()
        self.replacing = asyncio.Lock()  # asyncio's locks bind to the running loop on first use, not here
        self.alone = asyncio.Lock()
        self.broken_pools: weakref.WeakSet[Executor] = weakref.WeakSet()
        # Two pages in extraction per worker (one running, one queued so the worker never waits
        # for the reactor); the others wait here, so HTML does not pile up in the pool's queue
        # and each page gets the site's latest learned blocks.
        self.free_workers = asyncio.Semaphore(2 * workers)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractCleanPipeline:
        settings = crawler.settings
        return cls(
            crawler,
            clean_config(settings),
            extract_workers(settings),
            settings.getbool("NEWSCLEAN_INCLUDE_REMOVALS"),
            pages_per_worker(settings),
            malloc_tuning(settings),
            extract_timeout(settings),
        )

    def open_spider(self) -> None:
        self.malloc.apply()  # this process holds every page too: as bytes, text and pickled copy
        self.executor = self.new_pool()
        self.stats.set_value("newsclean/extract/workers", self.workers)

    def new_pool(self) -> ProcessPoolExecutor:
        # "spawn": workers must not inherit the reactor's sockets and threads.
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(os.getpid(), self.malloc))
        for _ in range(self.workers):  # a pool starts a worker per task while none is idle
            pool.submit(start_worker)  # now, beside the crawl's first requests, not under its first pages
        return pool

    async def pool_for_next_page(self) -> Executor:
        """The pool to give the next page to; a fresh one once the current one has had its share.

        The old pool is drained and its processes have exited before the new one starts, so the
        two never hold memory at once.
        """
        assert self.executor is not None, "open_spider() was not called"
        while self.pages_per_pool and self.submitted >= self.pages_per_pool:  # again after each wait
            if await self.swap_pool(self.executor, drain=True):
                self.stats.inc_value("newsclean/extract/pools_replaced")
                logger.debug("Replaced the extraction workers after %d pages", self.pages_per_pool)
        self.submitted += 1
        return self.executor

    async def swap_pool(self, old: Executor, *, drain: bool) -> bool:
        """Fresh workers in place of ``old``; False if another page already replaced it."""
        async with self.replacing:
            if self.executor is not old:
                return False
            if drain:
                await self.drain()
            await asyncio.to_thread(old.shutdown)  # joins the processes, off the loop
            self.executor = self.new_pool()
            self.submitted = 0
            return True

    async def extract(self, page: dict[str, Any]) -> Timed:
        """``page`` extracted by a worker. A worker that dies (a parser crash, the OOM killer)
        breaks the whole pool: new workers are started and each page that was in the pool is
        tried again, alone, so that only a page that kills its worker by itself is given up."""
        try:
            return await self.run_in_pool(page, alone=False)
        except BrokenProcessPool:
            pass
        async with self.alone:
            await self.drain()
            try:
                return await self.run_in_pool(page, alone=True)
            except BrokenProcessPool:
                raise WorkerDied(page["url"]) from None

    async def drain(self) -> None:
        """Wait until the pages in the pool are done (or failed)."""
        if self.in_flight:
            await asyncio.wait(self.in_flight)

    async def run_in_pool(self, page: dict[str, Any], *, alone: bool) -> Timed:
        """Raises BrokenProcessPool only when a worker died with ``page`` in the pool."""
        pool = await self.pool_for_next_page()
        if not alone:
            while self.alone.locked():  # a page being tried again runs by itself
                async with self.alone:
                    pass
                pool = self.executor
        while True:
            try:
                future = asyncio.wrap_future(pool.submit(clean_timed, page, self.config))
                break
            except BrokenProcessPool:  # a worker died before this page got in: not its doing
                await self.replace_broken(pool)
                pool = self.executor
        self.in_flight.add(future)
        try:
            try:
                return await asyncio.wait_for(asyncio.shield(future), self.timeout)
            except TimeoutError:
                self.stats.inc_value("newsclean/extract/timeouts")
                logger.warning("%s took over %g s in the extraction pool: stopping its workers", page["url"], self.timeout)
                kill_workers(pool)
                return await future  # raises BrokenProcessPool once the pool sees its workers gone
        except BrokenProcessPool:
            await self.replace_broken(pool)
            raise
        finally:
            self.in_flight.discard(future)

    async def replace_broken(self, pool: Executor) -> None:
        """Fresh workers in place of a pool one of whose workers died (counted once per pool)."""
        if pool not in self.broken_pools:
            self.broken_pools.add(pool)
            self.stats.inc_value("newsclean/extract/worker_deaths")
            logger.warning("An extraction worker died; started new ones and trying its pages again, one at a time")
        await self.swap_pool(pool, drain=False)

    def close_spider(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        pages = self.stats.get_value("newsclean/extract/pages", 0)
        busy = self.stats.get_value("newsclean/extract/worker_seconds", 0.0)
        if pages:
            logger.info(
                "Extracted %d pages in %d worker processes: %.1f ms of CPU work per page, none of it on the reactor",
                pages, self.workers, 1000 * busy / pages,
            )

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        async with self.free_workers:
            page = dict(item)
            if self.memory is not None:
                page["learned_blocks"] = self.memory.learned(item["url"])
            timed = await self.extract(page)
        self.stats.inc_value("newsclean/extract/pages")
        self.stats.inc_value("newsclean/extract/worker_seconds", timed.seconds, start=0.0)
        return self.to_article(item, timed.result)

    def to_article(self, page: FetchedPage, result: CleanResult) -> ArticleItem:
        for removal in result.removals:
            self.stats.inc_value(f"newsclean/removed/{removal.rule}")
        if result.body_source != "html":
            self.stats.inc_value(f"newsclean/body/{result.body_source}")
        if result.guard_tripped:
            self.stats.inc_value("newsclean/guard_tripped")
            logger.warning("Kept all text of %s: the rules would have removed too much of it", page["url"])
        for note in result.notes:
            self.stats.inc_value("newsclean/rules/held_back")
            logger.info("On %s: %s", page["url"], note)
        for reason in result.meta.date_rejections:
            self.stats.inc_value("newsclean/dates/rejected")
            logger.info("Date not trusted on %s: %s", page["url"], reason)
        self.count_site_health(page["url"], result)
        if not result.ok:
            self.stats.inc_value(f"newsclean/not_article/{result.status}")
            raise NotAnArticle(page["url"], result.status)
        record = result.record(url=page["url"], fetched_at=page["fetched_at"], with_removals=self.include_removals)
        return ArticleItem(**record)

    def count_site_health(self, url: str, result: CleanResult) -> None:
        """Per-site counts under ``newsclean/site/<host>/``: pages, and pages without body, date or title.

        Pages that declare themselves non-articles (home, section pages) are not counted: an empty
        body is only a warning sign on a page that should have had one.
        """
        if result.status == STATUS_NOT_ARTICLE:
            return
        prefix = f"newsclean/site/{urlparse(url).hostname}"
        self.stats.inc_value(f"{prefix}/pages")
        if not result.ok:
            self.stats.inc_value(f"{prefix}/no_body")
            return
        if not result.meta.published:
            self.stats.inc_value(f"{prefix}/no_date")
        if not result.meta.title:
            self.stats.inc_value(f"{prefix}/no_title")


def kill_workers(pool: Executor) -> None:
    """SIGKILL a process pool's workers (one is stuck): the pool then breaks like after a crash."""
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way before Python 3.14
        process.kill()


def latest_moment(published: str) -> datetime | None:
    """The latest UTC moment an ISO ``published`` value allows (a bare date: the end of that day)."""
    stamp = parse_stamp(published, "item")
    if stamp is None:
        return None
    if stamp.has_time:
        return stamp.as_utc()
    day = stamp.day
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=timezone.utc)


class ArticleFilterPipeline:
    """Drops articles older than ``-a since`` and second copies of an article within the run.

    Copies are recognised by their canonical URL (or fetched URL), normalized: the same story
    reached under two addresses is written once.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.written: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleFilterPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        params = getattr(self.crawler.spider, "params", None)
        since = getattr(params, "since", None)
        published = latest_moment(item["published"]) if item.get("published") else None
        if since and published and published < since:
            self.crawler.stats.inc_value("newsclean/filtered/too_old")
            raise TooOld(item["url"], item["published"])
        key = normalize_url(item.get("canonical_url") or item["url"])
        if key in self.written:
            self.crawler.stats.inc_value("newsclean/filtered/duplicate")
            raise DuplicateArticle(item["url"], key)
        self.written.add(key)
        return item


class Unchanged(DropItem):
    """A refreshed article whose text has not changed since it was written."""

    def __init__(self, url: str):
        super().__init__(f"unchanged since it was written: {url}", log_level="DEBUG")


class AlreadyWritten(DropItem):
    """An article the seen store knows, reached again without being due for a refresh: under
    another URL, or by a worker taking over a dead worker's requests (distributed mode)."""

    def __init__(self, url: str, original: str):
        super().__init__(f"already written as {original}: {url}", log_level="DEBUG")


class NearDuplicate(DropItem):
    """Nearly the same text as an article already written (with NEWSCLEAN_NEAR_DUPLICATES = "drop")."""

    def __init__(self, url: str, original: str):
        super().__init__(f"near-duplicate of {original}: {url}", log_level="INFO")


NEAR_DUPLICATE_MODES = ("flag", "drop", "off")


class SeenPipeline:
    """Cross-run memory: near-duplicates, refreshed articles, and what counts as seen.

    * an article whose text nearly matches one already written (SimHash within
      ``NEWSCLEAN_NEAR_DUPLICATE_DISTANCE`` bits) gets ``duplicate_of`` = that article's URL, or is
      dropped (``NEWSCLEAN_NEAR_DUPLICATES``);
    * a refreshed article (``-a refresh``) is written again only when its text changed (``update``);
      any other article the store knows is dropped (reached under another URL, or, in distributed
      mode, a request a dead worker had finished but not acknowledged);
    * once the feed exporter has written an article (``item_scraped``), it is recorded as seen under
      every URL it was reached by; at start, a killed run's unfinished output is recovered first.
    """

    def __init__(self, crawler: Crawler, store: Store, near_duplicates: str):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store = store
        self.near_duplicates = near_duplicates
        self.stopping = False
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenPipeline:
        mode = near_duplicate_mode(crawler.settings)
        store = store_for(crawler)
        if store is None:
            raise NotConfigured("NEWSCLEAN_SEEN_ENABLED is off")
        return cls(crawler, store, mode)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        configured = self.crawler.settings.getdict("FEEDS")
        exporters = dict(self.crawler.settings.getwithbase("FEED_EXPORTERS"))
        # Named files only (a "%(run_id)s" template is the default layout, under the output roots).
        feeds = {path: options for uri, options in configured.items() if "%(" not in uri and (path := local_feed_path(uri))}
        roots = [output_dir(self.crawler.settings) / spider.name]
        worker = worker_id(self.crawler.settings) if is_distributed(self.crawler.settings) else None
        for part in stale_parts(roots, list(feeds), worker):
            named = feeds.get(part.with_name(part.name.removesuffix(".part")))
            lines = named is None or exporters.get(named.get("format")) == JSON_LINES_EXPORTER
            # A file named with -O/-o is this run's to write: what is recovered goes beside it.
            recovered = recover_part(part, lines=lines, own_name=named is None)
            if not lines:
                logger.warning("%s is what an interrupted run left of a %s feed; its articles are not recorded "
                               "as seen and will be fetched again", recovered, named.get("format"))
                continue
            kept, dropped = self.store.ingest_records(recovered, run_id=f"recovered:{recovered.name}")
            self.stats.inc_value("newsclean/recovered/files")
            self.stats.inc_value("newsclean/recovered/articles", kept)
            if dropped:
                self.stats.inc_value("newsclean/recovered/written_again", dropped)

    def close_spider(self) -> None:
        self.store.close()

    def feed_broken(self) -> bool:
        """A feed file could not be written (disk full, no permission): the article is not recorded
        as seen — a later run fetches it again — and the crawl stops, failed."""
        error = feed_write_error(self.crawler)
        if error is None:
            return False
        self.stats.inc_value("newsclean/feed/unwritten")
        if not self.stopping:
            self.stopping = True
            self.stats.set_value("newsclean/errors/feed_write", 1)
            logger.error("Could not write the output (%s): stopping; articles not written are not recorded as seen", error)
            _schedule_coro(self.crawler.engine.close_spider_async(reason="feed_write_failed"))
        return True

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        known = self.store.known(item["url"]) or (item.get("canonical_url") and self.store.known(item["canonical_url"]))
        if known:
            params = getattr(self.crawler.spider, "params", None)
            if not (params and params.refresh_due(known.first_seen)):
                self.stats.inc_value("newsclean/seen/dropped")
                raise AlreadyWritten(item["url"], known.url)
            if known.content_hash == item.get("content_hash"):
                self.stats.inc_value("newsclean/refresh/unchanged")
                raise Unchanged(item["url"])
            self.stats.inc_value("newsclean/refresh/updated")
            item["update"] = True
            return item
        if self.near_duplicates != "off" and item.get("simhash"):
            original = self.store.near_duplicate(int(item["simhash"], 16), exclude=item["url"])
            if original:
                self.stats.inc_value("newsclean/near_duplicates")
                if self.near_duplicates == "drop":
                    raise NearDuplicate(item["url"], original)
                item["duplicate_of"] = original
        return item

    def item_scraped(self, item: Any, response: Response) -> None:
        if not isinstance(item, ArticleItem) or self.feed_broken():
            return
        request = response.request
        aliases = [request.url, *request.meta.get("redirect_urls", [])] if request else []
        self.store.record(dict(item), urls=aliases, run_id=self.crawler.spider.run_id)
        self.stats.inc_value("newsclean/seen/recorded")

"""The ``news`` spider: find articles on sites (sitemaps, feeds, home and section pages) or take
them from the command line, and hand each page to the pipeline.

    scrapy crawl news -a urls=URL[,URL…]|@FILE     article pages
    scrapy crawl news -a sitemap=URL               a sitemap (index) of articles
    scrapy crawl news -a feed=URL                  an RSS/Atom/JSON feed
    scrapy crawl news -a home=URL                  a site: robots.txt sitemaps, declared feeds, home + sections
    scrapy crawl news -a sites=sites.toml [-a site=NAME[,NAME]]
    … -a since=2d                                  only articles newer than that, where dates are known
    … -a refresh=1d                                fetch articles first written in the last day again

Articles the seen store knows (written by an earlier run) are not fetched again.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import charset_normalizer
from protego import Protego
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure
from scrapy.settings import BaseSettings

from ..discovery import (
    USUAL_SITEMAP_PATHS,
    FeedError,
    SiteConfig,
    SitemapError,
    article_links,
    feed_links,
    normalize_url,
    parse_feed,
    parse_sitemap,
    section_links,
    site_key,
    sitemaps_from_robots,
)
from ..distributed import is_distributed, seeded_params, worker_id
from ..feeds import default_feeds
from ..items import FetchedPage
from ..params import NewsParams
from ..seen import store_for

# Answers a missing or refused sitemap/feed may give; handled in the callbacks, not as errors.
MISSING = [403, 404, 410]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def failure_kind(error: BaseException) -> str:
    """A short name for why a download failed: the stat key and what the log line says."""
    if isinstance(error, (DownloadTimeoutError, TimeoutError, defer.TimeoutError, TCPTimedOutError)):
        return "timeout"
    if isinstance(error, DownloadCancelledError):
        return "too_large"
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, (DNSLookupError, CannotResolveHostError)):
        return "dns"
    if isinstance(error, (ConnectionRefusedError, DownloadConnectionRefusedError)):
        return "connection_refused"
    return type(error).__name__


@dataclass(frozen=True)
class SlotPolicy:
    """Per-host floor on politeness: from robots.txt Crawl-delay and the site list's settings."""

    delay: float = 0.0
    concurrency: int | None = None


class NewsSpider(Spider):
    name = "news"
    params_class = NewsParams

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not settings.getdict("FEEDS"):  # no -o/-O: the documented output/ layout
            settings.set("FEEDS", default_feeds(settings), priority="spider")
        if is_distributed(settings):
            settings.set("SCHEDULER", "crawler.distributed.LeasingScheduler", priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        settings = crawler.settings
        distributed = is_distributed(settings)
        if distributed and not isinstance(kwargs.get("params"), NewsParams):  # a worker, not `scrapy seed`
            kwargs = {"params": seeded_params(settings, cls.name, kwargs)}
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.distributed = distributed
        if distributed:  # each worker's output files and locks carry its id
            spider.run_id += f"@{worker_id(settings)}"
        spider.max_pages_per_site = settings.getint("NEWSCLEAN_MAX_PAGES_PER_SITE")
        spider.section_pages = settings.getint("NEWSCLEAN_SECTION_PAGES")
        spider.xml_max_bytes = settings.getint("NEWSCLEAN_XML_MAX_BYTES")
        spider.sitemap_max_urls = settings.getint("NEWSCLEAN_SITEMAP_MAX_URLS")
        spider.crawl_delay_max = settings.getfloat("NEWSCLEAN_CRAWL_DELAY_MAX")
        spider.robots_max_sitemaps = settings.getint("NEWSCLEAN_ROBOTS_MAX_SITEMAPS")
        # Links from pages are scheduled with engine.crawl, past Scrapy's UrlLengthMiddleware.
        spider.url_length_limit = settings.getint("URLLENGTH_LIMIT") or 2083
        crawler.signals.connect(spider.schedule_undated, signal=signals.spider_idle)
        spider.seen = store_for(crawler)
        return spider

    def __init__(self, *args: Any, params: NewsParams | None = None, **kwargs: str) -> None:
        # A distributed worker gets its round's params from Redis (from_crawler); -a gives strings.
        if not isinstance(params, NewsParams):
            if params is not None:
                kwargs["params"] = params  # refused below as an unknown argument
            params = self.params_class.from_args(**kwargs)
        self.params = params
        super().__init__(*args)
        self.started_at = utc_now()
        self.run_id = f"{self.started_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        # Hosts the user named on the command line or in the site list may be private (a local site).
        self.named_hosts = self.params.named_hosts
        self.scheduled: set[str] = set()
        # Dates sitemaps and feeds gave, also for articles they let us skip.
        self.listed_dates: dict[str, datetime] = {}
        # Links from home/section pages carry no date: held back until the dated sources are read.
        self.undated: list[tuple[str, SiteConfig, str]] = []
        self.pages_per_site: Counter[str] = Counter()
        self.slot_policies: dict[str, SlotPolicy] = {}
        self.seen = None  # the seen store, set by from_crawler
        self.seen_answers: dict[str, Any] = {}  # the store's answers for the sitemap or feed at hand
        self.skipped_seen: set[int] = set()  # hashes of the URLs skipped as seen, counted once each
        self.distributed = False  # set by from_crawler: requests come from and go to Redis

    # --- start -----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for target in self.params.targets:
            self.apply_site_settings(target.site)
        if self.distributed:  # `scrapy seed` put the start requests in the shared queue
            return
        for request in self.seed_requests():
            # Fed as the crawl takes them, not all at once: a list of 100,000 URLs does not become
            # 100,000 requests held in the scheduler (Scrapy's "lazy start requests").
            if self.crawler.engine.needs_backout():
                await self.crawler.signals.wait_for(signals.scheduler_empty)
            yield request

    def seed_requests(self) -> Iterator[Request]:
        """The requests a crawl starts from: the -a urls, and each target's sitemaps, feeds and home."""
        for url in map(normalize_url, self.params.urls):
            if not self.already_seen(url):
                yield self.article_request(url, site=None, route="urls")
        for target in self.params.targets:
            site = target.site
            # Sitemaps and feeds the user names must be there: a 404 is an error, not a site without one.
            for url in site.sitemaps:
                yield self.request(url, self.parse_sitemap, cb_kwargs={"site": site})
            for url in site.feeds:
                yield self.request(url, self.parse_feed, cb_kwargs={"site": site})
            if target.explore:
                robots = urljoin(site.home, "/robots.txt")
                yield self.request(robots, self.parse_robots, cb_kwargs={"site": site}, dont_filter=True,
                              meta={"handle_httpstatus_list": MISSING, "dont_obey_robotstxt": True})
                yield self.request(site.home, self.parse_home, cb_kwargs={"site": site})

    def apply_site_settings(self, site: SiteConfig) -> None:
        delay = float(site.settings.get("DOWNLOAD_DELAY", 0.0))
        concurrency = site.settings.get("CONCURRENT_REQUESTS_PER_DOMAIN")
        if delay or concurrency:
            self.tighten(urlsplit(site.home).hostname, delay, int(concurrency) if concurrency else None)

    def tighten(self, host: str | None, delay: float = 0.0, concurrency: int | None = None) -> None:
        if not host:
            return
        old = self.slot_policies.get(host, SlotPolicy())
        concurrencies = [c for c in (old.concurrency, concurrency) if c]
        self.slot_policies[host] = SlotPolicy(max(old.delay, delay), min(concurrencies) if concurrencies else None)

    # --- requests and their failures --------------------------------------------------------

    def request(self, url: str, callback: Any, **kwargs: Any) -> Request:
        """A request whose failure is one log line and a counted kind, not a traceback."""
        return Request(url, callback, errback=self.request_failed, **kwargs)

    def request_failed(self, failure: Failure) -> None:
        error = failure.value
        # Refused on purpose (robots.txt, the guard) is counted there; an HTTP error status is an
        # IgnoreRequest too, but a failure.
        if isinstance(error, IgnoreRequest) and not isinstance(error, HttpError):
            return
        kind = failure_kind(error)
        self.crawler.stats.inc_value(f"newsclean/errors/{kind}")
        self.logger.warning("Could not fetch %s: %s (%s)", failure.request.url, kind, error)

    # --- discovery callbacks ---------------------------------------------------------------

    def missing(self, response: Response, what: str) -> bool:
        if response.status in MISSING:
            self.crawler.stats.inc_value(f"newsclean/discovery/missing/{what}")
            self.logger.debug("No %s at %s (HTTP %d)", what, response.url, response.status)
            return True
        return False

    def parse_robots(self, response: Response, site: SiteConfig) -> Iterator[Request]:
        if self.missing(response, "robots"):
            sitemaps: list[str] = []
        else:
            sitemaps = sitemaps_from_robots(response.body, response.url)
            if len(sitemaps) > self.robots_max_sitemaps:
                self.crawler.stats.inc_value("newsclean/discovery/truncated/robots")
                self.logger.warning(
                    "robots.txt at %s lists %d sitemaps; reading the first %d",
                    response.url, len(sitemaps), self.robots_max_sitemaps,
                )
                sitemaps = sitemaps[: self.robots_max_sitemaps]
            agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get("USER_AGENT")
            delay = Protego.parse(response.text if isinstance(response, TextResponse) else "").crawl_delay(agent)
            if delay:
                honoured = min(float(delay), self.crawl_delay_max)
                self.tighten(urlsplit(response.url).hostname, honoured)
                self.logger.info(
                    "robots.txt of %s asks for %s s between requests; waiting %s s",
                    urlsplit(response.url).netloc, delay, honoured,
                )
        if not sitemaps and not site.sitemaps:
            sitemaps = [urljoin(site.home, path) for path in USUAL_SITEMAP_PATHS]
        for url in sitemaps:
            yield self.request(url, self.parse_sitemap, cb_kwargs={"site": site}, meta={"handle_httpstatus_list": MISSING})

    def parse_sitemap(self, response: Response, site: SiteConfig) -> Iterator[Request]:
        if self.missing(response, "sitemap"):
            return
        try:
            page = parse_sitemap(response.body, response.url, max_bytes=self.xml_max_bytes, max_urls=self.sitemap_max_urls)
        except SitemapError as exc:
            self.crawler.stats.inc_value("newsclean/discovery/bad/sitemap")
            self.logger.warning("Ignoring sitemap %s: %s", response.url, exc)
            return
        self.count_bad_urls(response.url, page.rejected)
        if page.truncated:
            self.crawler.stats.inc_value("newsclean/discovery/truncated/sitemap")
            self.logger.warning("Sitemap %s lists more than %d URLs; the rest are ignored", response.url, self.sitemap_max_urls)
        if page.kind != "index":
            self.look_up_seen(entry.url for entry in page.entries)
        for entry in page.entries:
            if page.kind == "index":
                yield self.request(entry.url, self.parse_sitemap, cb_kwargs={"site": site}, meta={"handle_httpstatus_list": MISSING})
            else:
                yield from self.discovered(entry.url, site, "sitemap", entry.published or entry.lastmod, entry.published)
        self.seen_answers.clear()

    def parse_feed(self, response: Response, site: SiteConfig) -> Iterator[Request]:
        if self.missing(response, "feed"):
            return
        rejected: list[str] = []
        try:
            entries = parse_feed(response.body, response.url, max_bytes=self.xml_max_bytes, rejected=rejected)
        except FeedError as exc:
            self.crawler.stats.inc_value("newsclean/discovery/bad/feed")
            self.logger.warning("Ignoring feed %s: %s", response.url, exc)
            return
        self.count_bad_urls(response.url, len(rejected))
        self.look_up_seen(entry.url for entry in entries)
        for entry in entries:
            yield from self.discovered(entry.url, site, "feed", entry.published, entry.published)
        self.seen_answers.clear()

    def parse_home(self, response: Response, site: SiteConfig) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            return
        known_feeds = {normalize_url(f) for f in site.feeds}
        for url in feed_links(response.body, response.url):
            if url not in known_feeds:
                yield self.request(url, self.parse_feed, cb_kwargs={"site": site}, meta={"handle_httpstatus_list": MISSING})
        self.parse_listing(response, site, "home")
        for url in section_links(response.body, response.url, deny=site.deny)[: self.section_pages]:
            yield self.request(url, self.parse_listing, cb_kwargs={"site": site, "route": "section"})

    def parse_listing(self, response: Response, site: SiteConfig, route: str) -> None:
        if not isinstance(response, TextResponse):
            return
        rejected: list[str] = []
        for url in article_links(response.body, response.url, allow=site.allow, deny=site.deny, rejected=rejected):
            self.crawler.stats.inc_value(f"newsclean/discovery/found/{route}")
            self.undated.append((url, site, route))
        self.count_bad_urls(response.url, len(rejected))
        if self.distributed:
            # Held in this process, the links would die with it after the page's lease is done:
            # queue them now, judged by the dates this worker has seen so far.
            self.queue_undated()

    def count_bad_urls(self, where: str, count: int) -> None:
        """Links that are no usable http(s) URL (javascript:, mailto:, a bad port…): one line per document."""
        if count:
            self.crawler.stats.inc_value("newsclean/discovery/skipped/bad_url", count)
            self.logger.info("Skipped %d links in %s that are no usable http(s) URL", count, where)

    def schedule_undated(self) -> None:
        """spider_idle: every sitemap and feed is read, so links from pages can be judged by their dates."""
        if not self.undated:
            return
        self.queue_undated()
        raise DontCloseSpider

    def queue_undated(self) -> None:
        waiting, self.undated = self.undated, []
        for url, site, route in waiting:
            for request in self.discovered(url, site, route, self.listed_dates.get(url), counted=True):
                self.crawler.engine.crawl(request)

    # --- articles --------------------------------------------------------------------------

    def discovered(
        self,
        url: str,
        site: SiteConfig,
        route: str,
        published: datetime | None = None,
        date_hint: datetime | None = None,
        counted: bool = False,
    ) -> Iterator[Request]:
        """Schedule an article found by ``route``, unless it is off-site, old, denied, known or over the cap."""
        stats = self.crawler.stats
        if not counted:
            stats.inc_value(f"newsclean/discovery/found/{route}")
        if published is not None:
            self.listed_dates.setdefault(url, published)
        path = urlsplit(url).path
        if site_key(url) != site_key(site.home):
            stats.inc_value("newsclean/discovery/skipped/offsite")
        elif any(p.search(path) for p in site.deny):
            stats.inc_value("newsclean/discovery/skipped/denied")
        elif self.params.since and published and published < self.params.since:
            stats.inc_value("newsclean/discovery/skipped/too_old")
        elif len(url) > self.url_length_limit:
            stats.inc_value("newsclean/discovery/skipped/too_long")
        elif url in self.scheduled:
            stats.inc_value("newsclean/discovery/skipped/duplicate")
        elif self.already_seen(url):
            pass  # counted by already_seen; not against the site's cap
        elif self.pages_per_site[site.name] >= (site.max_pages or self.max_pages_per_site):
            stats.inc_value("newsclean/discovery/skipped/over_cap")
            if stats.get_value(f"newsclean/discovery/capped/{site.name}") is None:
                stats.set_value(f"newsclean/discovery/capped/{site.name}", True)
                self.logger.info("Reached the cap of %d pages for %s in this run", site.max_pages or self.max_pages_per_site, site.name)
        else:
            self.pages_per_site[site.name] += 1
            hint = (date_hint.isoformat(), route) if date_hint else None
            yield self.article_request(url, site=site.name, route=route, date_hint=hint)

    def look_up_seen(self, urls: Iterable[str]) -> None:
        """Ask the seen store about a whole sitemap or feed at once (one Redis round trip, not one
        per URL, which would hold up the reactor); already_seen takes the answers."""
        if self.seen is not None:
            self.seen_answers = self.seen.known_many(list(urls))

    def already_seen(self, url: str) -> bool:
        """Written by an earlier run, and not due for a refresh."""
        if url in self.seen_answers:
            known = self.seen_answers.pop(url)
        else:
            known = self.seen.known(url) if self.seen is not None else None
        if known is None:
            return False
        if self.params.refresh_due(known.first_seen):
            self.crawler.stats.inc_value("newsclean/refresh/refetched")
            return False
        if hash(url) not in self.skipped_seen:  # found again through another sitemap, feed or page: one skip
            self.skipped_seen.add(hash(url))
            self.crawler.stats.inc_value("newsclean/seen/skipped")
        self.logger.debug("Skipping %s: written on %s", url, known.first_seen.isoformat())
        return True

    def article_request(self, url: str, *, site: str | None, route: str, date_hint: tuple[str, str] | None = None) -> Request:
        self.scheduled.add(url)
        meta = {"newsclean_site": site, "newsclean_route": route}
        if date_hint:
            meta["newsclean_date_hint"] = date_hint
        return self.request(url, self.parse_article, meta=meta)

    def decoded(self, response: TextResponse) -> str:
        """The page's text: in its declared charset when the bytes fit it, else by detection.

        A page whose bytes are not valid in the charset it declares (cp1252 or Shift_JIS sent
        as UTF-8) would otherwise be written full of replacement characters.
        """
        text = response.text  # decoded once already for the meta-refresh check; replacement marks bad bytes
        if "\ufffd" not in text:
            return text
        try:
            return response.body.decode(response.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
        best = charset_normalizer.from_bytes(response.body).best()
        if best is None:
            return response.text
        self.crawler.stats.inc_value("newsclean/charset/fallback")
        self.logger.info("%s is not valid %s; decoded as %s", response.url, response.encoding, best.encoding)
        return str(best)

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newsclean/pages/not_text")
            self.logger.info("Skipping %s: not a text response (%s)", response.url, response.headers.get("Content-Type"))
            return
        self.crawler.stats.inc_value("newsclean/pages/fetched")
        page = FetchedPage(url=response.url, html=self.decoded(response), fetched_at=utc_now().isoformat(timespec="seconds"))
        if response.meta.get("newsclean_date_hint"):
            page["date_hint"] = response.meta["newsclean_date_hint"]
        yield page

"""Downloader middlewares: the address guard (no requests to private, loopback or link-local
hosts), per-site politeness floors (robots.txt Crawl-delay, the site list's settings), and
Scrapy's retry, redirect and decompression middlewares made to count and explain what they refuse."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.response import response_status_message
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError
from w3lib.url import safe_url_string

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(IgnoreRequest):
    """The request's host is, or resolves to, an address the guard does not allow."""


def refusal_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    for label, flag in (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return label
    return None if address.is_global else "not globally routable"


def parse_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class AddressGuardMiddleware:
    """Refuses requests whose host is or resolves to a non-public address (SSRF guard).

    Checked for every request, redirects and robots.txt included, before any connection: IP
    literals directly, host names through the crawler's DNS resolver (whose cache the download
    then uses, so a name cannot re-resolve elsewhere in between). Hosts the user named in the
    spider arguments (``spider.named_hosts``) and ``NEWSCLEAN_GUARD_ALLOW_HOSTS`` pass.
    """

    def __init__(self, crawler: Crawler, allow_hosts: frozenset[str]):
        self.crawler = crawler
        self.allow_hosts = allow_hosts
        self._warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        if not crawler.settings.getbool("NEWSCLEAN_GUARD_ENABLED"):
            raise NotConfigured("NEWSCLEAN_GUARD_ENABLED is off")
        hosts = frozenset(h.strip().lower() for h in crawler.settings.getlist("NEWSCLEAN_GUARD_ALLOW_HOSTS") if h.strip())
        return cls(crawler, hosts)

    def _allowed(self, host: str) -> bool:
        named = getattr(self.crawler.spider, "named_hosts", frozenset())
        return host in self.allow_hosts or host in named

    async def _resolve(self, host: str) -> IPAddress | None:
        from twisted.internet import reactor

        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined]
        except DNSLookupError:
            return None  # the download will fail with the same error, and be counted as such
        return parse_ip(address)

    async def process_request(self, request: Request) -> Any:
        host = (urlparse_cached(request).hostname or "").lower()
        if not host or self._allowed(host):
            return None
        address = parse_ip(host)
        if address is None:
            address = await self._resolve(host)
        reason = refusal_reason(address) if address is not None else None
        if reason is None:
            return None
        self.crawler.stats.inc_value("newsclean/guard/refused")
        self.crawler.stats.inc_value(f"newsclean/guard/refused/{reason.replace(' ', '_')}")
        level = logging.DEBUG if host in self._warned else logging.WARNING
        self._warned.add(host)
        logger.log(level, "Refused %s: %s resolves to a %s address (%s)", request.url, host, reason, address)
        raise AddressRefused(f"{host} is a {reason} address")


class SlotPolicyMiddleware:
    """Keeps each host's download slot at least as slow as ``spider.slot_policies`` asks.

    Scrapy ignores robots.txt ``Crawl-delay`` and has no per-site settings; the spider records
    both as a :class:`~crawler.spiders.news.SlotPolicy` per host. Before every request the host's
    slot gets that delay (and concurrency cap), also after AutoThrottle has lowered it.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SlotPolicyMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        policies = getattr(self.crawler.spider, "slot_policies", None)
        host = urlparse_cached(request).hostname
        policy = policies.get(host) if policies and host else None
        if policy is None or self.crawler.engine is None:
            return None
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            settings = downloader.per_slot_settings.setdefault(key, {})
            settings["delay"] = max(settings.get("delay", 0.0), policy.delay)
            if policy.concurrency:
                settings["concurrency"] = policy.concurrency
            return None
        slot.delay = max(slot.delay, policy.delay)
        if policy.concurrency:
            slot.concurrency = min(slot.concurrency, policy.concurrency)
        return None


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, with bombs (bodies inflating past DOWNLOAD_MAXSIZE) counted."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if isinstance(exc.__cause__, _DecompressionMaxSizeExceeded):
                self.stats.inc_value("newsclean/errors/decompression_bomb")
            raise

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CountingHttpCompressionMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.stats = crawler.stats
        return middleware


class _RefusingRedirects:
    """What both redirect middlewares refuse: a loop and the redirect limit, each logged once at
    WARNING (Scrapy says the limit at DEBUG, and a loop only as a filtered duplicate) and counted
    under ``newsclean/redirect/refused/<why>``."""

    crawler: Crawler

    def refuse(self, request: Request, why: str, message: str) -> IgnoreRequest:
        self.crawler.stats.inc_value(f"newsclean/redirect/refused/{why}")
        logger.warning("%s", message)
        return IgnoreRequest(message)

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        if redirected.url == request.url or redirected.url in request.meta.get("redirect_urls", ()):
            raise self.refuse(request, "loop", f"Redirect loop at {request.url} ({reason})")
        try:
            return super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except IgnoreRequest:
            raise self.refuse(request, "too_many", f"Discarding {request}: max redirections reached") from None


class GuardedRedirectMiddleware(_RefusingRedirects, RedirectMiddleware):
    """Scrapy's HTTP redirects, minus the ones a crawler must not follow: a malformed Location, a
    non-http(s) target, a loop and the redirect limit."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location and not request.meta.get("dont_redirect"):
            try:
                target = urljoin(request.url, safe_url_string(location.decode("latin-1")))
                parts = urlsplit(target)
                parts.port  # noqa: B018 - raises ValueError for a bad port
            except ValueError as exc:
                raise self.refuse(request, "malformed", f"Not following the malformed redirect of {request.url}: {exc}")
            if parts.scheme not in ("http", "https"):
                raise self.refuse(request, "scheme", f"Not following the redirect of {request.url} to a non-http(s) URL")
        return super().process_response(request, response)


class GuardedMetaRefreshMiddleware(_RefusingRedirects, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv="refresh"> redirects, minus loops and chains past the redirect limit."""


def retry_after_seconds(value: bytes | str | None, now: datetime) -> float | None:
    """Retry-After as seconds from ``now``: a number of seconds or an HTTP date; None if neither."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    try:
        return max(0.0, float(text.strip()))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(text) - now).total_seconds())
    except (TypeError, ValueError, IndexError):
        return None


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting as long as a 429/503 answer's Retry-After asks first — up to
    ``NEWSCLEAN_RETRY_AFTER_MAX`` seconds; a longer wait is not worth a crawl slot: no retry."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.retry_after_max = crawler.settings.getfloat("NEWSCLEAN_RETRY_AFTER_MAX")
        return middleware

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        delay = None
        if response.status in (429, 503) and not request.meta.get("dont_retry"):
            delay = retry_after_seconds(response.headers.get("Retry-After"), datetime.now(timezone.utc))
        if delay is None:
            return super().process_response(request, response)
        stats = self.crawler.stats
        if delay > self.retry_after_max:
            stats.inc_value("newsclean/retry_after/too_long")
            logger.warning("Not retrying %s: the site asks to wait %.0f s (over %s s)", request, delay, self.retry_after_max)
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        stats.inc_value("newsclean/retry_after/waited")
        await asyncio.sleep(delay)
        return retry

"""Downloader middlewares: the address guard (no requests to private, loopback or link-local
hosts) and per-site politeness floors (robots.txt Crawl-delay, the site list's settings)."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

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

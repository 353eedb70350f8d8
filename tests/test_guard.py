"""Address guard: refusals happen before any connection; no test traffic leaves 127.0.0.0/8."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.middlewares import AddressGuardMiddleware, AddressRefused, refusal_reason
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.9.9.9", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not globally routable"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_refusal_reason(address, reason):
    assert refusal_reason(ipaddress.ip_address(address)) == reason


class StubResolverGuard(AddressGuardMiddleware):
    """The guard with DNS answered from a table: nothing is looked up or connected to."""

    table: dict[str, str] = {}
    asked: list[str] = []

    async def _resolve(self, host):
        self.asked.append(host)
        return ipaddress.ip_address(self.table[host]) if host in self.table else None


def make_guard(named_hosts=frozenset(), **settings) -> StubResolverGuard:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**settings))
    crawler.stats.open_spider()
    crawler.spider = NewsSpider(urls="https://named.example/a")
    crawler.spider.named_hosts = frozenset(named_hosts)
    StubResolverGuard.asked = []
    return build_from_crawler(StubResolverGuard, crawler)


def check(guard, url):
    return asyncio.run(guard.process_request(Request(url)))


def test_names_resolving_to_private_addresses_are_refused():
    StubResolverGuard.table = {"metadata.internal": "169.254.169.254", "rebind.example": "10.0.0.7", "public.example": "93.184.216.34"}
    guard = make_guard()
    with pytest.raises(AddressRefused, match="link-local"):
        check(guard, "http://metadata.internal/latest/meta-data/")
    with pytest.raises(AddressRefused, match="private"):
        check(guard, "https://rebind.example/")
    assert check(guard, "https://public.example/news") is None
    assert guard.crawler.stats.get_value("newsclean/guard/refused") == 2
    assert guard.crawler.stats.get_value("newsclean/guard/refused/link-local") == 1


def test_ip_literals_are_checked_without_resolving():
    guard = make_guard()
    for url in ("http://127.0.0.2:8080/", "http://[::1]/", "http://10.0.0.1/", "http://169.254.169.254/"):
        with pytest.raises(AddressRefused):
            check(guard, url)
    assert StubResolverGuard.asked == []


def test_named_and_allowed_hosts_pass():
    guard = make_guard(named_hosts={"127.0.0.1"}, NEWSCLEAN_GUARD_ALLOW_HOSTS=["intranet.example"])
    StubResolverGuard.table = {"intranet.example": "10.0.0.5"}
    assert check(guard, "http://127.0.0.1:8000/a") is None
    assert check(guard, "http://intranet.example/b") is None
    with pytest.raises(AddressRefused):
        check(guard, "http://127.0.0.2:8000/a")


def test_unresolvable_names_are_left_to_the_download():
    StubResolverGuard.table = {}
    guard = make_guard()
    assert check(guard, "http://no-such-host.invalid/") is None
    assert StubResolverGuard.asked == ["no-such-host.invalid"]


def test_guard_can_be_switched_off():
    from scrapy.exceptions import NotConfigured

    crawler = get_crawler(NewsSpider, settings_dict=project_settings(NEWSCLEAN_GUARD_ENABLED=False))
    with pytest.raises(NotConfigured, match="NEWSCLEAN_GUARD_ENABLED"):
        build_from_crawler(AddressGuardMiddleware, crawler)

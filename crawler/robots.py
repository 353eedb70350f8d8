"""robots.txt of any size: read up to ``NEWSCLEAN_ROBOTS_MAX_BYTES`` and obeyed (RFC 9309 §2.5).

Scrapy drops a robots.txt larger than ``DOWNLOAD_MAXSIZE`` and then treats the site as having
none — everything allowed. Instead the download of a robots.txt stops at the limit
(:class:`RobotsTxtSizeCap`) and the parser reads the whole lines before it
(:class:`CappedRobotParser`), so the rules at its top still apply.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.robotstxt import ProtegoRobotParser, RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


def whole_lines(body: bytes, limit: int) -> tuple[bytes, bool]:
    """The first ``limit`` bytes of ``body`` cut back to the last line end; whether it was cut."""
    if len(body) <= limit:
        return body, False
    head = body[:limit]
    end = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head[: end + 1] if end >= 0 else b"", True


class CappedRobotParser(ProtegoRobotParser):
    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> CappedRobotParser:
        limit = crawler.settings.getint("NEWSCLEAN_ROBOTS_MAX_BYTES")
        body, cut = whole_lines(robotstxt_body, limit)
        if cut:
            crawler.stats.inc_value("newsclean/robots/truncated")
            logger.info("A robots.txt of over %d bytes was read up to that size", limit)
        return cls(body, crawler.spider)


class RobotsTxtSizeCap:
    """Stops downloading a robots.txt once it passes ``NEWSCLEAN_ROBOTS_MAX_BYTES`` (what came so
    far is the response), instead of letting ``DOWNLOAD_MAXSIZE`` throw the whole file away."""

    def __init__(self, limit: int):
        self.limit = limit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtSizeCap:
        extension = cls(crawler.settings.getint("NEWSCLEAN_ROBOTS_MAX_BYTES"))
        crawler.signals.connect(extension.bytes_received, signal=signals.bytes_received)
        return extension

    def bytes_received(self, data: bytes, request: Request) -> None:
        if urlparse_cached(request).path != "/robots.txt":
            return
        received = request.meta.get("newsclean_bytes", 0) + len(data)
        request.meta["newsclean_bytes"] = received
        if received > self.limit:
            raise StopDownload(fail=False)


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every request that waited for a site's robots.txt
    judged by it.

    Requests to a site arriving while its robots.txt is downloading await one Deferred; the first
    awaiting turns its result into None, so Scrapy let all the others through unchecked (a list of
    disallowed ``-a urls``, or a worker's first batch of leased requests, was fetched). The parser
    is read back from where Scrapy keeps it once the download is done.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        first_answer = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc, first_answer)
        return first_answer if isinstance(stored, Deferred) else stored

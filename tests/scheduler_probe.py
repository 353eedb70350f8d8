"""A test-only extension: the most requests the scheduler held at once, as the stat test/peak_pending."""

from scrapy import signals


class PeakPending:
    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.scheduled, signals.request_scheduled)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def scheduled(self, request, spider):
        self.crawler.stats.max_value("test/peak_pending", len(self.crawler.engine._slot.scheduler))

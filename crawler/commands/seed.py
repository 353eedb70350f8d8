"""``scrapy seed``: start a round of a distributed crawl (``NEWSCLEAN_REDIS_URL``).

    scrapy seed news -a home=URL …     the same -a arguments as ``scrapy crawl news``
    scrapy seed news --reset -a …      first drop an unfinished round's requests (workers stopped)

The arguments are checked and stored for the workers, the last round's duplicate filter is
cleared, and the start requests (-a urls not yet seen, each site's sitemaps, feeds, robots.txt and
home page) are pushed to the shared queue. A round still in progress, or workers still running (they
took the last round's arguments), are not mixed with a new round: seeding then exits with status
75, like an overlapping ``scrapy crawl``.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader
from scrapy.statscollectors import MemoryStatsCollector
from scrapy_redis.queue import PriorityQueue

from ..distributed import Cluster, DistributedError, NormalizedDupeFilter, is_distributed
from ..runlock import EXIT_LOCKED


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "<spider> [--reset] -a NAME=VALUE …"

    def short_desc(self) -> str:
        return "Start a round of a distributed crawl: store its arguments, queue its start requests"

    def long_desc(self) -> str:
        return __doc__

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                            help="spider argument, as for scrapy crawl (may be repeated)")
        parser.add_argument("--reset", action="store_true",
                            help="drop the queued and leased requests of an unfinished round first")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        try:
            opts.spargs = dict(arg.split("=", 1) for arg in opts.spargs)
        except ValueError:
            raise UsageError("invalid -a value, use -a NAME=VALUE", print_help=False) from None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("name one spider")
        if not is_distributed(self.settings):
            raise UsageError("set NEWSCLEAN_REDIS_URL (e.g. -s NEWSCLEAN_REDIS_URL=redis://127.0.0.1:6379/0)", print_help=False)
        spidercls = get_spider_loader(self.settings).load(args[0])
        try:
            params = spidercls.params_class.from_args(**opts.spargs)
        except UsageError as exc:
            raise UsageError(f"spider {args[0]!r}: {exc}", print_help=False) from None
        try:
            cluster = Cluster.from_settings(self.settings, spidercls.name)
            alive = cluster.alive()
            if alive and not cluster.busy():
                print(f"scrapy seed {args[0]}: not seeded: workers of the last round are still running "
                      f"({', '.join(alive)}); they stop NEWSCLEAN_IDLE_CLOSE seconds after it ends", file=sys.stderr)
                self.exitcode = EXIT_LOCKED
                return
            if opts.reset:
                cluster.reset()
            elif cluster.busy():
                print(f"scrapy seed {args[0]}: not seeded: a round is in progress ({cluster.describe_work()}); "
                      "let the workers finish it, or stop them and use --reset", file=sys.stderr)
                self.exitcode = EXIT_LOCKED
                return
        except DistributedError as exc:
            print(f"scrapy seed {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        # A crawler that never starts: the spider needs its settings, stats and seen store, no engine.
        crawler = Crawler(spidercls, self.settings)
        crawler.stats = MemoryStatsCollector(crawler)
        spider = spidercls.from_crawler(crawler, params=params)
        cluster.start_round(params)
        queue = PriorityQueue(cluster.server, spider, cluster.keys.requests)
        duplicates = NormalizedDupeFilter(cluster.server, cluster.keys.dupefilter)
        pushed = 0
        for request in spider.seed_requests():
            if request.dont_filter or not duplicates.request_seen(request):
                queue.push(request)
                pushed += 1
        skipped = crawler.stats.get_value("newsclean/seen/skipped", 0)
        print(f"seeded {cluster.keys.base}: {pushed} start requests queued" + (f", {skipped} URLs already seen" if skipped else ""))

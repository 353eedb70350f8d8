"""``scrapy status``: how a distributed crawl (``NEWSCLEAN_REDIS_URL``) is doing.

    scrapy status news          queued requests, workers and what each holds, articles seen
    scrapy status news --json   the same as one JSON object (for monitoring)

Watch a crawl with ``watch -n 5 scrapy status news``.
"""

from __future__ import annotations

import argparse
import json
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from ..distributed import Cluster, DistributedError, is_distributed


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "<spider> [--json]"

    def short_desc(self) -> str:
        return "Show a distributed crawl's queue, workers and progress"

    def long_desc(self) -> str:
        return __doc__

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("name one spider")
        if not is_distributed(self.settings):
            raise UsageError("set NEWSCLEAN_REDIS_URL (e.g. -s NEWSCLEAN_REDIS_URL=redis://127.0.0.1:6379/0)", print_help=False)
        try:
            status = Cluster.from_settings(self.settings, args[0]).status()
        except DistributedError as exc:
            print(f"scrapy status {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        if opts.json:
            print(json.dumps(status))
            return
        print(f"{status['crawl']}: {status['queued']} requests queued, {status['articles_seen']} articles seen, "
              f"round {'in progress' if status['busy'] else 'finished' if status['seeded'] else 'not seeded'}")
        for worker in status["workers"]:
            state = f"alive ({worker['holder']})" if worker["alive"] else "no heartbeat: its requests go back to the queue"
            print(f"  {worker['id']}: {worker['leased']} requests in hand, {state}")

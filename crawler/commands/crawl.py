"""``scrapy crawl`` that checks spider arguments before anything starts.

A spider with a ``params_class`` gets its ``-a`` arguments parsed up front, so a typo ends the
command with one clear error line and exit status 2 instead of a traceback from inside the crawl.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            params_class = getattr(spidercls, "params_class", None)
            if params_class is not None:
                try:
                    params_class.from_args(**opts.spargs)
                except UsageError as exc:
                    raise UsageError(f"spider {args[0]!r}: {exc}", print_help=False) from None
        super().run(args, opts)

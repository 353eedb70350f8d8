"""``scrapy crawl`` for unattended runs: checked arguments, one run at a time, telling exit codes.

* settings and spider arguments are checked before anything starts, even Scrapy's start-up banner
  (:mod:`crawler.checks`, ``params_class``): a typo ends the command with one error line and exit
  status 2;
* a run holds a lock (``NEWSCLEAN_LOCK_PATH``, by default next to the seen store; a distributed
  worker's is ``output/<spider>@<worker id>.lock``): a second run started meanwhile exits at once
  with status 75 and says who holds it;
* a distributed worker (``NEWSCLEAN_REDIS_URL``) takes no ``-a`` arguments, and does not start
  before Redis answers and ``scrapy seed`` has stored a round's arguments (exit status 1);
* a run that failed (it fetched nothing, or closed for another reason than "finished") exits 1, so
  cron mail and monitoring notice; the one-line run summary goes to stderr then, and always on a
  terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from ..checks import check_settings
from ..distributed import DistributedError, is_distributed, seeded_params, worker_id
from ..feeds import output_dir, project_path
from ..runlock import EXIT_LOCKED, LockHeld, RunLock

EXIT_FAILED = 1
EXIT_USAGE = 2  # as argparse and Scrapy exit on a usage error


class Command(ScrapyCrawlCommand):
    def lock_path(self, spider: str) -> Path:
        settings = self.settings
        if settings.get("NEWSCLEAN_LOCK_PATH"):
            return project_path(settings.get("NEWSCLEAN_LOCK_PATH"))
        if is_distributed(settings):  # workers on one machine run side by side, one per id
            return output_dir(settings) / f"{spider}@{worker_id(settings)}.lock"
        if settings.getbool("NEWSCLEAN_SEEN_ENABLED"):
            seen = project_path(settings.get("NEWSCLEAN_SEEN_PATH"))
            return seen.with_name(seen.name + ".lock")
        return output_dir(settings) / f"{spider}.lock"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        # Here, before Scrapy's start-up banner: a bad argument or setting is the command's only line.
        try:
            self._check_spider_arguments(opts.spargs)
            super().process_options(args, opts)
            check_settings(self.settings)
            if len(args) == 1 and not is_distributed(self.settings):
                params_class = getattr(self._spider_class(args[0]), "params_class", None)
                if params_class is not None:
                    try:
                        params_class.from_args(**opts.spargs)
                    except UsageError as exc:
                        raise UsageError(f"spider {args[0]!r}: {exc}") from None
        except UsageError as exc:
            print(f"scrapy: error: {exc}", file=sys.stderr)
            sys.exit(EXIT_USAGE)

    @staticmethod
    def _check_spider_arguments(spargs: list[str]) -> None:
        # Scrapy keeps the last of a repeated -a; a second -a urls= would drop the first's URLs unsaid.
        names = [arg.partition("=")[0] for arg in spargs]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise UsageError(f"-a {repeated[0]} is given more than once: give one (several URLs: -a urls=URL,URL or -a urls=@FILE)")

    def _spider_class(self, name: str) -> type:
        loader = get_spider_loader(self.settings)
        try:
            return loader.load(name)
        except KeyError:
            raise UsageError(f"no spider named {name!r} (this project has: {', '.join(loader.list())})") from None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and is_distributed(self.settings):
            try:
                worker_id(self.settings)
                seeded_params(self.settings, args[0], opts.spargs)
            except UsageError as exc:  # the seeded round's arguments are read only now
                print(f"scrapy: error: spider {args[0]!r}: {exc}", file=sys.stderr)
                self.exitcode = EXIT_USAGE
                return
            except DistributedError as exc:
                print(f"scrapy crawl {args[0]}: not started: {exc}", file=sys.stderr)
                self.exitcode = EXIT_FAILED
                return
        if len(args) != 1:
            super().run(args, opts)
            return
        try:
            lock = RunLock(self.lock_path(args[0])).acquire()
        except LockHeld as held:
            print(f"scrapy crawl {args[0]}: not started: {held}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        try:
            crawler = self._create_crawler(args[0])
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
            if self.crawler_process.bootstrap_failed:
                self.exitcode = EXIT_FAILED
        finally:
            lock.release()
        try:
            stats = crawler.stats.get_stats()
        except RuntimeError:  # the crawl never started (a component failed at start): exit 1, no summary
            stats = {}
        self.report(stats)

    def report(self, stats: dict) -> None:
        status = stats.get("newsclean/run/status")
        line = stats.get("newsclean/run/summary_line")
        if status == "failed" or self.exitcode:
            self.exitcode = self.exitcode or EXIT_FAILED
        if line and (status == "failed" or sys.stderr.isatty()):
            print(line, file=sys.stderr)

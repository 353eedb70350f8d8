"""``scrapy learned``: what site learning has learned, and forgetting it.

    scrapy learned                          every site's learned blocks
    scrapy learned --site example.com       one site's (the site is host[:port], without www.)
    scrapy learned --site S --candidates    also blocks not yet seen in enough articles
    scrapy learned --forget-site S          forget everything learned about a site
    scrapy learned --site S --forget-block FINGERPRINT
"""

from __future__ import annotations

import argparse
import json
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from ..learning import memory_from_settings


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--site SITE] [--candidates] [--json] [--forget-site SITE | --forget-block FP]"

    def short_desc(self) -> str:
        return "List or forget the boilerplate blocks learned per site"

    def long_desc(self) -> str:
        return __doc__

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--site", help="only this site (host[:port], without www.)")
        parser.add_argument("--candidates", action="store_true", help="also blocks below the learning threshold")
        parser.add_argument("--json", action="store_true", help="one JSON object per block")
        parser.add_argument("--forget-site", metavar="SITE", help="forget all that was learned about SITE")
        parser.add_argument("--forget-block", metavar="FINGERPRINT", help="forget one block of --site")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        if opts.forget_block and not opts.site:
            raise UsageError("--forget-block needs --site", print_help=False)
        memory = memory_from_settings(self.settings)
        if memory is None:
            raise UsageError("site learning is off (NEWSCLEAN_LEARN_ENABLED)", print_help=False)
        try:
            if opts.forget_site:
                removed = memory.forget_site(opts.forget_site)
                print(f"forgot {removed} blocks of {opts.forget_site}")
            elif opts.forget_block:
                removed = memory.forget_block(opts.site, opts.forget_block)
                if not removed:
                    print(f"no block {opts.forget_block} for {opts.site}", file=sys.stderr)
                    self.exitcode = 1
                else:
                    print(f"forgot block {opts.forget_block} of {opts.site}")
            else:
                self.list(memory, opts)
        finally:
            memory.close()

    def list(self, memory, opts: argparse.Namespace) -> None:
        blocks = memory.blocks(opts.site, learned_only=not opts.candidates)
        if opts.json:
            for block in blocks:
                print(json.dumps(block.__dict__, ensure_ascii=False))
            return
        if not blocks:
            print("nothing learned yet" + (f" for {opts.site}" if opts.site else ""))
            return
        site = None
        for block in blocks:
            if block.site != site:
                site = block.site
                print(f"{site}:")
            state = "learned" if block.articles >= memory.min_articles else "candidate"
            text = block.text if len(block.text) <= 100 else block.text[:99] + "…"
            print(f"  {block.fingerprint}  {block.articles:>4} articles  {block.first_seen[:10]} → {block.last_seen[:10]}  {state}")
            print(f"      {text}")

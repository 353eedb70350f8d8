"""The README's demo: serve the bundled sample site on 127.0.0.1 and crawl it into output/.

    python -m tests.sites.demo [--keep-serving]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.sites.server import SiteServer

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITE = PROJECT_ROOT / "tests" / "sites" / "demo"
OUTPUT = PROJECT_ROOT / "output"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep-serving", action="store_true", help="leave the site up after the crawl (Ctrl-C ends)")
    args = parser.parse_args()
    before = set(OUTPUT.rglob("*.jsonl"))
    with SiteServer(SITE) as site, tempfile.TemporaryDirectory() as scratch:
        stats_file = Path(scratch) / "stats.json"
        command = [
            sys.executable, "-m", "scrapy", "crawl", "news",
            "-a", f"home={site.url('')}",
            # A local site: no need to throttle. Every demo run writes all articles alike: no seen store
            # and no site learning (both are for scheduled runs).
            "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSCLEAN_SEEN_ENABLED=False", "-s", "NEWSCLEAN_LEARN_ENABLED=False",
            "-s", f"NEWSCLEAN_STATS_FILE={stats_file}",
        ]
        print(f"Sample site at {site.base}/ — running: scrapy crawl news -a home={site.url('')}", flush=True)
        done = subprocess.run(command, cwd=PROJECT_ROOT)
        stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        if args.keep_serving:
            print(f"Still serving {site.base}/ — Ctrl-C to stop")
            site.serve_until_interrupted()
    new_files = sorted(set(OUTPUT.rglob("*.jsonl")) - before)
    if done.returncode != 0 or not new_files:
        print(f"demo crawl failed (exit {done.returncode})", file=sys.stderr)
        return done.returncode or 1
    feed = new_files[-1]
    articles = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    print(f"\nWrote {len(articles)} articles to {feed.relative_to(PROJECT_ROOT)}")
    for article in articles:
        print(f"  [{article['language']}] {article['title']}  ({len(article['text'].split())} words)")
    removed = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("newsclean/removed/")}
    not_articles = sum(v for k, v in stats.items() if k.startswith("newsclean/not_article/"))
    print(f"Boilerplate blocks removed by rule: {removed}; pages that were not articles: {not_articles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

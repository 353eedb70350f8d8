"""python -m cleaners PAGE.html [PAGE.html …] [--url URL] [--explain] [--with-removals]

Prints, per saved page, the JSON object the crawl would write (one line each). Pages that are not
articles are reported on stderr and make the exit status 1; unreadable files make it 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from . import clean_html
from .declared import BODY_SOURCE_JSON_LD
from .embedded import BODY_SOURCE_SCRIPT
from .report import CleanResult


_BODY_SOURCES = {
    BODY_SOURCE_JSON_LD: "body from the page's JSON-LD articleBody: the HTML showed less of the article",
    BODY_SOURCE_SCRIPT: "body from the article HTML in the page's script data: the markup showed none",
}


def _explain(path: Path, result: CleanResult) -> str:
    lines = [f"{path}: status={result.status}, {len(result.paragraphs)} paragraphs kept, {len(result.removals)} removed"]
    if result.body_source in _BODY_SOURCES:
        lines.append(f"  {_BODY_SOURCES[result.body_source]}")
    for removal in result.removals:
        lines.append(f"  - [{removal.rule}] {removal.reason}: {removal.excerpt}")
    if result.guard_tripped:
        lines.append("  guard tripped: the text rules would remove too much of this page, so they removed nothing of:")
        lines += [f"  - [{removal.rule}] {removal.reason}: {removal.excerpt}" for removal in result.would_remove]
    return "\n".join(lines)


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1"
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaners", description=__doc__.split("\n\n")[1])
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE.html")
    parser.add_argument("--url", help="the URL the page was fetched from (for site rules, the site and relative links)")
    parser.add_argument("--explain", action="store_true", help="list every removal (rule, reason, text) on stderr")
    parser.add_argument("--with-removals", action="store_true", help="add the boilerplate_removed field to the JSON")
    args = parser.parse_args(argv)
    if args.url and len(args.pages) > 1:
        parser.error("--url applies to a single page; pass one PAGE.html with it")
    if args.url and not _is_web_address(args.url):
        parser.error(f"--url {args.url!r} is not an http(s) URL")

    exit_code = 0
    for path in args.pages:
        try:
            html = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            exit_code = 2
            continue
        now = datetime.now(timezone.utc)  # a saved page was fetched before now: a later date is wrong
        result = clean_html(html, url=args.url, fetched_at=now)
        if args.explain:
            print(_explain(path, result), file=sys.stderr)
        if not result.ok:
            print(f"{path}: not an article ({result.status})", file=sys.stderr)
            exit_code = max(exit_code, 1)
            continue
        record = result.record(url=args.url, fetched_at=now.isoformat(timespec="seconds"), with_removals=args.with_removals)
        print(json.dumps(record, ensure_ascii=False))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

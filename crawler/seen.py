"""The seen store: articles already collected, so cron runs only fetch what is new. In SQLite
(:class:`SeenStore`), or in Redis shared by the workers of a distributed crawl (:class:`RedisSeenStore`).

One row per article, keyed by its normalized canonical URL, with the content hash and SimHash of
its cleaned text and when it was first and last written; every URL it was reached under points to
it. Rows are added only after the article's line is in an output file, so a crash can leave an
article written but not recorded — never recorded but not written. The next run closes that gap
by reading the unfinished output files of the dead run (:meth:`SeenStore.ingest_records`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from cleaners.fingerprint import SimHashIndex

from .discovery import normalize_url
from .discovery._dates import parse_date
from .distributed import Cluster, is_distributed
from .feeds import project_path
from .runfiles import replace_lines

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,          -- normalized canonical URL
    url TEXT NOT NULL,             -- the URL first written for it
    site TEXT,
    content_hash TEXT,
    simhash INTEGER,               -- signed 64-bit
    first_seen TEXT NOT NULL,      -- ISO 8601 UTC
    last_seen TEXT NOT NULL,
    run_id TEXT
);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,          -- a normalized URL the article was fetched or found under
    key TEXT NOT NULL REFERENCES articles(key)
);
"""
MAX_NEAR_DISTANCE = SimHashIndex.MAX_DISTANCE


def to_sqlite(simhash: int) -> int:
    """A 64-bit SimHash as SQLite stores integers: signed."""
    return simhash - (1 << 64) if simhash >= 1 << 63 else simhash


def from_sqlite(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def _window_start(days: int) -> datetime | None:
    """The first-written time from which articles are compared for near-duplicates (0 days: all)."""
    return datetime.now(timezone.utc) - timedelta(days=days) if days else None


def _normalized_or_none(url: str) -> str | None:
    try:
        return normalize_url(url)
    except ValueError:
        return None


@dataclass(frozen=True)
class Known:
    key: str
    url: str
    content_hash: str | None
    first_seen: datetime
    last_seen: datetime | None  # fetch time of the latest line written for it (UTC)


class Store:
    """What the spider and SeenPipeline ask of a seen store (SQLite here, Redis in distributed mode)."""

    def known(self, url: str) -> Known | None:
        raise NotImplementedError

    def known_many(self, urls: list[str]) -> dict[str, Known | None]:
        """:meth:`known` for each of ``urls`` (a whole sitemap), in bulk."""
        raise NotImplementedError

    def near_duplicate(self, simhash: int, *, exclude: str | None = None) -> str | None:
        raise NotImplementedError

    def record(self, record: dict, *, urls: Iterable[str], run_id: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def ingest_records(self, path: Path, run_id: str) -> tuple[int, int]:
        """Record the articles of a dead run's output file; cut the lines written again since.

        A line whose article the store has from a later fetch was written again after this one (in
        distributed mode, by the worker that took over the dead one's request): it is a duplicate,
        dropped from the file. Returns (lines kept, lines dropped).
        """
        kept: list[bytes] = []
        dropped: list[str] = []
        unreadable = 0
        with path.open("rb") as lines:
            for line in lines:
                try:
                    record = json.loads(line)
                    url = record["url"]
                except (ValueError, TypeError, KeyError):  # not an article's line: kept, not recorded
                    unreadable += 1
                    kept.append(line)
                    continue
                known = self.known(url)
                fetched = parse_date(record.get("fetched_at"))
                if known and known.last_seen and fetched and known.last_seen > fetched:
                    dropped.append(url)
                    continue
                if known is None or (known.last_seen and fetched and known.last_seen < fetched):
                    self.record(record, urls=(), run_id=run_id)
                kept.append(line)
        if unreadable:
            logger.warning("%s: %d line(s) are not articles in JSON; kept, not recorded as seen", path, unreadable)
        if dropped:
            replace_lines(path, kept)
            logger.warning("%s: dropped %d article(s) written again by a later fetch: %s",
                           path, len(dropped), ", ".join(dropped[:5]) + (" …" if len(dropped) > 5 else ""))
        return len(kept) - unreadable, len(dropped)


def _check_distance(near_distance: int) -> None:
    if not 0 <= near_distance <= MAX_NEAR_DISTANCE:
        raise ValueError(f"NEWSCLEAN_NEAR_DUPLICATE_DISTANCE must be 0..{MAX_NEAR_DISTANCE} bits, got {near_distance}")


KNOWN_COLUMNS = "a.key, a.url, a.content_hash, a.first_seen, a.last_seen"


def _known_from_row(row: tuple) -> Known:
    key, url, content_hash, first_seen, last_seen = row
    return Known(key, url, content_hash, datetime.fromisoformat(first_seen), parse_date(last_seen))


class SeenStore(Store):
    """SQLite-backed store; one instance per crawl (runs are serialized by the crawl lock)."""

    def __init__(self, path: Path, *, near_distance: int, near_days: int = 0):
        _check_distance(near_distance)
        self.path = path
        self.near_distance = near_distance
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)  # autocommit; transactions are explicit
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._index = SimHashIndex()
        start = _window_start(near_days)
        window = self.db.execute(
            "SELECT simhash, url FROM articles WHERE simhash IS NOT NULL AND first_seen >= ?",
            (start.isoformat(timespec="seconds") if start else "",),  # "": every article
        )
        for simhash, url in window:
            self._index.add(from_sqlite(simhash), url)

    def close(self) -> None:
        self.db.close()

    def known(self, url: str) -> Known | None:
        row = self.db.execute(
            f"SELECT {KNOWN_COLUMNS} FROM aliases s JOIN articles a ON a.key = s.key WHERE s.url = ?",
            (normalize_url(url),),
        ).fetchone()
        return _known_from_row(row) if row else None

    def known_many(self, urls: list[str]) -> dict[str, Known | None]:
        normalized = {url: alias for url in urls if (alias := _normalized_or_none(url))}
        aliases = list(dict.fromkeys(normalized.values()))
        found: dict[str, Known] = {}
        for start in range(0, len(aliases), 500):  # SQLite allows 999 parameters
            chunk = aliases[start : start + 500]
            rows = self.db.execute(
                f"SELECT s.url, {KNOWN_COLUMNS} FROM aliases s JOIN articles a ON a.key = s.key "
                f"WHERE s.url IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row[0], _known_from_row(row[1:])) for row in rows)
        return {url: found.get(alias) for url, alias in normalized.items()}

    def near_duplicate(self, simhash: int, *, exclude: str | None = None) -> str | None:
        """The first-written URL of an article whose SimHash is within ``near_distance`` bits."""
        if not simhash:
            return None
        found = self._index.find(simhash, self.near_distance, exclude=exclude)
        return found[1] if found else None

    def record(self, record: dict, *, urls: Iterable[str], run_id: str) -> None:
        """Mark the written article as seen under its canonical key and every URL given."""
        key = normalize_url(record.get("canonical_url") or record["url"])
        simhash = int(record["simhash"], 16) if record.get("simhash") else None
        now = record.get("fetched_at")
        with self.db:
            self.db.execute("BEGIN")
            inserted = self.db.execute(
                "INSERT INTO articles (key, url, site, content_hash, simhash, first_seen, last_seen, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "content_hash = excluded.content_hash, last_seen = excluded.last_seen RETURNING first_seen = last_seen",
                (key, record["url"], record.get("site"), record.get("content_hash"),
                 to_sqlite(simhash) if simhash is not None else None, now, now, run_id),
            ).fetchone()
            aliases = {normalize_url(u) for u in (record["url"], *urls) if u} | {key}
            self.db.executemany(
                "INSERT INTO aliases (url, key) VALUES (?, ?) ON CONFLICT(url) DO UPDATE SET key = excluded.key",
                [(alias, key) for alias in aliases],
            )
        if inserted and inserted[0] and simhash is not None:
            self._index.add(simhash, record["url"])

# Insert or refresh an article and point its URLs at it, in one step (several workers write at once).
RECORD = """
local created = redis.call('HSETNX', KEYS[1], 'first_seen', ARGV[1])
if created == 1 then
  redis.call('HSET', KEYS[1], 'url', ARGV[2], 'site', ARGV[3], 'simhash', ARGV[4], 'run_id', ARGV[5])
  if ARGV[4] ~= '' then redis.call('XADD', KEYS[3], '*', 'simhash', ARGV[4], 'url', ARGV[2]) end
  redis.call('INCR', KEYS[4])
end
redis.call('HSET', KEYS[1], 'content_hash', ARGV[6], 'last_seen', ARGV[1])
for i = 8, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], ARGV[7]) end
return created
"""


KNOWN_FIELDS = ("url", "content_hash", "first_seen", "last_seen")


class RedisSeenStore(Store):
    """The seen store shared by the workers of a distributed crawl (see :mod:`crawler.distributed`).

    An article is a hash ``seen:article:<key>``, ``seen:aliases`` maps every URL to its key,
    ``seen:count`` counts the articles, and ``seen:simhashes`` is a stream of (simhash, url) that
    each worker mirrors into a local :class:`SimHashIndex`, reading only the entries added since
    its last lookup. Entries older than the near-duplicate window are trimmed.
    """

    def __init__(self, cluster, *, near_distance: int, near_days: int = 0):
        _check_distance(near_distance)
        self.server = cluster.server
        self.keys = cluster.keys
        self.near_distance = near_distance
        self._record = self.server.register_script(RECORD)
        self._index = SimHashIndex()
        self._mirrored = "-"  # the last stream entry in the index
        if start := _window_start(near_days):
            self._mirrored = f"{int(start.timestamp() * 1000)}-0"
            self.server.xtrim(self.keys.seen("simhashes"), minid=self._mirrored, approximate=True)

    def close(self) -> None:
        self.server.close()

    def _article_key(self, key: str) -> str:
        return self.keys.seen(f"article:{key}")

    def known(self, url: str) -> Known | None:
        key = self.server.hget(self.keys.seen("aliases"), normalize_url(url))
        if key is None:
            return None
        return self._known(key.decode(), self.server.hmget(self._article_key(key.decode()), *KNOWN_FIELDS))

    def known_many(self, urls: list[str]) -> dict[str, Known | None]:
        """:meth:`known` for many URLs in two round trips."""
        normalized = {url: alias for url in urls if (alias := _normalized_or_none(url))}
        aliases = list(dict.fromkeys(normalized.values()))
        found = dict(zip(aliases, self.server.hmget(self.keys.seen("aliases"), aliases))) if aliases else {}
        keys = sorted({key.decode() for key in found.values() if key is not None})
        with self.server.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.hmget(self._article_key(key), *KNOWN_FIELDS)
            articles = dict(zip(keys, pipe.execute()))
        answers: dict[str, Known | None] = {}
        for url, alias in normalized.items():
            key = found.get(alias)
            answers[url] = self._known(key.decode(), articles[key.decode()]) if key is not None else None
        return answers

    def _known(self, key: str, fields: list[bytes | None]) -> Known | None:
        stored_url, content_hash, first_seen, last_seen = fields
        if first_seen is None:
            return None
        return Known(key, stored_url.decode(), content_hash.decode() or None,
                     datetime.fromisoformat(first_seen.decode()), parse_date(last_seen.decode()))

    def near_duplicate(self, simhash: int, *, exclude: str | None = None) -> str | None:
        if not simhash:
            return None
        start = self._mirrored if self._mirrored == "-" else f"({self._mirrored}"
        for entry_id, fields in self.server.xrange(self.keys.seen("simhashes"), min=start):
            self._index.add(int(fields[b"simhash"], 16), fields[b"url"].decode())
            self._mirrored = entry_id.decode()
        found = self._index.find(simhash, self.near_distance, exclude=exclude)
        return found[1] if found else None

    def record(self, record: dict, *, urls: Iterable[str], run_id: str) -> None:
        key = normalize_url(record.get("canonical_url") or record["url"])
        aliases = {normalize_url(u) for u in (record["url"], *urls) if u} | {key}
        self._record(
            keys=[self._article_key(key), self.keys.seen("aliases"), self.keys.seen("simhashes"), self.keys.seen("count")],
            args=[record.get("fetched_at") or "", record["url"], record.get("site") or "", record.get("simhash") or "",
                  run_id, record.get("content_hash") or "", key, *sorted(aliases)],
        )


def near_duplicate_window(settings) -> dict[str, int]:
    """The near-duplicate distance (bits) and window (days), checked."""
    near = {"near_distance": settings.getint("NEWSCLEAN_NEAR_DUPLICATE_DISTANCE"),
            "near_days": settings.getint("NEWSCLEAN_NEAR_DUPLICATE_DAYS")}
    _check_distance(near["near_distance"])
    if near["near_days"] < 0:
        raise ValueError(f"NEWSCLEAN_NEAR_DUPLICATE_DAYS must be >= 0, got {near['near_days']}")
    return near


def store_for(crawler) -> Store | None:
    """The crawl's seen store (opened once per crawler), or None when NEWSCLEAN_SEEN_ENABLED is off."""
    settings = crawler.settings
    if not settings.getbool("NEWSCLEAN_SEEN_ENABLED"):
        return None
    store = getattr(crawler, "_newsclean_seen_store", None)
    if store is None:
        near = near_duplicate_window(settings)
        if is_distributed(settings):
            store = RedisSeenStore(Cluster.from_settings(settings, crawler.spidercls.name), **near)
        else:
            store = SeenStore(project_path(settings.get("NEWSCLEAN_SEEN_PATH")), **near)
        crawler._newsclean_seen_store = store
    return store

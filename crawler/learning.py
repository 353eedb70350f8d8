"""Learning each site's own boilerplate from repetition, remembered across runs.

For every article written, each block of its text is counted once under the site (its
``site_key``) by a fingerprint robust to whitespace, case and numbers. A block counted in at
least ``NEWSCLEAN_LEARN_MIN_ARTICLES`` distinct articles is that site's boilerplate: its
fingerprint goes to the extraction of the site's later pages (rule ``site-repeat``). An article
whose text is nearly the same as one the site already taught (wire copy, an update of a story)
teaches nothing, so a story's own paragraphs are not learned by being republished. Per site, the
table is bounded: at most ``NEWSCLEAN_LEARN_MAX_BLOCKS`` fingerprints, and blocks seen fewer than
K times and not for ``NEWSCLEAN_LEARN_MAX_AGE_DAYS`` days age out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from cleaners.fingerprint import SimHashIndex, block_fingerprint

from .discovery import site_key
from .distributed import is_distributed, worker_id
from .feeds import project_path
from .items import ArticleItem
from .seen import from_sqlite, to_sqlite

SCHEMA = """
CREATE TABLE IF NOT EXISTS site_blocks (
    site TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    text TEXT NOT NULL,            -- the block as first seen
    articles INTEGER NOT NULL,     -- distinct teaching articles it appeared in
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (site, fingerprint)
);
CREATE TABLE IF NOT EXISTS site_teachers (
    site TEXT NOT NULL,
    simhash INTEGER NOT NULL,      -- signed 64-bit SimHash of an article that taught the site
    seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS site_teachers_site ON site_teachers (site);
"""
MAX_BLOCK_WORDS = 150  # a longer repeated block is a copied story, not a house line
MAX_TEACHERS = 5000  # recent teaching articles remembered per site, for the near-copy test
PRUNE_EVERY = 100  # observations of a site between two prunings (each sorts the site's rows)


@dataclass(frozen=True)
class LearnedBlock:
    site: str
    fingerprint: str
    text: str
    articles: int
    first_seen: str
    last_seen: str


MIN_LEARN_ARTICLES = 2  # a block on one article only is that article's


def check_min_articles(min_articles: int) -> None:
    if min_articles < MIN_LEARN_ARTICLES:
        raise ValueError(f"NEWSCLEAN_LEARN_MIN_ARTICLES must be at least {MIN_LEARN_ARTICLES}, got {min_articles}")


class SiteMemory:
    def __init__(self, path: Path, *, min_articles: int, max_blocks: int, max_age_days: int, near_distance: int,
                 prune_every: int = PRUNE_EVERY):
        check_min_articles(min_articles)
        self.min_articles = min_articles
        self.max_blocks = max_blocks
        self.max_age = timedelta(days=max_age_days)
        self.near_distance = near_distance
        self.prune_every = prune_every
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # learning is a heuristic: no fsync per article
        self.db.executescript(SCHEMA)
        self._learned: dict[str, frozenset[str]] = {}
        self._teachers: dict[str, SimHashIndex] = {}  # per site, loaded once: the near-copy test is hot
        self._since_pruned: dict[str, int] = {}

    def close(self) -> None:
        self.db.close()

    def learned(self, url: str) -> frozenset[str]:
        """Fingerprints of the blocks learned as boilerplate of ``url``'s site."""
        site = site_key(url)
        if site not in self._learned:
            rows = self.db.execute(
                "SELECT fingerprint FROM site_blocks WHERE site = ? AND articles >= ?", (site, self.min_articles)
            )
            self._learned[site] = frozenset(row[0] for row in rows)
        return self._learned[site]

    def _site_teachers(self, site: str) -> SimHashIndex:
        if site not in self._teachers:
            index = SimHashIndex()
            for row in self.db.execute("SELECT simhash FROM site_teachers WHERE site = ?", (site,)):
                index.add(from_sqlite(row[0]))
            self._teachers[site] = index
        return self._teachers[site]

    def _is_near_copy(self, site: str, simhash: int) -> bool:
        return self._site_teachers(site).find(simhash, self.near_distance) is not None

    def observe(self, url: str, paragraphs: list[str], simhash: int, when: str) -> bool:
        """Count the article's blocks under its site; False when it is a near-copy and taught nothing."""
        site = site_key(url)
        if self._is_near_copy(site, simhash):
            return False
        blocks = {block_fingerprint(p): p for p in paragraphs if 0 < len(p.split()) <= MAX_BLOCK_WORDS}
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT INTO site_teachers (site, simhash, seen) VALUES (?, ?, ?)", (site, to_sqlite(simhash), when))
            self.db.executemany(
                "INSERT INTO site_blocks (site, fingerprint, text, articles, first_seen, last_seen) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT(site, fingerprint) DO UPDATE SET "
                "articles = articles + 1, last_seen = excluded.last_seen",
                [(site, fp, text, when, when) for fp, text in blocks.items()],
            )
            self._since_pruned[site] = self._since_pruned.get(site, 0) + 1
            if self._since_pruned[site] >= self.prune_every:
                self._prune(site, when)
                self._since_pruned[site] = 0
                self._learned.pop(site, None)  # pruning may have dropped learned blocks
        self._site_teachers(site).add(simhash)
        if blocks and site in self._learned:  # learned from now on, in this run too
            marks = ",".join("?" * len(blocks))
            rows = self.db.execute(
                f"SELECT fingerprint FROM site_blocks WHERE site = ? AND articles >= ? AND fingerprint IN ({marks})",
                (site, self.min_articles, *blocks),
            )
            self._learned[site] |= {row[0] for row in rows}
        return True

    def _prune(self, site: str, now: str) -> None:
        cutoff = (datetime.fromisoformat(now) - self.max_age).isoformat()
        self.db.execute(
            "DELETE FROM site_blocks WHERE site = ? AND articles < ? AND last_seen < ?", (site, self.min_articles, cutoff)
        )
        self.db.execute(
            "DELETE FROM site_blocks WHERE rowid IN (SELECT rowid FROM site_blocks WHERE site = ? "
            "ORDER BY articles DESC, last_seen DESC LIMIT -1 OFFSET ?)",
            (site, self.max_blocks),
        )
        self.db.execute(
            "DELETE FROM site_teachers WHERE rowid IN (SELECT rowid FROM site_teachers WHERE site = ? "
            "ORDER BY seen DESC LIMIT -1 OFFSET ?)",
            (site, MAX_TEACHERS),
        )

    def blocks(self, site: str | None = None, *, learned_only: bool = True) -> list[LearnedBlock]:
        query = "SELECT site, fingerprint, text, articles, first_seen, last_seen FROM site_blocks WHERE articles >= ?"
        args: list = [self.min_articles if learned_only else 1]
        if site:
            query += " AND site = ?"
            args.append(site)
        query += " ORDER BY site, articles DESC, first_seen"
        return [LearnedBlock(*row) for row in self.db.execute(query, args)]

    def forget_site(self, site: str) -> int:
        with self.db:
            self.db.execute("BEGIN")
            removed = self.db.execute("DELETE FROM site_blocks WHERE site = ?", (site,)).rowcount
            self.db.execute("DELETE FROM site_teachers WHERE site = ?", (site,))
        self._learned.pop(site, None)
        self._teachers.pop(site, None)
        return removed

    def forget_block(self, site: str, fingerprint: str) -> int:
        with self.db:
            removed = self.db.execute(
                "DELETE FROM site_blocks WHERE site = ? AND fingerprint = ?", (site, fingerprint)
            ).rowcount
        self._learned.pop(site, None)
        return removed


def memory_from_settings(settings) -> SiteMemory | None:
    if not settings.getbool("NEWSCLEAN_LEARN_ENABLED"):
        return None
    if settings.get("NEWSCLEAN_LEARN_PATH"):
        path = project_path(settings.get("NEWSCLEAN_LEARN_PATH"))
    elif is_distributed(settings):  # the seen store is in Redis; each worker learns on its own
        path = project_path(settings.get("NEWSCLEAN_SEEN_PATH")).with_name(f"learned@{worker_id(settings)}.sqlite3")
    else:
        path = project_path(settings.get("NEWSCLEAN_SEEN_PATH"))
    return SiteMemory(
        path,
        min_articles=settings.getint("NEWSCLEAN_LEARN_MIN_ARTICLES"),
        max_blocks=settings.getint("NEWSCLEAN_LEARN_MAX_BLOCKS"),
        max_age_days=settings.getint("NEWSCLEAN_LEARN_MAX_AGE_DAYS"),
        near_distance=settings.getint("NEWSCLEAN_NEAR_DUPLICATE_DISTANCE"),
    )


def memory_for(crawler) -> SiteMemory | None:
    """The crawl's site memory (opened once per crawler), or None when learning is off."""
    if not hasattr(crawler, "_newsclean_site_memory"):
        crawler._newsclean_site_memory = memory_from_settings(crawler.settings)
    return crawler._newsclean_site_memory


class SiteLearning:
    """Teaches the site memory with every article written (after the feed exporter has it)."""

    def __init__(self, crawler, memory: SiteMemory):
        self.crawler = crawler
        self.memory = memory

    @classmethod
    def from_crawler(cls, crawler) -> SiteLearning:
        memory = memory_for(crawler)
        if memory is None:
            raise NotConfigured("NEWSCLEAN_LEARN_ENABLED is off")
        extension = cls(crawler, memory)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item) -> None:
        if not isinstance(item, ArticleItem) or not item.get("simhash"):
            return
        taught = self.memory.observe(item["url"], item["text"].split("\n\n"), int(item["simhash"], 16), item["fetched_at"])
        self.crawler.stats.inc_value("newsclean/learn/taught" if taught else "newsclean/learn/near_copies")

    def spider_closed(self) -> None:
        self.memory.close()

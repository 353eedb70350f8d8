"""Shared fixtures: the bundled demo site on 127.0.0.1 and a runner for real `scrapy crawl`s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.redis_server import loopback_redis
from tests.sites.server import SiteServer

# The hostile-server tests' fixtures (netguard, canaries, secret), for every test module.
pytest_plugins = ["tests.hostile.harness"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEMO_SITE = PROJECT_ROOT / "tests" / "sites" / "demo"

# Fast, deterministic crawls of a local site: no throttling, small pool.
TEST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "NEWSCLEAN_EXTRACT_WORKERS": "2",
    "LOG_LEVEL": "INFO",
}


@pytest.fixture(scope="session", autouse=True)
def project_output_untouched() -> Iterator[None]:
    """No test writes the project's own ``output/``: crawls and components get paths of their own."""
    output = PROJECT_ROOT / "output"

    def snapshot() -> dict[str, int]:
        return {str(path.relative_to(output)): path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()}

    before = snapshot()
    yield
    changed = sorted(name for name, mtime in snapshot().items() if before.get(name) != mtime)
    assert not changed, f"tests wrote into {output}: {changed}"


@pytest.fixture(scope="session")
def demo_expected() -> dict[str, Any]:
    return json.loads((DEMO_SITE / "_expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo_site() -> Iterator[SiteServer]:
    with SiteServer(DEMO_SITE) as server:
        yield server


@dataclass
class CrawlRun:
    returncode: int
    log: str
    stats: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)

    def stat(self, key: str) -> Any:
        return self.stats.get(key, 0)


def run_crawl(tmp_path: Path, *spider_args: str, settings: dict[str, str] | None = None,
              feed: Path | None = None, timeout: float = 180) -> CrawlRun:
    """``scrapy crawl news -a …`` in a subprocess from the project root; items read from ``feed``."""
    stats_file = tmp_path / "stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", "news"]
    for arg in spider_args:
        command += ["-a", arg]
    isolated = {  # each test crawls with its own state, never the project's output/
        "NEWSCLEAN_STATS_FILE": str(stats_file),
        "NEWSCLEAN_SEEN_PATH": str(tmp_path / "seen.sqlite3"),
        "NEWSCLEAN_OUTPUT_DIR": str(tmp_path / "output"),
    }
    merged = {**TEST_SETTINGS, **isolated, **(settings or {})}
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    if feed is not None:
        command += ["-O", str(feed)]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    items = read_jsonl(feed) if feed is not None and feed.exists() else []
    return CrawlRun(done.returncode, done.stdout + done.stderr, stats, items)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def project_settings(**overrides: Any) -> dict[str, Any]:
    """The project's own settings plus ``overrides``, for ``get_crawler(settings_dict=…)``.

    The reactor choice is left to ``get_crawler``: these tests run without a reactor. The seen store
    and site learning are off, so that no component under test opens the project's ``output/`` state.
    """
    from crawler import settings

    own = {name: value for name, value in vars(settings).items() if name.isupper() and name != "TWISTED_REACTOR"}
    return {**own, "NEWSCLEAN_SEEN_ENABLED": False, "NEWSCLEAN_LEARN_ENABLED": False, **overrides}


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server on loopback for the distributed-mode tests (see tests/redis_server.py)."""
    with loopback_redis() as server:
        yield server

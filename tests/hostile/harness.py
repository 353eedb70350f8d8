"""Fixtures and the crawl runner of the hostile-server tests (tests/test_hostile_*.py).

tests/conftest.py loads this module as a pytest plugin, so its fixtures (``netguard``,
``canaries``, ``secret``) reach every test module; the helpers are imported from here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

import tests.hostile as netguard_module
from tests.conftest import PROJECT_ROOT, TEST_SETTINGS, CrawlRun, read_jsonl
from tests.hostile.server import HostileServer, canary, loopback_usable

# Small limits so every hostile case ends in seconds; sizes stay at the project's defaults
# (DOWNLOAD_MAXSIZE 10 MiB, NEWSCLEAN_XML_MAX_BYTES 20 MiB) unless a test says otherwise.
HOSTILE_SETTINGS = {
    **TEST_SETTINGS,
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "1",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "NEWSCLEAN_PROGRESS": "False",
    "DNS_TIMEOUT": "2",
}
# Names the crawl subprocess may resolve (through the net guard's table, never DNS).
TEST_HOSTS = {
    "news.example.test": "127.0.0.1",  # the "public-looking" site the user names
    "rebind.example.test": "127.0.0.2",  # a name that resolves to loopback
    "metadata.example.test": "169.254.169.254",  # a name that resolves to the cloud metadata address
    "intranet.example.test": "10.0.0.7",  # a name that resolves to a private address
}
SECRET_TOKEN = "S3CR3T-7f1c9e2a-do-not-leak"


@dataclass
class HostileRun(CrawlRun):
    seconds: float = 0.0
    violations: list[str] = field(default_factory=list)
    peak_rss_mib: dict[str, float] = field(default_factory=dict)  # "<pid> main|child <argv>" -> MiB
    output_text: str = ""  # everything the run wrote: feed lines and log

    @property
    def crawl_rss_mib(self) -> float:
        """Peak RSS of the crawl process itself (not of the extraction workers)."""
        crawl = [mib for who, mib in self.peak_rss_mib.items() if " main -c crawl" in who]
        return max(crawl or [0.0])


def run_hostile_crawl(tmp_path: Path, *spider_args: str, settings: dict[str, str] | None = None,
                      feed: Path | None = None, timeout: float = 90, hosts: dict[str, str] | None = None) -> HostileRun:
    """``scrapy crawl news -a …`` like tests.conftest.run_crawl, inside the loopback-only net guard.

    The launcher installs the guard before Scrapy loads, and a generated sitecustomize.py installs
    it in every child (extraction workers). Returns the items, stats and log plus the guard's
    violations, each process's peak RSS and the wall time.
    """
    run_dir = tmp_path / "crawl"
    run_dir.mkdir(parents=True, exist_ok=True)
    hook_dir = netguard_module.write_sitecustomize(run_dir / "pyhook")
    violations_log = run_dir / "netguard.log"
    rss_log = run_dir / "rss.log"
    stats_file = run_dir / "stats.json"
    for path in (violations_log, rss_log, stats_file):
        path.unlink(missing_ok=True)
    command = [sys.executable, "-c", netguard_module.LAUNCHER, "crawl", "news"]
    for arg in spider_args:
        command += ["-a", arg]
    isolated = {
        "NEWSCLEAN_STATS_FILE": str(stats_file),
        "NEWSCLEAN_SEEN_PATH": str(run_dir / "seen.sqlite3"),
        "NEWSCLEAN_OUTPUT_DIR": str(run_dir / "output"),
    }
    for name, value in {**HOSTILE_SETTINGS, **isolated, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    if feed is not None:
        command += ["-O", str(feed)]
    table = {**TEST_HOSTS, **(hosts or {})}
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook_dir), str(PROJECT_ROOT)]),
        netguard_module.ENV_LOG: str(violations_log),
        netguard_module.ENV_RSS: str(rss_log),
        netguard_module.ENV_HOSTS: ",".join(f"{k}={v}" for k, v in table.items()),
    }
    started = time.monotonic()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    seconds = time.monotonic() - started
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    items = read_jsonl(feed) if feed is not None and feed.exists() else []
    violations = violations_log.read_text().splitlines() if violations_log.exists() else []
    peaks: dict[str, float] = {}
    if rss_log.exists():
        for line in rss_log.read_text().splitlines():
            pid, kib, *who = line.split(" ")
            peaks[f"{pid} {' '.join(who)}"] = int(kib) / 1024
    log = done.stdout + done.stderr
    (run_dir / "crawl.log").write_text(log, encoding="utf-8")  # for reading after a failure
    written = feed.read_text(encoding="utf-8", errors="replace") if feed is not None and feed.exists() else ""
    return HostileRun(done.returncode, log, stats, items, seconds=seconds, violations=violations,
                      peak_rss_mib=peaks, output_text=written + "\n" + log)


@pytest.fixture(scope="module")
def netguard() -> Iterator[None]:
    """The loopback-only safety net in the test process itself (module-wide: the crawls of a test
    module run once, in module-scoped fixtures)."""
    netguard_module.install()
    netguard_module.clear_violations()
    try:
        yield
    finally:
        found = netguard_module.violations()
        netguard_module.uninstall()
        netguard_module.clear_violations()
    assert not found, f"the test process tried to reach beyond loopback: {found}"


@dataclass
class Canaries:
    """Servers that must never be reached: one on 127.0.0.1 (a port the user never names) and one
    on 127.0.0.2 (a loopback address the user never names)."""

    local: HostileServer
    other: HostileServer

    def hits(self) -> list[str]:
        return [f"{c.host}:{c.port}{path}" for c in (self.local, self.other) for path in c.paths()]


@pytest.fixture(scope="module")
def canaries(netguard: None) -> Iterator[Canaries]:
    if not loopback_usable("127.0.0.2"):
        pytest.skip("127.0.0.2 is not usable on this machine")
    with canary("127.0.0.1") as local, canary("127.0.0.2") as other:
        yield Canaries(local, other)


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local file whose content must never reach the output (XXE, file:// redirects and links)."""
    path = tmp_path_factory.mktemp("secret") / "secret.html"
    paragraphs = "".join(f"<p>{SECRET_TOKEN} paragraph {i} of a page that looks just like a news article "
                         f"and must never be read from the disk by the crawler.</p>" for i in range(6))
    path.write_text(f"<html><head><title>{SECRET_TOKEN}</title></head><body><article><h1>{SECRET_TOKEN}</h1>"
                    f"{paragraphs}</article></body></html>", encoding="utf-8")
    return path


def assert_no_leak(run: HostileRun, *extra_servers: HostileServer) -> None:
    """No secret file content (ours or /etc/passwd) in the feed or the log, nor in any URL requested."""
    assert SECRET_TOKEN not in run.output_text
    assert "root:x:0:0" not in run.output_text
    for server in extra_servers:
        assert not [p for p in server.paths() if SECRET_TOKEN in p or "root:" in p]


def assert_contained(run: HostileRun) -> None:
    """The crawl tried nothing beyond loopback and no DNS lookup of an unknown name."""
    assert run.violations == [], run.violations

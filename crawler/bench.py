"""Throughput and memory benchmark: trafilatura alone, our cleaners alone, and the whole crawl.

    python -m crawler.bench [N] [--pages-from DIR] [--workers W] [--json]

In one run, on the same N pages (default 1000):

1. builds a local mirror of N distinct news pages of realistic size (see :mod:`crawler.bench_pages`)
   in a temporary folder and serves it on 127.0.0.1 (keep-alive HTTP/1.1, one thread per
   connection), then times a plain fetch loop against it to show the server is not the bottleneck;
2. measures (a) ``trafilatura.extract(html)`` and (b) ``cleaners.clean_html(html, url=url)`` on
   every page in this one process, and (c) ``scrapy crawl news -a urls=@FILE`` end to end in a
   subprocess — pages written per second of its wall time, and the peak RSS of its whole process
   tree (the crawler and its extraction workers, VmRSS summed every 0.1 s from /proc);
3. prints a table (or, with ``--json``, one JSON object): pages/s and ms/page of a, b and c, the
   ratios c/a (throughput; target >= 1.7 on 2 cores) and b/a (time per page, the cost of cleaning;
   target <= 1.10), and whether the targets are met. Nothing is asserted.

Progress goes to stderr. Exit status: 0 done (targets met or not), 1 a phase failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .bench_pages import PROJECT_ROOT, Page, Source, build_mirror, bundled_sources, dir_sources
from .loopback import LoopbackServer

TARGET_CRAWL_VS_TRAFILATURA = 1.7  # c/a, pages/s, on 2 cores
TARGET_CLEANERS_VS_TRAFILATURA = 1.10  # b/a, ms/page
SAMPLE_INTERVAL = 0.1  # seconds between RSS samples of the crawl's process tree
FETCH_LOOP_MAX_PAGES = 2000  # the server check fetches at most this many pages
FETCH_LOOP_THREADS = 4
MB = 1024 * 1024


class BenchError(Exception):
    """A phase failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- the static server -----------------------------------------------------------------------

class MirrorServer(LoopbackServer):
    """Serves ``root`` on 127.0.0.1 in background threads: files as they are, keep-alive, no templating."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.lock = threading.Lock()
        self.requests = 0
        self.bytes_sent = 0
        self.errors = 0
        handler = type("Handler", (_MirrorHandler,), {"server_state": self})
        super().__init__(handler, name="bench-server", poll_interval=0.2, request_queue_size=256)

    def count(self, sent: int, error: bool = False) -> None:
        with self.lock:
            self.requests += 1
            self.bytes_sent += sent
            self.errors += error


class _MirrorHandler(BaseHTTPRequestHandler):
    server_state: MirrorServer
    protocol_version = "HTTP/1.1"  # keep-alive: Scrapy reuses its connections
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stalls

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.answer(with_body=False)

    def answer(self, *, with_body: bool) -> None:
        state = self.server_state
        path = unquote(urlsplit(self.path).path)
        file = (state.root / path.lstrip("/")).resolve()
        if state.root not in file.parents or not file.is_file():
            state.count(0, error=True)
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = file.read_bytes()
        self.send_response(HTTPStatus.OK)
        content_type = "text/html; charset=utf-8" if file.suffix == ".html" else "text/plain; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        state.count(len(body) if with_body else 0)

    def log_message(self, format: str, *args: object) -> None:
        pass


def fetch_loop(base: str, pages: list[Page], timeout: float) -> dict[str, Any]:
    """Plain keep-alive GETs of (up to FETCH_LOOP_MAX_PAGES) pages from a few threads of this process:
    a lower bound on what the server delivers (the client shares the server's interpreter)."""
    sample = pages[:FETCH_LOOP_MAX_PAGES]
    host, port = urlsplit(base).hostname, urlsplit(base).port
    failures: list[str] = []
    fetched_bytes = [0] * FETCH_LOOP_THREADS

    def worker(k: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            for page in sample[k::FETCH_LOOP_THREADS]:
                connection.request("GET", urlsplit(page.url).path)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200 or len(body) != page.size:
                    failures.append(f"{page.url}: HTTP {response.status}, {len(body)} of {page.size} bytes")
                fetched_bytes[k] += len(body)
        except OSError as exc:
            failures.append(f"connection error: {exc}")
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(FETCH_LOOP_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        raise BenchError(f"server check: fetching {len(sample)} pages took over {timeout:.0f} s")
    if failures:
        raise BenchError(f"server check: {len(failures)} fetches failed, e.g. {failures[0]}")
    return {
        "pages": len(sample),
        "threads": FETCH_LOOP_THREADS,
        "seconds": seconds,
        "pages_per_s": len(sample) / seconds,
        "mb_per_s": sum(fetched_bytes) / MB / seconds,
    }


# --- (a) and (b): one process ----------------------------------------------------------------

def measure_in_process(name: str, pages: list[Page], run: Any, timeout: float) -> dict[str, Any]:
    """Times ``run(html, url)`` on every page (file reads not timed); returns its figures."""
    run(pages[0].path.read_text(encoding="utf-8"), pages[0].url)  # warm-up, untimed
    busy = cpu = 0.0
    useful = 0
    started = time.perf_counter()
    for done, page in enumerate(pages, 1):
        html = page.path.read_text(encoding="utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        result = run(html, page.url)
        busy += time.perf_counter() - t0
        cpu += time.process_time() - c0
        useful += bool(result)
        if time.perf_counter() - started > timeout:
            raise BenchError(f"{name}: {done} of {len(pages)} pages in {timeout:.0f} s, timed out")
    return {
        "pages": len(pages),
        "seconds": busy,
        "pages_per_s": len(pages) / busy,
        "ms_per_page": 1000 * busy / len(pages),
        "cpu_seconds": cpu,  # CPU time of the timed calls: well below `seconds` when other work took the CPU
        "useful_pages": useful,  # (a) a text came out, (b) an article came out
    }


def measure_trafilatura(pages: list[Page], timeout: float) -> dict[str, Any]:
    import trafilatura

    return measure_in_process("(a) trafilatura", pages, lambda html, url: trafilatura.extract(html), timeout)


def measure_cleaners(pages: list[Page], timeout: float) -> dict[str, Any]:
    from cleaners import clean_html

    return measure_in_process("(b) cleaners", pages, lambda html, url: clean_html(html, url=url).ok, timeout)


# --- (c): the crawl, and its process tree ----------------------------------------------------

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read()
    except OSError:  # the process is gone
        return None


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _read(f"/proc/{entry}/stat")
        if stat is None:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def vm_rss(pid: int) -> int:
    status = _read(f"/proc/{pid}/status") or ""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0  # gone, or a zombie


def cpu_ticks(pid: int) -> int:
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return 0
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def role(pid: int, root: int) -> str:
    if pid == root:
        return "crawler"
    cmdline = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ")
    if "resource_tracker" in cmdline:
        return "resource_tracker"
    if "spawn_main" in cmdline or "forkserver" in cmdline:
        return "worker"
    return "other"


@dataclass
class TreeSampler:
    """Samples the RSS (sum of VmRSS) and CPU time of a process tree every SAMPLE_INTERVAL seconds."""

    root: int
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # (seconds since start, RSS bytes, processes)
    cpu: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (role, CPU ticks, the latest seen)
    own_cpu: float = 0.0  # the sampler's own CPU seconds (to tell the server's share of this process)
    peak_by_role: dict[str, int] = field(default_factory=dict)  # RSS bytes per role at the peak

    def __post_init__(self) -> None:
        self.stop = threading.Event()
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self.run, name="bench-sampler", daemon=True)

    def __enter__(self) -> TreeSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)

    def run(self) -> None:
        while True:
            self.sample()
            if self.stop.wait(SAMPLE_INTERVAL):
                break
        self.own_cpu = time.thread_time()

    def sample(self) -> None:
        tree = process_tree(self.root)
        rss = 0
        alive = 0
        by_role: dict[str, int] = {}
        for pid in tree:
            ticks = cpu_ticks(pid)
            known = self.cpu.get(pid)
            if known is None or known[0] == "other":
                # Again while "other": a worker seen between its fork and its exec still has the crawl's command line.
                known = self.cpu[pid] = (role(pid, self.root), max(ticks, known[1] if known else 0))
            elif ticks > known[1]:
                self.cpu[pid] = (known[0], ticks)
            size = vm_rss(pid)
            if size:
                alive += 1
                rss += size
                by_role[known[0]] = by_role.get(known[0], 0) + size
        if alive:
            if rss > self.peak():
                self.peak_by_role = by_role
            self.samples.append((time.perf_counter() - self.started, rss, alive))

    def peak(self) -> int:
        return max((rss for _, rss, _ in self.samples), default=0)

    def rss_at(self, fraction: float, span: float) -> int:
        """RSS of the sample nearest to ``fraction`` of ``span`` seconds."""
        if not self.samples:
            return 0
        return min(self.samples, key=lambda s: abs(s[0] - fraction * span))[1]

    def cpu_by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for kind, ticks in self.cpu.values():
            totals[kind] = totals.get(kind, 0.0) + ticks / CLOCK_TICKS
        return totals


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop the crawl we started and anything it left behind: its own process group (it was
    started with start_new_session, so the group id is its pid)."""
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
                process.wait(wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
    try:
        os.killpg(process.pid, signal.SIGKILL)  # orphaned workers of a crashed crawl, if any
    except (ProcessLookupError, PermissionError):
        pass


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def crawl_command(urls_file: Path, work: Path, feed: Path, workers: int | None) -> list[str]:
    settings = {
        "AUTOTHROTTLE_ENABLED": "0",
        "DOWNLOAD_DELAY": "0",
        "CONCURRENT_REQUESTS": "32",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
        "NEWSCLEAN_SEEN_PATH": str(work / "seen.sqlite3"),
        "NEWSCLEAN_OUTPUT_DIR": str(work / "output"),
        "NEWSCLEAN_STATS_FILE": str(work / "stats.json"),
        "NEWSCLEAN_PROGRESS": "False",
        "LOG_LEVEL": "WARNING",
    }
    if workers is not None:
        settings["NEWSCLEAN_EXTRACT_WORKERS"] = str(workers)
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls=@{urls_file}", "-O", str(feed)]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def measure_crawl(pages: list[Page], work: Path, workers: int | None, timeout: float) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    urls_file = work / "urls.txt"
    urls_file.write_text("".join(f"{page.url}\n" for page in pages), encoding="utf-8")
    feed = work / "articles.jsonl"
    log_path = work / "crawl.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    with open(log_path, "wb") as log_file:
        started = time.perf_counter()
        process = subprocess.Popen(
            crawl_command(urls_file, work, feed, workers), cwd=PROJECT_ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            with TreeSampler(process.pid) as sampler:
                try:
                    returncode = process.wait(timeout)
                except subprocess.TimeoutExpired:
                    raise BenchError(f"(c) crawl: still running after {timeout:.0f} s, stopped; log:\n{tail(log_path)}") from None
        finally:
            kill_tree(process)
        wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    if returncode != 0:
        raise BenchError(f"(c) crawl: exit status {returncode}; log:\n{tail(log_path)}")
    if not feed.exists():
        raise BenchError(f"(c) crawl: no output file {feed}; log:\n{tail(log_path)}")
    stats = json.loads((work / "stats.json").read_text(encoding="utf-8")) if (work / "stats.json").exists() else {}
    articles = []
    for number, line in enumerate(feed.read_text(encoding="utf-8").splitlines(), 1):
        try:
            articles.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise BenchError(f"(c) crawl: {feed}:{number}: not JSON: {exc}") from None
    written = len(articles)
    if not written:
        raise BenchError(f"(c) crawl: no article written; log:\n{tail(log_path)}")
    expected_urls = {page.url for page in pages}
    written_urls = {article.get("url") for article in articles}
    elapsed = float(stats.get("elapsed_time_seconds") or 0.0)
    pool = int(stats.get("newsclean/extract/workers") or 0)
    worker_seconds = float(stats.get("newsclean/extract/worker_seconds") or 0.0)
    by_role = sampler.cpu_by_role()
    tree_cpu = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    server_cpu = (own.ru_utime + own.ru_stime) - (self_before.ru_utime + self_before.ru_stime) - sampler.own_cpu
    last = sampler.samples[-1][0] if sampler.samples else wall
    return {
        "pages": len(pages),
        "articles_written": written,
        "all_written": written == len(pages) and written_urls == expected_urls,
        "missing": len(expected_urls - written_urls),
        "flagged_duplicates": sum(1 for article in articles if article.get("duplicate_of")),
        "not_articles": {k.rsplit("/", 1)[-1]: v for k, v in stats.items() if k.startswith("newsclean/not_article/")},
        "responses": stats.get("downloader/response_count", 0),
        "seconds": wall,
        "pages_per_s": written / wall,
        "ms_per_page": 1000 * wall / written,
        "crawl_seconds": elapsed,  # Scrapy's own elapsed time: without interpreter start and imports
        "pages_per_s_crawl_only": written / elapsed if elapsed else None,
        "startup_seconds": wall - elapsed if elapsed else None,
        "workers": pool,
        "worker_busy_seconds": worker_seconds,
        "worker_utilisation": worker_seconds / (pool * elapsed) if pool and elapsed else None,
        "worker_cpu_utilisation": by_role.get("worker", 0.0) / (pool * elapsed) if pool and elapsed else None,
        "peak_rss_mb": sampler.peak() / MB,
        "peak_rss_mb_by_process": {kind: size / MB for kind, size in sorted(sampler.peak_by_role.items())},
        "rss_mb_at": {f"{int(f * 100)}%": sampler.rss_at(f, last) / MB for f in (0.1, 0.25, 0.5, 0.75, 0.95)},
        "rss_samples": len(sampler.samples),
        "max_processes": max((n for _, _, n in sampler.samples), default=0),
        "cpu_seconds": {
            "tree": tree_cpu,
            "crawler": by_role.get("crawler", 0.0),
            "workers": by_role.get("worker", 0.0),
            "other": by_role.get("resource_tracker", 0.0) + by_role.get("other", 0.0),
        },
        "server_cpu_seconds": max(server_cpu, 0.0),
        "server_cpu_share": max(server_cpu, 0.0) / wall,  # of one core
    }


# --- the report ------------------------------------------------------------------------------

def cpu_model() -> str:
    for line in (_read("/proc/cpuinfo") or "").splitlines():
        if line.lower().startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    import scrapy
    import trafilatura

    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "trafilatura": trafilatura.__version__,
        "scrapy": scrapy.__version__,
        "load_average_at_start": list(os.getloadavg()),
    }


def summarize_mirror(pages: list[Page], sources: list[Source], rejected: list[str], seconds: float) -> dict[str, Any]:
    sizes = [page.size for page in pages]
    return {
        "pages": len(pages),
        "base_pages": len({page.origin for page in pages}),
        "base_pages_offered": len(sources),
        "pages_from_dir": sum(1 for page in pages if not page.origin.startswith("tests/")),
        "base_pages_rejected": rejected,
        "kb_min": min(sizes) / 1024,
        "kb_median": statistics.median(sizes) / 1024,
        "kb_mean": statistics.fmean(sizes) / 1024,
        "kb_max": max(sizes) / 1024,
        "mb_total": sum(sizes) / MB,
        "build_seconds": seconds,
    }


def verdicts(a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    crawl_ratio = c["pages_per_s"] / a["pages_per_s"]
    clean_ratio = b["ms_per_page"] / a["ms_per_page"]
    return {
        "crawl_vs_trafilatura": {"value": crawl_ratio, "measure": "pages/s of (c) / pages/s of (a)",
                                 "target": f">= {TARGET_CRAWL_VS_TRAFILATURA}", "met": crawl_ratio >= TARGET_CRAWL_VS_TRAFILATURA},
        "cleaners_vs_trafilatura": {"value": clean_ratio, "measure": "ms/page of (b) / ms/page of (a)",
                                    "target": f"<= {TARGET_CLEANERS_VS_TRAFILATURA}", "met": clean_ratio <= TARGET_CLEANERS_VS_TRAFILATURA},
    }


def render_table(report: dict[str, Any]) -> str:
    m, mirror, server = report["machine"], report["mirror"], report["server"]
    a, b, c = report["trafilatura"], report["cleaners"], report["crawl"]
    targets = report["targets"]
    out = [
        f"newsclean benchmark: N = {report['n']} pages, total {report['total_seconds']:.0f} s",
        f"machine: {m['cpus']} CPUs ({m['cpus_usable']} usable), {m['cpu_model']}; Python {m['python']}, "
        f"trafilatura {m['trafilatura']}, Scrapy {m['scrapy']}; load average at start {m['load_average_at_start'][0]:.2f}",
        f"mirror: {mirror['pages']} pages ({mirror['pages_from_dir']} from --pages-from) from {mirror['base_pages']} base pages, {mirror['kb_min']:.0f}-{mirror['kb_max']:.0f} KB "
        f"(median {mirror['kb_median']:.0f} KB), {mirror['mb_total']:.0f} MB, built in {mirror['build_seconds']:.1f} s"
        + (f"; left out (not articles): {', '.join(mirror['base_pages_rejected'])}" if mirror["base_pages_rejected"] else ""),
        "",
        f"{'':44}{'pages/s':>9}{'ms/page':>9}{'peak RSS':>11}",
        f"{'(a) trafilatura.extract, 1 process':44}{a['pages_per_s']:9.1f}{a['ms_per_page']:9.1f}{'-':>11}",
        f"{'(b) cleaners.clean_html, 1 process':44}{b['pages_per_s']:9.1f}{b['ms_per_page']:9.1f}{'-':>11}",
        f"{'(c) scrapy crawl news, ' + str(c['workers']) + ' extraction workers':44}{c['pages_per_s']:9.1f}{c['ms_per_page']:9.1f}"
        f"{c['peak_rss_mb']:8.0f} MB",
        "",
    ]
    for key, label in (("crawl_vs_trafilatura", "c/a  throughput (pages/s)"), ("cleaners_vs_trafilatura", "b/a  time per page (ms)")):
        t = targets[key]
        out.append(f"{label:30}{t['value']:6.2f}   target {t['target']:8} {'met' if t['met'] else 'NOT MET'}")
    cpu = c["cpu_seconds"]
    rss = ", ".join(f"{k} {v:.0f}" for k, v in c["rss_mb_at"].items())
    crawl_only = c["pages_per_s_crawl_only"]
    out += [
        "",
        f"crawl: {c['articles_written']}/{c['pages']} articles written"
        + ("" if c["all_written"] else f" — CHECK FAILED: {c['missing']} pages missing")
        + f" ({c['flagged_duplicates']} flagged near-duplicate); {c['seconds']:.1f} s wall, of which "
        f"{c['startup_seconds'] or 0:.1f} s start-up; crawl alone {crawl_only or 0:.1f} pages/s"
        + (f" (c/a {crawl_only / a['pages_per_s']:.2f})" if crawl_only else ""),
        f"crawl CPU: {cpu['tree']:.1f} s in all ({cpu['crawler']:.1f} s crawler process, {cpu['workers']:.1f} s workers); "
        f"workers busy {100 * (c['worker_utilisation'] or 0):.0f}% of the crawl (wall time in clean_timed), "
        f"their processes on CPU {100 * (c['worker_cpu_utilisation'] or 0):.0f}% (start-up imports included)",
        f"crawl RSS (MB) at share of its run time: {rss}; peak {c['peak_rss_mb']:.0f} MB over {c['max_processes']} processes ("
        + ", ".join(f"{kind} {size:.0f}" for kind, size in c["peak_rss_mb_by_process"].items()) + ")",
        f"server: fetch loop {server['pages_per_s']:.0f} pages/s ({server['mb_per_s']:.0f} MB/s, {server['pages']} pages, "
        f"{server['threads']} keep-alive clients in the server's own process); during the crawl it used "
        f"{100 * c['server_cpu_share']:.0f}% of one core, {server['requests']} requests, {server['errors']} errors",
    ]
    contention = min(a["cpu_seconds"] / a["seconds"], b["cpu_seconds"] / b["seconds"])
    out.append(
        f"in-process CPU time / timed wall: (a) {a['cpu_seconds'] / a['seconds']:.2f}, (b) {b['cpu_seconds'] / b['seconds']:.2f}"
        + ("  (below 0.9: other work took CPU from the benchmark)" if contention < 0.9 else "")
        + f"; load average {report['machine']['load_average_at_start'][0]:.2f} at start, {report['load_average_at_end'][0]:.2f} at end"
    )
    return "\n".join(out)


# --- main ------------------------------------------------------------------------------------

@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so the server stops and the temporary folder goes."""
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m crawler.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument("--pages-from", type=Path, metavar="DIR", help="also use the saved pages (*.html) under DIR as base pages")
    parser.add_argument("--workers", type=int, metavar="W", help="NEWSCLEAN_EXTRACT_WORKERS for the crawl (default: the setting's, one per CPU)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--seed", type=int, default=1, help="seed of the page variations (default 1)")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds allowed per phase (default 120 + N/2)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.pages_from is not None and not args.pages_from.is_dir():
        parser.error(f"--pages-from: {args.pages_from} is not a folder")
    return args


def interleave(*lists: list[Source]) -> list[Source]:
    """The lists merged evenly (each spread over the whole), so any N pages draw on all of them."""
    keyed = [((i + 0.5) / len(items), k, item) for k, items in enumerate(lists) for i, item in enumerate(items)]
    return [item for _, _, item in sorted(keyed, key=lambda entry: entry[:2])]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from cleaners import clean_html

    began = time.perf_counter()
    timeout = args.timeout or 120 + args.n / 2
    facts = machine()
    sources = bundled_sources()
    if args.pages_from is not None:
        try:
            sources = interleave(sources, dir_sources(args.pages_from))
        except OSError as exc:
            raise BenchError(str(exc)) from None

    def describe(html: str, url: str) -> str | None:
        result = clean_html(html, url=url)
        return result.text if result.ok else None

    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        work = Path(tmp)
        root = work / "site"
        root.mkdir()
        (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
        with MirrorServer(root) as server:
            log(f"building a mirror of {args.n} pages from {len(sources)} base pages, served at {server.base}/bench/")
            started = time.perf_counter()
            try:
                pages, rejected = build_mirror(root, args.n, server.base, sources=sources, seed=args.seed, describe=describe)
            except (OSError, ValueError) as exc:
                raise BenchError(f"mirror: {exc}") from None
            mirror = summarize_mirror(pages, sources, rejected, time.perf_counter() - started)
            log(f"mirror: {mirror['mb_total']:.0f} MB in {mirror['build_seconds']:.1f} s; checking the server with a fetch loop")
            server_facts = fetch_loop(server.base, pages, timeout)
            log(f"server: {server_facts['pages_per_s']:.0f} pages/s; (a) trafilatura.extract on {args.n} pages")
            a = measure_trafilatura(pages, timeout)
            log(f"(a) {a['pages_per_s']:.1f} pages/s; (b) cleaners.clean_html on {args.n} pages")
            b = measure_cleaners(pages, timeout)
            log(f"(b) {b['pages_per_s']:.1f} pages/s; (c) scrapy crawl news on {args.n} pages")
            requests_before = server.requests
            c = measure_crawl(pages, work / "crawl", args.workers, timeout)
            log(f"(c) {c['pages_per_s']:.1f} pages/s, {c['articles_written']} articles, peak RSS {c['peak_rss_mb']:.0f} MB")
            server_facts.update(requests=server.requests - requests_before, errors=server.errors)
    return {
        "n": args.n,
        "machine": facts,
        "mirror": mirror,
        "server": server_facts,
        "trafilatura": a,
        "cleaners": b,
        "crawl": c,
        "targets": verdicts(a, b, c),
        "load_average_at_end": list(os.getloadavg()),
        "total_seconds": time.perf_counter() - began,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with terminate_as_interrupt():
            report = run(args)
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    print(json.dumps(report, indent=1) if args.json else render_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

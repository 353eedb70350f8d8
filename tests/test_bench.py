"""`python -m crawler.bench`: a smoke run on 20 pages (no timings asserted) and its page mirror."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from cleaners.fingerprint import hamming, simhash
from crawler.bench import render_table
from crawler.bench_pages import MAX_BYTES, MIN_BYTES, build_mirror, bundled_sources

PROJECT_ROOT = Path(__file__).resolve().parents[1]
N = 20


def test_bench_smoke_run_reports_every_figure():
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "crawler.bench", str(N), "--json"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)

    assert report["n"] == N
    assert {"cpus", "cpu_model", "python", "trafilatura", "scrapy"} <= report["machine"].keys()
    assert report["mirror"]["pages"] == N
    assert report["mirror"]["kb_min"] * 1024 >= MIN_BYTES

    crawl = report["crawl"]
    assert crawl["articles_written"] == N
    assert crawl["all_written"] is True
    assert crawl["workers"] >= 1
    assert crawl["max_processes"] >= 1 + crawl["workers"]  # the crawler and its workers were sampled
    # Workers started with the spider are told apart from other processes, as late ones are.
    assert crawl["cpu_seconds"]["workers"] > crawl["cpu_seconds"]["other"]

    figures = [report["server"]["pages_per_s"], crawl["peak_rss_mb"], report["total_seconds"]]
    for phase in ("trafilatura", "cleaners", "crawl"):
        assert report[phase]["pages"] == N
        figures += [report[phase]["pages_per_s"], report[phase]["ms_per_page"], report[phase]["seconds"]]
    assert all(isinstance(value, (int, float)) and value > 0 for value in figures), figures

    for target in report["targets"].values():
        assert target["value"] > 0
        assert isinstance(target["met"], bool)

    table = render_table(report)  # the default output renders from the same figures
    assert f"N = {N} pages" in table
    assert f"{N}/{N} articles written" in table


def test_mirror_pages_are_distinct_realistic_and_their_own_canonical(tmp_path):
    sources = bundled_sources()
    count = len(sources) + 3  # some bases twice
    pages, rejected = build_mirror(tmp_path, count, "http://127.0.0.1:9", sources=sources, seed=7)
    assert rejected == []
    assert len({page.url for page in pages}) == count
    for page in pages:
        html = page.path.read_text(encoding="utf-8")
        assert MIN_BYTES <= page.size <= MAX_BYTES
        assert re.findall(r'<link rel="canonical" href="([^"]+)"', html) == [page.url]
        assert "{{" not in html
    # Copies of one base page differ in their wording, far beyond the near-duplicate distance.
    first, again = pages[0], pages[len(sources)]
    assert first.origin == again.origin
    texts = [re.sub(r"<[^>]+>", " ", p.path.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0])
             for p in (first, again)]
    assert hamming(simhash(texts[0]), simhash(texts[1])) > 6


def test_mirror_is_deterministic(tmp_path):
    sources = bundled_sources()
    now = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    one, _ = build_mirror(tmp_path / "one", 4, "http://127.0.0.1:9", sources=sources, seed=3, now=now)
    two, _ = build_mirror(tmp_path / "two", 4, "http://127.0.0.1:9", sources=sources, seed=3, now=now)
    assert [p.path.read_bytes() for p in one] == [p.path.read_bytes() for p in two]

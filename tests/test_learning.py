"""Site learning: blocks a site repeats are learned from its articles and stripped later."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cleaners.blocks import Block
from cleaners.fingerprint import block_fingerprint, simhash
from cleaners.rules.context import RuleContext
from cleaners.rules.site_repeat import strip_learned_blocks
from crawler.learning import SiteMemory
from tests.conftest import PROJECT_ROOT, run_crawl
from tests.sites.server import SiteServer

HOUSE = "The Harbour Gazette is published by Riverside Media Group Ltd., registered in Kingsbridge under number 48213."
PROMO = "The Harbour Hour returns this Thursday evening with stories from the coast and the people who live there."
WORDS = (
    "council harbour budget river school ferry station market bridge library museum hospital police court tram "
    "airport festival election minister mayor union strike weather storm flood drought farmer teacher student nurse "
    "doctor engineer builder driver pilot sailor reporter judge lawyer banker trader artist"
).split()


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."


def write_site(root: Path, numbers: range, *, extra: dict[int, list[str]] | None = None) -> list[str]:
    """Articles n in ``numbers``: four own paragraphs, the promo mid-article and the house line last."""
    paths = []
    for n in numbers:
        rng = random.Random(1000 + n)
        own = [paragraph(rng) for _ in range(4)] + (extra or {}).get(n, [])
        body = own[:2] + [PROMO] + own[2:] + [HOUSE]
        path = f"2026/11/story-{n:03d}.html"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(
            "<html lang='en'><head><meta property='og:type' content='article'>"
            f"<title>Story {n}</title></head><body><article><h1>Harbour story number {n}</h1>"
            + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>",
            encoding="utf-8",
        )
        paths.append(path)
    listed = sorted(str(p.relative_to(root)) for p in root.rglob("story-*.html"))
    (root / "index.html").write_text(
        "<html><head><meta property='og:type' content='website'></head><body>"
        + "".join(f"<a href='/{p}'>{p}</a> " for p in listed) + "</body></html>",
        encoding="utf-8",
    )
    return paths


SERIAL = {"CONCURRENT_REQUESTS": "1", "NEWSCLEAN_EXTRACT_WORKERS": "1"}


def test_house_block_and_promo_are_learned_then_stripped_and_remembered_by_the_next_run(tmp_path):
    site_dir = tmp_path / "site"
    write_site(site_dir, range(30))
    with SiteServer(site_dir) as site:
        run1 = run_crawl(tmp_path, f"home={site.base}/", feed=tmp_path / "run1.jsonl", settings=SERIAL)
        assert run1.returncode == 0, run1.log
        items = run1.items  # in the order they were written
        assert len(items) == 30
        with_house = [i for i in items if HOUSE in i["text"]]
        with_promo = [i for i in items if PROMO in i["text"]]
        # The first K (5) teach it; an article already in extraction when the 5th is written may keep it.
        assert 5 <= len(with_house) <= 7 and 5 <= len(with_promo) <= 7
        assert all(HOUSE not in i["text"] and PROMO not in i["text"] for i in items[10:])
        assert run1.stat("newsclean/removed/site-repeat") >= 2 * 23
        # Own paragraphs are never taken for boilerplate.
        assert all(len(i["text"].split("\n\n")) == 4 for i in items[10:])

        write_site(site_dir, range(30, 36))
        run2 = run_crawl(tmp_path, f"home={site.base}/", feed=tmp_path / "run2.jsonl", settings=SERIAL)
    assert run2.returncode == 0, run2.log
    assert len(run2.items) == 6  # the seen store skips the first 30
    assert all(HOUSE not in i["text"] and PROMO not in i["text"] for i in run2.items)


def test_a_quote_repeated_in_two_follow_up_stories_is_kept(tmp_path):
    quote = "“We will rebuild the harbour wall before the winter storms arrive,” the mayor told residents on Monday."
    site_dir = tmp_path / "site"
    write_site(site_dir, range(8), extra={3: [quote], 6: [quote]})
    with SiteServer(site_dir) as site:
        run = run_crawl(tmp_path, f"home={site.base}/", feed=tmp_path / "out.jsonl", settings=SERIAL)
    quoted = [i for i in run.items if quote in i["text"]]
    assert len(quoted) == 2


def test_near_identical_wire_stories_do_not_teach_their_paragraphs(tmp_path):
    memory = SiteMemory(tmp_path / "state.sqlite3", min_articles=2, max_blocks=100, max_age_days=90, near_distance=6)
    rng = random.Random(7)
    wire = [paragraph(rng) for _ in range(6)]
    update = wire[:-1] + [wire[-1] + " The police later confirmed the figures."]
    url = "https://news.example/2026/11/"
    assert memory.observe(url + "wire.html", wire, simhash("\n\n".join(wire)), "2026-11-20T08:00:00+00:00")
    assert not memory.observe(url + "wire-update.html", update, simhash("\n\n".join(update)), "2026-11-20T09:00:00+00:00")
    assert memory.learned(url + "next.html") == frozenset()
    other = [paragraph(rng) for _ in range(6)] + [wire[0]]
    assert memory.observe(url + "other.html", other, simhash("\n\n".join(other)), "2026-11-20T10:00:00+00:00")
    assert memory.learned(url + "next.html") == {block_fingerprint(wire[0])}  # two different articles now


def test_memory_is_bounded_and_ages_out_rare_blocks(tmp_path):
    memory = SiteMemory(tmp_path / "state.sqlite3", min_articles=2, max_blocks=10, max_age_days=30, near_distance=6,
                        prune_every=1)
    url = "https://news.example/a"
    for n in range(6):
        rng = random.Random(n)
        texts = [paragraph(rng) for _ in range(5)] + ["Tips? Write to the newsdesk at any hour."]
        assert memory.observe(url, texts, simhash(" ".join(texts)), f"2026-01-{n + 1:02d}T00:00:00+00:00")
    assert memory.learned(url) == {block_fingerprint("Tips? Write to the newsdesk at any hour.")}
    assert len(memory.blocks("news.example", learned_only=False)) <= 10
    rng = random.Random(99)
    late = [paragraph(rng) for _ in range(2)]
    memory.observe(url, late, simhash(" ".join(late)), "2026-06-01T00:00:00+00:00")
    counts = {b.text: b.articles for b in memory.blocks("news.example", learned_only=False)}
    assert set(counts) == {"Tips? Write to the newsdesk at any hour.", *late}  # the old one-offs aged out


def test_numbers_and_dates_do_not_make_a_block_new():
    assert block_fingerprint("© 2025 Riverside Media, 12 March") == block_fingerprint("© 2026  riverside media, 3 March")
    assert block_fingerprint("Riverside Media") != block_fingerprint("Riverside Press")


def blocks(*texts: str) -> list[Block]:
    return [Block(i, t, "paragraph", i) for i, t in enumerate(texts)]


def test_rule_strips_whole_learned_blocks_only():
    long_text = "A long article paragraph that quotes the line: " + HOUSE
    page = blocks("Own paragraph one " * 10, long_text, HOUSE, "Own paragraph two " * 10)
    ctx = RuleContext(site="news.example", learned_blocks=frozenset({block_fingerprint(HOUSE)}))
    removals = strip_learned_blocks(page, ctx)
    assert [(r.rule, r.block) for r in removals] == [("site-repeat", 2)]


def test_rule_keeps_learned_blocks_that_would_take_too_much_of_the_page():
    page = blocks(HOUSE, PROMO, "Short own line.")
    ctx = RuleContext(site="news.example", learned_blocks=frozenset({block_fingerprint(HOUSE), block_fingerprint(PROMO)}))
    assert strip_learned_blocks(page, ctx) == []
    assert ctx.notes and "over 30% of the page" in ctx.notes[0]


def learned_command(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    command = [sys.executable, "-m", "scrapy", "learned", "-s", f"NEWSCLEAN_SEEN_PATH={tmp_path / 'state.sqlite3'}", *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_command_lists_and_forgets(tmp_path):
    memory = SiteMemory(tmp_path / "state.sqlite3", min_articles=5, max_blocks=100, max_age_days=90, near_distance=6)
    for n in range(5):
        rng = random.Random(n)
        texts = [paragraph(rng) for _ in range(3)] + [HOUSE]
        memory.observe(f"http://127.0.0.1:8000/{n}", texts, simhash(" ".join(texts)), f"2026-11-2{n}T00:00:00+00:00")
    memory.close()
    listed = learned_command(tmp_path, "--site", "127.0.0.1:8000", "--json")
    assert listed.returncode == 0, listed.stderr
    [block] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert block["text"] == HOUSE and block["articles"] == 5
    assert block["first_seen"].startswith("2026-11-20") and block["last_seen"].startswith("2026-11-24")
    human = learned_command(tmp_path)
    assert "127.0.0.1:8000:" in human.stdout and "learned" in human.stdout
    forget = learned_command(tmp_path, "--site", "127.0.0.1:8000", "--forget-block", block["fingerprint"])
    assert forget.returncode == 0 and "forgot block" in forget.stdout
    assert learned_command(tmp_path, "--site", "127.0.0.1:8000", "--json").stdout == ""
    assert learned_command(tmp_path, "--forget-block", "abc").returncode == 2  # needs --site
    gone = learned_command(tmp_path, "--forget-site", "127.0.0.1:8000")
    assert gone.returncode == 0 and "forgot" in gone.stdout

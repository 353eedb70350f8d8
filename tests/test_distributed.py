"""Distributed mode's parts against a real redis-server: leases, dead workers, rounds, the shared seen store."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings

from crawler.distributed import Cluster, DistributedError, Keys, LeasedQueue, NormalizedDupeFilter, Worker, worker_id
from crawler.params import NewsParams
from crawler.runfiles import stale_parts
from crawler.seen import RedisSeenStore, SeenStore
from crawler.spiders.news import NewsSpider


@pytest.fixture
def cluster(redis_server) -> Cluster:
    """A cluster under a key prefix of its own: tests share the server, never their keys."""
    return Cluster(redis_server.client, Keys(f"test-{uuid.uuid4().hex[:8]}:news"))


@pytest.fixture
def spider() -> NewsSpider:
    return NewsSpider(urls="http://127.0.0.1:9/a")


def queue_for(cluster: Cluster, spider: NewsSpider, worker: str) -> LeasedQueue:
    keys = cluster.keys
    return LeasedQueue(cluster.server, spider, keys.requests,
                       processing_key=keys.processing(worker), counter_key=keys.lease_counter)


def push(queue: LeasedQueue, spider: NewsSpider, *paths: str, priority: int = 0) -> None:
    for path in paths:
        queue.push(Request(f"http://127.0.0.1:9/{path}", spider.parse_article, priority=priority))


def test_a_lease_moves_the_request_into_the_workers_hands(cluster, spider):
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "low")
    push(queue, spider, "high", priority=5)
    lease, request = queue.lease()
    assert request.url.endswith("/high") and request.callback == spider.parse_article
    assert cluster.queued() == 1
    assert cluster.server.hlen(cluster.keys.processing("w1")) == 1
    assert cluster.busy()


def test_released_leases_go_back_at_their_priority(cluster, spider):
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "a", priority=3)
    push(queue, spider, "b")
    lease, _ = queue.lease()
    assert cluster.release("w1", [lease]) == 1
    assert cluster.server.hlen(cluster.keys.processing("w1")) == 0
    assert queue.lease()[1].url.endswith("/a")  # still ahead of b
    assert cluster.release("w1", ["999:0"]) == 0  # an unknown lease moves nothing


def test_an_empty_queue_leases_nothing(cluster, spider):
    assert queue_for(cluster, spider, "w1").lease() is None
    assert not cluster.busy()


def test_a_dead_workers_leases_are_reclaimed_and_a_live_ones_are_not(cluster, spider):
    dead = Worker(cluster, "dead", ttl=30)
    live = Worker(cluster, "live", ttl=30)
    dead.join()
    live.join()
    for name in ("dead", "live"):
        queue = queue_for(cluster, spider, name)
        push(queue, spider, f"{name}-1", f"{name}-2")
        queue.lease()
        queue.lease()
    assert cluster.queued() == 0
    cluster.server.delete(cluster.keys.alive("dead"))  # its heartbeat expired
    assert cluster.reclaim_dead() == {"dead": 2}
    assert cluster.queued() == 2
    assert cluster.leases_by_worker() == {"live": 2}
    assert cluster.reclaim_dead() == {}  # nothing left to do


def test_a_worker_id_held_by_a_live_process_is_refused(cluster):
    Worker(cluster, "w1", ttl=30).join()
    with pytest.raises(DistributedError, match="worker id 'w1' is in use"):
        Worker(cluster, "w1", ttl=30).join()


def test_a_restarted_worker_takes_back_its_id_and_puts_its_leases_back(cluster, spider):
    # The id was held by a process of this host that has died (killed: its key has not expired yet).
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    old = Worker(cluster, "w1", ttl=30)
    old.value = f"{old.host} {gone.stdout.strip()} 2026-01-01T00:00:00Z"
    old.join()
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "a", "b")
    queue.lease()
    assert Worker(cluster, "w1", ttl=30).join() == 1  # the lease is back in the queue
    assert cluster.queued() == 2


def test_a_worker_leaves_without_a_trace(cluster):
    worker = Worker(cluster, "w1", ttl=30)
    worker.join()
    assert cluster.alive().keys() == {"w1"}
    worker.leave()
    assert cluster.alive() == {} and cluster.leases_by_worker() == {}


def test_a_worker_leaving_with_leases_stays_listed_until_they_are_reclaimed(cluster, spider):
    worker = Worker(cluster, "w1", ttl=30)
    worker.join()
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "a")
    queue.lease()
    worker.leave()  # as if putting its leases back had failed
    assert cluster.leases_by_worker() == {"w1": 1}
    assert cluster.reclaim_dead() == {"w1": 1} and cluster.queued() == 1


def test_a_lapsed_heartbeat_is_noticed_and_the_worker_listed_again(cluster):
    worker = Worker(cluster, "w1", ttl=30)
    worker.join()
    assert worker.heartbeat()
    cluster.server.delete(cluster.keys.alive("w1"))
    cluster.reclaim_dead()  # another worker took it for dead and delisted it
    assert cluster.alive() == {}
    assert not worker.heartbeat()
    assert cluster.alive().keys() == {"w1"}  # its new leases are watched again


def test_the_duplicate_filter_ignores_tracking_parameters(cluster, spider):
    dupes = NormalizedDupeFilter(cluster.server, cluster.keys.dupefilter)
    assert not dupes.request_seen(Request("https://example.com/a?id=1&utm_source=x", spider.parse_article))
    assert dupes.request_seen(Request("https://Example.com/a?id=1", spider.parse_article))
    assert not dupes.request_seen(Request("https://example.com/a?id=2", spider.parse_article))


def test_worker_ttl_and_ids_are_checked(cluster):
    with pytest.raises(DistributedError, match="at least 3 seconds"):
        Worker(cluster, "w1", ttl=1)
    with pytest.raises(DistributedError, match="NEWSCLEAN_WORKER_ID"):
        worker_id(Settings({"NEWSCLEAN_WORKER_ID": "a/b"}))
    assert worker_id(Settings({"NEWSCLEAN_WORKER_ID": "crawler-2.example"})) == "crawler-2.example"


def test_a_new_round_clears_the_duplicate_filter_and_stores_its_params(cluster):
    cluster.server.sadd(cluster.keys.dupefilter, "fingerprint")
    params = NewsParams.from_args(sites="sites.example.toml", since="2d")
    cluster.start_round(params)
    assert not cluster.server.exists(cluster.keys.dupefilter)
    assert cluster.params() == params


def test_reset_drops_an_unfinished_round_but_not_under_live_workers(cluster, spider):
    worker = Worker(cluster, "w1", ttl=30)
    worker.join()
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "a", "b")
    queue.lease()
    with pytest.raises(DistributedError, match="stop them"):
        cluster.reset()
    worker.leave()  # still listed: it holds a lease
    cluster.reset()
    assert not cluster.busy()


def test_status_reports_queue_workers_and_articles(cluster, spider):
    Worker(cluster, "w1", ttl=30).join()
    queue = queue_for(cluster, spider, "w1")
    push(queue, spider, "a", "b")
    queue.lease()
    status = cluster.status()
    assert status["queued"] == 1 and status["busy"] and not status["seeded"]
    assert [(w["id"], w["leased"], w["alive"]) for w in status["workers"]] == [("w1", 1, True)]
    json.dumps(status)


def test_site_configs_and_params_survive_pickling():
    params = NewsParams.from_args(sites="sites.example.toml", since="2d")
    copy = pickle.loads(pickle.dumps(params))
    assert copy == params
    assert dict(copy.targets[0].site.settings) == dict(params.targets[0].site.settings)


# --- the shared seen store -------------------------------------------------------------------------

def article(url: str, simhash: str = "00000000000000ff", content_hash: str = "h1", **extra) -> dict:
    return {"url": url, "site": "example", "simhash": simhash, "content_hash": content_hash,
            "fetched_at": "2026-11-26T10:00:00+00:00", **extra}


def test_the_seen_store_is_shared_between_workers(cluster):
    one, two = RedisSeenStore(cluster, near_distance=3), RedisSeenStore(cluster, near_distance=3)
    one.record(article("https://example.com/a?utm_source=x", canonical_url="https://example.com/a"),
               urls=["https://example.com/old-a"], run_id="r1@w1")
    known = two.known("https://example.com/old-a")
    assert known is not None and known.key == "https://example.com/a" and known.content_hash == "h1"
    assert known.first_seen.isoformat() == "2026-11-26T10:00:00+00:00"
    assert two.known("https://example.com/b") is None
    assert cluster.status()["articles_seen"] == 1


def test_near_duplicates_are_found_across_workers_as_they_are_written(cluster):
    one, two = RedisSeenStore(cluster, near_distance=3), RedisSeenStore(cluster, near_distance=3)
    assert two.near_duplicate(0xFF) is None
    one.record(article("https://example.com/a", simhash="00000000000000ff"), urls=[], run_id="r1")
    assert two.near_duplicate(0xFF ^ 0b101) == "https://example.com/a"  # 2 bits apart
    assert two.near_duplicate(0xFF ^ 0b1111) is None  # 4 bits apart
    assert two.near_duplicate(0xFF, exclude="https://example.com/a") is None


def test_recording_again_updates_the_text_hash_not_the_first_sighting(cluster):
    store = RedisSeenStore(cluster, near_distance=3)
    store.record(article("https://example.com/a"), urls=[], run_id="r1")
    store.record(article("https://example.com/a", content_hash="h2", fetched_at="2026-11-27T10:00:00+00:00"), urls=[], run_id="r2")
    known = store.known("https://example.com/a")
    assert known.content_hash == "h2" and known.first_seen.isoformat() == "2026-11-26T10:00:00+00:00"
    assert cluster.status()["articles_seen"] == 1
    assert cluster.server.xlen(cluster.keys.seen("simhashes")) == 1


@pytest.fixture(params=["sqlite", "redis"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        store = SeenStore(tmp_path / "seen.sqlite", near_distance=3)
    else:
        store = RedisSeenStore(request.getfixturevalue("cluster"), near_distance=3)
    yield store
    store.close()


def test_a_dead_runs_output_is_recorded(any_store, tmp_path):
    part = tmp_path / "run.jsonl"
    part.write_text("".join(json.dumps(article(f"https://example.com/{n}")) + "\n" for n in range(3)))
    any_store.record(article("https://example.com/0"), urls=[], run_id="r1")  # it had recorded this one
    assert any_store.ingest_records(part, run_id="recovered") == (3, 0)
    assert all(any_store.known(f"https://example.com/{n}") for n in range(3))
    assert len(part.read_text().splitlines()) == 3


def test_a_dead_runs_line_written_again_later_is_cut_and_a_newer_one_kept(any_store, tmp_path):
    dead_run = [article("https://example.com/taken-over"), article("https://example.com/refreshed", content_hash="h2"),
                article("https://example.com/new")]
    part = tmp_path / "run.jsonl"
    part.write_text("".join(json.dumps(record) + "\n" for record in dead_run))
    # Another worker wrote the first article again after the dead run had; the second was last written before it.
    any_store.record(article("https://example.com/taken-over", fetched_at="2026-11-26T10:00:09+00:00"), urls=[], run_id="r1@w2")
    any_store.record(article("https://example.com/refreshed", fetched_at="2026-11-20T10:00:00+00:00"), urls=[], run_id="r0")
    assert any_store.ingest_records(part, run_id="recovered") == (2, 1)
    assert [json.loads(line)["url"] for line in part.read_text().splitlines()] == [
        "https://example.com/refreshed", "https://example.com/new"]
    assert any_store.known("https://example.com/refreshed").content_hash == "h2"  # the dead run's newer text
    assert any_store.known("https://example.com/new") is not None
    assert not list(tmp_path.glob("*.tmp"))


# --- unfinished output files -----------------------------------------------------------------------

def test_a_worker_recovers_only_its_own_unfinished_files(tmp_path):
    day = tmp_path / "news" / "2026-11-26"
    day.mkdir(parents=True)
    for name in ("r1@w1.jsonl.part", "r2@w2.jsonl.part", "r3.jsonl.part", "r4@w10.jsonl.part",
                 "r5@web.jsonl.part", "r6@web.example.com.jsonl.part"):
        (day / name).write_text("")
    names = lambda worker: [p.name for p in stale_parts([tmp_path / "news"], [], worker)]  # noqa: E731
    assert names("w1") == ["r1@w1.jsonl.part"]
    assert names("web") == ["r5@web.jsonl.part"]
    assert names("web.example.com") == ["r6@web.example.com.jsonl.part"]
    assert names(None) == ["r3.jsonl.part"]


def test_known_many_answers_like_known(cluster, tmp_path):
    from crawler.seen import SeenStore

    for store in (RedisSeenStore(cluster, near_distance=3), SeenStore(tmp_path / "seen.sqlite3", near_distance=3)):
        store.record(article("https://example.com/a", canonical_url="https://example.com/a"),
                     urls=["https://example.com/a?utm_source=feed"], run_id="r1")
        urls = ["https://example.com/a?utm_source=feed", "https://example.com/a", "https://example.com/b", "mailto:x@y"]
        answers = store.known_many(urls)
        assert answers == {url: store.known(url) for url in urls[:3]}
        assert answers["https://example.com/a"].key == "https://example.com/a" and answers["https://example.com/b"] is None


def test_near_duplicates_are_looked_for_only_in_the_window(cluster, tmp_path):
    from crawler.seen import SeenStore

    old = (datetime.now(timezone.utc) - timedelta(days=40)).isoformat(timespec="seconds")
    sqlite_path = tmp_path / "seen.sqlite3"
    SeenStore(sqlite_path, near_distance=3).record(article("https://example.com/old", fetched_at=old), urls=[], run_id="r1")
    assert SeenStore(sqlite_path, near_distance=3, near_days=30).near_duplicate(0xFF) is None
    assert SeenStore(sqlite_path, near_distance=3, near_days=0).near_duplicate(0xFF) == "https://example.com/old"
    # In Redis the stream entry's id is when it was written: one from 40 days ago is out.
    stream = cluster.keys.seen("simhashes")
    old_ms = int((datetime.now(timezone.utc) - timedelta(days=40)).timestamp() * 1000)
    cluster.server.xadd(stream, {"simhash": "00000000000000ff", "url": "https://example.com/old"}, id=f"{old_ms}-0")
    assert RedisSeenStore(cluster, near_distance=3, near_days=0).near_duplicate(0xFF) == "https://example.com/old"
    store = RedisSeenStore(cluster, near_distance=3, near_days=30)
    assert store.near_duplicate(0xFF) is None
    store.record(article("https://example.com/new"), urls=[], run_id="r2")
    assert store.near_duplicate(0xFF) == "https://example.com/new"

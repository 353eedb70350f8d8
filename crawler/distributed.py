"""Distributed mode: several ``scrapy crawl news`` workers, on one machine or many, share one crawl
through Redis. ``NEWSCLEAN_REDIS_URL`` switches it on.

scrapy-redis gives the shared request queue (a sorted set by priority, requests pickled with
``Request.to_dict``) and the duplicate filter (a set of request fingerprints). On top of it:

* **leases** — scrapy-redis pops a request for good, so a worker killed with requests in flight
  would lose them. Here the pop moves the request into the worker's *processing* hash in the same
  Redis script, and it leaves that hash only when Scrapy is done with it: downloaded, parsed, its
  items through the pipelines and written. A worker that stops puts what it has not finished back;
* **liveness** — a worker refreshes a key with a time-to-live (``NEWSCLEAN_WORKER_TTL``). Once a
  worker's key has expired, any other worker, or its own restart, puts its leases back in the queue;
* **the end** — a worker stops when the queue is empty and no worker holds a lease, for
  ``NEWSCLEAN_IDLE_CLOSE`` seconds in a row;
* **rounds** — ``scrapy seed`` starts a round: it stores the crawl's arguments for the workers,
  clears the duplicate filter of the last round, and pushes the start requests. The seen store
  (in Redis in this mode, see :mod:`crawler.seen`) is what keeps rounds from fetching an article twice.

Keys, all under ``<NEWSCLEAN_REDIS_PREFIX>:<spider>:``: ``requests`` (zset), ``dupefilter`` (set),
``params`` (the round's arguments), ``workers`` (set of ids), ``alive:<id>`` (heartbeat),
``processing:<id>`` (hash ``<lease>:<score>`` → request), ``leases`` (counter), ``seen:…``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import socket
import time
from dataclasses import dataclass
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.settings import BaseSettings
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from .discovery import normalize_url

logger = logging.getLogger(__name__)

WORKER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

# Pop the best request and lease it to a worker, in one step.
LEASE = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return nil end
redis.call('ZREM', KEYS[1], item[1])
local lease = redis.call('INCR', KEYS[3]) .. ':' .. item[2]
redis.call('HSET', KEYS[2], lease, item[1])
return {lease, item[1]}
"""
# Put the given leases (ARGV[1] = "all": every one) back in the queue, at their priority.
RELEASE = """
local leases = ARGV
if ARGV[1] == 'all' then leases = redis.call('HKEYS', KEYS[1]) end
local moved = 0
for _, lease in ipairs(leases) do
  local data = redis.call('HGET', KEYS[1], lease)
  if data then
    redis.call('ZADD', KEYS[2], string.match(lease, ':(.*)$'), data)
    redis.call('HDEL', KEYS[1], lease)
    moved = moved + 1
  end
end
return moved
"""
# Refresh a worker's heartbeat and listing; says whether the heartbeat was still there.
HEARTBEAT = """
local alive = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return alive
"""
# A dead worker's leases back to the queue, unless its heartbeat came back meanwhile.
RECLAIM = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local moved = 0
for _, lease in ipairs(redis.call('HKEYS', KEYS[2])) do
  redis.call('ZADD', KEYS[3], string.match(lease, ':(.*)$'), redis.call('HGET', KEYS[2], lease))
  moved = moved + 1
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return moved
"""


class DistributedError(RuntimeError):
    """Distributed mode cannot start: a bad setting, Redis unreachable, a worker id in use…"""


@dataclass(frozen=True)
class Keys:
    base: str  # <prefix>:<spider>

    @property
    def requests(self) -> str:
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.base}:dupefilter"

    @property
    def params(self) -> str:
        return f"{self.base}:params"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    @property
    def lease_counter(self) -> str:
        return f"{self.base}:leases"

    def alive(self, worker: str) -> str:
        return f"{self.base}:alive:{worker}"

    def processing(self, worker: str) -> str:
        return f"{self.base}:processing:{worker}"

    def seen(self, part: str) -> str:
        return f"{self.base}:seen:{part}"


def is_distributed(settings: BaseSettings) -> bool:
    return bool(settings.get("NEWSCLEAN_REDIS_URL"))


def worker_id(settings: BaseSettings) -> str:
    worker = settings.get("NEWSCLEAN_WORKER_ID") or socket.gethostname()
    if not WORKER_ID.match(worker):
        raise DistributedError(
            f"NEWSCLEAN_WORKER_ID {worker!r}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return worker


def seeded_params(settings: BaseSettings, spider_name: str, spider_args: dict[str, Any]) -> Any:
    """A worker's crawl arguments: those ``scrapy seed`` stored for the current round."""
    if spider_args:
        given = ", ".join(f"-a {name}" for name in sorted(spider_args))
        raise UsageError(f"distributed workers take no spider arguments ({given}): give them to `scrapy seed {spider_name}`")
    params = Cluster.from_settings(settings, spider_name).params()
    if params is None:
        raise DistributedError(f"nothing is seeded in Redis yet: run `scrapy seed {spider_name} -a …` first")
    return params


def connect(url: str) -> redis.Redis:
    try:
        server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=30)
        server.ping()
    except ValueError as exc:
        raise DistributedError(f"NEWSCLEAN_REDIS_URL {url!r}: {exc}") from None
    except redis.RedisError as exc:
        raise DistributedError(f"cannot reach Redis at {url}: {exc}") from None
    return server


class Cluster:
    """The shared state of one spider's crawl in Redis, as workers, ``scrapy seed`` and
    ``scrapy status`` see it."""

    def __init__(self, server: redis.Redis, keys: Keys):
        self.server = server
        self.keys = keys
        self._release = server.register_script(RELEASE)
        self._reclaim = server.register_script(RECLAIM)

    @classmethod
    def from_settings(cls, settings: BaseSettings, spider_name: str) -> Cluster:
        prefix = settings.get("NEWSCLEAN_REDIS_PREFIX") or "newsclean"
        return cls(connect(settings.get("NEWSCLEAN_REDIS_URL")), Keys(f"{prefix}:{spider_name}"))

    # --- what the crawl is doing -------------------------------------------------------------

    def queued(self) -> int:
        return self.server.zcard(self.keys.requests)

    def leases_by_worker(self) -> dict[str, int]:
        workers = sorted(w.decode() for w in self.server.smembers(self.keys.workers))
        counts = [self.server.hlen(self.keys.processing(w)) for w in workers]
        return dict(zip(workers, counts))

    def alive(self) -> dict[str, str]:
        """Live workers: id → "host pid started"."""
        workers = sorted(w.decode() for w in self.server.smembers(self.keys.workers))
        values = self.server.mget([self.keys.alive(w) for w in workers]) if workers else []
        return {w: v.decode() for w, v in zip(workers, values) if v is not None}

    def busy(self) -> bool:
        """Requests are queued or leased (by live workers, or dead ones not yet reclaimed)."""
        return self.queued() > 0 or any(self.leases_by_worker().values())

    def describe_work(self) -> str:
        leased = sum(self.leases_by_worker().values())
        return f"{self.queued()} requests queued, {leased} in the workers' hands"

    def status(self) -> dict[str, Any]:
        alive = self.alive()
        workers = [{"id": w, "leased": n, "alive": w in alive, "holder": alive.get(w)} for w, n in self.leases_by_worker().items()]
        queued = self.queued()
        return {
            "crawl": self.keys.base,
            "seeded": bool(self.server.exists(self.keys.params)),
            "busy": queued > 0 or any(w["leased"] for w in workers),
            "queued": queued,
            "workers": workers,
            "articles_seen": int(self.server.get(self.keys.seen("count")) or 0),
        }

    # --- rounds ------------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop an unfinished round's queued and leased requests (refused while a worker is alive)."""
        alive = self.alive()
        if alive:
            raise DistributedError(f"workers are running ({', '.join(alive)}): stop them before --reset")
        workers = [w.decode() for w in self.server.smembers(self.keys.workers)]
        self.server.delete(self.keys.requests, self.keys.dupefilter, self.keys.workers,
                           *(self.keys.processing(w) for w in workers))

    def params(self) -> Any | None:
        data = self.server.get(self.keys.params)
        return pickle.loads(data) if data is not None else None

    def start_round(self, params: Any) -> None:
        """A new round: the last round's duplicate filter is dropped and ``params`` stored."""
        with self.server.pipeline() as pipe:
            pipe.delete(self.keys.dupefilter)
            pipe.set(self.keys.params, pickle.dumps(params, protocol=pickle.HIGHEST_PROTOCOL))
            pipe.execute()

    # --- leases ------------------------------------------------------------------------------

    def release(self, worker: str, leases: list[str]) -> int:
        """Put ``leases`` of ``worker`` back in the queue; returns how many were still held."""
        if not leases:
            return 0
        return int(self._release(keys=[self.keys.processing(worker), self.keys.requests], args=leases))

    def release_all(self, worker: str) -> int:
        return int(self._release(keys=[self.keys.processing(worker), self.keys.requests], args=["all"]))

    def reclaim_dead(self) -> dict[str, int]:
        """Leases of workers whose heartbeat has expired, back to the queue: id → requests moved."""
        moved: dict[str, int] = {}
        for raw in self.server.smembers(self.keys.workers):
            worker = raw.decode()
            keys = [self.keys.alive(worker), self.keys.processing(worker), self.keys.requests, self.keys.workers]
            count = int(self._reclaim(keys=keys, args=[worker]))
            if count >= 0:
                moved[worker] = count
        return moved


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Worker:
    """This process's membership: a heartbeat key that says who holds the id."""

    def __init__(self, cluster: Cluster, worker: str, ttl: float):
        if ttl < 3:
            raise DistributedError(f"NEWSCLEAN_WORKER_TTL must be at least 3 seconds, got {ttl}")
        self.cluster = cluster
        self.id = worker
        self.ttl = ttl
        self.host = socket.gethostname()
        self.value = f"{self.host} {os.getpid()} {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}"
        self._beat = cluster.server.register_script(HEARTBEAT)

    def join(self) -> int:
        """Take the id (refused while another live process holds it) and put back what an earlier
        life of this worker left leased; returns how many requests that was."""
        keys = self.cluster.keys
        server = self.cluster.server
        if not server.set(keys.alive(self.id), self.value, nx=True, px=int(self.ttl * 1000)):
            holder = (server.get(keys.alive(self.id)) or b"").decode()
            host, _, rest = holder.partition(" ")
            pid = rest.split(" ", 1)[0]
            if not (host == self.host and pid.isdigit() and not _pid_running(int(pid))):
                raise DistributedError(
                    f"worker id {self.id!r} is in use ({holder}); give each worker its own NEWSCLEAN_WORKER_ID"
                )
            server.set(keys.alive(self.id), self.value, px=int(self.ttl * 1000))  # a dead process of ours
        server.sadd(keys.workers, self.id)
        return self.cluster.release_all(self.id)

    def heartbeat(self) -> bool:
        """Refresh the heartbeat (and the listing); False when it had expired in between."""
        keys = self.cluster.keys
        return bool(self._beat(keys=[keys.alive(self.id), keys.workers], args=[self.value, int(self.ttl * 1000), self.id]))

    def leave(self) -> None:
        """Stop the heartbeat; deregister only when holding no lease (else it is reclaimed at once)."""
        keys = self.cluster.keys
        self.cluster.server.delete(keys.alive(self.id))
        if not self.cluster.server.hlen(keys.processing(self.id)):
            self.cluster.server.srem(keys.workers, self.id)


class NormalizedDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter on the URL as the seen store normalizes it (tracking
    parameters dropped…), so that an article linked with and without them is queued once across
    all workers, as the single-process spider's ``scheduled`` set does."""

    def request_fingerprint(self, request: Request) -> str:
        try:
            url = normalize_url(request.url)
        except ValueError:
            return super().request_fingerprint(request)
        body = hashlib.sha1(request.body or b"").hexdigest()
        return hashlib.sha1(f"{request.method} {url} {body}".encode()).hexdigest()


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leases the request to a worker (see the module)."""

    def __init__(self, server: redis.Redis, spider: Any, key: str, serializer: Any = None, *,
                 processing_key: str, counter_key: str):
        super().__init__(server, spider, key, serializer)
        self.processing_key = processing_key
        self.counter_key = counter_key
        self._lease = server.register_script(LEASE)

    def lease(self) -> tuple[str, Request] | None:
        found = self._lease(keys=[self.key, self.processing_key, self.counter_key])
        if not found:
            return None
        lease, data = found
        return lease.decode(), self._decode_request(data)


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler with leased requests, a heartbeat and a crawl-wide end (see the module).

    A request is finished when it has left both the downloader and the scraper (the sets Scrapy's
    own engine status reports); a tick every second acknowledges finished leases and reclaims
    the leases of dead workers.
    """

    TICK = 1.0  # seconds between heartbeats and acknowledgements

    def __init__(self, crawler: Crawler, cluster: Cluster, worker: Worker, idle_close: float):
        super().__init__(
            cluster.server,
            persist=True,  # the queue is shared: one worker's end is not the crawl's
            queue_key=cluster.keys.requests,
            dupefilter=NormalizedDupeFilter(cluster.server, cluster.keys.dupefilter),
        )
        self.crawler = crawler
        self.cluster = cluster
        self.worker = worker
        self.idle_close = idle_close
        self.stats = crawler.stats
        self.leases: dict[Request, str] = {}
        self.quiet_since: float | None = None
        self.ticker = LoopingCall(self.tick)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeasingScheduler:
        settings = crawler.settings
        cluster = Cluster.from_settings(settings, crawler.spidercls.name)
        worker = Worker(cluster, worker_id(settings), settings.getfloat("NEWSCLEAN_WORKER_TTL"))
        idle_close = settings.getfloat("NEWSCLEAN_IDLE_CLOSE")
        if idle_close < 0:
            raise DistributedError(f"NEWSCLEAN_IDLE_CLOSE must be >= 0 seconds, got {idle_close}")
        return cls(crawler, cluster, worker, idle_close)

    def open(self, spider: Any) -> None:
        self.spider = spider
        keys = self.cluster.keys
        self.queue = LeasedQueue(self.server, spider, keys.requests, self.serializer,
                                 processing_key=keys.processing(self.worker.id), counter_key=keys.lease_counter)
        resumed = self.worker.join()
        if resumed:
            self.stats.inc_value("newsclean/distributed/resumed", resumed)
            logger.warning("Worker %s: put back %d requests its last run had not finished", self.worker.id, resumed)
        self.reclaim()
        logger.info("Worker %s joined %s: %d requests queued", self.worker.id, keys.base, len(self.queue))
        self.ticker.start(self.TICK, now=False)

    def close(self, reason: str) -> None:
        if self.ticker.running:
            self.ticker.stop()
        self.acknowledge()
        unfinished = list(self.leases.values())
        if unfinished:
            released = self.cluster.release(self.worker.id, unfinished)
            self.stats.inc_value("newsclean/distributed/released", released)
            logger.info("Worker %s: put back %d unfinished requests", self.worker.id, released)
        self.leases.clear()
        self.worker.leave()

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.stats.inc_value("newsclean/distributed/filtered")
            return False
        self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        leased = self.queue.lease()
        if leased is None:
            return None
        lease, request = leased
        self.leases[request] = lease
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # --- leases, heartbeat, the crawl's end -------------------------------------------------------

    def in_flight(self) -> set[Request]:
        engine = self.crawler.engine
        return set(engine.downloader.active) | set(engine.scraper.slot.active)

    def acknowledge(self) -> None:
        """Leases of requests Scrapy has finished with leave the processing hash."""
        if not self.leases:
            return
        busy = self.in_flight()
        done = [request for request in self.leases if request not in busy]
        if done:
            self.server.hdel(self.queue.processing_key, *(self.leases[r] for r in done))
            for request in done:  # only once Redis has them: a failed HDEL is retried next tick
                del self.leases[request]
            self.stats.inc_value("newsclean/distributed/acknowledged", len(done))

    def reclaim(self) -> None:
        for worker, moved in self.cluster.reclaim_dead().items():
            if moved:
                self.stats.inc_value("newsclean/distributed/reclaimed", moved)
                logger.warning("Worker %s stopped without a heartbeat: %d of its requests are back in the queue", worker, moved)

    def tick(self) -> None:
        try:
            if not self.worker.heartbeat():
                self.stats.inc_value("newsclean/distributed/heartbeat_lapsed")
                logger.warning("Worker %s: its heartbeat had lapsed (the reactor was blocked for over %.0f s); "
                               "other workers may have taken back its requests", self.worker.id, self.worker.ttl)
            self.acknowledge()
            self.reclaim()
        except redis.RedisError as exc:  # Redis restarting: the next tick tries again
            self.stats.inc_value("newsclean/distributed/redis_errors")
            logger.warning("Worker %s: Redis error (%s); retrying in %.0f s", self.worker.id, exc, self.TICK)

    def spider_idle(self) -> None:
        """Nothing to do here; stay while the crawl has work anywhere, then ``idle_close`` more."""
        self.tick()
        if self.cluster.busy():
            self.quiet_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.quiet_since is None:
            self.quiet_since = now
        if now - self.quiet_since < self.idle_close:
            raise DontCloseSpider
        logger.info("Worker %s: the shared queue has been empty for %.0f s; stopping", self.worker.id, now - self.quiet_since)

"""The redis-server of the distributed-mode tests: the one ``.ci/run`` started
(``NEWSCLEAN_TEST_REDIS_URL``), else a throwaway one on 127.0.0.1. Tests keep apart by key prefix."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import os
import shutil
import socket
import subprocess
import tempfile
import time

import redis


def answers(client: redis.Redis, gone=lambda: False, timeout: float = 10) -> bool:
    """Whether the server answers a PING within ``timeout`` seconds (it may still be starting)."""
    deadline = time.monotonic() + timeout
    while not gone() and time.monotonic() < deadline:
        try:
            return client.ping()
        except redis.ConnectionError:
            time.sleep(0.05)
    return False


class RedisServer:
    """``redis-server`` on a free loopback port, no persistence; use as a context manager."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: bin/test installs it (apt-get install redis-server)")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.dir = tempfile.TemporaryDirectory(prefix="newsclean-redis-")
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", self.dir.name, "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.client = redis.Redis.from_url(self.url)
        if not answers(self.client, gone=lambda: self.process.poll() is not None):
            self.close()
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def close(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.dir.cleanup()

    def __enter__(self) -> RedisServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ExternalRedis:
    """A redis-server started by someone else (CI); left running."""

    def __init__(self, url: str):
        host = redis.Redis.from_url(url).connection_pool.connection_kwargs.get("host")
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"NEWSCLEAN_TEST_REDIS_URL must point to loopback, not {host!r}")
        self.url = url
        self.client = redis.Redis.from_url(url)
        if not answers(self.client):
            raise RuntimeError(f"no redis-server answers at NEWSCLEAN_TEST_REDIS_URL={url}")


@contextmanager
def loopback_redis() -> Iterator[ExternalRedis | RedisServer]:
    url = os.environ.get("NEWSCLEAN_TEST_REDIS_URL")
    if url:
        server = ExternalRedis(url)
        yield server
        server.client.close()
        return
    with RedisServer() as server:
        yield server

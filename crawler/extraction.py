"""What runs in the extraction worker processes. No Scrapy here: a worker imports this module and
the cleaners, nothing else, which keeps each worker about 30 MB smaller. The crawl process imports
it too, for the function to submit, without loading trafilatura (``cleaners.clean_html`` is lazy)."""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import cleaners
from cleaners import CleanConfig, CleanResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timed:
    result: CleanResult
    seconds: float


def clean_timed(page: dict[str, Any], config: CleanConfig) -> Timed:
    """The extraction of one fetched page, plus the time it took in the worker."""
    started = time.perf_counter()
    result = cleaners.clean_html(  # loaded here, in the worker: the crawl process never needs it
        page["html"],
        url=page["url"],
        config=config,
        fetched_at=datetime.fromisoformat(page["fetched_at"]),
        date_hint=page.get("date_hint"),
        learned_blocks=page.get("learned_blocks", frozenset()),
    )
    return Timed(result, time.perf_counter() - started)


@dataclass(frozen=True)
class MallocTuning:
    """glibc malloc thresholds for a process that handles whole pages, in bytes (0: glibc's own).

    A page lives in a few big blocks: its bytes, its decoded text, the pickled copy sent to a
    worker, the parser's buffers. glibc serves blocks from ``mmap_threshold`` up with mmap, which
    goes back to the system on free, but by default it raises that threshold to the size of each
    such block freed (up to 32 MB); big pages then come from the heap, and a heap does not shrink
    below its highest block in use. After a few multi-megabyte pages each process keeps tens of MB
    it no longer uses. Measured on the dev set's pages (0.2 to 2.2 MB): a crawl's peak RSS 425 MB
    by default, 357 MB with 256 KB / 8 MB at the same CPU per page; a 128 KB threshold cost 6 to
    14 % more CPU, as ordinary pages then go through mmap each time. ``trim_threshold`` is the free
    memory at the top of the heap kept for the next page rather than handed back.
    """

    mmap_threshold: int = 0
    trim_threshold: int = 0

    def __post_init__(self) -> None:
        for name in ("mmap_threshold", "trim_threshold"):
            if not 0 <= getattr(self, name) <= _C_INT_MAX:
                raise ValueError(f"{name} must be 0 (glibc's default) to {_C_INT_MAX} bytes, got {getattr(self, name)}")

    def apply(self) -> bool:
        """Set the thresholds in this process; False where that failed (a C library without
        ``mallopt``, i.e. not glibc, or a value it refuses)."""
        if not (self.mmap_threshold or self.trim_threshold):
            return True
        try:
            mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
        except AttributeError:
            logger.debug("No mallopt in this C library: malloc thresholds left as they are")
            return False
        ok = True
        for name, option, value in (("mmap", _M_MMAP_THRESHOLD, self.mmap_threshold),
                                    ("trim", _M_TRIM_THRESHOLD, self.trim_threshold)):
            if value and mallopt(option, value) != 1:
                logger.warning("glibc refused a malloc %s threshold of %d bytes; left as it was", name, value)
                ok = False
        return ok


_C_INT_MAX = 2**31 - 1  # mallopt takes a C int
_M_TRIM_THRESHOLD = -1  # glibc's malloc.h
_M_MMAP_THRESHOLD = -3


# Cleaned once by each new worker: what a first page loads (trafilatura, the rules, their
# vocabulary) is loaded while the crawl starts, not under its first page.
WARM_UP_PAGE = "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>Warm-up.</p></article></body></html>"


def init_worker(parent: int, malloc: MallocTuning) -> None:
    """Worker initializer: the crawl's malloc thresholds, an end when the crawl is gone, a warm-up."""
    malloc.apply()
    exit_with_parent(parent)
    try:
        cleaners.clean_html(WARM_UP_PAGE, url="https://warm-up.invalid/")
    except Exception:  # an initializer that raises breaks the pool: let the pages meet the error instead
        logger.exception("Extraction worker warm-up failed")


def start_worker() -> bool:
    """A task that only makes the pool start a worker (which then runs ``init_worker``)."""
    return True


def exit_with_parent(parent: int) -> None:
    """End this worker when the crawl process is gone.

    A crawl killed with SIGKILL (or the OOM killer) cannot shut its pool down, and a pool worker
    holds its own end of the task queue open, so it would wait forever as an orphan.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()

"""What runs in the extraction worker processes. No Scrapy here: a worker imports this module and
the cleaners, nothing else, which keeps each worker about 30 MB smaller. The crawl process imports
it too, for the function to submit, without loading trafilatura (``cleaners.clean_html`` is lazy)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import cleaners
from cleaners import CleanConfig, CleanResult


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


def exit_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the crawl process is gone.

    A crawl killed with SIGKILL (or the OOM killer) cannot shut its pool down, and a pool worker
    holds its own end of the task queue open, so it would wait forever as an orphan.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()

"""Output files: the default ``output/<spider>/<date>/<run-id>.jsonl`` feed, written atomically."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage
from scrapy.settings import BaseSettings

from .runfiles import whole_lines_only

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_path(value: str | Path) -> Path:
    """A path from a setting: relative paths are taken from the project root, not the cwd."""
    path = Path(value)
    return path if path.is_absolute() else PROJECT_ROOT / path


def output_dir(settings: BaseSettings) -> Path:
    return project_path(settings.get("NEWSCLEAN_OUTPUT_DIR") or "output")


def default_feeds(settings: BaseSettings) -> dict[str, dict[str, Any]]:
    template = output_dir(settings) / "%(name)s" / "%(run_date)s" / "%(run_id)s.jsonl"
    return {str(template): {"format": "jsonlines", "encoding": "utf-8"}}


def local_feed_path(uri: str) -> Path | None:
    """The file a feed URI writes on this machine (a path or file://); None for stdout:, s3:// …"""
    return Path(uri.removeprefix("file://")) if urlsplit(uri).scheme in ("", "file") else None


def feed_uri_params(params: dict[str, Any], spider: Spider) -> dict[str, Any]:
    """FEED_URI_PARAMS: adds ``%(run_id)s`` and ``%(run_date)s`` (UTC) to feed URIs."""
    started = getattr(spider, "started_at", None)
    return {
        **params,
        "run_id": getattr(spider, "run_id", params.get("time")),
        "run_date": f"{started:%Y-%m-%d}" if started else params["time"][:10],
    }


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class PartFile(io.FileIO):
    """An unbuffered part file that writes each line whole — a short write (a disk filling up) is
    continued — and remembers the first write error, so that what was not written is not recorded
    as seen (see :func:`feed_write_error`)."""

    failed: OSError | None = None

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        try:
            while view:
                view = view[super().write(view) or 0 :]
        except OSError as exc:
            self.failed = self.failed or exc
            raise
        return len(memoryview(data).cast("B"))


def feed_write_error(crawler: Crawler) -> OSError | None:
    """The first error writing one of the crawl's feed files, if any."""
    for extension in crawler.extensions.middlewares:
        if isinstance(extension, FeedExporter):
            for slot in extension.slots:
                failed = getattr(slot.file, "failed", None) or getattr(slot.storage, "failed", None)
                if failed is not None:
                    return failed
    return None


class AtomicFileFeedStorage(FileFeedStorage):
    """Writes to ``<file>.part`` and only moves it into place when the feed is complete.

    A run that dies half-way leaves at most a ``.part`` file, never a truncated feed; the file is
    unbuffered, so each item's line reaches the OS as a whole and a killed run's part holds whole
    lines (the next run puts it in place, see :mod:`crawler.runfiles`); a line a write error cut
    off is dropped before the part is put in place. With ``-o`` (append) the finished part is
    appended to the existing file in one go.
    """

    failed: OSError | None = None

    def open(self, spider: Spider) -> IO[bytes]:
        final = Path(self.path)
        self._part = final.with_name(f"{final.name}.part")
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            return PartFile(self._part, "wb")
        except OSError as exc:
            self.failed = exc
            raise

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        if getattr(file, "failed", None) is not None:
            whole_lines_only(self._part)  # the line a failed write cut off
        final = Path(self.path)
        if self.write_mode == "wb" or not final.exists():
            os.replace(self._part, final)
        else:
            with self._part.open("rb") as part, final.open("ab") as target:
                shutil.copyfileobj(part, target)
                target.flush()
                os.fsync(target.fileno())
            self._part.unlink()
        _fsync_dir(final.parent)

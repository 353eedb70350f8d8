"""Unfinished output files of dead runs: cut back to whole lines and put in place.

A run writes ``<file>.part`` and renames it when it completes. A ``.part`` found at the start of a
run (which holds the crawl lock, so its writer is gone) is a killed run's output: every whole line
in it is an article the seen store may not know yet. It is kept, not deleted.
"""

from __future__ import annotations

import logging
import os
from itertools import count
from pathlib import Path

logger = logging.getLogger(__name__)
PART = ".part"


def whole_lines_only(path: Path) -> int:
    """Truncate ``path`` after its last newline (a write cut off by a kill); returns bytes dropped."""
    with path.open("rb+") as handle:
        data = handle.read()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        return len(data) - keep


def replace_lines(path: Path, lines: list[bytes]) -> None:
    """Replace ``path``'s content with ``lines``, atomically (a kill leaves the old or the new file)."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.writelines(lines)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def recover_part(part: Path, *, lines: bool = True, own_name: bool = True) -> Path:
    """Make a dead run's ``x.jsonl.part`` a finished ``x.jsonl`` — or ``x.recovered-N.jsonl`` if that
    is taken or not ``own_name`` (a file this run's ``-O`` is about to overwrite). A part of ``lines``
    is first cut back to its whole lines; another format (JSON, CSV, XML) is kept as it was left."""
    dropped = whole_lines_only(part) if lines else 0
    name = Path(part.name[: -len(PART)])
    recovered = (part.with_name(f"{name.stem}.recovered-{n}{name.suffix}") for n in count(1))
    final = part.with_name(name.name) if own_name else next(recovered)
    while final.exists():
        final = next(recovered)
    os.replace(part, final)
    logger.warning(
        "Recovered the output of an interrupted run: %s (%d bytes of a cut-off line dropped)", final, dropped
    )
    return final


def stale_parts(roots: list[Path], files: list[Path], worker: str | None = None) -> list[Path]:
    """``.part`` files under the output ``roots`` and next to the explicitly named feed ``files``.

    Under the roots, a distributed ``worker`` takes only its own parts (``<run-id>@<worker>.…``):
    the other workers' may be live. A single crawl takes only parts without a worker id.
    """
    owned = (lambda name: "@" not in name) if worker is None else (lambda name: name.endswith(f"@{worker}.jsonl{PART}"))
    # Only the feeds: a summary's part is not output.
    found = {p for root in roots if root.is_dir() for p in root.rglob(f"*.jsonl{PART}") if owned(p.name)}
    found |= {f.with_name(f.name + PART) for f in files if f.with_name(f.name + PART).exists()}
    return sorted(found)

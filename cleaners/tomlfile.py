"""Reading the project's TOML data files with errors that name the file and line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")


class DataFileError(ValueError):
    """A data file is malformed; the message starts with ``path:line:``."""


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its raw text (for :func:`line_of`)."""
    raw = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: {exc}") from None


def line_of(raw: str, needle: str, *, table: str | None = None) -> str:
    """The 1-based line where ``needle`` (a key, or a string value as parsed) is written, or '?'.

    ``table`` limits the search to lines after that ``[table]`` header. A string value is looked
    for as written in the file too, with its backslashes escaped.
    """
    candidates = {needle, needle.replace("\\", "\\\\")}
    current: str | None = None
    for number, line in enumerate(raw.splitlines(), 1):
        header = _TABLE.match(line)
        if header:
            current = header.group(1)
            continue
        if table is not None and current != table:
            continue
        if any(c in line for c in candidates):
            return str(number)
    return "?"

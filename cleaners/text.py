"""Small text helpers with no heavy imports: the crawl process uses them without loading trafilatura."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()

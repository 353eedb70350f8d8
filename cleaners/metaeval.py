"""Metadata scores for the dev-set evaluation: title, publication time and authors.

* title: exact match after Unicode normalization (NFKC, invisible format characters such as soft
  hyphens dropped, typographic quotes folded to ASCII ones) and whitespace normalization;
* published, day: the predicted calendar date equals the true one, each read in its own stated
  offset (or in UTC when both give a time);
* published, instant: both give a time and they are at most a minute apart;
* authors: per-page F1 of the two name sets after normalization (NFKC, case, whitespace, a
  leading "By"/"Von"/"Par"); a page whose truth lists no author scores 1 only for an empty guess.

Each score is the share (or mean) over the pages whose truth has that field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Mapping

INSTANT_TOLERANCE = timedelta(minutes=1)
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|de)\s+", re.IGNORECASE)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def normalize_text(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", value or "").translate(_QUOTES)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def normalize_name(value: str) -> str:
    return _BYLINE_PREFIX.sub("", normalize_text(value)).casefold()


def parse_when(value: str | None) -> tuple[date, datetime | None] | None:
    """(local date, aware datetime or None for a date-only value), or None if unparsable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        return parsed.date(), None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.date(), parsed


def same_day(pred: str | None, truth: str | None) -> bool:
    p, t = parse_when(pred), parse_when(truth)
    if p is None or t is None:
        return False
    if p[1] is not None and t[1] is not None and p[1].astimezone(timezone.utc).date() == t[1].astimezone(timezone.utc).date():
        return True
    return p[0] == t[0]


def same_instant(pred: str | None, truth: str | None) -> bool:
    p, t = parse_when(pred), parse_when(truth)
    return bool(p and t and p[1] and t[1] and abs(p[1] - t[1]) <= INSTANT_TOLERANCE)


def authors_f1(pred: Iterable[str], truth: Iterable[str]) -> float:
    p = {normalize_name(n) for n in pred if normalize_text(n)}
    t = {normalize_name(n) for n in truth if normalize_text(n)}
    if not t:
        return 1.0 if not p else 0.0
    hits = len(p & t)
    return 2 * hits / (len(p) + len(t)) if hits else 0.0


@dataclass(frozen=True)
class MetaScores:
    title_exact: float
    published_day: float
    published_instant: float
    authors_f1: float
    pages: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "title_exact": self.title_exact,
            "published_day": self.published_day,
            "published_instant": self.published_instant,
            "authors_f1": self.authors_f1,
            "pages": self.pages,
        }


def _share(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def metadata_scores(predictions: Mapping[str, Mapping], truths: Mapping[str, Mapping]) -> MetaScores:
    """Scores over the pages in ``predictions`` (page id -> record with title/published/authors)."""
    titles, days, instants, authors = [], [], [], []
    for page_id, pred in predictions.items():
        truth = truths[page_id]
        if normalize_text(truth.get("title")):
            titles.append(float(normalize_text(pred.get("title")) == normalize_text(truth["title"])))
        if truth.get("published"):
            days.append(float(same_day(pred.get("published"), truth["published"])))
            instants.append(float(same_instant(pred.get("published"), truth["published"])))
        authors.append(authors_f1(pred.get("authors") or [], truth.get("authors") or []))
    return MetaScores(_share(titles), _share(days), _share(instants), _share(authors), len(predictions))

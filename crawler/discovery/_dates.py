"""Dates as feeds and sitemaps write them: ISO 8601 / W3C datetime, or RFC 822."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


def parse_date(text: str | None) -> datetime | None:
    """``text`` as an aware UTC datetime (naive means UTC), or None when it is not a date."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)

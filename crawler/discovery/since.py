"""``since=``: how far back a crawl looks, as a point in time."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# 30m, 36h, 2d, 1w: a count and a unit.
RELATIVE = re.compile(r"^(\d+)\s*([mhdw])$")
UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
ACCEPTED = (
    "expected a duration (30m, 36h, 2d, 1w: a positive number of minutes, hours, days or weeks), "
    "an ISO date (2026-11-20: from the start of that day, UTC) "
    "or an ISO datetime (2026-11-20T06:00:00+01:00; without an offset it is UTC)"
)


def _bad(value: str) -> ValueError:
    return ValueError(f"bad since value {value!r}: {ACCEPTED}")


def parse_since(value: str, now: datetime) -> datetime:
    """The UTC moment ``value`` names; ``now`` (timezone-aware) anchors durations."""
    if now.tzinfo is None:
        raise ValueError("parse_since: 'now' must be timezone-aware")
    text = value.strip()
    relative = RELATIVE.match(text.lower())
    if relative:
        count, unit = int(relative.group(1)), UNITS[relative.group(2)]
        if count == 0:
            raise _bad(value)
        try:
            return (now - timedelta(**{unit: count})).astimezone(timezone.utc)
        except OverflowError:  # further back than datetime.min
            raise _bad(value) from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _bad(value) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)

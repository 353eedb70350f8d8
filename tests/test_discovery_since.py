"""discovery.since: the since= argument as a UTC moment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.discovery import parse_since

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("value", "ago"), [
    ("30m", timedelta(minutes=30)),
    ("36h", timedelta(hours=36)),
    ("2d", timedelta(days=2)),
    ("1w", timedelta(weeks=1)),
    (" 2D ", timedelta(days=2)),
])
def test_durations_count_back_from_now(value, ago):
    assert parse_since(value, NOW) == NOW - ago


@pytest.mark.parametrize(("value", "moment"), [
    ("2026-11-20", datetime(2026, 11, 20, tzinfo=timezone.utc)),
    ("2026-11-20T06:00:00+01:00", datetime(2026, 11, 20, 5, tzinfo=timezone.utc)),
    ("2026-11-20T06:00:00Z", datetime(2026, 11, 20, 6, tzinfo=timezone.utc)),
    ("2026-11-20T06:00:00", datetime(2026, 11, 20, 6, tzinfo=timezone.utc)),  # naive is UTC
])
def test_iso_dates_and_datetimes(value, moment):
    result = parse_since(value, NOW)
    assert result == moment
    assert result.tzinfo == timezone.utc


def test_result_is_utc_whatever_now_is():
    berlin_now = NOW.astimezone(timezone(timedelta(hours=1)))
    assert parse_since("2d", berlin_now).utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", ["", "yesterday", "2", "2x", "0d", "-2d", "2.5d", "2026-13-01", "99999999999d"])
def test_bad_values_say_what_is_accepted(value):
    with pytest.raises(ValueError) as info:
        parse_since(value, NOW)
    message = str(info.value)
    assert repr(value) in message
    for accepted in ("30m", "36h", "2d", "1w", "2026-11-20", "UTC"):
        assert accepted in message


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_since("2d", datetime(2026, 11, 25))

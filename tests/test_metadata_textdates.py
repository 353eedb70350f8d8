"""cleaners.metadata.textdates: the time a page writes beside its publication day."""

from __future__ import annotations

from datetime import date, time

import pytest

from cleaners.extract import parse_html
from cleaners.metadata.textdates import time_written_beside
from tests.meta_helpers import meta
from tests.test_metadata_dates import dating

DAY = date(2025, 3, 3)


def written(text: str, day: date = DAY) -> time | None:
    return time_written_beside(parse_html(f"<html><body><h1>Headline</h1><p>{text}</p></body></html>"), day)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Veröffentlicht am 3. März 2025, 14:05 Uhr", time(14, 5)),
        ("Stand: 03.03.2025 14:05 Uhr", time(14, 5)),
        ("Mo 03.03.25 | 14:07 Uhr | Von Eva Kirchner", time(14, 7)),
        ("Publié le 3 mars 2025 à 14h05", time(14, 5)),
        ("Publicado el 3 de marzo de 2025 a las 14:05 CET", time(14, 5)),
        ("Pubblicato il 3 marzo 2025 - 14:05", time(14, 5)),
        ("3 maart 2025, 14:05", time(14, 5)),
        ("03/03/2025 14h05", time(14, 5)),
        ("March 3, 2025 at 2:05 p.m. ET", time(14, 5)),
        ("March 3, 2025 12:30 AM", time(0, 30)),
        ("Updated 2025-03-03 09:15", time(9, 15)),
    ],
)
def test_the_time_beside_the_day_in_many_languages(text, expected):
    assert written(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Veröffentlicht am 3. März 2025",  # no time
        "Veröffentlicht am 4. März 2025, 14:05 Uhr",  # another day: another story's
        "3. März 2025: 15.000 Besucher kamen",  # a number, not a time
        "3 March 2025 rain fell for 12 hours",
        "March 3, 2025 at 13:05 p.m.",  # not a time of day
    ],
)
def test_no_time_unless_it_is_written_beside_that_day(text):
    assert written(text) is None


def test_a_date_only_publication_day_gets_the_written_time_in_the_pages_local_zone():
    head = meta("article:published_time", "2025-03-03")
    body = "<h1>Headline</h1><p>Veröffentlicht am 3. März 2025, 14:05 Uhr</p>"
    stamp = dating(head, body=body).published
    assert (stamp.iso(), stamp.source) == ("2025-03-03T14:05:00", "text")
    local = '<aside><time datetime="2025-03-01T08:00:00+01:00">1. März</time></aside>'
    assert dating(head, body=body + local).published.iso() == "2025-03-03T14:05:00+01:00"
    utc = '<aside><time datetime="2025-03-01T08:00:00Z">1. März</time></aside>'
    assert dating(head, body=body + utc).published.iso() == "2025-03-03T14:05:00"  # "Z" says nothing of the site's zone
    timed = meta("article:published_time", "2025-03-03T10:00:00+01:00")
    assert dating(timed, body=body).published.iso() == "2025-03-03T10:00:00+01:00"  # a stated time is kept

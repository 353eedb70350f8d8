"""Publication and modification times, from the most to the least trustworthy signal.

Order: JSON-LD, article meta tags, ``<time>`` elements, a date the caller knows from a feed or
news sitemap, trafilatura's date guess, a date in the URL. A value with a time wins over an
earlier date-only value of the same day; failing that, a time the page writes beside that day
(source "text"). A date after the fetch time, or far from the
feed/sitemap date, is rejected (and reported) rather than trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Callable

from lxml.html import HtmlElement

from .signals import Signals
from .textdates import time_written_beside

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "dc.date", "date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")
# Not another story's date: not inside a link (a teaser card), a related-stories box or page chrome.
# (Not "teaser" classes: a story's own standfirst box is its "teaser-textbox".)
_OURS = (
    "[not(ancestor::a or ancestor::nav or ancestor::footer or ancestor::aside)]"
    "[not(ancestor::*[not(self::body or self::html or self::main)][contains(@class, 'related')])]"
)
_TIME_XPATH = (
    f"//time[@datetime][@itemprop='datePublished' or @pubdate]{_OURS}",
    # In the article that holds the headline; in any article only when the headline is in none
    # (teaser cards are articles too, beside a story set in <div>s).
    f"//article[.//h1]//time[@datetime]{_OURS} | //article[not(//h1)]//time[@datetime]{_OURS}",
    # Outside the articles: not in a page's top bar (today's date).
    f"//time[@datetime][not(ancestor::article or ancestor::header)]{_OURS}",
)
# A page date this far from the feed/sitemap date is a different event (or a parsing accident).
MAX_HINT_DISTANCE = timedelta(days=2)
# Clock skew allowed between the site and us before a date counts as "in the future".
FUTURE_SLACK = timedelta(hours=1)
# Offsets from UTC run from -12:00 to +14:00, in steps of a quarter of an hour (+05:45 Nepal).
MAX_UTC_OFFSET = timedelta(hours=14)
ZONE_STEP = timedelta(minutes=15)
ZONE_TIMES = 5  # <time> elements read for the site's offset when the story's own times state none


@dataclass(frozen=True)
class Stamp:
    value: datetime | date
    source: str

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, datetime)

    @property
    def day(self) -> date:
        return self.value.date() if isinstance(self.value, datetime) else self.value

    def iso(self) -> str:
        return self.value.isoformat()

    def as_utc(self) -> datetime:
        if isinstance(self.value, datetime):
            return self.value if self.value.tzinfo else self.value.replace(tzinfo=timezone.utc)
        return datetime(self.value.year, self.value.month, self.value.day, tzinfo=timezone.utc)


def parse_stamp(value: object, source: str) -> Stamp | None:
    """ISO 8601 (with or without time/offset) or RFC 822; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if len(text) <= 10 and parsed.hour == parsed.minute == 0:
        return Stamp(parsed.date(), source)
    return Stamp(parsed, source)


def _stated(tree: HtmlElement, signals: Signals) -> list[Stamp]:
    """Dates the page states, most trustworthy first."""
    raw: list[tuple[object, str]] = [(v, "json-ld") for v in signals.article_values("datePublished")]
    raw += [(v, "meta") for v in signals.all(*PUBLISHED_META)]
    raw += [(v, "json-ld") for v in signals.article_values("dateCreated")]  # a draft's date, at times
    for xpath in _TIME_XPATH:
        raw += [(t.get("datetime"), "time") for t in tree.xpath(xpath)[:1]]
    return [s for s in (parse_stamp(v, source) for v, source in raw) if s]


def _guessed(url: str | None, guess: Callable[[], str | None]) -> list[Stamp]:
    """Dates inferred when the page states none: htmldate's search, then a date in the URL."""
    stamps = [s for s in (parse_stamp(guess(), "htmldate"),) if s]
    match = _URL_DATE.search(url or "")
    if match:
        try:
            stamps.append(Stamp(date(*map(int, match.groups())), "url"))
        except ValueError:
            pass
    return stamps


@dataclass(frozen=True)
class Dating:
    published: Stamp | None
    modified: Stamp | None
    rejected: tuple[str, ...]  # why candidate dates were not used, for the caller to log


def _usable(stamp: Stamp, fetched_at: datetime | None, hint: Stamp | None, rejected: list[str]) -> bool:
    if fetched_at is not None and stamp.as_utc() > fetched_at + FUTURE_SLACK:
        rejected.append(f"{stamp.source} date {stamp.iso()} is after the fetch time {fetched_at.isoformat()}")
        return False
    if hint is not None and abs(stamp.as_utc() - hint.as_utc()) > MAX_HINT_DISTANCE:
        rejected.append(f"{stamp.source} date {stamp.iso()} is far from the {hint.source} date {hint.iso()}")
        return False
    return True


def _zone(stamps: list[Stamp]) -> tzinfo | None:
    return next((s.value.tzinfo for s in stamps if s.has_time and s.value.tzinfo is not None), None)


def _in_page_zone(stamps: list[Stamp], elsewhere: Callable[[], list[Stamp]]) -> list[Stamp]:
    """Times stated without offset take the offset the page states on another of its times — its
    own, else any on the page (``elsewhere()``, asked only then): a site writes all its times in one zone."""
    if not any(s.has_time and s.value.tzinfo is None for s in stamps):
        return stamps
    zone = _zone(stamps) or _zone(elsewhere())
    if zone is None:
        return stamps
    return [Stamp(s.value.replace(tzinfo=zone), s.source) if s.has_time and s.value.tzinfo is None else s for s in stamps]


def _same_instant_elsewhere(candidates: list[Stamp]) -> list[Stamp]:
    """A publication time stated without offset that is another publication time stated with one,
    read in some time zone ("10:00" beside "08:00Z": 10:00 at +02:00), is that instant. Only then
    would borrowing the other's offset be wrong by the difference."""
    aware = [s.value for s in candidates if s.has_time and s.value.tzinfo is not None]

    def instant(stamp: Stamp) -> Stamp:
        if not stamp.has_time or stamp.value.tzinfo is not None:
            return stamp
        for other in aware:
            shift = stamp.value - other.astimezone(timezone.utc).replace(tzinfo=None)
            if abs(shift) <= MAX_UTC_OFFSET and shift % ZONE_STEP == timedelta(0):
                return Stamp(other, stamp.source)
        return stamp

    return [instant(s) for s in candidates]


def _with_written_time(
    tree: HtmlElement, day: Stamp, page_times: Callable[[], list[Stamp]], fetched_at: datetime | None, rejected: list[str]
) -> Stamp:
    """The day with the time the page writes beside it ("13. Mai 2026 um 15:44"), if any."""
    written = time_written_beside(tree, day.day)
    if written is None:
        return day
    # A local time written for readers: in the zone of the page's other local times; one in UTC
    # ("…Z") says nothing about where the site is.
    (timed,) = _in_page_zone(
        [Stamp(datetime.combine(day.day, written), "text")],
        lambda: [s for s in page_times() if s.has_time and s.value.utcoffset()],
    )
    return timed if _usable(timed, fetched_at, None, rejected) else day


def date_article(
    tree: HtmlElement,
    signals: Signals,
    *,
    url: str | None,
    guess: Callable[[], str | None],
    fetched_at: datetime | None = None,
    hint: Stamp | None = None,
) -> Dating:
    """``guess()`` (htmldate) is only called when neither the page nor the hint gives a date."""
    rejected: list[str] = []
    modified_raw = [*signals.article_values("dateModified"), *signals.all(*MODIFIED_META)]
    stated = _same_instant_elsewhere(_stated(tree, signals))

    @cache  # read only when a time needs the page's offset
    def page_times() -> list[Stamp]:
        return [s for s in (parse_stamp(t.get("datetime"), "time") for t in tree.xpath("//time[@datetime]")[:ZONE_TIMES]) if s]

    stamps = _in_page_zone(stated + [s for s in (parse_stamp(v, "modified") for v in modified_raw) if s], page_times)
    candidates, modified_all = stamps[: len(stated)], stamps[len(stated) :]
    if hint is not None and not _usable(hint, fetched_at, None, rejected):
        hint = None
    ordered = [s for s in candidates if _usable(s, fetched_at, hint, rejected)]
    if hint is not None:  # below what the page states, above guesses
        ordered.append(hint)
    if not ordered:
        ordered = [s for s in _guessed(url, guess) if _usable(s, fetched_at, None, rejected)]
    published = None
    for stamp in ordered:
        if published is None:
            published = stamp
        elif not published.has_time and stamp.has_time and stamp.day == published.day:
            published = stamp
            break
        if published.has_time:
            break
    if published is not None and not published.has_time:
        published = _with_written_time(tree, published, page_times, fetched_at, rejected)
    modified = modified_all[0] if modified_all else None
    if modified is not None and fetched_at is not None and modified.as_utc() > fetched_at + FUTURE_SLACK:
        rejected.append(f"modified date {modified.iso()} is after the fetch time")
        modified = None
    return Dating(published, modified, tuple(rejected))

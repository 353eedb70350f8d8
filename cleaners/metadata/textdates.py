"""The time of day a page writes beside its publication day ("Veröffentlicht am 13. Mai 2026 um
15:44", "Publié le 3 mars 2025 à 14h05", "Do 25.04.24 | 14:07 Uhr") when its markup gives the day
alone. Only that day's mentions are read, so another story's date on the page is not taken."""

from __future__ import annotations

import re
from datetime import date, time

from lxml.html import HtmlElement

MONTHS = (
    "jan(?:uary|uar|vier)?|jänner|enero|ene|gennaio|gen|janeiro|januari",
    "feb(?:ruary|ruar|braio|brero|ruari)?|février|févr?|fevereiro|fev",
    "mar(?:ch|s|zo|ço|et)?|märz|mär|maart|mrt",
    "apr(?:il|ile|il)?|avril|avr|abril|abr",
    "may|mai|mayo|maggio|mag|maio|mei",
    "june?|juni|juin|junio|giugno|giu|junho|jun",
    "july?|juli|juillet|juil|julio|luglio|lug|julho",
    "aug(?:ust|ustus)?|août|agosto|ago",
    "sep(?:tember|t|tembre|tiembre|tembro)?|setembro|settembre|set",
    "oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|ott|outubro|out",
    "nov(?:ember|embre|iembre|embro)?",
    "dec(?:ember|embre)?|dez(?:ember|embro)?|déc(?:embre)?|diciembre|dic|dicembre|december",
)
# Between the day and its time: a comma, a bar, "um", "à", "a las", "alle", "às", "at", "om", "kl."
_GAP = r"(?:\s|,|\||·|•|-|–|—|um|à|a las|alle|às|at|om|kl\.?)*"
_TIME = r"(?P<hour>\d{1,2})\s?[:h.]\s?(?P<minute>[0-5]\d)(?!\d)(?:\s*(?P<half>[ap])\.?\s?m\b\.?)?"
MAX_TEXT_CHARS = 200_000  # where a page states its date: far above what any page puts before its story


def _day_patterns(day: date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    month = MONTHS[m - 1]
    return [
        rf"(?<!\d)0?{d}\.\s?0?{m}\.\s?(?:{y}|{y % 100:02d})(?!\d)",  # 13.05.2026, 25.04.24
        rf"(?<!\d)0?{d}[/-]0?{m}[/-]{y}(?!\d)",  # 13/05/2026, 13-05-2026
        rf"(?<!\d){y}-0?{m}-0?{d}(?!\d)",
        rf"(?<!\d)0?{d}(?:\.|er)?\s+(?:de\s+)?(?:{month})\.?\s+(?:de\s+)?{y}(?!\d)",  # 13. Mai 2026, 3 de marzo de 2025
        rf"\b(?:{month})\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}(?!\d)",  # May 13, 2026
    ]


def time_written_beside(tree: HtmlElement, day: date) -> time | None:
    """The first time of day written right after a mention of ``day`` in the page's text."""
    body = tree.find("body")
    if body is None:
        return None
    text = " ".join(t for t in body.xpath(".//text()[not(ancestor::script or ancestor::style)]"))[:MAX_TEXT_CHARS]
    pattern = re.compile(rf"(?:{'|'.join(_day_patterns(day))}){_GAP}{_TIME}", re.IGNORECASE)
    for match in pattern.finditer(text):
        hour, minute = int(match["hour"]), int(match["minute"])
        if match["half"]:
            if hour > 12:
                continue
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
        if hour < 24:
            return time(hour, minute)
    return None

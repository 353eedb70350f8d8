"""The article's HTML as a script-rendered page carries it in its script data.

Some sites send an empty shell and let the browser render the story from data in the page:
Next.js (``self.__next_f.push([1, "…"])`` flight data, ``<script id="__NEXT_DATA__">``), Nuxt,
other ``<script type="application/json">`` state, and state a script assigns as JSON
(``window.__APOLLO_STATE__ = {…};``). There the story's HTML is one string
among the data. When trafilatura finds no body in the markup, the string with the most paragraph
text (several paragraphs, a few lines of text at least) is taken as the article's HTML and
extracted as a page of its own. Other strings of HTML there are teasers, captions or the
templates of widgets: a paragraph or two, or paragraphs of a few words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from .extract import parse_html
from .text import read_json, strip_tags

BODY_SOURCE_SCRIPT = "script"
MIN_PARAGRAPHS = 3  # one or two <p> in a string are a teaser's summary or a caption
MIN_PARAGRAPH_CHARS = 300  # of text in them: less is a widget's template (a paywall's, a form's)
# Of the paragraph text in all strings of two paragraphs or more: with less, the story is split over
# several strings, or the data holds several stories (a section's feed), and no one string is the article.
MIN_SHARE = 2 / 3
MAX_SCRIPT_CHARS = 5_000_000  # state this large is a whole catalogue, not one story's page
_FLIGHT_PUSH = "self.__next_f.push("
# A script that is one assignment of a JSON object or array: "window.__INITIAL_STATE__ = {…};".
_STATE_ASSIGNMENT = re.compile(r"(?:window\.|var\s+|let\s+|const\s+)?[\w$.]+\s*=\s*(?=[\[{])")
# A row of Next.js flight data: an id, a colon, then a JSON value up to the line's end ("5:[…]",
# "a3:I[…]", ":HL[…]", "7:null"), or a text row ("24:T1b7b,") whose raw text runs for that many
# UTF-8 bytes. The stream is cut into pushes anywhere, also inside a row.
_ROW = re.compile(r"([0-9a-f]*):(?:T([0-9a-f]+),|[A-Z]*(?=[\[{\"]|null\b|true\b|false\b|-?\d))")
# A paragraph's inner HTML stops at the next <p> or </p>: each match reads only as far as that, so an
# unclosed <p> repeated on and on costs a pass over the string, not a pass per <p>.
_PARAGRAPH = re.compile(r"<p\b[^<>]*>([^<]*(?:<(?!/?p\b)[^<]*)*)</p\s*>", re.IGNORECASE)


def _strings(value: object) -> Iterator[str]:
    """Every string in a decoded JSON value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _text_row(stream: str, start: int, size: int) -> str:
    """The text of a row ``size`` UTF-8 bytes long from ``start``; a character the count cuts is left out."""
    encoded = stream[start : start + size].encode()[:size]
    return encoded.decode(errors="ignore")  # only the cut character can be incomplete


def _flight_strings(stream: str) -> Iterator[str]:
    """The strings of the flight data's rows; a row of a kind not read here is skipped to its line's end."""
    pos = 0
    while pos < len(stream):
        row = _ROW.match(stream, pos)
        if row is not None and row.group(2):
            text = _text_row(stream, row.end(), int(row.group(2), 16))
            yield text
            pos = row.end() + len(text)
            continue
        line_end = stream.find("\n", pos)
        line_end = len(stream) if line_end < 0 else line_end
        if row is not None:
            yield from _strings(read_json(stream[row.end() : line_end]))
        pos = line_end + 1


def _script_strings(tree: HtmlElement) -> Iterator[str]:
    flight = []
    for script in tree.iter("script"):
        text = (script.text or "").strip()
        if script.get("src") or not text or len(text) > MAX_SCRIPT_CHARS:
            continue
        if (script.get("type") or "").strip().lower() == "application/json":
            yield from _strings(read_json(text))
        elif state := _STATE_ASSIGNMENT.match(text):
            yield from _strings(read_json(text[state.end() :].rstrip(";").rstrip()))
        elif text.startswith(_FLIGHT_PUSH) and (call := text.rstrip(";").rstrip()).endswith(")"):
            chunk = read_json(call[len(_FLIGHT_PUSH) : -1])
            if isinstance(chunk, list) and len(chunk) == 2 and chunk[0] == 1 and isinstance(chunk[1], str):
                flight.append(chunk[1])  # [1, text]: a piece of the stream; other kinds carry no rows
    yield from _flight_strings("".join(flight))


def _paragraph_chars(html: str) -> tuple[int, int]:
    """How many non-empty paragraphs ``html`` has, and their characters of text."""
    texts = [text for inner in _PARAGRAPH.findall(html) if (text := strip_tags(inner).strip())]
    return len(texts), sum(map(len, texts))


def embedded_article_html(tree: HtmlElement) -> str | None:
    """The string of HTML in the page's script data with the most paragraph text — at least
    ``MIN_PARAGRAPHS`` paragraphs of ``MIN_PARAGRAPH_CHARS`` together, and ``MIN_SHARE`` of the
    text of all strings of two paragraphs or more — or None."""
    counted: dict[str, tuple[int, int]] = {}  # a string the data repeats counts once
    for string in _script_strings(tree):
        if string not in counted and ("<p" in string or "<P" in string):
            counted[string] = _paragraph_chars(string)
    total = sum(chars for paragraphs, chars in counted.values() if paragraphs >= 2)
    eligible = [string for string, (paragraphs, _) in counted.items() if paragraphs >= MIN_PARAGRAPHS]
    best = max(eligible, key=lambda string: counted[string][1], default=None)
    if best is None or counted[best][1] < max(MIN_PARAGRAPH_CHARS, MIN_SHARE * total):
        return None
    return best


def embedded_article_page(tree: HtmlElement) -> HtmlElement | None:
    """The article's HTML from the page's script data as a page of its own, or None."""
    fragment = embedded_article_html(tree)
    if fragment is None:
        return None
    return parse_html(f"<html><body><article>{fragment}</article></body></html>")

"""The article's HTML as a script-rendered page carries it in its script data.

Some sites send an empty shell and let the browser render the story from data in the page:
Next.js (``self.__next_f.push([1, "…"])`` flight data, ``<script id="__NEXT_DATA__">``), Nuxt,
and other ``<script type="application/json">`` state. There the story's HTML is one string
among the data. When trafilatura finds no body in the markup, the string with the most paragraph
text (several paragraphs, a few lines of text at least) is taken as the article's HTML and
extracted as a page of its own. Other strings of HTML there are teasers, captions or the
templates of widgets: a paragraph or two, or paragraphs of a few words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from .extract import parse_html

BODY_SOURCE_SCRIPT = "script"
MIN_PARAGRAPHS = 3  # one or two <p> in a string are a teaser's summary or a caption
MIN_PARAGRAPH_CHARS = 300  # of text in them: less is a widget's template (a paywall's, a form's)
MAX_SCRIPT_CHARS = 5_000_000  # state this large is a whole catalogue, not one story's page
_NEXT_FLIGHT = re.compile(r"^\s*self\.__next_f\.push\((.*)\)\s*;?\s*$", re.DOTALL)
# A row of Next.js flight data: an id, a colon, then JSON ("5:[…]", "a3:I[…]", ":HL[…]") up to the
# line's end, or a text row ("24:T1b7b,") whose raw text runs for that many bytes — or comes as a
# payload of its own.
_ROW = re.compile(r"([0-9a-f]*):(?:T([0-9a-f]+),|[A-Z]*(?=[\[{\"]))")
# A paragraph's inner HTML stops at the next <p> or </p>: each match reads only as far as that, so an
# unclosed <p> repeated on and on costs a pass over the string, not a pass per <p>.
_PARAGRAPH = re.compile(r"<p\b[^<>]*>([^<]*(?:<(?!/?p\b)[^<]*)*)</p\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


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


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON after all, or nested past what json can read
        return None


def _flight_strings(payload: str) -> Iterator[str]:
    """The strings of a payload's rows; a payload that is no rows is a text row's raw text."""
    if not _ROW.match(payload):
        yield payload
        return
    pos = 0
    while (row := _ROW.match(payload, pos)) is not None:
        if row.group(2):  # a text row: its length is in UTF-8 bytes
            size = int(row.group(2), 16)
            text = payload[row.end() : row.end() + size].encode()[:size].decode(errors="ignore")
            yield text
            pos = row.end() + len(text)
        else:
            line_end = payload.find("\n", row.end())
            line_end = len(payload) if line_end < 0 else line_end
            yield from _strings(_json(payload[row.end():line_end]))
            pos = line_end + 1


def _script_strings(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iter("script"):
        text = script.text or ""
        if script.get("src") or not text.strip() or len(text) > MAX_SCRIPT_CHARS:
            continue
        if (script.get("type") or "").strip().lower() == "application/json":
            yield from _strings(_json(text))
        elif (flight := _NEXT_FLIGHT.match(text)) is not None:
            chunk = _json(flight.group(1))
            for payload in chunk if isinstance(chunk, list) else ():
                if isinstance(payload, str):
                    yield from _flight_strings(payload)


def _paragraph_texts(html: str) -> list[str]:
    return [text for inner in _PARAGRAPH.findall(html) if (text := _TAG.sub("", inner).strip())]


def embedded_article_html(tree: HtmlElement) -> str | None:
    """The string of HTML in the page's script data with the most paragraph text — at least
    ``MIN_PARAGRAPHS`` paragraphs of ``MIN_PARAGRAPH_CHARS`` together — or None."""
    best, best_chars = None, MIN_PARAGRAPH_CHARS - 1
    for string in _script_strings(tree):
        if "<p" not in string and "<P" not in string:
            continue
        paragraphs = _paragraph_texts(string)
        chars = sum(map(len, paragraphs))
        if len(paragraphs) >= MIN_PARAGRAPHS and chars > best_chars:
            best, best_chars = string, chars
    return best


def embedded_article_page(tree: HtmlElement) -> HtmlElement | None:
    """The article's HTML from the page's script data as a page of its own, or None."""
    fragment = embedded_article_html(tree)
    return parse_html(f"<html><body><article>{fragment}</article></body></html>") if fragment else None

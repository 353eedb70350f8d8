"""Small text helpers with no heavy imports: the crawl process uses them without loading trafilatura."""

from __future__ import annotations

import json
import re

_SPACES = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# A tag ends at the next "<" too: an unclosed one stays text, and a string of stray "<"s is read
# once, not once per "<" ("x < y and y > z" keeps its comparison).
_TAG = re.compile(r"<[a-zA-Z/!?][^<>]*>")


def strip_tags(markup: str) -> str:
    """The text of a string of HTML, tags dropped (entities are left as they are)."""
    return _TAG.sub("", markup)


# JSON may escape half a character ("\ud800" alone, where "\ud83d\ude00" is an emoji): decoded, it
# is a string no encoder, parser or feed exporter takes.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(value: object) -> object:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_whole_characters(item) for item in value]
    if isinstance(value, dict):
        return {_whole_characters(key): _whole_characters(item) for key, item in value.items()}
    return value


def read_json(text: str) -> object:
    """The decoded value, half characters replaced by U+FFFD; None for broken JSON, or JSON
    nested deeper than the decoder goes."""
    try:
        value = json.loads(text)
        return _whole_characters(value) if _SURROGATE_ESCAPE.search(text) else value
    except (ValueError, RecursionError):
        return None


# Scripts written without spaces between words that are counted here: Han and kana (full- and
# half-width). Thai, Lao, Khmer and Burmese are unspaced too but still count by spaces.
UNSPACED_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")
_SPACED_WORD = re.compile(f"[^\\W{UNSPACED_CHARS}]+")
CHARS_PER_UNSPACED_WORD = 2  # a Japanese or Chinese word is about two characters


def count_words(text: str) -> int:
    """Runs of word characters, and for Han and kana one word per two characters."""
    unspaced = len(_UNSPACED.findall(text))
    return len(_SPACED_WORD.findall(text)) + -(-unspaced // CHARS_PER_UNSPACED_WORD)


def has_unspaced(text: str) -> bool:
    return _UNSPACED.search(text) is not None


# Lower-case words inside a person's name ("Ursula von der Leyen", "José Ortega y Gasset", "Mohammed
# bin Salman"); another lower-case word makes a role or a place ("Jane Doe, corresponsal en Bruselas").
NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "del", "della", "dei", "degli", "di", "du", "des", "dos", "das", "do",
    "ter", "ten", "zu", "le", "la", "al", "el", "bin", "ben", "ibn", "y", "e", "i",
})

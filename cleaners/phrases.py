"""Prompt vocabulary, one TOML file per language under ``data/phrases/``.

Each file has tables named after phrase families (``newsletter``, ``share`` …) with two lists:
``strong`` — phrases that on their own mark a block as that kind of boilerplate — and
``terms`` — vocabulary that only counts together with other evidence. The ``reader`` table lists
words that address the reader ("you", "Sie", "vous"), which prompts do and reporting rarely does.
Entries are regular expressions, matched case-insensitively on whole words (an entry ending in
``? ! . : > »`` or a space may run into the next word, as glued labels do); wrap a part in
``(?-i:…)`` to make it case-sensitive (German "Sie" versus "sie"). An entry with Japanese or Chinese
characters is matched anywhere, as those scripts put no spaces between words. Adding a language is
adding a file: every family is merged across all files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .needed_words import entry_words, text_words
from .text import has_unspaced
from .tomlfile import DataFileError, line_of, load_toml

PHRASES_DIR = Path(__file__).with_name("data") / "phrases"
_LIST_KEYS = ("strong", "terms")
_WORD_CHARS = re.compile(r"\w")


class VocabularyError(DataFileError):
    """A phrase file is malformed; the message names the file and, where known, the line."""


@dataclass(frozen=True)
class Phrases:
    """One list of a family, compiled. Most texts hold none of the words its entries need, and
    for those only the entries that need none can match: ``rest`` finds exactly what ``pattern``
    would, without trying every alternative at every word."""

    pattern: re.Pattern[str]
    needed: frozenset[str]  # a match of any other entry holds one of these as a whole word
    rest: re.Pattern[str] | None  # the entries that need no word, in the same order

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self.rest if self.needed.isdisjoint(text_words(text)) else self.pattern
        return pattern.finditer(text) if pattern else iter(())


@dataclass(frozen=True)
class Family:
    name: str
    strong: Phrases | None
    terms: Phrases | None

    def strong_hits(self, text: str) -> list[str]:
        return _hits(self.strong, text)

    def strong_matches(self, text: str) -> Iterator[re.Match[str]]:
        return self.strong.finditer(text) if self.strong else iter(())

    def term_hits(self, text: str) -> set[str]:
        return {hit.lower() for hit in _hits(self.terms, text)}

    def term_coverage(self, text: str) -> float:
        """Share of the text's word characters inside term matches."""
        total = len(_WORD_CHARS.findall(text))
        if not total or self.terms is None:
            return 0.0
        covered = sum(len(_WORD_CHARS.findall(m.group(0))) for m in self.terms.finditer(text))
        return covered / total


def _hits(phrases: Phrases | None, text: str) -> list[str]:
    return [m.group(0) for m in phrases.finditer(text)] if phrases else []


def _alternation(entries: list[str]) -> str:
    # Longest first so alternation reports the most specific phrase.
    return "|".join(f"(?:{e})" for e in sorted(entries, key=len, reverse=True))


def _pattern(spaced: list[str], unspaced: list[str]) -> re.Pattern[str] | None:
    # The word-boundary lookbehind comes first: it fails fast inside words, which keeps the scan quick.
    # The match must not stop inside a word, unless it ends in a closing mark of a label or a
    # sentence, which pages glue to the next word ("Fehler gefunden?Jetzt melden", ">>Mehr"), or
    # in a space (">> Mehr").
    parts = [rf"(?<!\w)(?:{_alternation(spaced)})(?:(?<=[?!.:>»\s])|(?!\w))"] if spaced else []
    parts += [_alternation(unspaced)] if unspaced else []
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _compile(entries: list[str]) -> Phrases | None:
    spaced = [e for e in entries if not has_unspaced(e)]
    unspaced = [e for e in entries if has_unspaced(e)]
    pattern = _pattern(spaced, unspaced)
    if pattern is None:
        return None
    words = {e: entry_words(e) for e in spaced}
    needed = frozenset().union(*(w for w in words.values() if w is not None))
    return Phrases(pattern, needed, _pattern([e for e in spaced if words[e] is None], unspaced))


def _read_file(path: Path) -> dict[str, dict[str, list[str]]]:
    try:
        data, raw = load_toml(path)
    except DataFileError as exc:
        raise VocabularyError(str(exc)) from None
    families: dict[str, dict[str, list[str]]] = {}
    for family, table in data.items():
        if family == "language":
            continue
        if not isinstance(table, dict):
            raise VocabularyError(f"{path}: '{family}' must be a table of phrase lists")
        for key, entries in table.items():
            where = f"{path}:{line_of(raw, key, table=family)}"
            if key not in _LIST_KEYS:
                raise VocabularyError(f"{where}: unknown key '{family}.{key}' (expected one of {_LIST_KEYS})")
            if not isinstance(entries, list) or not all(isinstance(e, str) and e for e in entries):
                raise VocabularyError(f"{where}: '{family}.{key}' must be a list of non-empty strings")
            for entry in entries:
                try:
                    re.compile(entry)
                except re.error as exc:
                    line = line_of(raw, entry, table=family)
                    raise VocabularyError(f"{path}:{line}: bad pattern {entry!r} in '{family}.{key}': {exc}") from None
            families.setdefault(family, {}).setdefault(key, []).extend(entries)
    return families


def load_vocabulary(directory: Path = PHRASES_DIR) -> dict[str, Family]:
    """Merge every ``*.toml`` in ``directory`` into one compiled :class:`Family` per name."""
    merged: dict[str, dict[str, list[str]]] = {}
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise VocabularyError(f"{directory}: no phrase files (*.toml)")
    for path in files:
        for family, lists in _read_file(path).items():
            for key, entries in lists.items():
                merged.setdefault(family, {}).setdefault(key, []).extend(entries)
    return {
        name: Family(
            name,
            strong=_compile(lists.get("strong", [])),
            terms=_compile(lists.get("terms", [])),
        )
        for name, lists in merged.items()
    }


@cache
def vocabulary() -> dict[str, Family]:
    """The bundled vocabulary, loaded and compiled once per process."""
    return load_vocabulary(PHRASES_DIR)

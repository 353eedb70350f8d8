"""Prompt vocabulary, one TOML file per language under ``data/phrases/``.

Each file has tables named after phrase families (``newsletter``, ``share`` …) with two lists:
``strong`` — phrases that on their own mark a block as that kind of boilerplate — and
``terms`` — vocabulary that only counts together with other evidence — and optionally ``links``,
fragments of link targets (``/newsletters``) that point to such a prompt. The ``reader`` table lists
words that address the reader ("you", "Sie", "vous"), which prompts do and reporting rarely does.
Entries are regular expressions, matched case-insensitively on whole words; wrap a part in
``(?-i:…)`` to make it case-sensitive (German "Sie" versus "sie"). Adding a language is adding a
file: every family is merged across all files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PHRASES_DIR = Path(__file__).with_name("data") / "phrases"
_LIST_KEYS = ("strong", "terms", "links")


class VocabularyError(ValueError):
    """A phrase file is malformed; the message names the file and, where known, the line."""


@dataclass(frozen=True)
class Family:
    name: str
    strong: re.Pattern[str] | None
    terms: re.Pattern[str] | None
    links: re.Pattern[str] | None = None

    def strong_hits(self, text: str) -> list[str]:
        return _hits(self.strong, text)

    def term_hits(self, text: str) -> set[str]:
        return {hit.lower() for hit in _hits(self.terms, text)}

    def links_to_it(self, targets: tuple[str, ...]) -> bool:
        return self.links is not None and any(self.links.search(t) for t in targets)


def _hits(pattern: re.Pattern[str] | None, text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)] if pattern else []


def _line_of(raw: str, needle: str) -> int | None:
    probe = needle[:30]
    for number, line in enumerate(raw.splitlines(), 1):
        if probe in line:
            return number
    return None


def _compile(entries: list[str], *, whole_words: bool = True) -> re.Pattern[str] | None:
    if not entries:
        return None
    # Longest first so alternation reports the most specific phrase.
    alternation = "|".join(f"(?:{e})" for e in sorted(entries, key=len, reverse=True))
    if whole_words:
        alternation = rf"(?<!\w)(?:{alternation})(?!\w)"
    return re.compile(alternation, re.IGNORECASE)


def _read_file(path: Path) -> dict[str, dict[str, list[str]]]:
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}: {exc}") from None
    families: dict[str, dict[str, list[str]]] = {}
    for family, table in data.items():
        if family == "language":
            continue
        if not isinstance(table, dict):
            raise VocabularyError(f"{path}: '{family}' must be a table of phrase lists")
        for key, entries in table.items():
            where = f"{path}:{_line_of(raw, key + ' =') or '?'}"
            if key not in _LIST_KEYS:
                raise VocabularyError(f"{where}: unknown key '{family}.{key}' (expected one of {_LIST_KEYS})")
            if not isinstance(entries, list) or not all(isinstance(e, str) and e for e in entries):
                raise VocabularyError(f"{where}: '{family}.{key}' must be a list of non-empty strings")
            for entry in entries:
                try:
                    re.compile(entry)
                except re.error as exc:
                    line = _line_of(raw, entry) or "?"
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
            links=_compile(lists.get("links", []), whole_words=False),
        )
        for name, lists in merged.items()
    }


@cache
def vocabulary() -> dict[str, Family]:
    """The bundled vocabulary, loaded and compiled once per process."""
    return load_vocabulary(PHRASES_DIR)

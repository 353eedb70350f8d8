"""The words a phrase entry's matches hold, so that texts without them skip it.

A phrase list is one alternation of regular expressions, and re tries every alternative at every
word of a text. Most entries need a word ("sign up" needs "sign"); a text holding none of a list's
needed words can only match the entries that need none (:class:`cleaners.phrases.Phrases`). The
entries are read with re's own parser (``re._parser``, as in Python 3.11 to 3.13); what it cannot
read needs no word, which is always safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _c, _parser

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_NON_WORD_CATEGORIES = (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
_INSIDE_WORDS = (_c.AT_NON_BOUNDARY, _c.AT_LOC_NON_BOUNDARY, _c.AT_UNI_NON_BOUNDARY)

# Matched case-insensitively, "İ", "ı", "I" and "i" are one letter; case-folded they are not.
_SAME_I = str.maketrans({"ı": "i"})
_WORD = re.compile(r"\w+")
MAX_SPELLINGS = 32  # "(?:sign|log)(?:ed|ging) in": words spelled out beyond this are not worth it


def _folded(text: str) -> str:
    return text.casefold().replace("i\u0307", "i").translate(_SAME_I)


@lru_cache(maxsize=512)  # a page asks about a few dozen texts, each many times
def text_words(text: str) -> frozenset[str]:
    """The text's words, folded as :func:`entry_words` folds an entry's."""
    return frozenset(_WORD.findall(_folded(text)))


def _is_word_char(code: int) -> bool:
    return _WORD.fullmatch(chr(code)) is not None


def _is_separator(op: object, av: object) -> bool:
    """Always matches at least one non-word character, or a position no word runs across."""
    if op is _c.LITERAL:
        return not _is_word_char(av)  # type: ignore[arg-type]
    if op is _c.AT:
        return av not in _INSIDE_WORDS
    if op is _c.IN:
        return all(
            (kind is _c.LITERAL and not _is_word_char(value)) or (kind is _c.CATEGORY and value in _NON_WORD_CATEGORIES)
            for kind, value in av  # type: ignore[union-attr]
        )
    if op in _REPEATS:
        low, _, item = av  # type: ignore[misc]
        return low >= 1 and len(item) == 1 and _is_separator(*item[0])
    return any(op is kind for kind in (_c.SUBPATTERN, _c.BRANCH)) and all(
        len(b) == 1 and _is_separator(*b[0]) for b in _branches(op, av)
    )


def _branches(op: object, av: object) -> list:
    """The alternatives of a group or a branch, each a list of items."""
    group = list(av[-1]) if op is _c.SUBPATTERN else [(op, av)]  # type: ignore[index]
    return [list(b) for b in group[0][1][1]] if len(group) == 1 and group[0][0] is _c.BRANCH else [group]


def _zero_width(op: object) -> bool:
    return op is _c.ASSERT or op is _c.ASSERT_NOT


def _may_be_empty(op: object, av: object) -> bool:
    if op in _REPEATS:
        return av[0] == 0 or all(_may_be_empty(*i) for i in av[2])  # type: ignore[index]
    if op is _c.SUBPATTERN or op is _c.BRANCH:
        return any(all(_may_be_empty(*i) for i in b) for b in _branches(op, av))
    return _zero_width(op)


def _edge_at_boundary(items: list, last: bool) -> bool:
    """Whatever ``items`` match is empty or begins (ends, if ``last``) with a separator."""
    for op, av in reversed(items) if last else items:
        if _zero_width(op):
            continue
        if _is_separator(op, av):
            return True
        if op in _REPEATS:
            inner_ok = _edge_at_boundary(list(av[2]), last)  # type: ignore[index]
        elif op is _c.SUBPATTERN or op is _c.BRANCH:
            inner_ok = all(_edge_at_boundary(b, last) for b in _branches(op, av))
        else:
            return False
        if not inner_ok:
            return False
        if not _may_be_empty(op, av):
            return True
    return True


def _spellings(items: list) -> set[str] | None:
    """Every word a run of literals and groups of literal alternatives spells; None for anything else."""
    words = {""}
    for op, av in items:
        if op is _c.LITERAL and _is_word_char(av):
            endings = {chr(av)}
        elif op is _c.IN and all(kind is _c.LITERAL and _is_word_char(value) for kind, value in av):  # "[oa]"
            endings = {chr(value) for _, value in av}
        elif op is _c.SUBPATTERN or op is _c.BRANCH:
            endings = set()
            for branch in _branches(op, av):
                spelled = _spellings(branch)
                if spelled is None:
                    return None
                endings |= spelled
        elif op in _REPEATS and av[1] == 1:  # "s?", "(?:in)?"
            spelled = _spellings(list(av[2]))
            if spelled is None:
                return None
            endings = spelled | ({""} if av[0] == 0 else set())
        else:
            return None
        words = {w + e for w in words for e in endings}
        if len(words) > MAX_SPELLINGS:
            return None
    return words


def _run_words(run: list) -> frozenset[str] | None:
    """The words a run between two cuts may be: what it spells, or for a run around one group
    ("^(?:mehr zum thema|lesen sie auch)\\s*:"), the words each alternative in its place needs."""
    spelled = _spellings(run) if run else None
    if spelled and all(_WORD.fullmatch(_folded(word)) for word in spelled):
        return frozenset(_folded(word) for word in spelled)
    groups = [i for i, (op, _) in enumerate(run) if op is _c.SUBPATTERN or op is _c.BRANCH]
    if len(groups) == 1:  # each alternative in its place ("r(?:ead more|elated stories)", as re factors it)
        at = groups[0]
        found = [_needed_words(run[:at] + branch + run[at + 1 :]) for branch in _branches(*run[at])]
        if all(f is not None for f in found):
            return frozenset().union(*found)  # type: ignore[arg-type]
    return None


def _needed_words(items: list) -> frozenset[str] | None:
    """Words one of which every match of ``items`` holds whole, when the entry is read between
    word boundaries (as :func:`cleaners.phrases._pattern` wraps it); None when no such words are known.

    The items are cut into runs at separators; a run of literal letters (or of groups of them)
    between two separators spells whole words. An optional part that ends in a separator, right
    after one ("(?:den )?newsletter"), or starts with one, before what starts with one
    ("quelle\\s*:?$"), cuts like one."""
    if len(items) == 1 and items[0][0] is _c.BRANCH:  # "a|b": each branch needs its own
        found = [_needed_words(branch) for branch in _branches(*items[0])]
        return None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
    items = [item for item in items if not _zero_width(item[0])]
    runs: list[list] = [[]]
    for i, (op, av) in enumerate(items):
        if _is_separator(op, av) or (_edge_at_boundary([(op, av)], last=False) and _edge_at_boundary(items[i + 1 :], last=False)):
            runs.append([])
        elif not runs[-1] and _edge_at_boundary([(op, av)], last=True):
            continue  # whatever it matches ends where a word may start, as the separator before it did
        else:
            runs[-1].append((op, av))
    best: frozenset[str] | None = None
    for run in runs:
        words = _run_words(run)
        if words is None:
            continue
        # the longest words are the rarest in texts
        if best is None or (min(map(len, words)), -len(words)) > (min(map(len, best)), -len(best)):
            best = words
    return best


def entry_words(entry: str) -> frozenset[str] | None:
    """Words one of which every match of a spaced ``entry`` holds whole, folded; None if unknown."""
    try:
        return _needed_words(list(_parser.parse(entry, re.IGNORECASE)))
    except (re.error, RecursionError):
        return None

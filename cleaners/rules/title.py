"""The headline repeated at the top of the body: it is the ``title`` field, not article text."""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..metadata.title import squash
from ..report import Removal
from .context import RuleContext
from .prompts import reading

# The headline is only looked for among the first blocks; later repeats may be quotes.
LEADING_BLOCKS = 3
# A kicker in front of the headline ("Umbau des Weissen Hauses", "Crónica") is a few words.
KICKER_WORDS = 8
# A shorter headline may end an ordinary sentence, so it is matched only as the whole block.
MIN_TAIL_WORDS = 5


def _repeat(block: Block, titles: dict[str, tuple[int, str]], ctx: RuleContext) -> str | None:
    """Why ``block`` is the headline: as it is, or behind a kicker; None if it is not.
    ``titles`` maps each headline, squashed (see :func:`squash`), to its number of words and its
    text. A lead quoting the headline ("Scholz sagte: „…“") is reporting, not a kicker."""
    text = squash(block.text)
    if text in titles:
        return "repeats the headline"
    for title, (words, original) in titles.items():
        if (
            words >= MIN_TAIL_WORDS and text.endswith(title) and block.words - words <= KICKER_WORDS
            and _behind_a_kicker(block.text, original) and not reading(block, ctx).reported
        ):
            return "repeats the headline behind a kicker"
    return None


# Where the headline starts behind its kicker: a word of its own, or glued to the kicker's last
# word ("Umbau des Weissen HausesTrump plant …"), not inside a word ("A second woMan arrested").
_SENTENCE_END = re.compile(r"\w{2}[.!?]\s")  # two letters suffice: a long word is not read again from each letter
_OPENING_QUOTE = "\"'„“«‹‘‚"
# Of the headline's first word, this much is looked for, so each place it is tried reads at most
# this far (a longer first word, which no headline has, may be found where only its start stands).
MAX_FIRST_WORD_CHARS = 64
_PROSE_WORD = re.compile(r"(?<!\w)(?-i:[a-zß-ÿ])\w{2,}")


def _behind_a_kicker(text: str, title: str) -> bool:
    first = re.escape(title.split()[0].strip(_OPENING_QUOTE)[:MAX_FIRST_WORD_CHARS])
    starts = list(re.finditer(rf"(?:(?<!\w)|(?<=[^\W\d_])(?=(?-i:[^\W\d_a-zß-ÿ])))[{_OPENING_QUOTE}]?{first}", text, re.IGNORECASE))
    if not starts:
        return False
    kicker = text[: starts[-1].start()].strip()
    # A kicker is a label, not a sentence ("… on Friday. So what happens if …"), and does not
    # introduce a quotation in words of its own ("The mayor was defiant: “We will …”", unlike
    # "Stadtrat Kassel: „Wir …“").
    quoted = text[starts[-1].start()] in _OPENING_QUOTE and kicker.endswith(":")
    return not _SENTENCE_END.search(kicker + " ") and not (quoted and _PROSE_WORD.search(kicker))


def strip_repeated_title(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    titles = {key: (len(t.split()), t) for t in ctx.titles if t and (key := squash(t))}
    if not titles:
        return []
    removals = []
    for block in blocks[:LEADING_BLOCKS]:
        reason = _repeat(block, titles, ctx)
        if reason:
            removals.append(Removal("title", reason, block.text, block=block.index))
    return removals

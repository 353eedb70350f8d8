"""Shared detector for reader-addressed prompts (sign-up, share, subscribe …).

A prompt talks to the reader, is short, uses its family's vocabulary, and clusters — usually at
the end of the body. Evidence is graded so that only sure blocks are removed from the middle of
an article, while weaker blocks go only when they sit in the trailing part or next to a sure one:

* sure   — a strong phrase of the family, short, and not reported speech: removed anywhere, but
           between article paragraphs only if it also opens or closes the block, addresses the
           reader, gives a web or mail address, or is very short;
* likely — two family terms (or a link to the family's pages) and an address to the reader:
           removed in the tail of the body or next to a removed block;
* weak   — one family term and an address to the reader, a short heading with a family term, or a
           few words that are nearly all family terms ("Facebook Twitter WhatsApp"): removed only
           next to a removed block.
A short heading right before a removed block is its title and goes with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext, TextRule


# Quoted passages are someone else's words (a phishing mail, a slogan): never prompt evidence.
_QUOTED = re.compile(r'"[^"]{1,400}"|“[^”]{1,400}”|„[^“”]{1,400}[“”]|«[^»]{1,400}»|»[^«]{1,400}«')
# Arrows and bullets that pages set before a label ("» Lesen Sie auch:", "▶ Mehr zum Thema"): the
# vocabulary's labels start after them. (">" is vocabulary of its own: "> Europe : …" teasers.)
_BULLET = re.compile(r"^[»›▶►▸▷•·→■◆★]+\s*")


class Grade(IntEnum):
    NONE = 0
    WEAK = 1
    LIKELY = 2
    SURE = 3


@dataclass(frozen=True)
class PromptLimits:
    """Word-count ceilings per grade: prompts are short, article paragraphs may not be."""

    sure_words: int = 90
    likely_words: int = 60
    weak_words: int = 30
    heading_words: int = 8
    # Share of a short block's word characters that family terms must cover to make it a term list.
    term_only_share: float = 0.7

    @property
    def longest_graded(self) -> int:
        """Above this many words a block can only be sure, never likely or weak."""
        return max(self.likely_words, self.weak_words, self.heading_words)

    @property
    def longest(self) -> int:
        return max(self.sure_words, self.longest_graded)
    # A block this long that is not a prompt marks where the article text still runs.
    body_words: int = 40
    # Between blocks this long that are not prompts, a sure block needs more than its phrase (see
    # ``_prompt_inside``), unless it is at most ``inside_plain_words`` long.
    inside_words: int = 25
    inside_plain_words: int = 8
    # The body's last block, up to this long, is a prompt when it ends on the family's phrase as
    # on a button glued to a long appeal ("… Sind Sie dabei? Jetzt unterstützen": a sentence of
    # its own without a full stop) and talks to the reader or for the publisher. 0: off.
    closing_words: int = 0
    # Reported speech ("…, the minister said") is news, not a prompt — except for a family whose
    # phrases are labels before a headline, and headlines report ("READ NEXT: …, says weather service").
    reported_is_news: bool = True


@dataclass(frozen=True)
class Assessment:
    grade: Grade
    evidence: str


@dataclass(frozen=True)
class Reading:
    """What every family's assessment of a block shares: computed once per block and page."""

    text: str  # quoted passages blanked out
    reported: bool
    to_reader: bool


def reading(block: Block, ctx: RuleContext) -> Reading:
    key = ("reading", block.text)
    if key not in ctx.memo:
        text = _BULLET.sub("", _QUOTED.sub(" … ", block.text))
        reported = bool(ctx.family("reporting").term_hits(text))
        ctx.memo[key] = Reading(text, reported, not reported and bool(ctx.family("reader").term_hits(text)))
    return ctx.memo[key]


_NOTHING = Assessment(Grade.NONE, "")


def assess(block: Block, family_name: str, ctx: RuleContext, limits: PromptLimits) -> Assessment:
    # The word limits are checked first: most article paragraphs are too long for any grade,
    # and then no pattern needs to run.
    words = block.words
    if words > limits.longest or block.kind == "code":  # a program's text is the article's, whatever it says
        return _NOTHING
    family = ctx.family(family_name)
    seen = reading(block, ctx)
    if seen.reported and limits.reported_is_news:
        return Assessment(Grade.NONE, "reported speech")
    text = seen.text
    if words <= limits.sure_words:
        strong = family.strong_hits(text)
        if strong:
            return Assessment(Grade.SURE, f"says {strong[0]!r}")
    if words > limits.longest_graded:
        return _NOTHING
    terms = family.term_hits(text)
    to_reader = seen.to_reader
    if len(terms) >= 2 and to_reader and words <= limits.likely_words:
        return Assessment(Grade.LIKELY, f"addresses the reader about {', '.join(sorted(terms))}")
    if terms and block.kind == "heading" and words <= limits.heading_words:
        return Assessment(Grade.WEAK, f"heading about {', '.join(sorted(terms))}")
    if terms and to_reader and words <= limits.weak_words:
        return Assessment(Grade.WEAK, f"addresses the reader about {', '.join(sorted(terms))}")
    if terms and words <= limits.heading_words and family.term_coverage(text) >= limits.term_only_share:
        return Assessment(Grade.WEAK, f"only names {', '.join(sorted(terms))}")
    return _NOTHING


# What may come before a prompt's opening phrase: marks, or a bracketed label ("【キャンペーン】").
_LEAD = re.compile(r"(?:\s*[【\[(（][^】\])）]{1,20}[】\])）])?\W*")
# search(text, 0, position): a sentence starts at position ("Want more? Subscribe to …").
_SENTENCE_END = re.compile(r"[.!?…]\s*$")
# What may follow a prompt's closing phrase ("… contributed to this report.").
_CLOSING_MARKS = " .!?…>)»\"'”’"
_ADDRESS = re.compile(r"https?://|www\.|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w")  # a mail address from its start only


def _talks(seen: Reading, ctx: RuleContext) -> bool:
    """The block talks to the reader ("you") or for the publisher ("our free weekly newsletter")."""
    return seen.to_reader or bool(ctx.family("publisher").term_hits(seen.text))


def _prompt_inside(block: Block, family: str, ctx: RuleContext, limits: PromptLimits) -> bool:
    """After the article's first paragraph a strong phrase may be article text too ("urged
    residents to sign up for the county's emergency text alerts", "… watch live on BBC One."):
    there a prompt must also open or close with it or start a sentence with it ("Read more: …",
    "… 21.04.2024 | 3:18 min", "Want more? Subscribe to …"), address the reader, speak for the
    publisher ("our"), give a web or mail address, or be very short."""
    seen = reading(block, ctx)
    if block.words <= limits.inside_plain_words or _ADDRESS.search(block.text) or _talks(seen, ctx):
        return True
    text = seen.text.strip()
    opening = _LEAD.match(text).end()  # type: ignore[union-attr]  # matches the empty string at least
    end = len(text.rstrip(_CLOSING_MARKS))
    return any(
        hit.start() <= opening or hit.end() >= end or _SENTENCE_END.search(text, 0, hit.start())
        for hit in ctx.family(family).strong_matches(text)
    )


def _in_article(i: int, block: Block, article: list[int], limits: PromptLimits) -> bool:
    """After the article's first paragraph — or that paragraph itself, the lead: a paragraph as
    long as the article's, with more of them after it. Short blocks above the lead are the page's
    top, where prompts sit ("Listen to this article", "Subscribe")."""
    return bool(article) and (article[0] < i or (block.words >= limits.inside_words and article[-1] > i))


def _closing_appeal(block: Block, family: str, ctx: RuleContext, limits: PromptLimits) -> Assessment | None:
    if not limits.sure_words < block.words <= limits.closing_words or block.kind == "code":
        return None
    seen = reading(block, ctx)
    if seen.reported or not _talks(seen, ctx):
        return None
    # A button's label, after the appeal's last sentence and without a full stop of its own.
    text = seen.text.rstrip()
    button = next((hit for hit in ctx.family(family).strong_matches(text) if hit.end() == len(text)), None)
    if button is None or not _SENTENCE_END.search(text, 0, button.start()):
        return None
    return Assessment(Grade.SURE, f"ends on the button {button.group(0)!r}")


def find_prompts(
    blocks: Sequence[Block],
    ctx: RuleContext,
    *,
    rule: str,
    family: str,
    limits: PromptLimits = PromptLimits(),
) -> list[Removal]:
    """Removals for every block that belongs to a prompt of ``family``, by the grading above."""
    assessments = [assess(b, family, ctx, limits) for b in blocks]
    if blocks and assessments[-1].grade == Grade.NONE and (closing := _closing_appeal(blocks[-1], family, ctx, limits)):
        assessments[-1] = closing
    tail_start = 1 + max(
        (i for i, (b, a) in enumerate(zip(blocks, assessments)) if b.words >= limits.body_words and a.grade < Grade.LIKELY),
        default=-1,
    )
    article = [i for i, (b, a) in enumerate(zip(blocks, assessments)) if b.words >= limits.inside_words and a.grade < Grade.LIKELY]
    reasons: dict[int, str] = {}
    for i, a in enumerate(assessments):
        if a.grade == Grade.SURE and _in_article(i, blocks[i], article, limits) and not _prompt_inside(blocks[i], family, ctx, limits):
            # Within the article a phrase alone is not enough, at the end of the body too: stories
            # end on such sentences ("… watch live on BBC One.").
            assessments[i] = Assessment(Grade.LIKELY, a.evidence)
        elif a.grade == Grade.SURE:
            reasons[i] = a.evidence
        elif a.grade == Grade.LIKELY and i >= tail_start:
            reasons[i] = f"{a.evidence}, at the end of the body"
    # Grow clusters: likely/weak neighbours of removed blocks, and their headings.
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(assessments):
            if i in reasons or not (i - 1 in reasons or i + 1 in reasons):
                continue
            if a.grade >= Grade.WEAK:
                reasons[i] = f"{a.evidence}, next to a {family} prompt"
            elif blocks[i].kind == "heading" and blocks[i].words <= limits.heading_words and i + 1 in reasons:
                reasons[i] = f"heading of a {family} prompt"
            else:
                continue
            changed = True
    return [Removal(rule, reason, blocks[i].text, block=blocks[i].index) for i, reason in sorted(reasons.items())]


def prompt_rule(family: str, limits: PromptLimits = PromptLimits()) -> TextRule:
    """A text rule that removes the prompts of one phrase family; its id is the family name."""

    def rule(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
        return find_prompts(blocks, ctx, rule=family, family=family, limits=limits)

    rule.__name__ = rule.__qualname__ = f"strip_{family}"
    return rule

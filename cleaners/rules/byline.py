"""Bylines ("By Jane Doe", "Von Max Muster, Berlin") and author bios at the end of the body.

Both are about the article's authors, so both look for the author names from the page's
metadata; without them a byline must be a short run of capitalised names, and a bio needs an
explicit "About the author" label.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..metadata.authors import AND_OTHERS, TITLES_AFTER_NAMES
from ..report import Removal
from ..text import NAME_PARTICLES
from .context import RuleContext
from .prompts import reading

# Bylines sit at the top or the bottom of the body; bios at the bottom.
EDGE_BLOCKS = 4
# A byline naming an author from the metadata may sit a little further in, after a player line, a
# date line and the lead: anywhere before the second long paragraph, within the first blocks.
NAMED_EDGE_BLOCKS = 8
LONG_PARAGRAPH_WORDS = 25
BIO_BLOCKS = 6  # bios come last, but comment and share prompts may follow them
LEADING_BIO_BLOCKS = 3  # ... or sit under the byline, before the article starts
# What follows the author's name in a bio: "Jane Doe is …", "Jane Doe, a former …".
_BIO_VERB = re.compile(r"\s*(?:,|(?:is|was|ist|war|est|était|es|era|é|è)\b)", re.IGNORECASE)
BYLINE_WORDS = 12
PROSE_WORDS = 3  # lower-case words in a line ending like a sentence: prose, not a byline
BIO_WORDS = 90
_WRITING = frozenset({"wrote"})  # the reporting vocabulary's verbs of writing, not speaking
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*$")
# Capitalised words that make a title-case heading, not a name ("By The Numbers").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "in", "on", "for", "to", "with", "at", "and", "or", "how", "what", "why", "this", "that",
     "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "el", "los", "las"}
)


def _name_parts(ctx: RuleContext) -> set[str]:
    """Lower-cased parts (3+ letters) of the authors' names, particles ("von", "del") left out."""
    return {
        part.casefold()
        for author in ctx.authors
        for part in re.findall(r"\w{3,}", author)
        if part.casefold() not in NAME_PARTICLES | _FUNCTION_WORDS  # "The Associated Press"
    }


def _surnames(ctx: RuleContext) -> set[str]:
    return {author.split()[-1].casefold() for author in ctx.authors if author.split()}


def _given_names(ctx: RuleContext) -> set[str]:
    """First names of authors named with two words or more ("Lance" of "Lance Ulanoff"), not titles
    ("Dr."), articles ("The Associated Press") or initials: bios say "Lance has covered…"."""
    return {
        first
        for author in ctx.authors
        if len(author.split()) >= 2
        and len(first := author.split()[0]) >= 3
        and first.isalpha()
        and first[0].isupper()
        and first.casefold() not in _FUNCTION_WORDS
    }


def _opens_with_a_namesake(words: list[str], ctx: RuleContext) -> bool:
    """The block opens with an author's surname after another first name ("Marleen Bakker, redacteur
    van …" in a story by Pieter Bakker): someone else of that name. A short form of the author's
    first name ("Steph" for Stephanie) is the author."""
    if len(words) < 2 or not words[0].isalpha() or not words[0][:1].isupper():
        return False
    first, surname = words[0].casefold(), words[1].strip(",;:").casefold()
    namesakes = [parts for author in ctx.authors if len(parts := author.casefold().split()) >= 2 and parts[-1] == surname]
    return bool(namesakes) and not any(parts[0].startswith(first) for parts in namesakes)


def _first_name_alone(words: list[str], given: set[str]) -> bool:
    """An author's first name as written, not followed by another surname ("John Williams, a
    senior fellow, warned …" is someone else)."""
    for word, after in zip(words, [*words[1:], ""]):
        if word.strip(",;:") in given and not (after[:1].isupper() and word[-1:].isalnum()):
            return True
    return False


def _mentions(text: str, parts: set[str]) -> bool:
    return any(word.casefold() in parts for word in re.findall(r"\w+", text))


def _looks_like_names(words: list[str]) -> bool:
    """'Anna Sleegers, Frankfurt' / 'Bill MCCARTHY and Marisha GOLDHAMER': names, separators, places."""
    tokens = [w.strip(",;&") for w in words if w.strip(",;&") and w.lower() not in ("and", "und", "et", "y", "e")]
    names = [t for t in tokens if t.casefold() not in NAME_PARTICLES]
    return (
        len(names) >= 2
        and all(_NAME_WORD.match(t) for t in names)
        and not any(t.casefold() in _FUNCTION_WORDS for t in names)
    )


_JOINERS = frozenset({"and", "und", "et", "y", "e", "og", "en", "и"})
# Beside the names in a Korean or Japanese byline: their titles and "and N others" ("박준석 기자 외 1명").
_TITLE_WORD = re.compile(TITLES_AFTER_NAMES)
_AND_OTHERS = re.compile(AND_OTHERS)


def _only_authors(text: str, ctx: RuleContext) -> bool:
    """The line is the authors' names and nothing else: "Jane Doe", "Jane Doe/John Roe", "A, B and C",
    "박준석 기자 외 1명"."""
    rest = text.casefold()
    for author in sorted(ctx.authors, key=len, reverse=True):
        rest = rest.replace(author.casefold(), " ")
    if rest == text.casefold():
        return False
    return all(w in _JOINERS or _TITLE_WORD.fullmatch(w) for w in re.findall(r"\w+", _AND_OTHERS.sub(" ", rest)))


def _reads_as_prose(text: str) -> bool:
    """A sentence, not a byline: it ends like one and runs on in lower-case words ("By the time
    rescuers arrived, the house was gone."); "By Jane Doe, special to the Globe" does not."""
    lower = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[0].islower() and w not in NAME_PARTICLES]
    return text.endswith((".", "!", "?")) and len(lower) >= PROSE_WORDS


def _edges(blocks: Sequence[Block], *, named: bool = False) -> list[Block]:
    head, tail = list(blocks[:EDGE_BLOCKS]), list(blocks[-EDGE_BLOCKS:])
    if named:
        long_paragraphs = [i for i, b in enumerate(blocks[:NAMED_EDGE_BLOCKS]) if b.words >= LONG_PARAGRAPH_WORDS]
        end = long_paragraphs[1] if len(long_paragraphs) > 1 else NAMED_EDGE_BLOCKS
        head = list(blocks[: max(EDGE_BLOCKS, end)])
    return head + [b for b in tail if b not in head]


def strip_bylines(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    prefix = ctx.family("byline")
    parts = _name_parts(ctx)
    removals = []
    near_edge = {b.index for b in _edges(blocks)}
    for block in _edges(blocks, named=bool(parts)):
        if block.words > BYLINE_WORDS:
            continue
        text = block.text.strip()
        if parts and _only_authors(text, ctx):
            removals.append(Removal("byline", "names only the authors", block.text, block=block.index))
            continue
        start = prefix.strong_hits(text)
        if not start:
            continue
        rest = text[len(start[0]) :].split()
        if _reads_as_prose(text):  # "By May, the backlog had doubled."
            continue
        # The name comes first ("By Tom Jordan", "Par Les Echos"), not "By Sunday, Jordan had closed …".
        named = [w for w in rest if w.casefold() not in _FUNCTION_WORDS]
        if (parts and named and _mentions(named[0], parts)) or (block.index in near_edge and _looks_like_names(rest)):
            removals.append(Removal("byline", f"byline starting {start[0]!r}", block.text, block=block.index))
    return removals


def strip_author_bios(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    bio = ctx.family("bio")
    surnames, given = _surnames(ctx), _given_names(ctx)
    removals = []
    after_label = False
    for block in blocks[-BIO_BLOCKS:]:
        if block.words > BIO_WORDS:
            after_label = False
            continue
        label = bio.strong_hits(block.text)
        if label or after_label:
            reason = f"labelled {label[0]!r}" if label else "the bio under an 'about the author' label"
            removals.append(Removal("bio", reason, block.text, block=block.index))
            after_label = bool(label) and block.words <= BYLINE_WORDS
            continue
        opening = block.text.split()[:12]
        terms = bio.term_hits(block.text)
        by_surname = _mentions(" ".join(opening), surnames) and not _opens_with_a_namesake(opening, ctx)
        if not terms or not (by_surname or _first_name_alone(opening, given)):
            continue
        if _named_before(block, blocks, surnames if by_surname else {n.casefold() for n in given}, ctx):
            continue
        # Reported speech is news ("Smith, a senior fellow, said …"), except a bio telling what the
        # author, called by first name, wrote ("Lance has covered … He also wrote a column").
        seen = reading(block, ctx)
        if seen.reported and (by_surname or len(terms) < 2 or not _only_writing(seen.text, ctx)):
            continue
        removals.append(Removal("bio", f"about the author: {', '.join(sorted(terms))}", block.text, block=block.index))
    removals += _leading_bios(blocks, ctx, {r.block for r in removals})
    return removals + _bio_continuations(blocks, ctx, {r.block for r in removals})


def _named_before(block: Block, blocks: Sequence[Block], names: set[str], ctx: RuleContext) -> bool:
    """The story has used the name already: the block is about one of its people ("Johnson, a
    former journalist, was elected mayor"), not about its author, whom bios name afresh. Bylines
    and paragraphs opening with an author's full name (more of the bio) do not count."""
    author_opening = _full_name_opening(ctx)
    story = " ".join(
        b.text
        for b in blocks
        if b.index < block.index and b.words > BYLINE_WORDS and not (author_opening and author_opening.match(b.text))
    )
    return _mentions(story, names)


def _leading_bios(blocks: Sequence[Block], ctx: RuleContext, taken: set[int | None]) -> list[Removal]:
    """A bio under the byline: among the first blocks, before the article's first long paragraph,
    opening with an author's full name and a copula or a comma and using bio vocabulary ("Houston
    Mitchell is an assistant sports editor …"), not reporting."""
    opening = _full_name_opening(ctx)
    if opening is None:
        return []
    bio = ctx.family("bio")
    removals = []
    for block in blocks[:LEADING_BIO_BLOCKS]:
        found = opening.match(block.text)
        if block.words >= LONG_PARAGRAPH_WORDS and not found:
            break  # the article has started
        if block.index in taken or block.words > BIO_WORDS or not found or not _BIO_VERB.match(block.text, found.end()):
            continue
        terms = bio.term_hits(block.text)
        if terms and not reading(block, ctx).reported:
            removals.append(Removal("bio", f"about the author, under the byline: {', '.join(sorted(terms))}", block.text, block=block.index))
    return removals


def _full_name_opening(ctx: RuleContext) -> re.Pattern[str] | None:
    """Matches a text opening with one of the authors' full names (two words or more). Made once
    per page: the bio checks at the top, at the bottom and against the story all use it."""
    if "full_name_opening" not in ctx.memo:
        names = [author for author in ctx.authors if len(author.split()) >= 2]
        ctx.memo["full_name_opening"] = (
            re.compile(rf"(?:{'|'.join(map(re.escape, names))})(?!\w)", re.IGNORECASE) if names else None
        )
    return ctx.memo["full_name_opening"]


def _only_writing(text: str, ctx: RuleContext) -> bool:
    """The block's reporting words are all about writing ("wrote"), none about speaking ("said")."""
    return ctx.family("reporting").term_hits(text) <= _WRITING


def _bio_continuations(blocks: Sequence[Block], ctx: RuleContext, bios: set[int | None]) -> list[Removal]:
    """Paragraphs right after a bio opening with an author's full name ("Lance Ulanoff makes
    frequent appearances on …"): the bio goes on."""
    opening = _full_name_opening(ctx)
    if not bios or opening is None:
        return []
    return [
        Removal("bio", "continues the author's bio", block.text, block=block.index)
        for block in blocks[-BIO_BLOCKS:]
        if block.index - 1 in bios and block.words <= BIO_WORDS and opening.match(block.text)
    ]

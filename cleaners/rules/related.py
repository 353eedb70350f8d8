""""Read more" / "Related" / "Lire aussi" teasers, the list of headlines under such a label, and
unlabelled lists of headlines ("Politik: Kanzler reist nach Paris"), closing the body or within it.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable, Sequence
from urllib.parse import urldefrag, urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from ..blocks import Block, list_after
from ..forms import largest_around, may_be_a_widget
from ..metadata.title import squash
from ..report import Removal
from ..text import count_words
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# A teaser line is a label plus a headline.
RELATED_LIMITS = PromptLimits(sure_words=40, likely_words=30, weak_words=30, reported_is_news=False)
# A list item longer than this is article text, even right under a label.
HEADLINE_WORDS = 25
# An unlabelled list is taken for teasers only with this many items, most of them headline-shaped:
# "Kicker: a headline of a few words", no closing full stop, no figures (a fact box — "Wann:
# Samstag, 19 Uhr", "Eintritt: 12 Euro" — has the same shape but lists data). Half of them will
# do for the list closing the body; inside the body, three quarters, and as many must be links on
# the page ("What changes: landlords must register" reads as a teaser but is article text).
TEASER_LIST_ITEMS = 3
KICKER_SHARE = 0.5
KICKER_SHARE_MID_BODY = 0.75
LINKED_SHARE_MID_BODY = 0.75
LINKED_SHARE_CLOSING = 0.5
BODY_WORDS = 25  # a paragraph this long is article text (wire copy: 25 to 40 words)
HEADLINE_MIN_WORDS = 4
# No figures on either side of the colon: "March 2020: The first lockdown …" is a timeline.
_KICKER = re.compile(r"^[^:.!?\d]{2,60}:\s+(?P<headline>\D+)$")
# A teaser card's summary under its headline is a sentence or two; cards come in rows of two or more.
DEK_WORDS = 40
CARDS = 2
LABEL_WORDS = 4  # a bare label ("Lesen Sie auch", "LÄS ÄVEN"): its headline may be the next block
# A list is one of links to other stories when this many of its items, and this share, are such links
# (the rest are ad slots and the like).
LINKED_ITEMS = 2
LINKED_LIST_SHARE = 2 / 3
LINKED_HEADLINE_MIN_WORDS = 5  # a linked fact ("Wo: Stadthalle am Markt") is shorter than a headline
CARD_LINK_WORDS = 2 * HEADLINE_MIN_WORDS  # a card's link: a headline and more
CARD_LINK_CHARS = 2 * CARD_LINK_WORDS - 1  # the shortest text of that many words
# What a card's link holds besides its summary: headline, kicker, date, "5 min read".
CARD_HEADLINE_WORDS = 40
# A teaser box holds its label, kicker, headline and summary within a few levels of the label's element.
TEASER_BOX_DEPTH = 6
TEASER_BOX_WORDS = LABEL_WORDS + HEADLINE_WORDS + DEK_WORDS
MAX_LABEL_PLACES = 10  # a text written more often is the page's furniture, not a box's label
# The texts a label may be: short, not blank (found in C; a page has thousands of text nodes).
_SHORT_TEXTS = XPath(f"//text()[normalize-space(.) != '' and string-length(normalize-space(.)) <= {12 * LABEL_WORDS}]")
CARD_KICKER_CHARS = 32  # letters of a card's link besides its headline: "Demografie", "Exklusiv | Politik", a date


def _list_under(blocks: Sequence[Block], label: int) -> list[Block]:
    """The list that starts right after block ``label``, if its items are all headline-sized."""
    items = list_after(blocks, label)
    return items if all(item.words <= HEADLINE_WORDS for item in items) else []


def _kicker_share(items: list[Block]) -> float:
    kickers = 0
    for item in items:
        match = _KICKER.match(item.text)
        # A headline starts with a capital; a fact after its label may not ("Energy: a new pipeline").
        headline = match.group("headline") if match else ""
        first_letter = next((c for c in headline if c.isalpha()), "")
        kickers += len(headline.split()) >= HEADLINE_MIN_WORDS and first_letter.isupper()
    return kickers / len(items)


def _last_segment(url: str) -> str:
    return url.partition("#")[0].partition("?")[0].rstrip("/").rpartition("/")[2]


def _target(page_url: str, href: str) -> str:
    try:
        return urldefrag(urljoin(page_url, href)).url
    except ValueError:  # "http://[broken"
        return href


def _links(ctx: RuleContext) -> list[tuple[str, bool, int]]:
    """(squashed text, points to another page, words) of each link on the page; in-page anchors
    ("#votes") and links to the page itself point nowhere else. Read once per page for the link
    tests below."""
    if ctx.page is None:
        return []
    if "links" not in ctx.memo:
        here = urldefrag(ctx.url or "").url
        last_segment = _last_segment(here)
        links = []
        for link in ctx.page.iter("a"):
            href = link.get("href") or "#"
            text = link.text_content()
            # Only a link ending like this page's URL can be this page: the others need no resolving.
            elsewhere = not href.startswith("#") and (_last_segment(href) != last_segment or _target(here, href) != here)
            # Words are counted only where the link may be a card's (a headline and more).
            links.append((squash(text), elsewhere, count_words(text) if len(text) >= CARD_LINK_CHARS else 0))
        ctx.memo["links"] = links
    return ctx.memo["links"]


def _linked_share(items: list[Block], ctx: RuleContext) -> float:
    """Share of the items whose headline (after any kicker) is the text of a link on the page, or
    whose headlines are ("Podcast series: Archive | Deadly Dosimeter")."""
    if ctx.page is None:
        return 0.0
    if "link_texts" not in ctx.memo:
        ctx.memo["link_texts"] = "\x00".join(text for text, _, _ in _links(ctx))
    links = ctx.memo["link_texts"]

    def linked(item: Block) -> bool:
        headlines = [squash(h) for h in item.text.split(": ", 1)[-1].split(" | ")]
        return all(h and h in links for h in headlines)

    return sum(map(linked, items)) / len(items)


def _lists(blocks: Sequence[Block]) -> dict[int, list[Block]]:
    """The items of each list in the body, by list."""
    lists: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind == "item":
            lists.setdefault(block.group, []).append(block)
    return lists


def _teaser_lists(blocks: Sequence[Block], lists: dict[int, list[Block]], ctx: RuleContext) -> list[tuple[str, list[Block]]]:
    """Unlabelled lists that read as headlines: (reason, items) for each."""
    last_body = max((i for i, b in enumerate(blocks) if b.kind == "paragraph" and b.words >= BODY_WORDS), default=-1)
    closing = next((b.group for b in reversed(blocks[last_body + 1 :]) if b.kind == "item"), None)
    found = []
    for group, items in lists.items():
        if len(items) < TEASER_LIST_ITEMS or any(b.words > HEADLINE_WORDS or b.text.endswith((".", ";")) for b in items):
            continue
        kickers = _kicker_share(items)
        if group == closing and kickers >= KICKER_SHARE and _linked_share(items, ctx) >= LINKED_SHARE_CLOSING:
            found.append(("closing list of headlines", items))
        elif kickers >= KICKER_SHARE_MID_BODY and _linked_share(items, ctx) >= LINKED_SHARE_MID_BODY:
            found.append(("list of headlines", items))
    return found


def _linked_lists(lists: dict[int, list[Block]], ctx: RuleContext) -> list[Block]:
    """Items of lists that are, most of them, headlines linking to other pages as a whole ("Canada's
    unemployment rate drops to 6.6%" / "Matthew Lau: Keep out of Tim Hortons' hiring choices"):
    article lists say something about their links ("The report, published in May, …")."""
    found = []
    for items in lists.values():
        linked = [
            item for item in items
            if LINKED_HEADLINE_MIN_WORDS <= item.words <= HEADLINE_WORDS and not item.text.endswith(".")
            and squash(item.text) in _links_elsewhere(ctx)
        ]
        if len(linked) >= LINKED_ITEMS and len(linked) >= LINKED_LIST_SHARE * len(items):
            found += linked
    return found


def _headline_sized(block: Block) -> bool:
    return block.kind in ("paragraph", "heading") and HEADLINE_MIN_WORDS <= block.words <= HEADLINE_WORDS


def _linked_headline(block: Block, ctx: RuleContext) -> bool:
    """A headline-sized paragraph or heading, not a sentence, that is as a whole a link to another page."""
    return _headline_sized(block) and not block.text.endswith(".") and squash(block.text) in _links_elsewhere(ctx)


def _linked_headline_after(blocks: Sequence[Block], label: int, ctx: RuleContext) -> Block | None:
    """The linked headline in the block after a bare label ("Lesen Sie auch" / "Rentenreform: …")."""
    if blocks[label].words > LABEL_WORDS or label + 1 >= len(blocks):
        return None
    after = blocks[label + 1]
    return after if _linked_headline(after, ctx) else None


def _rest_of_the_box(blocks: Sequence[Block], label: int, ctx: RuleContext) -> list[Block]:
    """The teaser's headline and summary after a bare label ("Czytaj więcej" / "Jerzy Haszczyński:
    Dlaczego …" / "Symboliczne zdjęcie …"): up to two short blocks, each the text of an element in
    one small element of the page that holds the label, the teaser box. Article text after the box
    is not in it."""
    if blocks[label].words > LABEL_WORDS or ctx.page is None:
        return []
    pieces = _box_texts(squash(blocks[label].text), ctx)
    found = []
    for block in blocks[label + 1 : label + 3]:
        if block.kind not in ("paragraph", "heading") or block.words > DEK_WORDS or squash(block.text) not in pieces:
            break
        found.append(block)
    return found


def _box_texts(label: str, ctx: RuleContext) -> set[str]:
    """The squashed texts of the elements in the small elements around each place the page writes
    ``label`` on its own: not the article, the page's main part nor anything holding the ``<h1>``
    (a brief is no box). Nothing for a label the page writes more than ``MAX_LABEL_PLACES`` times."""
    if "label places" not in ctx.memo:
        places: dict[str, list[HtmlElement]] = {}
        for node in _SHORT_TEXTS(ctx.page):  # read once a page
            holder = node.getparent()
            places.setdefault(squash(node), []).append(holder.getparent() if node.is_tail else holder)
        ctx.memo["label places"] = places
    key = ("box texts", label)
    if key not in ctx.memo:
        holders = ctx.memo["label places"].get(label, [])
        ctx.memo[key] = set() if not label or len(holders) > MAX_LABEL_PLACES else {
            squash(piece.text_content()) for holder in holders for piece in _box_pieces(holder)
        }
    return ctx.memo[key]


def _box_pieces(holder: HtmlElement | None) -> list[HtmlElement]:
    """The elements of the largest small element around ``holder``, at most ``TEASER_BOX_DEPTH`` levels up."""
    if holder is None or not may_be_a_widget(holder, TEASER_BOX_WORDS):
        return []
    small = partial(may_be_a_widget, max_words=TEASER_BOX_WORDS)
    return list(largest_around(holder, small, max_levels=TEASER_BOX_DEPTH - 1).iter())


def _closing_cards(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """Teaser cards closing the body: from a linked headline on, every block is one of two or more
    linked headlines or the short summary under one ("Freibad öffnet früher" / "Nach zwei Jahren …")."""
    removals: list[Removal] = []
    headlines = 0
    top = 0  # the cards start with a headline: nothing above the topmost one goes
    for block in reversed(blocks):
        if _linked_headline(block, ctx):
            headlines += 1
            removals.append(Removal("related", "a teaser card's linked headline, closing the body", block.text, block=block.index))
            top = len(removals)
        elif block.kind == "paragraph" and block.words <= DEK_WORDS:
            removals.append(Removal("related", "a teaser card's summary, closing the body", block.text, block=block.index))
        else:
            break
    return removals[:top] if headlines >= CARDS else []


def _doubled(text: str) -> bool:
    """A headline twice in a row: a card's link text with its hidden copy ("X Is Up X Is Up"). A
    sentence or a chant said twice ends in a full stop or an exclamation mark; a headline does not
    (a question mark is allowed: headlines ask)."""
    words = text.split()
    half = len(words) // 2
    return (
        len(words) % 2 == 0 and len(set(words[:half])) >= HEADLINE_MIN_WORDS and half <= HEADLINE_WORDS
        and words[:half] == words[half:] and not words[-1].rstrip("\"'”’»«)").endswith((".", "!", "…"))
    )


def _caps_labelled_headline(block: Block) -> bool:
    """ "FUNDA OLUNYE UDABA LAPHA | A headline": three or more upper-case words (fewer make a
    dateline, "NEW YORK | …"), a bar, a headline — not a sentence, as after a longer dateline
    ("SANTA CRUZ DE TENERIFE | El Cabildo aprobó … ayer.")."""
    label, bar, headline = block.text.partition(" | ")
    return (
        bool(bar) and block.kind != "row" and label.isupper() and 3 <= len(label.split()) <= 6
        and "|" not in headline and HEADLINE_MIN_WORDS <= len(headline.split()) <= HEADLINE_WORDS
        and not headline.endswith(".")
    )


def _links_elsewhere(ctx: RuleContext) -> set[str]:
    """The texts (squashed) of the page's links to other pages."""
    if "links_elsewhere" not in ctx.memo:
        ctx.memo["links_elsewhere"] = {text for text, elsewhere, _ in _links(ctx) if elsewhere}
    return ctx.memo["links_elsewhere"]


def _linked_caps_headline(block: Block, ctx: RuleContext) -> bool:
    """A headline in capitals that is, as a whole, a link to another page ("WHAT ARE CHINA'S
    OVERSEAS POLICE STATIONS?")."""
    return _headline_sized(block) and block.text.isupper() and squash(block.text) in _links_elsewhere(ctx)


def _card_summary(block: Block, ctx: RuleContext) -> bool:
    """A paragraph that is part of a link to another page, the rest of the link being its card's
    headline (and date, kicker): the whole card is the link. Article text is not inside a link
    with more text; a link that is just the paragraph may be a linked headline the story cites."""
    if block.kind != "paragraph" or block.words < HEADLINE_MIN_WORDS:
        return False
    text = squash(block.text)
    return any(
        HEADLINE_MIN_WORDS <= words - block.words <= CARD_HEADLINE_WORDS and text in link
        for link, words in _card_links(ctx) if words >= CARD_LINK_WORDS
    )


def _headline_shaped(block: Block) -> bool:
    return _headline_sized(block) and not block.text.rstrip("\"'”’»«)").endswith((".", "!"))


def _card_headline(block: Block, ctx: RuleContext) -> bool:
    """A headline that is a card's link less a few words (its kicker, "Demografie", or a date):
    the card is the link and the headline all of it but that. A link that is just the block's
    text is the block itself, linked ("Read the full indictment (PDF)"), not a card."""
    text = squash(block.text)
    # Letters, not words: a kicker is often glued to the headline ("DemografieKinderlosigkeit: …").
    return any(0 < len(link) - len(text) <= CARD_KICKER_CHARS and text in link for link, _ in _card_links(ctx))


def _card_links(ctx: RuleContext) -> list[tuple[str, int]]:
    if "card_links" not in ctx.memo:
        ctx.memo["card_links"] = [
            (text, words) for text, elsewhere, words in _links(ctx) if elsewhere and words >= HEADLINE_MIN_WORDS
        ]
    return ctx.memo["card_links"]


def _card_headline_runs(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """Card headlines one after another, inside the body: a row of teasers, not subheadings
    (a subheading is followed by its section's text)."""
    shaped = [_headline_shaped(block) for block in blocks] + [False]
    removals: list[Removal] = []
    run: list[Block] = []
    for i, block in enumerate([*blocks, None]):
        # The page's links are read only for a headline beside another: most pages have none.
        if block is not None and shaped[i] and (shaped[i - 1] or shaped[i + 1]) and _card_headline(block, ctx):
            run.append(block)
            continue
        if len(run) >= CARDS:
            removals += [Removal("related", "a row of teaser cards' linked headlines", b.text, block=b.index) for b in run]
        run = []
    return removals


def _teaser_cards(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """Headlines rendered twice and the short summary under each; "LABEL | headline" lines; linked
    headlines in capitals."""
    removals = []
    doubled = [_doubled(b.text) for b in blocks]
    if sum(doubled) < CARDS:
        doubled = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if _linked_caps_headline(block, ctx):
            removals.append(Removal("related", "a headline in capitals linking to another story", block.text, block=block.index))
        elif _card_summary(block, ctx):
            removals.append(Removal("related", "a teaser card's summary, inside its link", block.text, block=block.index))
        elif doubled[i]:
            removals.append(Removal("related", "a teaser card's headline, rendered twice", block.text, block=block.index))
        elif _caps_labelled_headline(block):
            removals.append(Removal("related", "upper-case label and a headline", block.text, block=block.index))
        elif i and doubled[i - 1] and block.words <= DEK_WORDS and (i + 1 == len(blocks) or doubled[i + 1]):
            removals.append(Removal("related", "a teaser card's summary, under its headline", block.text, block=block.index))
    return removals


def _unclaimed(removals: list[Removal], more: Iterable[Removal]) -> list[Removal]:
    """Those of ``more`` whose block no removal already claims: the first reason found stays."""
    taken = {r.block for r in removals}
    return [r for r in more if r.block not in taken]


def strip_related_teasers(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    removals = find_prompts(blocks, ctx, rule="related", family="related", limits=RELATED_LIMITS)
    labels = {r.block for r in removals}
    lists = _lists(blocks)
    position = {block.index: i for i, block in enumerate(blocks)}
    removals += _unclaimed(removals, _teaser_cards(blocks, ctx))
    removals += _unclaimed(removals, (
        Removal("related", reason, item.text, block=item.index)
        for reason, items in _teaser_lists(blocks, lists, ctx)
        for item in items
    ))
    taken = {r.block for r in removals}

    def claim(found: Iterable[Block], reason: str) -> None:
        """Remove each of ``found`` that no removal claims yet, for ``reason``."""
        for block in found:
            if block.index not in taken:
                taken.add(block.index)
                removals.append(Removal("related", reason, block.text, block=block.index))

    for removal in list(removals):
        at = position[removal.block]
        claim(_list_under(blocks, at), "headline listed under a related-links label")
        headline = _linked_headline_after(blocks, at, ctx)
        claim([headline] if headline is not None else [], "linked headline under a related-links label")
        if removal.block in labels:
            claim(_rest_of_the_box(blocks, at, ctx), "headline or summary in the box of a related-links label")
    removals += _unclaimed(removals, (
        Removal("related", "list of links to other stories", item.text, block=item.index) for item in _linked_lists(lists, ctx)
    ))
    removals += _unclaimed(removals, _closing_cards(blocks, ctx))
    removals += _unclaimed(removals, _card_headline_runs(blocks, ctx))
    removals += _labels_of_removed_lists(blocks, lists, position, removals)
    return sorted(removals, key=lambda r: r.block)


def _labels_of_removed_lists(blocks: Sequence[Block], lists: dict[int, list[Block]], position: dict[int, int],
                             removals: list[Removal]) -> list[Removal]:
    """The heading right above a list removed whole as links to other stories is that list's
    label, whatever it says ("Exklusive Politik-Hintergründe – für Sie recherchiert")."""
    taken = {r.block for r in removals}
    labels = []
    for items in lists.values():
        first = position[items[0].index]
        label = blocks[first - 1] if first else None
        if label is not None and label.kind == "heading" and label.words <= HEADLINE_WORDS and label.index not in taken \
                and all(item.index in taken for item in items):
            labels.append(Removal("related", "heading of a removed list of links", label.text, block=label.index))
    return labels

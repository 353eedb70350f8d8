"""Social share and "follow us" prompts ("Share this article", "Folgen Sie uns auf Instagram"), and
posts embedded from social networks (a tweet, an Instagram post)."""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..report import Removal
from .context import RuleContext
from .prompts import PromptLimits, find_prompts

# Share bars are a few words; a longer block naming Facebook is more likely reporting.
SOCIAL_LIMITS = PromptLimits(sure_words=40, likely_words=25, weak_words=12)

# The classes the networks' own embed code puts on the <blockquote> that holds the post's text.
EMBED_CLASSES = frozenset({
    "twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "reddit-embed-bq",
    "bluesky-embed", "mastodon-embed", "text-post-media", "fb-xfbml-parse-ignore",
})
# A block this short is matched inside an embed only when it is the whole of it ("Video", "Trump").
EMBED_MIN_WORDS = 8
# A post quoted through embed code is at most a tweet's length plus its signature; the embed's own
# labels ("A post shared by …") stand on a short line.
POST_WORDS = 80
LABEL_WORDS = 25
# The line a tweet's embed code ends with, in any language: "— Jane Doe (@jdoe) August 5, 2024",
# "… 5. August 2024", "… 5 de agosto de 2024".
TWEET_SIGNATURE = re.compile(
    r"(?:^|\s)[—–-]\s?[^()\n]{1,60}\s\(@\w{1,15}\)\s+"
    r"(?:[^\W\d]+\.? \d{1,2}, \d{4}|\d{1,2}\.? (?:de )?[^\W\d]+\.? (?:de )?\d{4}|\d{4}-\d{2}-\d{2})$"
)
_WORD = re.compile(r"\w+")
# A block that is one quotation: the article quoting the post in its own words' place, not the embed.
_QUOTATION = re.compile(r"^\s*[\"“„«‘‚‹].*[\"”“»’‘›][^\w\"”“»’‘›]*$", re.DOTALL)  # the last closing mark: one pass


def strip_social_prompts(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="social", family="social", limits=SOCIAL_LIMITS)


def _words(text: str) -> str:
    """The text's words, lower-cased, one space apart and padded, for whole-word containment."""
    return f" {' '.join(_WORD.findall(text.casefold()))} "


def _embed_texts(ctx: RuleContext) -> list[tuple[str, str]]:
    """(class, words) of every social-network embed on the page."""
    if ctx.page is None:
        return []
    if "embed_texts" not in ctx.memo:
        found = []
        for quote in ctx.page.iter("blockquote"):
            classes = EMBED_CLASSES.intersection((quote.get("class") or "").split())
            text = _words(quote.text_content())
            if classes and text.strip():
                found.append((min(classes), text))
        ctx.memo["embed_texts"] = found
    return ctx.memo["embed_texts"]


def _embed_reason(block: Block, ctx: RuleContext) -> str | None:
    if block.words > POST_WORDS:
        return None
    if TWEET_SIGNATURE.search(block.text):
        return "ends with a tweet's signature"
    strong = ctx.family("embed").strong_hits(block.text) if block.words <= LABEL_WORDS else []
    if strong:
        return f"says {strong[0]!r}"
    text = _words(block.text)
    if not text.strip() or _QUOTATION.match(block.text):  # the article quoting the post
        return None
    for kind, embed in _embed_texts(ctx):
        if text == embed or (block.words >= EMBED_MIN_WORDS and text in embed):
            return f"text of a {kind} embed"
    return None


def strip_social_embeds(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    """Posts quoted from social networks through their embed code: the network's markup on the page,
    a tweet's closing signature, or the embed's own labels ("A post shared by …")."""
    removals = []
    for block in blocks:
        reason = _embed_reason(block, ctx)
        if reason:
            removals.append(Removal("embed", reason, block.text, block=block.index))
    return removals

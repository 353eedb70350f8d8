"""Social share and "follow us" prompts ("Share this article", "Folgen Sie uns auf Instagram"), and
posts embedded from social networks (a tweet, an Instagram post)."""

from __future__ import annotations

import re
from typing import Sequence

from ..blocks import Block
from ..metadata.title import squash
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
EMBED_MIN_WORDS = 3
# The line a tweet's embed code ends with, in any language: "— Jane Doe (@jdoe) August 5, 2024".
TWEET_SIGNATURE = re.compile(r"(?:^|\s)[—–-]\s?[^()\n]{1,60}\s\(@\w{1,15}\)\s[^()\n]{0,20}\b(?:19|20)\d{2}$")


def strip_social_prompts(blocks: Sequence[Block], ctx: RuleContext) -> list[Removal]:
    return find_prompts(blocks, ctx, rule="social", family="social", limits=SOCIAL_LIMITS)


def _embed_texts(ctx: RuleContext) -> list[tuple[str, str]]:
    """(class, squashed text) of every social-network embed on the page."""
    if ctx.page is None:
        return []
    if "embed_texts" not in ctx.memo:
        found = []
        for quote in ctx.page.iter("blockquote"):
            classes = EMBED_CLASSES.intersection((quote.get("class") or "").split())
            text = squash(quote.text_content())
            if classes and text:
                found.append((min(classes), text))
        ctx.memo["embed_texts"] = found
    return ctx.memo["embed_texts"]


def _embed_reason(block: Block, ctx: RuleContext) -> str | None:
    if TWEET_SIGNATURE.search(block.text):
        return "ends with a tweet's signature"
    strong = ctx.family("embed").strong_hits(block.text)
    if strong:
        return f"says {strong[0]!r}"
    text = squash(block.text)
    if not text:
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

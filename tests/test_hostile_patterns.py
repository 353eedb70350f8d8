"""Runs of one character in page text, titles and author fields are read once by every pattern.

Each page here carries a run that an earlier pattern re-read from each of its characters
(quadratic, or worse): at these sizes those took from seconds to many minutes a page. With the
patterns as they are, a page takes milliseconds; the suite's own run time is the witness (no
timed assertion here). Normal inputs for the same patterns are in the rules' and metadata's tests.
"""

from __future__ import annotations

import html
import json

import pytest

from cleaners import clean_html
from cleaners.declared import declared_blocks
from tests.test_declared_body import PARAGRAPHS

HEADLINE = "Harbour plan approved after a long debate"
URL = "https://news.example/politics/harbour-plan-approved"
RUN = 100_000


def article(*, head: str = "", first: str = "", last: str = "", headline: str = HEADLINE, ld: dict | None = None) -> str:
    paragraphs = ([first] if first else []) + PARAGRAPHS + ([last] if last else [])
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        f"<html lang=\"en\"><head><title>{html.escape(headline)}</title>{head}{script}</head><body><article>"
        f"<h1>{html.escape(headline)}</h1>{''.join(f'<p>{html.escape(p)}</p>' for p in paragraphs)}"
        "</article></body></html>"
    )


def meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{html.escape(content, quote=True)}">'


HOSTILE_PAGES = {
    # authors: a mail address looked for from every "@" or letter of the field
    "at-signs-as-author": article(head=meta("author", "@" * 5_000)),
    "letters-as-author": article(head=meta("author", "a" * RUN)),
    # authors: a "(note)" at the end looked for from every "(" of the field
    "open-brackets-as-author": article(head=meta("author", "( " * RUN)),
    # title: a separator looked for from every space of a run
    "spaces-in-the-og-title": article(head=f'<meta property="og:title" content="Harbour{" " * RUN}plan">'),
    "spaces-in-the-json-ld-headline": article(ld={"@type": "NewsArticle", "headline": f"Harbour{' ' * RUN}plan"}),
    # social: "and"/"or" read both as words and as separators in "Follow us on x and and …"
    "ands-in-a-follow-prompt": article(last="Follow us on x" + " and" * 36 + "!"),  # the prompt's 40 words at most
    # social: a quotation's closing mark looked for from every opening one
    "quote-marks-in-a-paragraph": article(last='"' * RUN + "x"),
    # title rule: a sentence end looked for from every letter of a long word before the headline
    "a-long-word-before-the-headline": article(first="a" * RUN + " " + HEADLINE),
    # title rule: the headline's long first word looked for at every letter of a kicker made of it
    "the-headlines-first-word-repeated": article(first="A" * RUN + " " + "A" * 9_999 + "B harbour plan approved",
                                                 headline="A" * 9_999 + "B harbour plan approved"),
    # prompts: a mail address looked for from every dot after a prompt's words
    "dots-after-a-prompt": article(last="Sign up for our newsletter to get the best stories of the week " + "." * RUN),
}


@pytest.mark.parametrize("page", HOSTILE_PAGES.values(), ids=HOSTILE_PAGES.keys())
def test_a_run_of_one_character_is_cleaned_like_any_page(page):
    result = clean_html(page, url=URL)
    assert result.ok
    kept = " ".join(result.paragraphs)
    assert all(p in kept for p in PARAGRAPHS[1:-1])  # the story stays, whatever the run did


def test_a_run_of_spaces_in_a_declared_body_is_read_once():
    # A line break was looked for from every space of a run without one.
    text = "First line" + " " * RUN + "goes on\n" + " " * RUN + "second line"
    assert [b.text for b in declared_blocks(text)] == ["First line goes on", "second line"]

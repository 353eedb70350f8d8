"""Builders for hand-made article pages used by the metadata tests (not a test module)."""

from __future__ import annotations

import json
from typing import Any

from lxml.html import HtmlElement

from cleaners.extract import parse_html
from cleaners.metadata import Signals

# Long enough for trafilatura to find a body and for clean_html to call it an article.
TEXT = " ".join(
    ["The council voted on Tuesday to approve a new budget for the coming year, with more money for buses and schools."] * 3
)
URL = "https://www.example.com/politics/budget"


def ld(*nodes: dict[str, Any]) -> str:
    """One JSON-LD script per node."""
    return "".join(f'<script type="application/ld+json">{json.dumps(node)}</script>' for node in nodes)


def meta(key: str, content: str, attribute: str = "property") -> str:
    return f'<meta {attribute}="{key}" content="{content}">'


def article(before: str = "", after: str = "") -> str:
    """An <article> with two long paragraphs, ``before``/``after`` markup around them."""
    return f"<article>{before}<p>{TEXT}</p><p>{TEXT.replace('council', 'assembly')}</p>{after}</article>"


def page(head: str = "", body: str | None = None, *, title: str | None = "Budget approved", lang: str | None = None) -> str:
    body = article() if body is None else body
    title_tag = f"<title>{title}</title>" if title is not None else ""
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{lang_attr}><head>{title_tag}{head}</head><body>{body}</body></html>"


def parsed(head: str = "", body: str = "<p>text</p>", url: str | None = URL) -> tuple[HtmlElement, Signals]:
    """The parsed page and its signals, for calling the metadata functions directly."""
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return tree, Signals.read(tree, url)

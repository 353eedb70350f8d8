"""Text blocks: the paragraph-level view of an extracted body that text rules work on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Callable

from lxml.etree import _Element

from .text import count_words, normalize_space

_ITEM_MARKER = re.compile(r"^(?:[-*•]|\d+\.)\s+")

# trafilatura's output vocabulary (TEI-like): containers whose children are blocks of their own.
_SPLIT_CONTAINERS = {"list": "item", "table": "row"}
_KIND_BY_TAG = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "code"}


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of the body.

    ``group`` ties list items and table rows back to their container so they are
    joined into one paragraph of output.
    """

    index: int
    text: str
    kind: str
    group: int

    @cached_property
    def words(self) -> int:
        return count_words(self.text)


@cache
def _xmltotxt() -> Callable[..., str]:
    # Imported on first use: what only needs Block (the rules, the crawl's settings check) does not load trafilatura.
    from trafilatura.xml import xmltotxt

    return xmltotxt


def _element_text(element: _Element) -> str:
    """The element's text as trafilatura renders it, without its tail, list marker or table pipes."""
    tail, element.tail = element.tail, None
    try:
        text = normalize_space(_xmltotxt()(element, include_formatting=False))
    finally:
        element.tail = tail
    if element.tag == "item":
        return _ITEM_MARKER.sub("", text)
    return text.strip("| ") if element.tag == "row" else text


def body_to_blocks(body: _Element) -> list[Block]:
    """Flatten trafilatura's body tree into blocks, in document order; empty ones are skipped.

    Loose text between elements (``body.text``, tails) is a paragraph of its own, as in
    trafilatura's text output.
    """
    blocks: list[Block] = []

    def add(text: str, kind: str, group: int) -> None:
        if text:
            blocks.append(Block(len(blocks), text, kind, group))

    add(normalize_space(body.text or ""), "paragraph", -1)
    for group, element in enumerate(body):
        child_tag = _SPLIT_CONTAINERS.get(element.tag)
        parts = [c for c in element if c.tag == child_tag] if child_tag else [element]
        kind = child_tag or _KIND_BY_TAG.get(element.tag, element.tag)
        for part in parts:
            add(_element_text(part), kind, group)
        add(normalize_space(element.tail or ""), "paragraph", group)
    return blocks


def blocks_to_paragraphs(blocks: list[Block]) -> tuple[str, ...]:
    """Join blocks into output paragraphs: list items / table rows of one container share one."""
    paragraphs: list[str] = []
    previous_group = None
    for block in blocks:
        joined = block.kind in ("item", "row") and block.group == previous_group
        if joined:
            paragraphs[-1] += "\n" + block.text
        else:
            paragraphs.append(block.text)
        previous_group = block.group
    return tuple(paragraphs)


def list_after(blocks: Sequence[Block], position: int) -> list[Block]:
    """The items of the list that starts right after ``blocks[position]`` (empty if none does)."""
    items: list[Block] = []
    for block in blocks[position + 1 :]:
        if block.kind != "item" or (items and block.group != items[0].group):
            break
        items.append(block)
    return items

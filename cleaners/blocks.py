"""Text blocks: the paragraph-level view of an extracted body that text rules work on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import _Element

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")

# trafilatura's output vocabulary (TEI-like): containers whose children are blocks of their own.
_SPLIT_CONTAINERS = {"list": "item", "table": "row"}
_KIND_BY_TAG = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "code"}


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of the body.

    ``group`` ties list items and table rows back to their container so they are
    joined into one paragraph of output; ``links`` are the targets of links inside.
    """

    index: int
    text: str
    kind: str
    group: int
    links: tuple[str, ...] = ()
    link_chars: int = 0

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _text_and_links(element: _Element) -> tuple[str, tuple[str, ...], int]:
    links = []
    link_chars = 0
    for ref in element.iter("ref"):
        target = ref.get("target")
        if target:
            links.append(target)
        link_chars += len(normalize_space("".join(ref.itertext())))
    if element.tag == "row":
        text = " | ".join(normalize_space("".join(cell.itertext())) for cell in element)
    else:
        text = normalize_space("".join(element.itertext()))
    return text, tuple(links), link_chars


def body_to_blocks(body: _Element) -> list[Block]:
    """Flatten trafilatura's body tree into blocks, in document order; empty ones are skipped."""
    blocks: list[Block] = []
    for group, element in enumerate(body):
        child_tag = _SPLIT_CONTAINERS.get(element.tag)
        parts = [c for c in element if c.tag == child_tag] if child_tag else [element]
        kind = child_tag or _KIND_BY_TAG.get(element.tag, element.tag)
        for part in parts:
            text, links, link_chars = _text_and_links(part)
            if text:
                blocks.append(Block(len(blocks), text, kind, group, links, link_chars))
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

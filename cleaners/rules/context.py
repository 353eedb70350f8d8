"""What a text rule may look at besides the blocks themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from lxml.html import HtmlElement

from ..blocks import Block
from ..phrases import Family, vocabulary
from ..report import Removal
from ..sites import SiteRules


@dataclass(frozen=True)
class RuleContext:
    url: str | None = None
    site: str | None = None
    site_rules: SiteRules | None = None
    titles: tuple[str, ...] = ()  # the page's headline as declared (og:title, <title>, <h1>…)
    authors: tuple[str, ...] = ()  # author names from the page's metadata
    learned_blocks: frozenset[str] = frozenset()  # fingerprints of blocks the site repeats (site-repeat)
    learned_max_share: float = 0.3
    page: HtmlElement | None = field(default=None, compare=False, repr=False)  # the parsed page (its links)
    notes: list[str] = field(default_factory=list, compare=False)  # what rules chose not to do, and why
    families: dict[str, Family] = field(default_factory=vocabulary)
    # Per-page memo for rules that look at the same block features (see prompts.reading).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def family(self, name: str) -> Family:
        return self.families[name]


TextRule = Callable[[Sequence[Block], RuleContext], list[Removal]]

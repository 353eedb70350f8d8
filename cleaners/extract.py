"""The only module that calls trafilatura (made faster by :mod:`cleaners.speedups`): parse a page once, find its body and metadata."""

from __future__ import annotations

import logging
from copy import deepcopy
from functools import cached_property

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

from . import speedups
from .sites import SiteRules

# trafilatura warns per page it can't use ("discarding data"); our status field says that.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse (and decode, for bytes) a page; None when nothing parseable is there."""
    with speedups.enabled():
        return load_html(html)


def _only_body(tree: HtmlElement, body_xpath: str) -> HtmlElement | None:
    """A copy of the page with the site's body element(s) as the whole <body>."""
    found = tree.xpath(body_xpath)
    if not found:
        return None
    page = deepcopy(tree)
    body = page.find("body")
    if body is None:
        return None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.extend(deepcopy(element) for element in found)
    return page


def extract_document(tree: HtmlElement, *, url: str | None, site_rules: SiteRules | None) -> Document | None:
    """trafilatura's body, or None.

    Links are not asked for: with ``include_links`` trafilatura picks a different body on some pages.
    Nor is its metadata pass: what the page declares is read by :mod:`cleaners.metadata`, and
    trafilatura's heuristics run only when a field is missing (:class:`Guesses`).
    """
    if site_rules is not None and site_rules.body_xpath:
        body_only = _only_body(tree, site_rules.body_xpath)
        if body_only is not None:
            tree = body_only
    with speedups.enabled():
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_links=False,
            include_images=False,
            include_tables=True,
            prune_xpath=list(site_rules.drop_xpaths) if site_rules and site_rules.drop_xpaths else None,
        )


class Guesses:
    """trafilatura's and htmldate's heuristics for a page, each run only if and when asked."""

    def __init__(self, tree: HtmlElement, url: str | None):
        self.tree = tree
        self.url = url

    @cached_property
    def title(self) -> str | None:
        text = self.tree.findtext(".//title")
        return " ".join(text.split()) if text and text.strip() else None

    @cached_property
    def author(self) -> str | None:
        return extract_author(self.tree)

    @cached_property
    def date(self) -> str | None:
        found = find_date(self.tree, url=self.url, **set_date_params(extensive=True))
        # The extensive search reads a year alone ("© 2026") as 1 January: trusted only when the
        # plain search finds that day too.
        if found and found.endswith("-01-01") and find_date(self.tree, url=self.url, **set_date_params(extensive=False)) != found:
            return None
        return found

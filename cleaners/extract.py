"""The only module that calls trafilatura: parse a page once, find its body and metadata."""

from __future__ import annotations

import logging
from copy import deepcopy

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from .sites import SiteRules

# trafilatura warns per page it can't use ("discarding data"); our status field says that.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse (and decode, for bytes) a page; None when nothing parseable is there."""
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
    """trafilatura's body and metadata, or None.

    Links are not asked for: with ``include_links`` trafilatura picks a different body on some pages.
    """
    if site_rules is not None and site_rules.body_xpath:
        body_only = _only_body(tree, site_rules.body_xpath)
        if body_only is not None:
            tree = body_only
    return trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        include_tables=True,
        prune_xpath=list(site_rules.drop_xpaths) if site_rules and site_rules.drop_xpaths else None,
    )

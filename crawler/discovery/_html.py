"""HTML for link discovery: decoded like Scrapy does (w3lib), parsed leniently by lxml."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import lxml.html
from lxml.etree import ParserError
from w3lib.encoding import html_to_unicode

_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """The document root, or None for an empty page.

    Bytes are decoded by their BOM or ``<meta charset>`` (UTF-8 otherwise); text is re-encoded so
    lxml never sees a str with an XML encoding declaration, which it refuses.
    """
    text = html_to_unicode(None, html)[1] if isinstance(html, bytes) else html
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=_UTF8_PARSER)
    except ParserError:  # "Document is empty"
        return None


def page_base(root: lxml.html.HtmlElement, base_url: str) -> str:
    """What relative links resolve against: ``<base href>`` if the page has one."""
    for href in root.xpath("//base/@href"):
        if href.strip():
            try:
                return urljoin(base_url, href.strip())
            except ValueError:
                break
    return base_url


def resolved_hrefs(root: lxml.html.HtmlElement, xpath: str, base_url: str,
                   rejected: list[str] | None = None) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """(element, absolute URL) for each element ``xpath`` selects that has an ``href``; hrefs
    that do not resolve (a malformed host or port) are skipped, and added to ``rejected``."""
    base = page_base(root, base_url)
    for element in root.xpath(xpath):
        href = (element.get("href") or "").strip()
        if not href:
            continue
        try:
            yield element, urljoin(base, href)
        except ValueError:
            if rejected is not None:
                rejected.append(href)

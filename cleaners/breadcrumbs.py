"""Breadcrumb trails: the links from the site's home page down to this page's section ("Hindi News
Local Bihar Samastipur", then the story's own name).

trafilatura drops a trail it knows by its class name ("breadcrumb"); one styled with generated
class names comes through as the first lines of the body. What marks a trail is its links, not
its markup: the first goes to the site's home page and each next one a level further down the
path the one before it opened ("/", "/local/", "/local/bihar/", "/local/bihar/samastipur/"), all
on one host. Before extraction the smallest element holding at least ``MIN_LINKS`` links around
such a home link goes, if those links are a trail and it is small (at most ``TRAIL_WORDS`` words,
neither the article, the page's main part nor anything holding the ``<h1>``).
"""

from __future__ import annotations

from itertools import islice
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .forms import drop_widgets, may_be_a_widget, outermost
from .metadata.signals import bare_host
from .report import Removal

BREADCRUMB_RULE = "breadcrumb"
# Home and two levels under it: a logo beside one section link is no trail.
MIN_LINKS = 3
# The trail and the story's name after it; a longer element is more than a trail.
TRAIL_WORDS = 40
# How far above its home link a trail's container may be (<a> in <li> in <ul>, maybe in a <nav>).
MAX_DEPTH = 4


def _is_home(href: str) -> bool:
    """"/", "https://www.example.com/" or "//www.example.com": the home page, read without parsing
    the address (a page has hundreds of links)."""
    href = href.strip()
    bare = href.rstrip("/")
    if not bare:
        return href.startswith("/")
    return bare.count("/") == 2 and bare.startswith(("http://", "https://", "//")) and "?" not in bare and "#" not in bare


def _is_trail(hrefs: list[str], site: str | None) -> bool:
    """Each address a level below the one before it, the first the home page, all on the page's
    host (``site``; when it is not known, on one host)."""
    above = None
    for href in hrefs:  # read until the first that breaks the trail: most lists are menus
        try:
            parts = urlsplit(href.strip())
        except ValueError:  # "http://[": no address
            return False
        path = parts.path.rstrip("/")
        host = bare_host(parts.hostname or "")
        if host and host != (site := site or host):
            return False
        if above is None and path or above is not None and not path.startswith(above + "/"):
            return False
        above = path
    return True


def _trail_around(home: HtmlElement, site: str | None, links_in: dict[HtmlElement, list[HtmlElement]]) -> HtmlElement | None:
    """The trail ``home`` starts, if any: the first container up from it with ``MIN_LINKS`` links.
    ``links_in`` keeps the links read in each container, for the other home links in it."""
    for depth, container in enumerate(home.iterancestors()):
        if depth == MAX_DEPTH:
            return None
        if container not in links_in:
            # A trail has a word or more a link: a container of more links is no trail.
            links_in[container] = list(islice(container.iter("a"), TRAIL_WORDS + 1))
        links = links_in[container]
        if len(links) > TRAIL_WORDS:
            return None
        if len(links) >= MIN_LINKS:
            trail = links[0] is home and _is_trail([link.get("href") or "" for link in links], site)
            return container if trail and may_be_a_widget(container, TRAIL_WORDS) else None
    return None


def breadcrumb_trails(tree: HtmlElement, url: str | None = None) -> list[HtmlElement]:
    """The trails on the page at ``url`` (when known, the trail's links must be on its host)."""
    site = bare_host(urlsplit(url).hostname or "") or None if url else None
    links_in: dict[HtmlElement, list[HtmlElement]] = {}
    homes = (link for link in tree.iter("a") if _is_home(link.get("href") or ""))
    return outermost(trail for home in homes if (trail := _trail_around(home, site, links_in)) is not None)


def drop_breadcrumb_trails(tree: HtmlElement, url: str | None = None) -> tuple[Removal, ...]:
    return drop_widgets(breadcrumb_trails(tree, url), BREADCRUMB_RULE, "links from the home page down to this page's section")

"""Boxes that sell the publication after the article: "2 Wochen kostenlos testen … Jetzt
bestellen", "Solidarität jetzt! … Jetzt abonnieren", "Support independent journalism … Donate".

The box's last line is a prompt the text rules catch; the appeal before it is written like
reporting ("Heute wie damals berichtet die Tageszeitung …") and is not. What marks the box is its
button: a short link to the site's own subscription, trial or donation page (/abo/, /subscribe,
support.example.com …). Before extraction the
box goes as a whole: the largest element around such a link that is still small (at most
``OFFER_WORDS`` words in at most ``OFFER_PARAGRAPHS`` paragraphs, none of article length; not the
article, the page's main part nor anything holding the ``<h1>``) and that comes after
``ARTICLE_WORDS_BEFORE`` words of paragraphs: a paywalled article's teaser, boxed with its offer,
stays, and so does a short story with a link to the shop in it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from courlan import extract_domain
from lxml.html import HtmlElement

from .forms import drop_widgets, largest_around, may_be_a_widget, outermost
from .report import Removal
from .text import count_words

OFFER_BOX_RULE = "offer-box"
OFFER_WORDS = 150
OFFER_PARAGRAPHS = 6
APPEAL_PARAGRAPH_WORDS = 60  # an appeal's paragraph is shorter; a longer one is the article's
ARTICLE_WORDS_BEFORE = 150
BUTTON_WORDS = 4  # "Jetzt abonnieren", "Subscribe for £1": a button, not a sentence
# A path segment naming the offer: /abo/probeabo.php, /subscribe, /contribute, /suscripcion/…
_OFFER_PATH = re.compile(
    r"/(?:abo|abos|probeabo|abo-?(?:shop|service|angebote?)|abonnement|abonnements|abonnieren|subscribe|subscriptions?|"
    r"suscripci[oó]n(?:es)?|suscribete|abbonamento|abbonamenti|abbonati|assinatura|assine|abonneren|"
    r"contribute|donate|spenden|membership)(?:[/.?#]|$)",  # not a story's slug: /spenden-affaere-cdu
    re.IGNORECASE,
)
_CHROME = {"nav", "header", "footer"}
_OFFER_HOST = re.compile(r"^(?:abo|aboshop|abonnement|subscribe|subscriptions?|support|join|membership|donate)\.", re.IGNORECASE)


def _same_site(href: str, site: str | None) -> bool:
    """A relative link, or one to the page's own ``site`` (abo.example.de for www.example.de;
    None: the page's address is not known)."""
    parts = urlsplit(href)
    if not parts.netloc:
        return not parts.scheme  # not "javascript:…", "mailto:…"
    if parts.scheme not in ("", "http", "https") or site is None:
        return False
    absolute = href if parts.scheme else f"https:{href}"  # "//abo.example.de/…"
    return (extract_domain(absolute, fast=True) or parts.hostname) == site


# A part of every word above: most links of a page are ruled out by this alone.
# (Matched on the lower-cased address: a case-insensitive search costs six times as much.)
_OFFER_HINT = re.compile(r"abo|subscri|suscri|abbona|assin|contribute|donate|spenden|support|join|membership")


def _to_offer(href: str) -> bool:
    if not _OFFER_HINT.search(href.lower()):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:  # "http://[abo": no address at all
        return False
    return bool(_OFFER_PATH.search(parts.path) or _OFFER_HOST.match(parts.hostname or ""))


def _offer_buttons(tree: HtmlElement, url: str | None) -> list[HtmlElement]:
    links = [
        link for link in tree.iter("a")
        if _to_offer(link.get("href") or "") and 0 < count_words(link.text_content()) <= BUTTON_WORDS
    ]
    if not links:
        return []
    site = (extract_domain(url, fast=True) or urlsplit(url).hostname) if url else None
    return [link for link in links if _same_site(link.get("href") or "", site)]


def _small(element: HtmlElement) -> bool:
    if not may_be_a_widget(element, OFFER_WORDS):
        return False
    paragraphs = [count_words(p.text_content()) for p in element.iter("p")]
    return len(paragraphs) <= OFFER_PARAGRAPHS and all(words <= APPEAL_PARAGRAPH_WORDS for words in paragraphs)


def _after_an_article(element: HtmlElement) -> bool:
    """At least ``ARTICLE_WORDS_BEFORE`` words of paragraphs come before ``element`` in the page."""
    words = 0
    for node in (element, *element.iterancestors()):
        for sibling in node.itersiblings(preceding=True):
            words += sum(count_words(p.text_content()) for p in sibling.iter("p"))
            if words >= ARTICLE_WORDS_BEFORE:
                return True
    return False


def offer_boxes(tree: HtmlElement, url: str | None = None) -> list[HtmlElement]:
    boxes = []
    for button in _offer_buttons(tree, url):
        # Menus are the page's chrome, which trafilatura leaves out; a box starts no sooner than its button.
        if any(a.tag in _CHROME for a in button.iterancestors()) or not _after_an_article(button):
            continue
        box = largest_around(button, _small)
        if _holds_an_appeal(box, button) and _after_an_article(box):
            boxes.append(box)
    return outermost(boxes)


def _holds_an_appeal(box: HtmlElement, button: HtmlElement) -> bool:
    """Besides the button and what wraps it, the box holds text of its own: a paragraph with a
    link in it ("… seit der <a href="/abo/">Abo</a>-Reform …") is no box."""
    around = {box, *button.iterancestors()}
    return any(
        element not in around and element is not button and button not in element.iterancestors()
        and (element.text or "").strip()
        for element in box.iter("p", "h2", "h3", "h4", "h5", "h6", "div", "li")
    )


def drop_offer_boxes(tree: HtmlElement, url: str | None = None) -> tuple[Removal, ...]:
    return drop_widgets(offer_boxes(tree, url), OFFER_BOX_RULE, "a box around a link to the site's subscription or donation page")

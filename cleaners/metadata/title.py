"""The headline, as the publisher states it for this article.

Order: the JSON-LD article ``headline``, a ``headline`` meta tag another title confirms, ``og:title``, the visible ``<h1>``, ``<title>`` — each
with the site name, section or date cut off ("… | Golem.de", "… - WELT", "… – DW – 28.04.2023").
On the dev set this order matches the reference titles most often: ``<h1>`` is frequently a
kicker-laden display variant, ``<title>`` an SEO one. A JSON-LD headline that is that SEO
``<title>`` gives way to an og:title saying something else (on the 39 dev-set pages where that
holds, the reference is the og:title on 24, the JSON-LD headline on 13). A title that is the visible ``<h1>`` plus a
separator and a few words ends in a site or section name nobody declared: it is cut to the ``<h1>``;
one that is the ``og:title`` behind a kicker and a colon gives way to the ``og:title``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from itertools import islice
from urllib.parse import urlsplit
from typing import Callable

from lxml.html import HtmlElement

from ..text import normalize_space

from .signals import Signals

# A separator starts where a run of spaces starts (or with no space before it): a long run of
# spaces is read once, not once per space. Korean sites write the bar as the letter "ㅣ", which
# stands alone in no word.
_SEPARATORS = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s+(?:\||-|–|—|::|·|•|»|/)\s+|\s*[|｜：ㅣ]\s*)")
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
# An <h1> this short is a logo or a section name, not a headline.
MIN_HEADLINE_CHARS = 12
# What follows the visible headline after a separator, up to this many words, names the site or section.
MAX_SUFFIX_WORDS = 6
# A title longer than this states no headline; headline meta tags read per page, at most.
MAX_TITLE_CHARS = 500
MAX_META_HEADLINES = 5
# A section glued to the headline without spaces ("…커졌다-정치ㅣ한국일보").
_GLUED_MARKS = frozenset("-–—|｜ㅣ:·")


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_LETTERS = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Compare names across spellings: 'Börsen-Zeitung' ~ 'boersen-zeitung.de' minus the TLD,
    'Diario Económico' ~ 'diarioeconomico'."""
    if text.isascii():  # most link texts and titles: nothing to fold or decompose
        return _NOT_LETTERS.sub("", text.lower())
    # Accents decompose into combining marks, which are not word characters: they go with the rest.
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFKD", text.casefold().translate(_FOLD)))


def _is_site_part(part: str, site_names: set[str]) -> bool:
    """The whole part names the site ('Golem.de', 'WELT', 'n-tv NACHRICHTEN') or its web edition
    ('Mirror Online' for 'Mirror'), or is a date."""
    squashed = squash(part)
    if not squashed or _DATE_PART.match(part.strip()):
        return True
    return any(squashed == name or (name and squashed == name + "online") for name in map(squash, site_names))


def strip_site_name(title: str, site_names: set[str]) -> str:
    """Drop leading/trailing separator-delimited parts that name the site (or are dates)."""
    parts = [p for p in _SEPARATORS.split(title)]
    if len(parts) < 2:
        return normalize_space(title)
    separators = _SEPARATORS.findall(title)
    start, end = 0, len(parts)
    # The site's name and what follows it: its slogan ("… | Voorbeeldkrant - Het laatste nieuws het eerst").
    named = next((i for i in range(1, end) if _is_site_part(parts[i], site_names) and not _DATE_PART.match(parts[i].strip())), end)
    if all(len(part.split()) <= MAX_SUFFIX_WORDS for part in parts[named:]):
        end = named
    while end - start > 1 and _is_site_part(parts[end - 1], site_names):
        end -= 1
    while end - start > 1 and _is_site_part(parts[start], site_names):
        start += 1
    kept = parts[start]
    for i in range(start + 1, end):
        kept += separators[i - 1] + parts[i]
    return normalize_space(kept)


def rendered_text(element: HtmlElement) -> str:
    """Text as a browser shows it: inline pieces joined as they are (kicker spans bring their own
    ": " or spacing), a ``<br>`` read as a space."""
    pieces = [element.text or ""]
    for child in element:
        pieces.append(" " if child.tag == "br" else rendered_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


# An <h1> that is the site's logo: a link home, or named so ("site-title", "brand").
_LOGO = re.compile(r"logo|brand|site[-_]?(?:title|name)|masthead", re.IGNORECASE)


def is_logo(h1: HtmlElement) -> bool:
    """The ``<h1>`` is the site's logo (a link home, or named so), not a story's headline."""
    for element in (h1, *h1.iterancestors("a"), *h1.iterdescendants("a")):
        if _LOGO.search(f"{element.get('class', '')} {element.get('id', '')}"):
            return True
        if element.tag == "a" and urlsplit(element.get("href") or "").path in ("", "/") and "#" not in (element.get("href") or "#"):
            return True
    return False


def _h1_texts(tree: HtmlElement) -> list[str]:
    return [text for text in (normalize_space(rendered_text(h1)) for h1 in tree.iter("h1") if not is_logo(h1)) if text]


def _visible_h1(tree: HtmlElement, site_names: set[str]) -> str | None:
    for text in _h1_texts(tree):
        if len(text) >= MIN_HEADLINE_CHARS and not _is_site_part(text, site_names):
            return text
    return None


def headline(tree: HtmlElement, signals: Signals, fallback: Callable[[], str | None]) -> str | None:
    """The page's headline; ``fallback()`` (the ``<title>``) when the page states none otherwise."""
    # A trailing section name ("… | Sport") is cut like the site name.
    strippable = signals.site_names | {str(s) for s in signals.article_values("articleSection") if isinstance(s, str)}
    strippable |= set(signals.all("article:section"))
    visible = _visible_h1(tree, strippable)
    social = signals.first("og:title", "twitter:title")
    page_title = fallback()
    structured = _structured_headlines(signals, (social, visible, page_title), strippable)
    if structured and social and _is_search_title(structured[0], social, page_title, strippable):
        structured.insert(0, social)
    declared = (*structured, social, visible, page_title)
    for i, title in enumerate(declared):
        if title and title.strip():
            title = _untruncated(title, declared[i + 1 :])
            title = _cut_suffix_after(visible, strip_site_name(title, strippable))
            return _without_kicker(title, strip_site_name(social, strippable) if social else None)
    return None


def _structured_headlines(signals: Signals, others: tuple[str | None, ...], strippable: set[str]) -> list[str]:
    """schema.org ``headline``s: the JSON-LD article's, then those stated in a meta tag (``<meta
    name="headline">``, microdata ``<meta itemprop="headline">``) that another of the page's titles
    (``others``) confirms: microdata metas sit in teaser cards too, with other stories' headlines."""
    declared = [html.unescape(h) for h in signals.article_values("headline") if isinstance(h, str)]
    stated = [normalize_space(o) for o in others if o and len(o) <= MAX_TITLE_CHARS]
    metas = islice(dict.fromkeys(normalize_space(h) for h in signals.all("headline")), MAX_META_HEADLINES)
    return declared + [h for h in metas if _confirmed(h, stated, strippable)]


def _confirmed(headline: str, titles: list[str], strippable: set[str]) -> bool:
    """One of ``titles`` is ``headline``, or is it with more after a mark ("Headline-Politik |
    Site"): not just the start of a longer headline ("Trump says tariffs will stay, and …")."""
    if len(headline) < MIN_HEADLINE_CHARS or _is_site_part(headline, strippable):
        return False
    return any(
        title == headline or strip_site_name(title, strippable) == headline
        or (title.startswith(headline) and (title[len(headline)] in _GLUED_MARKS or _SEPARATORS.match(title, len(headline))))
        for title in titles
    )


def _is_search_title(structured: str, social: str, page_title: str | None, strippable: set[str]) -> bool:
    """The structured headline is the page's ``<title>`` and the og:title says something else: a
    publisher keeping two headlines writes the search one into both, the editorial one into og:title.
    An og:title naming the site ("Tagesblatt", "Tagesblatt | News from the region") is the site's
    template, not a headline."""
    if not page_title:
        return False
    editorial = strip_site_name(social, strippable)
    # "Tagesblatt | News from the region" loses its start, "Editorial headline | Tagesblatt" keeps it.
    if not normalize_space(social).startswith(editorial) or len(editorial) < MIN_HEADLINE_CHARS \
            or _is_site_part(editorial, strippable):
        return False
    searched = squash(strip_site_name(page_title, strippable))
    return squash(strip_site_name(structured, strippable)) == searched != squash(editorial)


def _untruncated(title: str, others: tuple[str | None, ...]) -> str:
    """A headline cut short with an ellipsis ("Council approves the …") gives way to the variant it is the start of."""
    stem = title.rstrip().removesuffix("…").removesuffix("...").rstrip()
    if stem == title.rstrip():
        return title
    return next((o for o in others if o and o.startswith(stem) and len(o) > len(stem)), title)


def _without_kicker(title: str, social: str | None) -> str:
    """``social`` (the og:title) when ``title`` is it behind a kicker and a colon
    ("Neue Leipziger Schule: Judy Lybke, ganz und gar nicht eigenartig"): the page's own short form."""
    if social and len(title) > len(social) and title.endswith(social) and title[: -len(social)].rstrip().endswith(":"):
        return social
    return title


def _cut_suffix_after(visible: str | None, title: str) -> str:
    """``visible`` when ``title`` is it plus a separator and a few capitalised words: a site or
    section name the page does not declare as such ("„Unermüdlicher Einsatz“ - Die Neue Südtiroler
    Tageszeitung"); "Biden wins Pennsylvania - and with it the presidency" goes on with the headline."""
    if not visible or len(title) <= len(visible) or not title.startswith(visible):
        return title
    separator = _SEPARATORS.match(title, len(visible))
    suffix = title[separator.end():].split() if separator else []
    if 0 < len(suffix) <= MAX_SUFFIX_WORDS and all(word[:1].isupper() or word[:1].isdigit() for word in suffix):
        return visible
    return title


def headline_variants(tree: HtmlElement, signals: Signals, chosen: str | None) -> tuple[str, ...]:
    """Every way the page states its headline, for spotting it again at the top of the body."""
    # Only the headline's <h1> (the first one, if none looks like a headline): pages also mark up
    # section headings in the body as <h1>.
    h1 = _visible_h1(tree, signals.site_names) or next(iter(_h1_texts(tree)), None)
    variants = [chosen, signals.first("og:title", "twitter:title"), h1]
    return tuple(dict.fromkeys(v.strip() for v in variants if v and v.strip()))

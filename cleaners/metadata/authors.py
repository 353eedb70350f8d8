"""Author names: people first, the publisher or agency only when no person is named.

Sources, in order: JSON-LD ``author`` persons, author meta tags, byline markup
(``rel=author``, ``itemprop=author``), links to author pages, an "Author" label's row in a fact
list, a name alone in bold at the top or bottom of the article body, a "By …" line of plain text
under the headline, trafilatura's guess, a name alone beside the date line under the headline,
the editors of a Chinese credit line. Names are cleaned of "By"/"Von" prefixes, split where one
field lists several people, and de-duplicated (also against URL-slug variants like "jane-doe");
entries naming the site, its publisher or its shared CMS account are dropped unless nothing else
is left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import Callable, Sequence

from lxml.etree import Element, XPath
from lxml.html import HtmlElement

from ..chrome import ELSEWHERE
from ..text import NAME_PARTICLES, normalize_space
from .signals import ORGANIZATION_TYPES, Signals, bare_host, ld_types
from .title import is_logo

AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author")
_PREFIX = re.compile(
    r"^(?:by|von|par|por|door|af|av|autor(?:in)?|author|text|texte|texto|quelle|source|redaktion)\s*:?\s+"
    r"|^di\s+(?=\S+\s+\S)",  # Italian "di Marco Rossi", not "Di Maio"
    re.IGNORECASE,
)
# Separators between people; "y"/"e" only between spaces, so initials ("John E. Smith") stay.
# Spanish and Portuguese "y"/"e" also join a compound surname: not before a last single word
# ("José Ortega y Gasset").
_SPLIT = re.compile(
    r"\s*[;|&]\s*|\s+/\s+|\s+(?:and|und|et|og|и|with|avec|con|com)\s+|\s+(?:y|e)\s+(?!\S+\s*(?:,|$))"
    r"|\s+(?-i:en)\s+(?=[A-ZÀ-Ý])",  # Dutch "Jan de Vries en Piet Jansen"
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:editor|reporter|correspondent|writer|columnist|contributor|chief|(?:chef)?redakteur(?:in)?|"
    r"korrespondent(?:in)?|journalist(?:in)?|rédact(?:eur|rice)|correspondante?|envoyée? spéciale?|periodista|"
    r"redactor(?:a)?|corresponsal|enviad[oa] especial|inviat[oa]|correspondente|giornalista)\b",
    re.IGNORECASE,
)
# After a comma beside a name: the outlet ("Jane Doe, Associated Press"), not a second person.
_OUTLET = re.compile(r"\b(?:press|news|agency|agence|agentur|agencia|times|post|zeitung|journal|tribune|herald|gazette|media)\b", re.IGNORECASE)
_AGENCY_WORDS = frozenset({"reuters", "bloomberg", "xinhua", "kyodo", "yonhap", "interfax", "bernama", "antara", "anadolu"})
# From the start of a word only: a run of "@"s or letters is read once, not once per start.
_EMAIL = re.compile(r"(?<!\S)\S[^\s@]*@\S+\.\w+")
_PLACE_TAIL = re.compile(r"\s+(?-i:in|at|à|aus|from|desde|depuis)\s+[A-ZÀ-Ý].*$")  # "Jane Doe in New York"
# Korean and Japanese bylines put the title after the name: "신현주 기자", "山田太郎記者". Only
# after two letters at least ("이기자" is a name) that do not start the title ("선임기자" alone is a
# title, which _ROLE_ONLY drops).
_REPORTER_RANKS = "선임|수석|전문"  # senior, chief, specialist (reporter)
TITLES_AFTER_NAMES = rf"(?:(?:{_REPORTER_RANKS})?기자|특파원|논설위원|記者|特派員|編集委員)"
_TITLE_AFTER_NAME = re.compile(rf"(?<=\S\S)(?<!{_REPORTER_RANKS})\s*{TITLES_AFTER_NAMES}$")
# "and N others" after the names of a Korean or Japanese byline ("박준석 기자 외 1명", "山田太郎ほか2人").
AND_OTHERS = r"(?:외\s*\d+\s*명|ほか\s*\d+\s*人)"
_AND_OTHERS_AT_END = re.compile(rf"\s*{AND_OTHERS}$")
_NOT_A_NAME = re.compile(
    r"https?://|@|^\W*$|^[\d\W]+$|^\(|\b(?:image|photo|foto|bild)\s*:"
    # Buttons and labels next to a byline that byline heuristics pick up.
    r"|^(?:folgen|follow|share|teilen|abonnieren|subscribe|mehr|more|weitere|contact|kontakt)$"
    # A desk or a section, not a person ("red, Agenturen", "Nachrichten").
    r"|^(?:red|redaktion|agenturen|agencies|nachrichten|news|staff|admin|newsdesk|online)$",
    re.IGNORECASE,
)
# A person's field naming a web address is a link or a contact line; an organisation may be named so ("ndr.de").
_WEB_NAME = re.compile(r"\bwww\d?\.|\.(?:com|de|org|net)\b", re.IGNORECASE)
_ROLE_ONLY = re.compile(
    rf"^(?:(?:senior|chief|staff|deputy|managing|political|foreign|freie[rn]?|leitende[rn]?)\s+)*(?:{_ROLE.pattern})$"
    rf"|^{TITLES_AFTER_NAMES}$",
    re.IGNORECASE,
)
_ARTICLES = frozenset({"the", "der", "die", "das", "le", "la", "les", "el", "il", "lo", "o", "a"})
# "Capital Von Jemima Kelly": a capitalised byline word inside the field starts the name.
_INNER_PREFIX = re.compile(r"^\S.*?\s(?:Von|By|Par|Por)\s+(?=[A-ZÀ-Ý]\S*\s+\S)")  # not "David Von Drehle"
_SLUG = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
_BYLINE_XPATH = (
    f'//*[@rel="author"][not({ELSEWHERE})]',
    f'//*[@itemprop="author"][not({ELSEWHERE})]//*[@itemprop="name"]',
    f'//*[@itemprop="author" and not(*)][not({ELSEWHERE})]',
)
MAX_NAME_WORDS = 6
# Links to a person's page on the site: /author/jane-doe, /autoren/name/max-kolter, /auteur/…
_AUTHOR_PAGE = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autores|autori|journalists?|journalisten)/[^/?#]", re.I)
MAX_AUTHOR_LINKS = 5
# A shared account of the site's CMS ("/author/admin/"), whatever its display name ("Ilanga D"): not a person.
_ACCOUNT_PAGE = re.compile(
    r"/(?:authors?|autor(?:en)?|auteurs?|autore|users?|profile)/"
    r"(?:admin|administrator|administrador|webmaster|editor|redaktion|redaccion|redazione|redaction|newsroom|staff)/?(?:[?#]|$)",
    re.IGNORECASE,
)
MAX_BYLINE_WORDS = 40


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).casefold().strip()


def _title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _is_agency(word: str) -> bool:
    """A one-word outlet: an acronym ("AP", "dpa") or a known agency; a capitalised word is a place or a name."""
    return not _title_case(word) or word.casefold() in _AGENCY_WORDS


def _chunks(part: str) -> list[str]:
    chunks = [c.strip() for c in part.split(",") if c.strip()]
    if len(chunks) >= 2 and all(len(c.split()) == 1 for c in chunks):
        if all(_is_agency(c) for c in chunks):
            return chunks  # "dpa, AFP", "Reuters, AP"
        if len(chunks) == 2 and all(_title_case(c) for c in chunks):
            return [f"{chunks[1]} {chunks[0]}"]  # "Lenharo, Mariana"
    # "Anna Sleegers, Frankfurt" / "Jane Roe, Senior Editor" / "Jane Roe, The Washington Post":
    # after a comma, a place, a role or a publication.
    # A lower-case word other than a name's particle makes a role or a place too ("inviato a Kiev",
    # "Frankfurt am Main").
    return [
        c for i, c in enumerate(chunks)
        if i == 0 or (
            len(c.split()) >= 2 and not _ROLE.search(c) and not _OUTLET.search(c)
            and c.split()[0].casefold() not in _ARTICLES
            and not any(w.islower() and w not in NAME_PARTICLES for w in c.split())
        )
    ]


def _without_trailing_note(text: str) -> str:
    """``text`` without a note in brackets at its end: "(obe)", "(Image: Getty Images)", "(mit dpa
    (Archiv)". Found from the end, not by a pattern tried at each "(" of a long run of them."""
    if not text.endswith(")"):
        return text
    opening = text.find("(", text.rfind(")", 0, len(text) - 1) + 1)
    return text if opening < 0 else text[:opening].rstrip()


def _clean(raw: str, organization: bool = False) -> list[str]:
    """One author field → person names (or an organisation's): prefixes off, lists split, places
    after a comma dropped."""
    names = []
    for part in _SPLIT.split(_PREFIX.sub("", " ".join(_EMAIL.sub(" ", raw).split()))):
        for chunk in _chunks(part):
            chunk = _without_trailing_note(_INNER_PREFIX.sub("", _PREFIX.sub("", chunk))).strip(" .·-–—")
            if _SLUG.match(chunk):
                chunk = " ".join(w if i and w in NAME_PARTICLES else w.title() for i, w in enumerate(chunk.split("-")))
            chunk = _TITLE_AFTER_NAME.sub("", _AND_OTHERS_AT_END.sub("", _PLACE_TAIL.sub("", chunk)))
            # A role alone ("Senior Reporter", split off by trafilatura's guess) is not a name either.
            if (
                chunk and not _NOT_A_NAME.search(chunk) and not (_WEB_NAME.search(chunk) and not organization)
                and not _ROLE_ONLY.match(chunk) and len(chunk.split()) <= MAX_NAME_WORDS
            ):
                names.append(chunk)
    return _people_beside(names)


def _people_beside(names: list[str]) -> list[str]:
    """Beside a full name in the same field, a capitalised single word is a place ("María García |
    Madrid") unless it is a news agency, and a role is not a second person ("Envoyé Spécial À Kyiv").
    Agencies written as acronyms ("Jane Doe with AP", "dpa") stay, as they do in the references."""
    if not any(len(n.split()) >= 2 and not _ROLE.search(n) for n in names):
        return names
    return [
        n for n in names
        if not _ROLE.search(n) and (len(n.split()) >= 2 or _is_agency(n))
    ]


def _ld_people(signals: Signals) -> tuple[list[str], list[str]]:
    people, organizations = [], []
    by_id = {node["@id"]: node for node in signals.ld_nodes if isinstance(node.get("@id"), str) and len(node) > 1}
    # The page's own article (the first that names its authors), not the related ones in its graph.
    for value in signals.article_values("author")[:1]:
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict) and set(entry) <= {"@id", "@type"}:
                entry = by_id.get(entry.get("@id"), entry)  # {"@id": …}: the Person node elsewhere in the @graph
            if isinstance(entry, str):
                people += _clean(entry)
            elif isinstance(entry, dict):
                name = entry.get("name")
                if not isinstance(name, str):
                    given, family = entry.get("givenName"), entry.get("familyName")
                    name = " ".join(p for p in (given, family) if isinstance(p, str))
                is_account = _is_account(entry.get("url")) or _is_account(entry.get("@id"))
                is_organization = bool(ld_types(entry) & ORGANIZATION_TYPES)
                target = organizations if is_organization or is_account else people
                target += _clean(name or "", organization=is_organization)
    return people, organizations


def _is_publisher(name: str, publishers: set[str]) -> bool:
    """The name is the site's (allowing a legal-form or TLD tail: 'Frankfurter Allgemeine Zeitung GmbH')."""
    words = _key(name).split()
    for publisher in publishers:
        theirs = publisher.split()
        if "".join(words) == "".join(theirs):  # "Example News" ~ examplenews.com
            return True
        if len(theirs) >= 2 and words[: len(theirs)] == theirs and len(words) <= len(theirs) + 1:
            return True
    return False


def _author_page_anchors(element: HtmlElement) -> Iterator[HtmlElement]:
    return (a for a in element.iter("a") if _AUTHOR_PAGE.search(href := a.get("href") or "") and not _is_account(href))


def _author_page_links(tree: HtmlElement) -> list[str]:
    """Texts of the links to author pages ("/autoren/name/max-kolter") in the first one's byline:
    the byline of sites that mark it up no other way. The byline is the first link's parent, or
    its grandparent when the parent holds only that link ("<span><a>…</a></span>, <span>…") — as
    long as it is a line, not a column of teasers with their own bylines."""
    first = next(_author_page_anchors(tree), None)
    if first is None:
        return []
    links = [first]
    for container in islice(first.iterancestors(), 2):  # the parent, then the grandparent
        if len(" ".join(container.itertext()).split()) > MAX_BYLINE_WORDS:
            break
        links = list(_author_page_anchors(container))
        if len(links) > 1:
            break
    texts = [name for link in links[:MAX_AUTHOR_LINKS] for name in _clean(" ".join(link.itertext()))]
    return list(dict.fromkeys(texts))


# A labelled row of a fact list: "<strong>Autorin/Autor</strong> Roman Goncharenko", "<dt>Author</dt><dd>…".
_AUTHOR_LABEL = re.compile(r"^(?:autor(?:in)?(?:/autor(?:in)?)?|autoren|authors?|auteurs?|autore|autori)\s*:?$", re.IGNORECASE)
_LABEL_XPATH = f"//*[self::strong or self::b or self::dt or self::th or self::span][not(*)][not({ELSEWHERE})]"


def _labelled_authors(tree: HtmlElement) -> list[str]:
    """The names after an "Author" label: in the label's row, or the next cell of a definition list or table."""
    for label in tree.xpath(_LABEL_XPATH):
        if not _AUTHOR_LABEL.match((label.text or "").strip()):
            continue
        if label.tag in ("dt", "th"):
            cell = label.getnext()
            text = " ".join(cell.itertext()) if cell is not None else ""
        else:
            row = label.getparent()
            text = " ".join(row.itertext()).strip()[len((label.text or "").strip()):] if row is not None else ""
        if 0 < len(text.split()) <= MAX_NAME_WORDS * 2:
            return _clean(text)
    return []


# A byline given only as a bold line of names at an edge of the body: "<p><strong>Jane Doe</strong></p>"
# first, or last, as some sites sign their stories.
HEAD_LINES = 3  # ... before the first long paragraph (a deck may come first)
TAIL_LINES = 2
LONG_LINE_WORDS = 25
# Letters, joined by an apostrophe, a dot or a hyphen ("O'Neil", "Jean-Luc", "J."): no digits.
_NAME_LINE_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?$")
_BARE_SLASH = re.compile(r"(?<=\w)/(?=\w)")  # "Jane Doe/John Roe"


def _edge_lines(body: Sequence[str]) -> list[str]:
    head = []
    for line in body[:HEAD_LINES]:
        if len(line.split()) >= LONG_LINE_WORDS:
            break
        head.append(line)
    return head + [line for line in body[-TAIL_LINES:] if line not in head]


def _names_alone(line: str) -> list[str]:
    """The people a line names when it holds nothing else: two to four capitalised words each."""
    spaced = _BARE_SLASH.sub(" / ", line)
    names = _clean(spaced)
    if not names or Counter(re.findall(r"\w+", " ".join(names))) != Counter(re.findall(r"\w+", _SPLIT.sub(" ", spaced))):
        return []  # a place, a role or a label was cut off
    words = [w for name in names for w in name.split() if w not in NAME_PARTICLES]
    ends = [w for name in names for w in (name.split()[0], name.split()[-1])]
    if all(2 <= len(n.split()) <= 4 for n in names) and not NAME_PARTICLES.intersection(ends) \
            and all(w[0].isupper() and _NAME_LINE_WORD.match(w) for w in words):
        return names
    return []


def _bold_name_lines(tree: HtmlElement, body: Sequence[str]) -> list[str]:
    """The names of a line at the body's edge that is all in bold and holds nothing but names,
    none of whose words the article uses in lower case ("Breaking News" where it says "news")."""
    candidates = [(line, names) for line in _edge_lines(body) if (names := _names_alone(line))]
    if not candidates:
        return []
    bold = {normalize_space(" ".join(e.itertext())) for e in tree.iter("strong", "b")}
    lower = {w for line in body for w in re.findall(r"\w+", line) if w.islower()}
    for line, names in candidates:
        if line in bold and not ({w.casefold() for n in names for w in re.findall(r"\w+", n)} - NAME_PARTICLES) & lower:
            return names
    return []


# A line of plain text under the headline that says who wrote it: "By Jane Doe", "Von dpa".
_BY = re.compile(r"^(?:by|von|par|por|door|af|av)\s+(?=(?-i:[A-ZÀ-Ý]|dpa\b))", re.IGNORECASE)
_BYLINE_END = re.compile(r"\s*[,|·•]")  # "By TPN, in News", "Von Anna Sleegers, Frankfurt"
MAX_TEXT_BYLINE_WORDS = 10
# "By Getty Images" under the headline credits the photo above it.
_PHOTO_CREDIT = re.compile(r"\b(?:images|photos?|fotos?|pictures|getty|shutterstock|imago|alamy|picture[- ]alliance)\b", re.IGNORECASE)
# Between the headline and the first line this long, or the next <h1>: past them it is another story's.
UNDER_HEADLINE_ELEMENTS = 40


def _under_headline(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after the first ``<h1>`` that is not the site's logo, in document order, a few
    at most (an XPath ``following::`` axis would collect the rest of the page first)."""
    h1 = next((h1 for h1 in tree.iter("h1") if not is_logo(h1)), None)
    if h1 is None:
        return iter(())
    following = (
        element
        for node in (h1, *h1.iterancestors())
        for sibling in node.itersiblings()
        for element in sibling.iter()
        if isinstance(element.tag, str) and element.tag not in ("script", "style")
    )
    return islice(following, UNDER_HEADLINE_ELEMENTS)


# Headings under the headline: a deck, long as it may be, comes before the byline.
_DECK_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _before_the_article(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The elements under the headline up to the article's first long line (a deck heading is not
    that) or the next ``<h1>``: past them, bylines are other stories'."""
    for element in _under_headline(tree):
        if element.tag == "h1":
            return
        if element.tag not in _DECK_TAGS and len(normalize_space(element.text or "").split()) >= LONG_LINE_WORDS:
            return
        yield element


def _text_byline(tree: HtmlElement) -> list[str]:
    """The people a "By …" line of plain text names, under the headline and before the article
    starts: in teasers further down, the same words are other stories' bylines."""
    for element in _before_the_article(tree):
        lead = normalize_space(element.text or "")
        if not _BY.match(lead):
            continue
        line = _BYLINE_END.split(lead, maxsplit=1)[0]
        names = _clean(line)
        capitalised = all(
            _is_agency(name) if len(name.split()) == 1 else all(w[0].isupper() or w in NAME_PARTICLES for w in name.split())
            for name in names
        )
        if len(line.split()) <= MAX_TEXT_BYLINE_WORDS and names and capitalised and not _PHOTO_CREDIT.search(line):
            return names
        return []
    return []


# A date as a byline's line writes it beside the name: "05.04.2025", "2025-04-05".
_DATE_NUMBERS = re.compile(r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d|\.\d)")
# What may stand between a name and its date: spaces (zero-width too) and separators ("Jane Roe |").
_SEPARATOR_CHARS = " |｜/·•–—-"
_ONLY_SEPARATORS = re.compile(rf"[\s\u200b{re.escape(_SEPARATOR_CHARS)}]*")
MAX_DATE_LINE_WORDS = 12
MAX_DATE_LINE_ELEMENTS = 8  # read no further into a big element: it is no date line
# Words beside a date that are not a person: its label ("Last Updated", "Son Güncelleme"), a desk,
# a section, an account link.
_NOT_A_BYLINE = re.compile(
    r"\b(?:updated?|updates|published|posted|modified|last|aktualisiert|veröffentlicht|erschienen|stand|publié|mis|"
    r"actualizado|publicado|pubblicato|aggiornato|bijgewerkt|gepubliceerd|güncelleme|güncellenme|yayınlanma|tarih(?:i)?|"
    r"breaking|latest|top|stories|edition|ausgabe|sign|log)\b",
    re.IGNORECASE,
)
_IS_ELSEWHERE = XPath(f"boolean({ELSEWHERE} or ancestor-or-self::a)")


def _stands_alone(element: HtmlElement) -> bool:
    """No text beside the element but separators: it is not a name inside a sentence."""
    previous = element.getprevious()
    parent = element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else None
    return all(_ONLY_SEPARATORS.fullmatch(text or "") for text in (before, element.tail))


def _next_element(element: HtmlElement) -> HtmlElement | None:
    return next((s for s in element.itersiblings() if isinstance(s.tag, str)), None)


def _is_date_line(element: HtmlElement | None) -> bool:
    """A short line giving a date: a ``<time>`` or numbers written as one."""
    if element is None:
        return False
    parts = list(islice(element.iter(Element), MAX_DATE_LINE_ELEMENTS + 1))
    if len(parts) > MAX_DATE_LINE_ELEMENTS:
        return False
    text = normalize_space(element.text_content())
    if len(text.split()) > MAX_DATE_LINE_WORDS:
        return False
    return any(part.tag == "time" for part in parts) or _DATE_NUMBERS.search(text) is not None


def _name_beside_date(tree: HtmlElement) -> list[str]:
    """The names standing alone under the headline with the date line right after them
    ("Sehernur Karsu |" then "05.04.2025 - Güncelleme : 05.04.2025"): a byline without a label.
    Only plain text in an element of its own, no text beside it, outside links (sections, tags)
    and asides; not in capitals throughout as datelines are ("NEW YORK"), naming no date label,
    desk, outlet or photo agency. Names in scripts without capitals are not recognised this way."""
    for element in _before_the_article(tree):
        if len(element) or _IS_ELSEWHERE(element):
            continue
        line = normalize_space(element.text or "").rstrip(_SEPARATOR_CHARS)
        names = _names_alone(line) if len(line.split()) <= MAX_TEXT_BYLINE_WORDS else []
        if names and not line.isupper() and not (_NOT_A_BYLINE.search(line) or _OUTLET.search(line) or _PHOTO_CREDIT.search(line)) \
                and _stands_alone(element) and _is_date_line(_next_element(element)):
            return names
    return []


# Chinese stories credit their editors in a line of their own: "(责编：牛镛、岳弘彬)", "责任编辑：王小明 来源：人民网".
_EDITOR_LABELS = ("责编", "责任编辑", "責編", "責任編輯")
_EDITOR_CREDIT = re.compile(rf"(?:{'|'.join(_EDITOR_LABELS)})\s*[:：]\s*([^()（）\n。；;【】]{{1,40}})")
_EDITOR_XPATH = "//text()[" + " or ".join(f"contains(., '{label}')" for label in _EDITOR_LABELS) + "]"
_NEXT_LABEL = re.compile(r"\s*\S{1,8}[:：].*$")  # "来源：人民网" after the names
_LIST = re.compile(r"[、，,;；/]+")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
MAX_EDITOR_NAMES = 4


def _editor_names(credit: str) -> list[str]:
    """Han names (2–4 characters, spaces between them too) or names in Latin letters, as listed."""
    names = []
    for piece in filter(None, (p.strip() for p in _LIST.split(_NEXT_LABEL.sub("", credit)))):
        words = piece.split()
        if all(_HAN_NAME.match(w) for w in words):
            names += words
        elif not any("\u4e00" <= ch <= "\u9fff" for ch in piece):
            names += _clean(piece)
        else:  # Han text that is no name: a sentence, not a credit
            return []
    return names if len(names) <= MAX_EDITOR_NAMES else []


def _editor_credit(tree: HtmlElement) -> list[str]:
    """The editors a Chinese credit line names, when the page names no reporter."""
    for text in tree.xpath(_EDITOR_XPATH)[:5]:
        match = _EDITOR_CREDIT.search(text)
        names = _editor_names(match.group(1)) if match else []
        if names:
            return names
    return []


def find_authors(
    tree: HtmlElement, signals: Signals, guess: Callable[[], str | None], body: Sequence[str] = ()
) -> tuple[str, ...]:
    """The article's people; ``guess()`` (trafilatura's byline heuristics) only if the page names
    none. ``body`` is the article's text, line by line, when it is known."""
    publishers = {_key(n) for n in signals.site_names} - {""}
    people, organizations = _ld_people(signals)
    sources: list[Callable[[], list[str]]] = [
        lambda: people,
        lambda: [n for raw in signals.all(*AUTHOR_META) if not raw.startswith("http") and not _names_the_site(raw, signals)
                 for n in _clean(raw)],
        lambda: [n for xpath in _BYLINE_XPATH for e in tree.xpath(xpath)[:5] if not _is_account(e.get("href"))
                 for n in _clean(" ".join(e.itertext()))],
        lambda: _author_page_links(tree),
        lambda: _labelled_authors(tree),
        lambda: _bold_name_lines(tree, body),
        lambda: _text_byline(tree),
        lambda: _guessed_people(guess()),
        # No label says this one is a byline: it comes after trafilatura's guess, and a publisher's
        # name it finds is not kept as the fallback either.
        lambda: [n for n in _name_beside_date(tree) if not _is_publisher(n, publishers)],
        lambda: _editor_credit(tree),
    ]
    fallback: list[str] = list(organizations)
    for source in sources:  # each asked only when the ones before name no person
        names = source()
        persons = [n for n in names if not _is_publisher(n, publishers)]
        if persons:
            return _dedupe(persons)
        fallback += names
    return _dedupe(fallback)


def _is_account(url: object) -> bool:
    return isinstance(url, str) and _ACCOUNT_PAGE.search(url) is not None


def _names_the_site(raw: str, signals: Signals) -> bool:
    """An author field that gives the site's own address after the name is the publisher
    ("Deutsche Welle (www.dw.com)")."""
    host = bare_host(signals.host or "")
    return bool(host) and re.search(rf"\((?:https?://)?(?:www\d?\.)?{re.escape(host)}/?\)", raw, re.IGNORECASE) is not None


def _guessed_people(guess: str | None) -> list[str]:
    """trafilatura's byline guess, which splits "By Jane Doe, CNN" into "Jane Doe; CNN": beside a
    full name, a one-word part is a place or an outlet ("Frankfurt", "AFP"), not a person."""
    names = _people_beside([n for raw in (guess or "").split(";") for n in _clean(raw)])
    if any(len(n.split()) >= 2 for n in names):
        return [n for n in names if len(n.split()) >= 2]
    return names


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(_key(name), name)
    return tuple(seen.values())

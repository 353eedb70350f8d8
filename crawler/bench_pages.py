"""Pages for ``python -m crawler.bench``: a local mirror of N realistic, distinct news pages.

The bundled sample articles (``tests/sites/demo``, ``news_a``, ``news_b`` and the newsletter
fixtures) are small — 3 to 8 KB — while real news pages weigh 30 to 150 KB and more, most of it
page chrome: navigation menus with hundreds of links, footer link farms, inline JSON app state,
tracking scripts, SVG sprites, related-story teasers, comment threads, ad slots and HTML comments.
Parsing cost follows page size, so a benchmark on bare pages would flatter every extractor.

Each copy ``n`` is made from base page ``n mod len(bases)``:

* the article text is varied deterministically (``seed`` and ``n``): about one word in seven of
  every longer text node is replaced by another word of the same page, so copies of one base
  are far apart in SimHash (no near-duplicates), teach site learning nothing, and still read as
  the same kind of text in the same language;
* its canonical URL and ``og:url`` become the copy's own URL (``/bench/<n>/<slug>.html``), so the
  crawl's within-run duplicate filter keeps every copy;
* it is padded with generated chrome up to a size drawn from 30–150 KB (pages already larger, as
  saved real pages often are, are left at their size).

Pure Python, no Scrapy.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import unescape
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SITES = PROJECT_ROOT / "tests" / "sites"
NEWSLETTER_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "newsletter"

MIN_BYTES = 30_000
MAX_BYTES = 150_000
REPLACE_SHARE = 0.15  # share of words replaced in each longer text node of a copy
MIN_WORDS_VARIED = 6  # text nodes with fewer words (links, labels, bylines) are left alone


@dataclass(frozen=True)
class Source:
    """A base page: its slug (for copy URLs), where it came from and its HTML (placeholders intact)."""

    slug: str
    origin: str
    html: str


@dataclass(frozen=True)
class Page:
    """One page of the mirror."""

    n: int
    url: str
    path: Path
    size: int
    origin: str


# --- base pages ------------------------------------------------------------------------------

def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80] or "page"


def _site_articles(site: Path) -> Iterator[Path]:
    expected = json.loads((site / "_expected.json").read_text(encoding="utf-8"))
    for rel in expected["articles"]:
        path = site / rel
        yield path / "index.html" if rel.endswith("/") else path


def bundled_sources() -> list[Source]:
    """The bundled sample articles (only the pages the sample sites list as articles)."""
    sources: list[Source] = []
    for name in ("demo", "news_a", "news_b"):
        for path in _site_articles(SITES / name):
            stem = path.parent.name if path.name == "index.html" else path.stem
            sources.append(Source(_slug(stem), str(path.relative_to(PROJECT_ROOT)), path.read_text(encoding="utf-8")))
    for path in sorted(NEWSLETTER_FIXTURES.glob("*/page.html")):
        sources.append(Source(_slug(path.parent.name), str(path.relative_to(PROJECT_ROOT)), path.read_text(encoding="utf-8")))
    return sources


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(raw: bytes) -> str:
    """Saved pages come in their own encoding: the declared one if it works, else UTF-8 (lossy)."""
    match = _META_CHARSET.search(raw[:8192])
    for encoding in ([match[1].decode("ascii", "replace")] if match else []) + ["utf-8"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def dir_sources(folder: Path) -> list[Source]:
    """Every ``*.html`` / ``*.htm`` under ``folder`` (e.g. a dev set's saved news pages)."""
    if not folder.is_dir():
        raise FileNotFoundError(f"--pages-from: {folder} is not a folder")
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    if not paths:
        raise FileNotFoundError(f"--pages-from: no .html files under {folder}")
    return [Source(_slug(p.stem), str(p), decode_page(p.read_bytes())) for p in paths]


# --- placeholders, canonical URL, text variation ---------------------------------------------

_NOW_PLACEHOLDER = re.compile(r"\{\{(RFC822 )?NOW-(\d+)([dh])\}\}")


def fill_placeholders(html: str, base: str, now: datetime) -> str:
    """The sample sites' ``{{BASE}}`` and ``{{NOW-3d}}`` / ``{{RFC822 NOW-5h}}`` placeholders."""
    def moment(match: re.Match[str]) -> str:
        then = now - timedelta(**{"days" if match[3] == "d" else "hours": int(match[2])})
        return format_datetime(then) if match[1] else then.isoformat()

    return _NOW_PLACEHOLDER.sub(moment, html.replace("{{BASE}}", base))


_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.I)
_OG_URL = re.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']?og:url\b[^>]*>""", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)
_BODY_START = re.compile(r"<body\b[^>]*>", re.I)
_BODY_END = re.compile(r"</body\s*>", re.I)
_ARTICLE_END = re.compile(r"</article\s*>|</main\s*>", re.I)
# Tags, comments and whole script/style elements: the text between them is what readers see.
_MARKUP = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)
_WORD = re.compile(r"(?<![&#\w])[^\W\d_]{3,}\b(?!;)")


def set_canonical(html: str, url: str) -> str:
    """Drop the page's canonical link and og:url; declare ``url`` instead."""
    html = _OG_URL.sub("", _CANONICAL.sub("", html))
    tags = f'<link rel="canonical" href="{url}">\n<meta property="og:url" content="{url}">\n'
    match = _HEAD_END.search(html)
    return html[: match.start()] + tags + html[match.start() :] if match else tags + html


def _body_split(html: str) -> int:
    match = _BODY_START.search(html)
    return match.end() if match else 0


def _normalized(text: str) -> str:
    return " ".join(unescape(text).split())


def vary_text(html: str, rng: random.Random, article_text: str | None = None, share: float = REPLACE_SHARE) -> str:
    """Replace about ``share`` of the words of every longer text node of the body by other words
    of the page (same language, same casing), leaving markup, scripts and short labels alone.

    With ``article_text`` (the page's cleaned text), only nodes within it are varied: boilerplate
    the cleaners remove keeps its wording, so the rules still find it in every copy.
    """
    start = _body_split(html)
    head, body = html[:start], html[start:]
    parts = _MARKUP.split(body)
    texts = [i for i in range(0, len(parts), 2) if len(parts[i].split()) >= MIN_WORDS_VARIED]
    if article_text is not None:
        article = _normalized(article_text)
        within = [i for i in texts if _normalized(parts[i]) in article]
        if len({w.lower() for i in within for w in _WORD.findall(parts[i])}) >= 20:
            texts = within
    vocabulary = sorted({w.lower() for i in texts for w in _WORD.findall(parts[i])})
    if len(vocabulary) < 20:
        return html

    def replace(match: re.Match[str]) -> str:
        if rng.random() >= share:
            return match[0]
        word = rng.choice(vocabulary)
        return word.capitalize() if match[0][0].isupper() else word

    for i in texts:
        parts[i] = _WORD.sub(replace, parts[i])
    return head + "".join(parts)


# --- page chrome -----------------------------------------------------------------------------

SECTIONS = {
    "News": ["UK", "World", "Politics", "Business", "Science", "Health", "Education", "Technology",
             "Environment", "Local", "Crime", "Obituaries", "Fact check", "In pictures"],
    "Sport": ["Football", "Cricket", "Rugby union", "Rugby league", "Tennis", "Golf", "Cycling",
              "Formula 1", "Athletics", "Boxing", "Horse racing", "Results", "Fixtures", "Tables"],
    "Business": ["Markets", "Economy", "Companies", "Personal finance", "Property", "Jobs",
                 "Small business", "Energy", "Retail", "Banking", "Pensions", "Work"],
    "Opinion": ["Editorials", "Columnists", "Letters", "Cartoons", "Guest essays", "Corrections"],
    "Culture": ["Film", "Music", "Books", "Television", "Art and design", "Stage", "Classical",
                "Games", "Podcasts", "Reviews", "What's on"],
    "Lifestyle": ["Food", "Recipes", "Travel", "Fashion", "Beauty", "Family", "Relationships",
                  "Home and garden", "Fitness", "Money", "Motoring", "Puzzles", "Crossword"],
    "Regions": ["North", "South", "East", "West", "Coast", "Valley", "City centre", "Harbour",
                "Old town", "Suburbs", "Villages", "Islands"],
    "Services": ["Newsletters", "Podcasts", "E-paper", "Archive", "Weather", "Traffic", "Events",
                 "Announcements", "Dating", "Shop", "Competitions", "Apps"],
}
FOOTER_COLUMNS = {
    "About us": ["Who we are", "Our journalism", "Editorial code", "Complaints", "Corrections",
                 "Ownership", "Careers", "Work experience", "Press office", "Annual report"],
    "Help": ["Contact us", "FAQ", "Accessibility", "Delivery", "Manage account", "Reset password",
             "Report a bug", "Site map", "Text-only site", "Tips"],
    "Legal": ["Terms of use", "Privacy policy", "Cookie policy", "Cookie settings", "Modern slavery",
              "Copyright", "Licensing", "Syndication", "Reprints", "Do not sell my data"],
    "Advertise": ["Advertise with us", "Media kit", "Classifieds", "Jobs board", "Property listings",
                  "Notices", "Branded content", "Partners", "Events", "Awards"],
    "Subscribe": ["Digital", "Print", "Gift", "Student", "Business", "Apps", "E-paper",
                  "Newsletters", "Podcasts", "Offers"],
    "Follow": ["Facebook", "X", "Instagram", "YouTube", "TikTok", "LinkedIn", "WhatsApp",
               "Telegram", "RSS", "Mastodon"],
}


class Chrome:
    """Generates a page's chrome from ``rng`` and a word list (no two pages alike)."""

    def __init__(self, rng: random.Random, words: list[str], base: str):
        self.rng = rng
        self.words = words
        self.base = base

    def text(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(low, high)))

    def headline(self) -> str:
        return self.text(6, 12).capitalize()

    def sentence(self) -> str:
        return self.text(10, 24).capitalize() + "."

    def href(self) -> str:
        r = self.rng
        return f"/{r.randint(2019, 2026)}/{r.randint(1, 12):02d}/{r.randint(1, 28):02d}/{_slug(self.text(4, 8))}-{r.randint(10**5, 10**6)}.html"

    def stamp(self) -> str:
        moment = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=self.rng.randint(0, 500_000))
        return moment.isoformat()

    def ident(self) -> str:
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(self.rng.randint(6, 12)))

    # Fixed parts, one of each per page.

    def head(self) -> str:
        r = self.rng
        metas = "\n".join(
            f'<meta name="{name}" content="{self.text(2, 12)}">'
            for name in ("keywords", "news_keywords", "twitter:title", "twitter:description", "robots",
                         "theme-color", "apple-mobile-web-app-title", "application-name", "parsely-tags",
                         "sailthru.tags", "cXenseParse:pageclass", "msapplication-TileColor")
        )
        links = "\n".join(
            f'<link rel="{rel}" href="https://{host}.cdn.example/{self.ident()}">'
            for rel, host in (("preconnect", "fonts"), ("preconnect", "img"), ("dns-prefetch", "ads"),
                              ("dns-prefetch", "analytics"), ("preload", "static"), ("preload", "static"))
        )
        css = "\n".join(
            f".{self.ident()}__{self.ident()}{{margin:{r.randint(0, 32)}px {r.randint(0, 32)}px;"
            f"color:#{r.randint(0, 0xFFFFFF):06x};font:{r.randint(12, 28)}px/{r.randint(12, 18) / 10} sans-serif;"
            f"display:{r.choice(['flex', 'grid', 'block', 'none'])}}}"
            for _ in range(r.randint(40, 160))
        )
        datalayer = json.dumps({
            "event": "pageview", "pageType": "article", "section": self.text(1, 2), "author": self.text(2, 2),
            "wordCount": r.randint(300, 2000), "paywall": r.choice(["free", "metered", "premium"]),
            "tags": [self.text(1, 3) for _ in range(r.randint(3, 10))], "abTests": {self.ident(): r.choice("AB") for _ in range(6)},
        })
        return (
            f"<!-- head: {self.ident()} build {r.randint(1000, 9999)} -->\n{metas}\n{links}\n"
            f"<style>{css}</style>\n"
            f"<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({datalayer});</script>\n"
            f'<script async src="https://analytics.cdn.example/gtag/js?id=G-{self.ident().upper()}"></script>\n'
        )

    def nav(self) -> str:
        r = self.rng
        menus = []
        for section, subsections in SECTIONS.items():
            picked = r.sample(subsections, r.randint(len(subsections) // 2, len(subsections)))
            items = "".join(
                f'<li class="mega-menu__item"><a class="mega-menu__link" href="/{_slug(section)}/{_slug(sub)}/" '
                f'data-track="nav|{_slug(section)}|{_slug(sub)}">{sub}</a></li>'
                for sub in picked
            )
            menus.append(
                f'<li class="mega-menu__section"><a href="/{_slug(section)}/">{section}</a>'
                f'<ul class="mega-menu__list">{items}</ul></li>'
            )
        trending = "".join(f'<li><a href="{self.href()}">{self.text(2, 4).title()}</a></li>' for _ in range(r.randint(5, 12)))
        return (
            '\n<header class="site-header site-header--sticky" role="banner">'
            '<a class="skip-link" href="#main">Skip to content</a>'
            f'<div class="top-bar"><a href="/subscribe" class="top-bar__cta">Subscribe</a><a href="/login">Sign in</a>'
            f'<span class="top-bar__date">{self.stamp()[:10]}</span></div>'
            f'<nav class="mega-menu" aria-label="Main"><ul class="mega-menu__sections">{"".join(menus)}</ul></nav>'
            f'<nav class="trending" aria-label="Trending"><span>Trending:</span><ul>{trending}</ul></nav>'
            "</header>\n"
        )

    def svg_sprite(self) -> str:
        r = self.rng
        symbols = "".join(
            f'<symbol id="icon-{self.ident()}" viewBox="0 0 24 24"><path d="M{r.randint(0, 24)} {r.randint(0, 24)}'
            + "".join(f"L{r.randint(0, 24)}.{r.randint(0, 9)} {r.randint(0, 24)}.{r.randint(0, 9)}" for _ in range(r.randint(6, 24)))
            + 'Z"/></symbol>'
            for _ in range(r.randint(10, 30))
        )
        return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{symbols}</svg>\n'

    def footer(self) -> str:
        r = self.rng
        columns = "".join(
            f'<div class="site-footer__col"><h4>{title}</h4><ul>'
            + "".join(f'<li><a href="/{_slug(title)}/{_slug(link)}">{link}</a></li>' for link in r.sample(links, r.randint(6, len(links))))
            + "</ul></div>"
            for title, links in FOOTER_COLUMNS.items()
        )
        sections = "".join(
            f'<li><a href="/{_slug(section)}/{_slug(sub)}/">{sub}</a></li>' for section, subs in SECTIONS.items() for sub in subs
        )
        return (
            '\n<footer class="site-footer" role="contentinfo">'
            f'<div class="site-footer__cols">{columns}</div>'
            f'<nav class="site-footer__sections" aria-label="All sections"><ul>{sections}</ul></nav>'
            f'<p class="site-footer__legal">© {r.randint(2020, 2026)} {self.text(2, 3).title()} Media Ltd. All rights reserved. '
            f"Registered in England and Wales, company no. {r.randint(10**6, 10**7)}. {self.sentence()}</p>"
            "</footer>\n"
        )

    def consent(self) -> str:
        vendors = "".join(f'<li data-vendor="{self.rng.randint(1, 999)}">{self.text(1, 3).title()} Ltd</li>' for _ in range(self.rng.randint(8, 30)))
        return (
            '<div id="consent-dialog" class="cmp" role="dialog" aria-modal="true" hidden>'
            f"<p>{self.sentence()} {self.sentence()}</p><details><summary>Our partners</summary><ul>{vendors}</ul></details>"
            '<button class="cmp__accept">Accept all</button><button class="cmp__reject">Reject all</button></div>\n'
        )

    # Filler chunks, repeated until the page reaches its size.

    def related(self) -> str:
        r = self.rng
        teasers = "".join(
            f'<li class="teaser"><a class="teaser__link" href="{self.href()}">'
            f'<img src="https://img.cdn.example/{self.ident()}.jpg" srcset="https://img.cdn.example/{self.ident()}-480.jpg 480w, '
            f'https://img.cdn.example/{self.ident()}-960.jpg 960w" alt="{self.text(3, 8)}" width="480" height="270" loading="lazy">'
            f'<h3 class="teaser__title">{self.headline()}</h3></a>'
            f'<p class="teaser__summary">{self.text(8, 18)}</p><time datetime="{self.stamp()}">{self.stamp()[:10]}</time></li>'
            for _ in range(r.randint(4, 10))
        )
        label = r.choice(["More on this story", "Most read", "Related stories", "Top stories", "Recommended for you", "Latest"])
        return f'\n<section class="related-stories" aria-label="{label}"><h2>{label}</h2><ul class="teaser-list">{teasers}</ul></section>\n'

    def comments(self) -> str:
        r = self.rng
        items = "".join(
            f'<li class="comment" id="comment-{r.randint(10**6, 10**7)}"><div class="comment__meta">'
            f'<span class="comment__author">{self.ident()}</span><time datetime="{self.stamp()}">{r.randint(1, 59)} min ago</time></div>'
            f'<div class="comment__body"><p>{self.text(6, 40).capitalize()}</p></div>'
            f'<div class="comment__actions"><button>Reply</button><button>Recommend ({r.randint(0, 300)})</button><button>Report</button></div></li>'
            for _ in range(r.randint(4, 12))
        )
        return f'\n<section id="comments-{self.ident()}" class="comments"><h2>Comments</h2><ol class="comment-list">{items}</ol></section>\n'

    def app_state(self) -> str:
        r = self.rng
        state = {
            "props": {"pageProps": {"id": self.ident(), "teasers": [
                {"id": r.randint(10**6, 10**7), "headline": self.headline(), "url": self.base + self.href(),
                 "summary": self.sentence(), "published": self.stamp(),
                 "image": {"url": f"https://img.cdn.example/{self.ident()}.jpg", "width": 1200, "height": 675, "alt": self.text(3, 8)},
                 "tags": [self.text(1, 2) for _ in range(r.randint(1, 5))], "premium": r.random() < 0.3}
                for _ in range(r.randint(4, 12))
            ]}},
            "buildId": self.ident(), "page": "/[section]/[slug]", "isFallback": False,
        }
        return f'<script type="application/json" data-state="{self.ident()}">{json.dumps(state, ensure_ascii=False)}</script>\n'

    def ads(self) -> str:
        r = self.rng
        return "".join(
            f'\n<!-- ad slot {self.ident()}: {r.choice(["mpu", "leaderboard", "billboard", "native"])} -->'
            f'<div class="ad-slot ad-slot--{r.choice(["mpu", "leaderboard", "sky"])}" id="ad-{self.ident()}" '
            f'data-ad-unit="/{r.randint(1000, 9999)}/news/article" data-sizes="[[300,250],[300,600],[728,90]]" '
            f'data-targeting=\'{{"pos":"{r.randint(1, 9)}","kw":"{self.text(1, 3)}"}}\'><span class="ad-slot__label">Advertisement</span></div>'
            for _ in range(r.randint(2, 6))
        ) + "\n"

    def script(self) -> str:
        r = self.rng
        statements = ";".join(
            f"var {self.ident()}=function({self.ident()}){{return {self.ident()}.{self.ident()}({r.randint(0, 999)},'{self.ident()}')}}"
            for _ in range(r.randint(10, 40))
        )
        return f"<script>(function(){{{statements}}})();</script>\n"


def _insert(html: str, pattern: re.Pattern[str], chunk: str, *, after: bool, last: bool) -> str:
    matches = list(pattern.finditer(html))
    if not matches:
        return html + chunk if not after else chunk + html
    match = matches[-1] if last else matches[0]
    at = match.end() if after else match.start()
    return html[:at] + chunk + html[at:]


def pad(html: str, target: int, chrome: Chrome) -> str:
    """``html`` with chrome added until it weighs at least ``target`` bytes (UTF-8)."""
    size = len(html.encode("utf-8"))
    if size >= target:
        return html
    head, top, after_article, bottom = [chrome.head()], [chrome.nav()], [], [chrome.footer(), chrome.consent(), chrome.svg_sprite()]
    size += sum(len(part.encode("utf-8")) for part in head + top + bottom)
    fillers: list[tuple[Callable[[], str], list[str]]] = [
        (chrome.related, after_article), (chrome.comments, after_article), (chrome.ads, after_article),
        (chrome.app_state, bottom), (chrome.script, bottom), (chrome.related, bottom),
    ]
    while size < target:
        make, where = chrome.rng.choice(fillers)
        chunk = make()
        where.append(chunk)
        size += len(chunk.encode("utf-8"))
    html = _insert(html, _HEAD_END, "".join(head), after=False, last=False)
    html = _insert(html, _BODY_START, "".join(top), after=True, last=False)
    if _ARTICLE_END.search(html):
        html = _insert(html, _ARTICLE_END, "".join(after_article), after=True, last=True)
    else:
        bottom = after_article + bottom
    return _insert(html, _BODY_END, "".join(bottom), after=False, last=True)


def target_size(rng: random.Random) -> int:
    """30–150 KB, more small pages than large ones (mean about 75 KB)."""
    return int(MIN_BYTES + (MAX_BYTES - MIN_BYTES - 8_000) * rng.random() ** 1.5)


def make_copy(
    source: Source, n: int, url: str, *, base: str, now: datetime, seed: int, words: list[str], article_text: str | None = None
) -> str:
    """Copy ``n`` of ``source``: served at ``url``, its own wording, padded to a realistic size."""
    rng = random.Random(f"{seed}:{n}:{source.origin}")
    html = fill_placeholders(source.html, base, now)
    html = vary_text(html, rng, article_text)
    html = set_canonical(html, url)
    return pad(html, target_size(rng), Chrome(rng, words, base))


def chrome_words(sources: list[Source]) -> list[str]:
    """English words of the bundled pages, for generated headlines, teasers and comments."""
    words: set[str] = set()
    for source in sources:
        if re.search(r"""<html[^>]*lang=["']?en""", source.html[:500], re.I):
            start = _body_split(source.html)
            for i, part in enumerate(_MARKUP.split(source.html[start:])):
                if i % 2 == 0:
                    words.update(w.lower() for w in _WORD.findall(part))
    return sorted(words) or ["news", "report", "council", "harbour", "city", "week", "plan", "said"]


def build_mirror(
    root: Path,
    count: int,
    base: str,
    *,
    sources: list[Source],
    seed: int = 1,
    describe: Callable[[str, str], str | None] | None = None,
    now: datetime | None = None,
) -> tuple[list[Page], list[str]]:
    """Writes ``count`` pages under ``root/bench/<n>/<slug>.html``; returns them and the origins
    of the base pages left out.

    ``describe(html, url)`` gives a page's cleaned article text, or None when it is not an
    article. With it, each base page is described once: a base that is no article, or whose first
    copy is none, is left out, and only its article text is varied in the copies. ``now`` fills
    the sample sites' ``{{NOW-…}}`` placeholders (default: the current time).
    """
    if not sources:
        raise ValueError("no base pages")
    words = chrome_words(sources)
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    pages: list[Page] = []
    texts: dict[int, str | None] = {}  # base index -> its article text (None: not described)
    rejected: dict[int, str] = {}
    checked: set[int] = set()
    cursor = 0
    for n in range(count):
        while True:
            if len(rejected) == len(sources):
                raise ValueError(f"none of the {len(sources)} base pages is an article")
            index = cursor % len(sources)
            cursor += 1
            if index in rejected:
                continue
            source = sources[index]
            url = f"{base}/bench/{n}/{source.slug}.html"
            if describe is not None and index not in texts:
                texts[index] = describe(fill_placeholders(source.html, base, now), url)
                if texts[index] is None:
                    rejected[index] = source.origin
                    continue
            html = make_copy(source, n, url, base=base, now=now, seed=seed, words=words, article_text=texts.get(index))
            if describe is not None and index not in checked:
                checked.add(index)  # the base's first copy stands for all of them
                if describe(html, url) is None:
                    rejected[index] = source.origin
                    continue
            break
        path = root / "bench" / str(n) / f"{source.slug}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        path.write_bytes(data)
        pages.append(Page(n, url, path, len(data), source.origin))
    return pages, list(rejected.values())

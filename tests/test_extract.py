"""trafilatura's readability fallback is skipped only where it cannot change the result."""

from pathlib import Path

import pytest
import trafilatura
import trafilatura.external
from trafilatura.settings import Extractor

import cleaners.extract as extract
from cleaners.extract import extract_document, parse_html, readability_cannot_win

FIXTURES = Path(__file__).parent
STORY = " ".join(f"Sentence {n} of the council's harbour report, with figures and quotes." for n in range(12))
TEASERS = "".join(
    f"<li><a href='/{n}'>Teaser {n}: the ferry timetable, the schools and the storm</a> and a line of summary</li>"
    for n in range(80)
)
# A page whose chrome outweighs its story: readability has to run.
CHROME_HEAVY = (
    "<html><body><nav><ul>" + TEASERS + "</ul></nav><article><h1>Harbour plan</h1>"
    + "".join(f"<p>{STORY}</p>" for _ in range(2)) + "</article><aside><ul>" + TEASERS + "</ul></aside></body></html>"
)
PAGES = sorted(
    [*FIXTURES.glob("fixtures/newsletter/*/page.html"), *FIXTURES.glob("sites/demo/20*/**/*.html")]
)
HTML = {str(page.relative_to(FIXTURES)): page.read_text(encoding="utf-8") for page in PAGES} | {"chrome-heavy": CHROME_HEAVY}


def tree_of(body: str):
    return parse_html(f"<html><head><title>t</title></head><body>{body}</body></html>")


def own_body(html: str):
    return parse_html(f"<html><body>{html}</body></html>").find("body")


@pytest.mark.parametrize("options", [Extractor(), Extractor(precision=True)], ids=["balanced", "precision"])
def test_readability_cannot_win_when_the_page_is_not_twice_the_extraction(options):
    raw = tree_of(f"<nav>Home News Sport</nav><article><p>{STORY}</p></article><script>{'x' * 5000}</script>")
    assert readability_cannot_win(raw, own_body(f"<p>{STORY}</p>"), STORY, options)


def test_readability_may_win_when_the_page_has_twice_the_text():
    raw = tree_of(f"<article><p>{STORY}</p><p>{STORY}</p><p>{STORY}</p></article>")
    assert not readability_cannot_win(raw, own_body(f"<p>{STORY}</p>"), STORY, Extractor())


def test_recall_focus_allows_no_margin():
    raw = tree_of(f"<p>{STORY}</p><p>{STORY[:200]}</p>")
    assert readability_cannot_win(raw, own_body(f"<p>{STORY}</p>"), STORY, Extractor())
    assert not readability_cannot_win(raw, own_body(f"<p>{STORY}</p>"), STORY, Extractor(recall=True))


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<div>Only a div, no paragraph.</div>", "Only a div, no paragraph."),
        ("<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table><p>c</p>", "a b c"),
        ("<p></p>", ""),
    ],
)
def test_readability_always_runs_for_bodies_it_may_replace_whatever_their_length(body, text):
    assert not readability_cannot_win(tree_of(body), own_body(body), text, Extractor())


def test_video_iframes_count_for_the_text_readability_adds():
    text = "x" * 100
    raw = tree_of(f"<p>{'y' * 195}</p>" + '<iframe src="https://www.youtube.com/embed/a"></iframe>')
    assert not readability_cannot_win(raw, own_body(f"<p>{text}</p>"), text, Extractor())


@pytest.mark.parametrize("name", HTML)
def test_skipping_readability_never_changes_the_extraction(name, monkeypatch):
    html = HTML[name]
    gated = extract_document(parse_html(html), url=None, site_rules=None)
    monkeypatch.setattr(extract, "readability_cannot_win", lambda *args: False)
    plain = extract_document(parse_html(html), url=None, site_rules=None)
    assert (gated is None) == (plain is None)
    if gated is not None:
        assert gated.text == plain.text


def test_the_bundled_pages_include_ones_where_readability_is_skipped(monkeypatch):
    verdicts = []

    def recording(*args):
        verdicts.append(readability_cannot_win(*args))
        return verdicts[-1]

    monkeypatch.setattr(extract, "readability_cannot_win", recording)
    for html in HTML.values():
        extract_document(parse_html(html), url=None, site_rules=None)
    assert True in verdicts and False in verdicts


def test_trafilatura_called_directly_still_runs_readability(monkeypatch):
    page = next(p for p in PAGES if "night-bus" in p.name)
    calls = []
    original = extract._try_readability
    monkeypatch.setattr(extract, "_try_readability", lambda tree: calls.append(1) or original(tree))
    trafilatura.extract(page.read_text(encoding="utf-8"))
    assert calls
    assert trafilatura.external.try_readability is extract._try_readability_gated

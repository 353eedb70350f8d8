"""trafilatura made faster where it cannot change the result: element classes looked up in C, justext's stop words hashed once, readability's unlikely candidates found by XPath, readability skipped when it cannot win, basic cleaning and justext without repeated work, justext's paragraphs without SAX."""

import contextlib
from pathlib import Path

import pytest
import trafilatura
import trafilatura.external
import trafilatura.readability_lxml as readability
import trafilatura.utils
from justext.core import ParagraphMaker, PathInfo, classify_paragraphs
from justext.paragraph import Paragraph
from lxml.html import FormElement, HtmlElement, InputElement, tostring
from trafilatura.settings import BASIC_CLEAN_XPATH, Extractor

import cleaners.speedups as speedups
from cleaners.extract import extract_document, parse_html
from cleaners.speedups import readability_cannot_win

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
# A short story in a long page: trafilatura's recall escalation runs justext.
SHORT_IN_CHROME = (
    "<html><body><div class='menu'><ul>" + TEASERS + TEASERS + "</ul></div><div class='story'><h1>Ferry</h1>"
    f"<p>{STORY[:400]}</p></div><div class='cookie-banner'>We use cookies</div></body></html>"
)
HTML = {str(page.relative_to(FIXTURES)): page.read_text(encoding="utf-8") for page in PAGES} | {
    "chrome-heavy": CHROME_HEAVY, "short-in-chrome": SHORT_IN_CHROME}


def tree_of(body: str):
    return parse_html(f"<html><head><title>t</title></head><body>{body}</body></html>")


def assert_same_extraction_without(monkeypatch, html, *patches):
    """The page extracts to the same text with the speed-ups and with ``patches`` undoing them."""
    fast = extract_document(parse_html(html), url=None, site_rules=None)
    for target, name, value in patches:
        monkeypatch.setattr(target, name, value)
    stock = extract_document(parse_html(html), url=None, site_rules=None)
    assert (fast is None) == (stock is None)
    if fast is not None:
        assert fast.text == stock.text


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
    assert_same_extraction_without(monkeypatch, HTML[name], (speedups, "readability_cannot_win", lambda *args: False))


def test_the_bundled_pages_include_ones_where_readability_is_skipped(monkeypatch):
    verdicts = []

    def recording(*args):
        verdicts.append(readability_cannot_win(*args))
        return verdicts[-1]

    monkeypatch.setattr(speedups, "readability_cannot_win", recording)
    for html in HTML.values():
        extract_document(parse_html(html), url=None, site_rules=None)
    assert True in verdicts and False in verdicts


def test_trafilatura_called_directly_still_runs_readability(monkeypatch):
    page = next(p for p in PAGES if "night-bus" in p.name)
    calls = []
    original = speedups._try_readability
    monkeypatch.setattr(speedups, "_try_readability", lambda tree: calls.append(1) or original(tree))
    trafilatura.extract(page.read_text(encoding="utf-8"))
    assert calls
    assert trafilatura.external.try_readability is speedups._try_readability_gated


# --- trafilatura's basic cleaning and justext's paragraph text, made faster, give the same result

COOKIE_AND_FOOTERS = (
    "<html><body><div id='site-footer' class='wrap'>id before class, footer in the id</div>"
    "<div class='wrap' id='page-footer'>class before id: contains() reads the class only</div>"
    "<section class='Cookie-Banner'>We use cookies <b>to</b> improve</section>tail kept"
    "<p id='onetrust-consent'>Consent</p><p class='cmplz x' id='cookiebot'>both match</p>"
    "<aside><footer>nested</footer><div class='cookie_notice'>in an aside</div></aside>"
    f"<p>{STORY}</p><span class='cookies'>not a banner word</span><svg><g/></svg></body></html>"
)


def cleaned_both_ways(html):
    stock, ours = parse_html(html), parse_html(html)
    speedups._basic_cleaning(stock)
    with speedups.enabled():
        speedups._basic_cleaning_gated(ours)
    return stock, ours


@pytest.mark.parametrize("name", [*HTML, "cookie-and-footers"])
def test_basic_cleaning_removes_what_trafilaturas_xpath_selects(name):
    html = HTML.get(name, COOKIE_AND_FOOTERS)
    tree = parse_html(html)
    assert set(speedups.basic_cleaning_elements(tree)) == set(BASIC_CLEAN_XPATH(tree))
    stock, ours = cleaned_both_ways(html)
    assert tostring(ours) == tostring(stock)


def test_basic_cleaning_finds_cookie_banners_by_class_or_id_and_footers_by_the_first_of_them():
    kept = cleaned_both_ways(COOKIE_AND_FOOTERS)[1].text_content()
    assert "id before class" not in kept and "class before id" in kept  # contains() reads the first of them
    assert not any(word in kept for word in ("We use cookies", "Consent", "both match", "nested", "in an aside"))
    assert "tail kept" in kept and "not a banner word" in kept


def test_the_faster_basic_cleaning_is_installed_and_left_out_of_direct_trafilatura_calls(monkeypatch):
    assert trafilatura.external.basic_cleaning is speedups._basic_cleaning_gated  # trafilatura's XPath unchanged
    calls, original = [], speedups._basic_cleaning
    monkeypatch.setattr(speedups, "_basic_cleaning", lambda tree: calls.append(1) or original(tree))
    trafilatura.baseline(COOKIE_AND_FOOTERS)
    assert calls


def test_justext_paragraph_text_follows_appended_nodes():
    paragraph = Paragraph(PathInfo().append("p"))
    with speedups.enabled():
        paragraph.append_text("First  words")
        assert paragraph.text == "First words"
        paragraph.append_text(" and  more")
        assert paragraph.text == "First words and more"
        assert len(paragraph) == len("First words and more")


@pytest.mark.parametrize("name", HTML)
def test_the_speedups_never_change_the_extraction(name, monkeypatch):
    assert_same_extraction_without(
        monkeypatch, HTML[name],
        (speedups, "_basic_cleaning_gated", speedups._basic_cleaning),
        (trafilatura.external, "basic_cleaning", speedups._basic_cleaning),
        (Paragraph, "text", property(speedups._justext_paragraph_text)),
        (ParagraphMaker, "make_paragraphs", speedups._make_paragraphs),
        (trafilatura.external, "classify_paragraphs", classify_paragraphs),
        (readability.Document, "remove_unlikely_candidates", speedups._remove_unlikely_candidates),
    )


def test_the_bundled_pages_include_ones_where_justext_runs(monkeypatch):
    runs = []
    original = trafilatura.external.try_justext
    monkeypatch.setattr(trafilatura.external, "try_justext", lambda *args: runs.append(1) or original(*args))
    for html in HTML.values():
        extract_document(parse_html(html), url=None, site_rules=None)
    assert runs


# Breaks, links, comments, processing instructions and namespaced tags: every event justext's handler reads.
PARAGRAPH_EDGE_CASES = (
    "<?php echo 1 ?><html><body><div>Intro <a href='/a'>linked  words</a> tail<br><br>after two breaks"
    "<br>one break</div><!-- a comment --> between <p>  </p><div><br></div><div><br><br></div>"
    "<ul><li>one</li><li><a href='/b'>two <b>bold</b></a> three</li></ul><table><tr><td>cell</td><th>head</th></tr></table>"
    "<svg:svg xmlns:svg='http://www.w3.org/2000/svg'><svg:text>drawn</svg:text></svg:svg><h2>Heading\n  text</h2>"
    "<p>last<br></p></body></html><?after?>"
)


def paragraph_fields(paragraphs):
    return [(p.dom_path, p.xpath, p.text_nodes, p.chars_count_in_links, p.tags_count, p.class_type, p.text) for p in paragraphs]


@pytest.mark.parametrize("name", [*HTML, "edge-cases"])
def test_justext_paragraphs_from_the_walk_are_the_ones_sax_gives(name):
    html = HTML.get(name, PARAGRAPH_EDGE_CASES)
    stock, ours = speedups._make_paragraphs(parse_html(html)), speedups.make_paragraphs(parse_html(html))
    assert paragraph_fields(ours) == paragraph_fields(stock)
    assert stock


def test_justext_keeps_no_paragraph_of_breaks_alone():
    texts = [p.text for p in speedups.make_paragraphs(parse_html(PARAGRAPH_EDGE_CASES))]
    assert "" not in texts and "after two breaks one break" in texts and "Intro linked words tail" in texts


def test_the_paragraph_walk_is_installed_and_left_out_of_direct_trafilatura_calls(monkeypatch):
    calls, original = [], speedups.make_paragraphs
    monkeypatch.setattr(speedups, "make_paragraphs", lambda root: calls.append(1) or original(root))
    tree = parse_html(SHORT_IN_CHROME)
    ParagraphMaker.make_paragraphs(tree)
    assert not calls
    with speedups.enabled():
        ParagraphMaker.make_paragraphs(tree)
    assert calls


@pytest.mark.parametrize("name", HTML)
def test_our_parser_builds_the_tree_trafilaturas_builds(name):
    ours, stock = parse_html(HTML[name]), trafilatura.utils.load_html(HTML[name])
    assert tostring(ours) == tostring(stock)
    assert all(type(element) is type(twin) for element, twin in zip(ours.iter(), stock.iter()) if element.tag not in FORM_TAGS)


FORM_TAGS = {"form", "input", "select", "textarea", "label"}


def test_our_parser_looks_element_classes_up_in_c_and_direct_trafilatura_calls_do_not():
    page = "<html><body><form><label>Mail <input name='mail'></label></form><p>Text</p></body></html>"
    assert {type(element) for element in parse_html(page).iter("form", "input", "label")} == {HtmlElement}
    stock = trafilatura.utils.load_html(page)
    assert isinstance(stock.find(".//form"), FormElement) and isinstance(stock.find(".//input"), InputElement)
    assert parse_html(page).getroottree().parser is speedups.HTML_PARSER


def test_justext_gets_the_stop_words_as_a_frozenset_in_our_extractions_only(monkeypatch):
    seen = []
    monkeypatch.setattr(speedups, "classify_paragraphs", lambda paragraphs, stoplist, *args: seen.append(type(stoplist)))
    extract_document(parse_html(SHORT_IN_CHROME), url=None, site_rules=None)
    trafilatura.bare_extraction(SHORT_IN_CHROME)
    assert seen == [frozenset, tuple]


def test_a_stop_list_tuple_is_frozen_once_and_other_lists_each_time():
    words = ("the", "und", "le")
    assert speedups.frozen_stoplist(words) is speedups.frozen_stoplist(words) == frozenset(words)
    frozen = frozenset(words)
    assert speedups.frozen_stoplist(frozen) is frozen
    changing = ["the"]
    assert speedups.frozen_stoplist(changing) == {"the"}
    changing.append("und")
    assert speedups.frozen_stoplist(changing) == {"the", "und"}


def test_a_nested_block_leaves_the_speedups_on_for_the_rest_of_the_outer_one():
    with speedups.enabled():
        with speedups.enabled():
            pass
        assert speedups._active()
    assert not speedups._active()


# Repeated ids, a comment, a processing instruction and a doctype: what the parsers' options decide.
PARSER_PROBE = ("<!DOCTYPE html><html><body><?php echo 1 ?><p id='a'>One</p><!-- note --><p id='a'>Two</p>"
                "<div id='b'>Three</div></body></html>")


def test_our_parser_has_trafilaturas_options():
    ours, stock = parse_html(PARSER_PROBE), trafilatura.utils.load_html(PARSER_PROBE)
    assert tostring(ours.getroottree()) == tostring(stock.getroottree())
    assert ours.xpath("id('b')") == stock.xpath("id('b')") == []  # trafilatura collects no ids


def test_readability_drops_the_same_unlikely_candidates_in_our_extractions(monkeypatch):
    page = ("<html><body><div class='sidebar'><p>Most read</p></div><div id='comments'><p>First!</p></div>"
            "<div class='sidebar article-body'><p>Kept: an article's name wins.</p></div><p class='x'>One letter</p>"
            "<div><p>No class at all.</p></div></body></html>")
    kept = []
    for gate in (speedups.enabled, contextlib.nullcontext):
        document = readability.Document(parse_html(page))
        with gate():
            document.remove_unlikely_candidates()
        kept.append(tostring(document.doc))
    assert kept[0] == kept[1]
    assert b"Most read" not in kept[0] and b"First!" not in kept[0] and b"Kept" in kept[0] and b"No class" in kept[0]


def test_the_xpath_for_unlikely_candidates_is_installed_and_left_out_of_direct_trafilatura_calls(monkeypatch):
    calls = []
    original = speedups._remove_unlikely_candidates
    monkeypatch.setattr(speedups, "_remove_unlikely_candidates", lambda document: calls.append(1) or original(document))
    extract_document(parse_html(CHROME_HEAVY), url=None, site_rules=None)
    assert not calls
    trafilatura.extract(CHROME_HEAVY)
    assert calls

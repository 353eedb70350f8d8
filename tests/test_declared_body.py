"""The JSON-LD articleBody stands in for the HTML body only when it is clearly more of the same article."""

import json

from cleaners import clean_html
from cleaners.declared import declared_blocks, declared_body, declared_is_more_of_it
from cleaners.extract import parse_html
from cleaners.metadata import Signals

PARAGRAPHS = [
    "The council approved the harbour plan on Tuesday after a debate that ran late into the night.",
    "Ferry operators had warned that the new berths would double their docking fees within two years.",
    "Residents of the old quarter complained about ships arriving before dawn and idling their engines.",
    "The mayor said the project would bring four hundred jobs and a cleaner waterfront by next spring.",
    "Opposition members argued that the cost estimate ignored dredging, which engineers put at millions.",
    "A fisheries cooperative asked for a guaranteed quay so its boats are not pushed out by cruise liners.",
    "Environmental groups promised to appeal, citing seagrass meadows at the mouth of the estuary.",
    "Construction is due to start in March, with the first berth ready before the summer season.",
    "Shopkeepers on the promenade welcomed the plan, hoping for more visitors in the quiet months.",
    "The port authority will publish noise limits and a timetable for night arrivals next week.",
    "Regional officials said they would review the financing before releasing any state grants.",
    "A public meeting on the detailed designs is planned for the town hall on the first Monday of May.",
]
FULL = "\n".join(PARAGRAPHS)


def page(body_html: str, article_body: str | None, headline: str = "Harbour plan approved") -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline}
    if article_body is not None:
        ld["articleBody"] = article_body
    return (
        f'<html><head><title>{headline}</title><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body>{body_html}</body></html>"
    )


def signals_of(html: str) -> Signals:
    return Signals.read(parse_html(html), None)


def test_declared_body_is_the_longest_article_body_as_plain_text():
    html = page("", "<p>First &amp; second</p><p>third</p>")
    assert [b.text for b in declared_blocks(declared_body(signals_of(html)))] == ["First & second", "third"]
    assert declared_body(signals_of(page("", None))) is None


def test_markup_in_the_declared_body_never_breaks_a_sentence_nor_raises():
    cases = {
        "<p>The mayor <b>said</b> on Tuesday.</p><p>Second &amp; last</p>": ["The mayor said on Tuesday.", "Second & last"],
        "&lt;p&gt;Escaped &lt;i&gt;twice&lt;/i&gt;&lt;/p&gt;": ["Escaped twice"],
        "line one<br/>line two": ["line one", "line two"],
        "x < y and y > z": ["x < y and y > z"],
        "<!DOCTYPE html>": [],
        "a\f<p>b</p>": ["a b"],
        # A tag ends at the next "<": an unclosed one is text, so stray "<"s are read once, not once each.
        "1 <a 2 <b>bold</b>": ["1 <a 2 bold"],
        "<br<br>x": ["<br", "x"],
    }
    for body, paragraphs in cases.items():
        declared = declared_body(signals_of(page("", body)))
        assert [b.text for b in declared_blocks(declared)] == paragraphs, body
        clean_html(page("<p>Short.</p>", body))  # never raises


def test_an_oversized_declared_body_is_ignored():
    from cleaners.declared import MAX_DECLARED_CHARS

    huge = " ".join(f"word{n}" for n in range(MAX_DECLARED_CHARS // 6))
    assert len(huge) > MAX_DECLARED_CHARS
    assert declared_body(signals_of(page("", huge))) is None


def test_declared_blocks_are_one_paragraph_per_line():
    blocks = declared_blocks("One.\n\n  Two.\r\nThree.\n")
    assert [b.text for b in blocks] == ["One.", "Two.", "Three."]
    assert [b.kind for b in blocks] == ["paragraph"] * 3


def test_more_of_it_needs_much_longer_text_that_contains_the_extraction():
    teaser = "\n".join(PARAGRAPHS[:3])
    assert declared_is_more_of_it(teaser, FULL)
    assert not declared_is_more_of_it(FULL, FULL)  # not longer
    other = "\n".join(PARAGRAPHS[3:] * 1)
    assert not declared_is_more_of_it(teaser, other + "\n" + "\n".join(PARAGRAPHS[:1]))  # mostly another text
    assert not declared_is_more_of_it(teaser, teaser * 4)  # the same text pasted again and again
    assert declared_is_more_of_it("", FULL)


def test_a_page_showing_part_of_the_story_gets_the_declared_text():
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + "<p>Read more</p></article>", FULL)
    result = clean_html(html)
    assert result.ok and result.body_source == "json-ld"
    assert result.paragraphs == tuple(PARAGRAPHS)


def test_a_page_rendered_by_scripts_still_gets_its_text():
    html = page('<div id="root"></div><script>render()</script>', FULL)
    result = clean_html(html)
    assert result.ok  # (trafilatura's own fallback may find the articleBody too)
    assert "first Monday of May" in result.text


def test_the_html_body_stays_when_it_is_the_whole_story():
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>", FULL)
    result = clean_html(html)
    assert result.ok and result.body_source == "html"


def test_a_per_site_body_selector_is_trusted_over_the_declared_text(tmp_path):
    from cleaners import CleanConfig

    (tmp_path / "example.com.toml").write_text('body = "article"\n', encoding="utf-8")
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4]) + "</article>", FULL)
    result = clean_html(html, url="https://example.com/a", config=CleanConfig(sites_dir=tmp_path))
    assert result.body_source == "html"
    assert "first Monday of May" not in result.text

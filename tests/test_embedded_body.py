"""A script-rendered page's article HTML, found in its script data when the markup has no body."""

import json

import pytest

from cleaners import clean_html
from cleaners.__main__ import main
from cleaners.embedded import embedded_article_html
from cleaners.extract import parse_html
from cleaners.config import CleanConfig
from cleaners.report import STATUS_NO_BODY, STATUS_TOO_LARGE
from tests.conftest import run_crawl
from tests.sites.server import SiteServer
from tests.test_declared_body import PARAGRAPHS

STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
URL = "https://news.example/politics/harbour-plan-approved"


def shell(scripts: str, body: str = '<div id="root"></div>') -> str:
    """An empty app shell, as script-rendered sites serve it."""
    return (
        '<html lang="en"><head><title>Harbour plan approved | Example News</title>'
        '<meta property="og:title" content="Harbour plan approved">'
        '<meta name="author" content="Jane Roe">'
        f"</head><body>{body}{scripts}</body></html>"
    )


def flight(*payloads: str) -> str:
    """Next.js App Router flight data: one ``self.__next_f.push`` script per payload."""
    return "".join(f"<script>self.__next_f.push({json.dumps([1, p])})</script>" for p in payloads)


def next_data(props: dict) -> str:
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps({"props": {"pageProps": props}})}</script>'


def found(html: str) -> str | None:
    return embedded_article_html(parse_html(html))


def test_next_data_article_html_is_found_among_the_props():
    html = shell(next_data({"article": {"title": "Harbour plan approved", "teaser": "<p>Short.</p>", "body": STORY}}))
    assert found(html) == STORY


def test_flight_text_row_sent_as_a_push_of_its_own_is_found():
    html = shell(flight('0:["$","div",null,{}]\n24:T' + format(len(STORY.encode()), "x") + ",", STORY, '5:["$","$L24",null,{}]\n'))
    assert found(html) == STORY


def test_flight_rows_cut_across_pushes_are_joined_as_the_browser_joins_them():
    row = "7:" + json.dumps(["$", "$L1", None, {"content": STORY}]) + "\n"
    cut = len(row) // 2
    assert found(shell(flight('1:I[123,[],"Article"]\n4:null\n' + row[:cut], row[cut:]))) == STORY
    # Pushes of other kinds ([0] bootstrap, [2, …] form state) are no part of the text stream.
    html = shell("<script>(self.__next_f=self.__next_f||[]).push([0])</script>"
                 + flight(row[:cut]) + "<script>self.__next_f.push([2, null])</script>" + flight(row[cut:]))
    assert found(html) == STORY


def test_a_flight_row_of_an_unknown_kind_is_skipped_to_its_line_end():
    payload = "3:@weird row\n" + "7:" + json.dumps({"content": STORY}) + "\n"
    assert found(shell(flight(payload))) == STORY


def test_flight_push_with_trailing_space_and_semicolon_is_read():
    script = f"<script>  self.__next_f.push({json.dumps([1, '7:' + json.dumps({'content': STORY})])}) ;  \n</script>"
    assert found(shell(script)) == STORY


def test_flight_text_row_inside_a_payload_ends_where_its_byte_length_says():
    story = STORY.replace("harbour", "hafen—ü")  # multi-byte characters: the length is in bytes
    payload = f'1:"$Sreact.fragment"\n2:T{len(story.encode()):x},{story}3:["$","p",null,{{}}]\n'
    assert found(shell(flight(payload))) == story


def test_html_inside_a_flight_json_row_is_found():
    payload = '1:I[123,[],"Article"]\n' + "7:" + json.dumps(["$", "$L1", None, {"content": STORY}]) + "\n"
    assert found(shell(flight(payload))) == STORY


@pytest.mark.parametrize("assignment", ["window.__APOLLO_STATE__ = {};", "var initialState={}", "const items = [{}];"])
def test_state_a_script_assigns_as_json_is_read(assignment):
    state = json.dumps({"Article:1": {"__typename": "Article", "text": STORY}})
    assert found(shell(f"<script>{assignment.replace('{}', state)}</script>")) == STORY


def test_a_script_of_more_than_one_statement_is_not_read_as_state():
    state = json.dumps({"text": STORY})
    assert found(shell(f"<script>window.a = {state}; window.b = {state};</script>")) is None


def test_the_string_with_the_most_paragraph_text_wins():
    teasers = "".join(f"<p>Teaser {i}.</p>" for i in range(6))  # more paragraphs, less text
    html = shell(next_data({"related": teasers, "body": STORY}))
    assert found(html) == STORY


@pytest.mark.parametrize(
    "value",
    [
        "<p>One paragraph of the story, however long it runs on and on about the harbour.</p>" * 2,
        "<p>Subscribe</p><p>to read</p><p>on</p>",  # a widget's template: paragraphs, no text
        "<style>p { color: red }</style>" + "<p>Log in</p>" * 3 + "x" * 2000,  # text outside paragraphs
        "The harbour plan, without markup. " * 50,
    ],
)
def test_strings_that_are_no_article_html_are_not_taken(value):
    assert found(shell(next_data({"body": value}))) is None


def test_a_story_split_over_several_strings_is_not_taken_in_part():
    halves = {"widgets": [{"html": "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:6])},
                          {"html": "".join(f"<p>{p}</p>" for p in PARAGRAPHS[6:])}]}
    assert found(shell(next_data(halves))) is None


def test_a_feed_of_several_whole_stories_is_no_article():
    other = "".join(f"<p>Another story entirely, paragraph {i}, about the river ferry timetable.</p>" for i in range(12))
    assert found(shell(next_data({"feed": [{"body": STORY}, {"body": other}]}))) is None


def test_a_story_repeated_in_two_places_of_the_data_counts_once():
    html = shell(next_data({"body": STORY}) + flight("7:" + json.dumps({"content": STORY}) + "\n"))
    assert found(html) == STORY


@pytest.mark.parametrize(
    "script",
    [
        '<script type="application/json">{"body": "<p>unterminated</script>',
        '<script type="application/json">' + "[" * 100_000 + "]" * 100_000 + "</script>",
        "<script>self.__next_f.push([1, not json])</script>",
        "<script>self.__next_f.push([1,\"9:T99999,<p>cut short</p>\"])</script>",
        '<script>self.__next_f.push([1,"5:[unclosed\\n6:{\\"a\\": 1}"])</script>',
        '<script src="/app.js">{"body": "ignored"}</script>',
        "<script>self.__next_f.push([1,\"x\"])" + " " * 200_000 + "x</script>",  # no call: read once, not per space
    ],
)
def test_broken_or_hostile_script_data_is_skipped_without_raising(script):
    assert found(shell(script)) is None


def test_a_shell_page_is_cleaned_from_its_script_data():
    result = clean_html(shell(next_data({"body": STORY})), url=URL)
    assert result.ok and result.body_source == "script"
    assert list(result.paragraphs) == PARAGRAPHS
    assert result.meta.title == "Harbour plan approved" and result.meta.authors == ("Jane Roe",)


def test_half_a_character_in_the_script_data_neither_raises_nor_cuts_the_story():
    story = STORY.replace("harbour", "harbour \ud800", 1)
    for scripts in (flight("2:T5,\ud800ab7:" + json.dumps({"content": story}) + "\n"), next_data({"body": story})):
        result = clean_html(shell(scripts), url=URL)
        assert result.ok and result.body_source == "script"
        assert len(result.paragraphs) == len(PARAGRAPHS) and "\ufffd" in result.paragraphs[0]


def test_the_page_rules_and_the_text_rules_read_the_script_html():
    tweet = '<blockquote class="twitter-tweet"><p>Big news from the harbour today, more soon. pic.twitter.com/x</p></blockquote>'
    body = STORY.replace("</p><p>", "</p>" + tweet + "<p>", 1)
    result = clean_html(shell(next_data({"body": body})), url=URL)
    assert list(result.paragraphs) == PARAGRAPHS
    assert [r.rule for r in result.removals] == ["embed"]


def test_script_html_with_more_elements_than_a_page_may_have_is_too_large():
    config = CleanConfig(max_elements=500)
    assert clean_html(shell(next_data({"body": STORY})), url=URL, config=config).ok
    result = clean_html(shell(next_data({"body": STORY + "<p>ab</p>" * 600})), url=URL, config=config)
    assert result.status == STATUS_TOO_LARGE and not result.paragraphs


def test_placeholders_in_the_script_html_are_stripped_by_the_rules():
    body = STORY.replace("</p><p>", "</p><p>$$ARTICLEAD$$</p><p>", 1)
    result = clean_html(shell(next_data({"body": body})), url=URL)
    assert list(result.paragraphs) == PARAGRAPHS
    assert [r.rule for r in result.removals] == ["residue"]


def test_a_body_in_the_markup_is_kept_over_the_script_data():
    markup = "<article><h1>Harbour plan approved</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:8]) + "</article>"
    other = "".join(f"<p>Another story entirely, paragraph {i}, about the river ferry timetable.</p>" for i in range(8))
    result = clean_html(shell(next_data({"body": other}), body=markup), url=URL)
    assert result.ok and result.body_source == "html"
    assert list(result.paragraphs) == PARAGRAPHS[:8]


def test_a_shell_without_article_html_has_no_body():
    assert clean_html(shell(next_data({"title": "Harbour plan approved"})), url=URL).status == STATUS_NO_BODY


def test_explain_says_where_the_body_came_from(tmp_path, capsys):
    page = tmp_path / "shell.html"
    page.write_text(shell(next_data({"body": STORY})), encoding="utf-8")
    assert main([str(page), "--url", URL, "--explain"]) == 0
    assert "  body from the article HTML in the page's script data: the markup showed none" in capsys.readouterr().err.splitlines()


def test_a_crawl_writes_the_story_of_a_script_rendered_page(tmp_path):
    site_dir = tmp_path / "site"
    (site_dir / "politics").mkdir(parents=True)
    (site_dir / "politics" / "harbour-plan-approved.html").write_text(
        shell(flight("7:" + json.dumps({"content": STORY}) + "\n")), encoding="utf-8"
    )
    with SiteServer(site_dir) as site:
        run = run_crawl(tmp_path, f"urls={site.base}/politics/harbour-plan-approved.html", feed=tmp_path / "out.jsonl")
    assert run.returncode == 0, run.log
    [item] = run.items
    assert item["text"] == "\n\n".join(PARAGRAPHS) and item["title"] == "Harbour plan approved"
    assert run.stat("newsclean/body/script") == 1

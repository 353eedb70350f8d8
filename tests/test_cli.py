"""python -m cleaners, through cleaners.__main__.main."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from cleaners import clean_html
from cleaners.__main__ import main
from tests.test_crawl import ITEM_FIELDS

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "newsletter" / "seed-plain-paragraphs" / "page.html"
URL = "https://news.example.com/world/africa/ivory-coast-gbagbo-bunker"
NOT_ARTICLE = (
    '<html lang="en"><head><meta property="og:type" content="website"><title>Home</title></head>'
    "<body><div>" + "<p>Welcome to our site, where you will find the latest stories from around the world every day.</p>" * 5 + "</div></body></html>"
)


@pytest.fixture()
def article(tmp_path) -> Path:
    return Path(shutil.copy(FIXTURE, tmp_path / "page.html"))


@pytest.fixture()
def home(tmp_path) -> Path:
    path = tmp_path / "home.html"
    path.write_text(NOT_ARTICLE, encoding="utf-8")
    return path


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_prints_one_json_record(article, capsys):
    assert main([str(article), "--url", URL]) == 0
    captured = capsys.readouterr()
    [record] = records(captured.out)
    assert set(record) == ITEM_FIELDS
    assert record["url"] == URL
    assert record["canonical_url"] == URL
    assert record["title"] == "Ivory Coast: Ouattara forces pull back from assault on Gbagbo bunker"
    assert record["text"].startswith("Forces loyal to Ivory Coast")
    assert "newsletter" not in record["text"] and "unsubscribe" not in record["text"]
    assert record["language"] == "en"
    assert record["site"] == "news.example.com"
    assert record["published"] == "2011-04-06T09:12:00+00:00"
    assert datetime.fromisoformat(record["fetched_at"]).tzinfo is not None
    assert captured.err == ""


def test_explain_lists_removals_on_stderr(article, capsys):
    assert main([str(article), "--explain"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{article}: status=ok,") and "removed" in lines[0]
    assert any(line.startswith("  - [newsletter] says ") for line in lines)
    assert any(line.startswith("  - [title] ") for line in lines)
    assert len(records(captured.out)) == 1  # the record is still printed, on stdout


def test_with_removals_adds_the_field(article, capsys):
    assert main([str(article), "--with-removals"]) == 0
    [record] = records(capsys.readouterr().out)
    removed = record["boilerplate_removed"]
    assert {"rule": "newsletter", "reason": "says 'Sign up to our free newsletters'", "text": "Sign up to our free newsletters"} in removed
    assert all(set(r) == {"rule", "reason", "text"} for r in removed)


def test_without_with_removals_no_field(article, capsys):
    main([str(article)])
    [record] = records(capsys.readouterr().out)
    assert "boilerplate_removed" not in record
    assert record["url"] is None


def test_non_article_exits_1(home, capsys):
    assert main([str(home)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not an article (not_article)" in captured.err


def test_missing_file_exits_2(tmp_path, article, capsys):
    missing = tmp_path / "nope.html"
    assert main([str(missing), str(article)]) == 2
    captured = capsys.readouterr()
    assert f"{missing}: cannot read" in captured.err
    assert len(records(captured.out)) == 1  # the readable page is still processed


def test_missing_file_outranks_non_article(tmp_path, home, capsys):
    assert main([str(home), str(tmp_path / "nope.html")]) == 2
    assert main([str(tmp_path / "nope.html"), str(home)]) == 2


def test_url_with_two_pages_is_a_usage_error(article, home, capsys):
    with pytest.raises(SystemExit) as info:
        main([str(article), str(home), "--url", URL])
    assert info.value.code == 2
    assert "--url applies to a single page" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["http://[::1", "ftp://news.example.com/a", "news.example.com/a"])
def test_a_url_that_is_no_web_address_is_a_usage_error(article, capsys, url):
    with pytest.raises(SystemExit) as info:
        main([str(article), "--url", url])
    assert info.value.code == 2
    assert f"--url {url!r} is not an http(s) URL" in capsys.readouterr().err


def test_clean_html_names_an_invalid_url():
    with pytest.raises(ValueError, match=r"url 'http://\[::1' is not a valid URL"):
        clean_html("<html><body><p>text</p></body></html>", url="http://[::1")


def test_a_date_after_now_is_not_taken_for_the_publication_date(tmp_path, capsys):
    page = tmp_path / "future.html"
    body = " ".join(["The council approved the harbour plan after a long debate on Tuesday evening."] * 12)
    page.write_text(
        '<html><head><meta property="article:published_time" content="2031-05-01T10:00:00+00:00">'
        f"<title>Harbour plan approved</title></head><body><article><h1>Harbour plan approved</h1><p>{body}</p>"
        "</article></body></html>", encoding="utf-8")
    assert main([str(page)]) == 0
    assert not (records(capsys.readouterr().out)[0]["published"] or "").startswith("2031")

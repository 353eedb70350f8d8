"""sites.py: per-site rule files, and their effect through clean_html."""

from __future__ import annotations

import warnings

import pytest

from cleaners import CleanConfig, clean_html
from cleaners.sites import SiteRulesError, parse_site_rules, site_rules_for


def write(directory, name, text):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


# --- parsing and lookup ------------------------------------------------------------------------


def test_parse_translates_selectors_and_compiles_phrases(tmp_path):
    path = write(tmp_path, "example.com.toml", 'body = "div.story"\ndrop = ["div.ad", "aside"]\ndrop_phrases = ["^Tips:"]\n')
    rules = parse_site_rules(path)
    assert rules.source == str(path)
    assert "story" in rules.body_xpath and rules.body_xpath.startswith("descendant-or-self::")
    assert len(rules.drop_xpaths) == 2
    assert rules.drop_phrases[0].search("tips: write to us")  # case-insensitive


def test_empty_file_is_valid_and_empty(tmp_path):
    rules = parse_site_rules(write(tmp_path, "example.com.toml", ""))
    assert rules.body_xpath is None and rules.drop_xpaths == () and rules.drop_phrases == ()


def test_lookup_by_host_www_and_parent_domain(tmp_path):
    write(tmp_path, "example.com.toml", 'drop = ["div.parent"]\n')
    write(tmp_path, "news.example.com.toml", 'drop = ["div.child"]\n')
    for host in ("example.com", "www.example.com", "EXAMPLE.com.", "sport.example.com"):
        assert site_rules_for(host, tmp_path).source.endswith("/example.com.toml"), host
    assert site_rules_for("news.example.com", tmp_path).source.endswith("/news.example.com.toml")
    assert site_rules_for("live.news.example.com", tmp_path).source.endswith("/news.example.com.toml")


def test_lookup_misses(tmp_path):
    write(tmp_path, "example.com.toml", "")
    assert site_rules_for("example.org", tmp_path) is None
    assert site_rules_for("com", tmp_path) is None
    assert site_rules_for(None, tmp_path) is None
    assert site_rules_for("example.com", None) is None


def error_of(path) -> str:
    with pytest.raises(SiteRulesError) as info:
        parse_site_rules(path)
    return str(info.value)


def test_bad_css_selector_names_file_and_line(tmp_path):
    path = write(tmp_path, "example.com.toml", '# site rules\ndrop = [\n  "div.ad",\n  "div[",\n]\n')
    message = error_of(path)
    assert f"{path}:4:" in message and "div[" in message


def test_bad_body_selector(tmp_path):
    path = write(tmp_path, "example.com.toml", 'body = "main >> p"\n')
    assert f"{path}:1:" in error_of(path)


def test_bad_regex_names_file_and_line(tmp_path):
    path = write(tmp_path, "example.com.toml", "# site rules\ndrop_phrases = [\n  '^Tips(',\n]\n")
    message = error_of(path)
    assert f"{path}:3:" in message and "Tips(" in message


def test_bad_regex_with_escapes_in_a_basic_string_names_its_line(tmp_path):
    # The module docstring's own example uses double-quoted strings, where "\s" is written "\\s".
    path = write(tmp_path, "example.com.toml", '# site rules\ndrop_phrases = [\n  "^Tips\\\\s(and",\n]\n')
    message = error_of(path)
    assert f"{path}:3:" in message, message


def test_unknown_key_names_file_and_line(tmp_path):
    path = write(tmp_path, "example.com.toml", 'body = "div.story"\nremove = ["div.ad"]\n')
    message = error_of(path)
    assert f"{path}:2:" in message and "'remove'" in message


@pytest.mark.parametrize(
    "text",
    ['drop = "div.ad"\n', 'drop_phrases = ["x", 1]\n', 'body = ""\n', 'body = ["div"]\n', "drop = [\n"],
    ids=["drop-not-list", "phrase-not-string", "empty-body", "body-list", "toml-syntax"],
)
def test_other_malformed_files(tmp_path, text):
    path = write(tmp_path, "example.com.toml", text)
    assert str(path) in error_of(path)


# --- end to end through clean_html -------------------------------------------------------------

P1 = " ".join(["The council voted on Tuesday to approve a new budget for the coming year, with more money for buses and schools."] * 2)
P2 = P1.replace("council", "assembly")
Q1 = " ".join(["Residents of the northern districts welcomed the decision, saying the bus lines had been overcrowded for years."] * 2)
Q2 = Q1.replace("northern", "southern")
PROMO = "Buy our special edition magazine today at the kiosk, only five euros for subscribers this week."
TIPS = "Tips and corrections: write to the desk at any time of day."

PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Budget approved</title></head><body>
<div class="a"><p>{P1}</p><div class="promo"><p>{PROMO}</p></div><p>{P2}</p><p>{TIPS}</p></div>
<div class="b"><p>{Q1}</p><p>{Q2}</p></div>
</body></html>"""
URL = "https://www.example.com/news/budget"


def clean(tmp_path, rules: str | None):
    sites = tmp_path / "sites"
    sites.mkdir()
    if rules is not None:
        write(sites, "example.com.toml", rules)
    return clean_html(PAGE, url=URL, config=CleanConfig(sites_dir=sites))


def test_without_rules_everything_is_kept(tmp_path):
    result = clean(tmp_path, None)
    assert result.paragraphs == (P1, PROMO, P2, TIPS, Q1, Q2)
    assert result.removals == ()


def test_drop_selector_removes_an_element_before_extraction(tmp_path):
    result = clean(tmp_path, 'drop = ["div.promo"]\n')
    assert result.paragraphs == (P1, P2, TIPS, Q1, Q2)
    assert result.removals == ()  # not a text rule: the element never reached the body


def test_drop_phrases_remove_a_block_as_site_phrase(tmp_path):
    result = clean(tmp_path, 'drop_phrases = ["^tips and corrections:"]\n')
    assert TIPS not in result.paragraphs and P2 in result.paragraphs
    assert [(r.rule, r.text) for r in result.removals] == [("site-phrase", TIPS)]
    assert "example.com.toml" in result.removals[0].reason


def test_body_selector_restricts_the_body(tmp_path):
    result = clean(tmp_path, 'body = "div.b"\n')
    assert result.paragraphs == (Q1, Q2)


def test_body_selector_that_matches_nothing_falls_back_to_the_page(tmp_path):
    result = clean(tmp_path, 'body = "div.nowhere"\n')
    assert result.paragraphs == (P1, PROMO, P2, TIPS, Q1, Q2)


def test_body_selector_does_not_warn(tmp_path):
    # extract.py writes `_only_body(...) or tree`; truth-testing an lxml element emits a FutureWarning
    # (and will change meaning in a future lxml).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = clean(tmp_path, 'body = "div.b"\n')
    assert result.paragraphs == (Q1, Q2)


def test_sites_dir_none_turns_rules_off(tmp_path):
    sites = tmp_path / "sites"
    sites.mkdir()
    write(sites, "example.com.toml", 'drop = ["div.promo"]\n')
    result = clean_html(PAGE, url=URL, config=CleanConfig(sites_dir=None))
    assert PROMO in result.paragraphs

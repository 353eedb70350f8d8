"""discovery.sitelist: the TOML site list, validated on load; every error names file, line, site, key."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from crawler.discovery import SiteConfig, SiteListError, load_sites

PROJECT_ROOT = Path(__file__).resolve().parents[1]

VALID = """\
# two sites
[[site]]
name = "loopback-courier"
home = "https://example.com/"
feeds = ["https://example.com/rss.xml"]
sitemaps = ["https://example.com/sitemap.xml"]
allow = ["/20\\\\d\\\\d/"]
deny = ["/live/", "/video/"]
max_pages = 200
settings = { DOWNLOAD_DELAY = 2.0, CONCURRENT_REQUESTS_PER_DOMAIN = 2 }

[[site]]
name = "second-site"
home = "http://127.0.0.1:8001/"

[site.settings]
DOWNLOAD_DELAY = 0
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_site_list(tmp_path):
    first, second = load_sites(write(tmp_path, VALID))
    assert first.name == "loopback-courier" and first.home == "https://example.com/"
    assert first.feeds == ("https://example.com/rss.xml",) and first.sitemaps == ("https://example.com/sitemap.xml",)
    assert [p.pattern for p in first.allow] == [r"/20\d\d/"] and first.allow[0].search("/2026/11/x")
    assert [p.pattern for p in first.deny] == ["/live/", "/video/"]
    assert first.max_pages == 200
    assert dict(first.settings) == {"DOWNLOAD_DELAY": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}
    assert second == SiteConfig(name="second-site", home="http://127.0.0.1:8001/", settings=second.settings)
    assert second.max_pages is None and dict(second.settings) == {"DOWNLOAD_DELAY": 0}


def test_site_config_is_frozen(tmp_path):
    site = load_sites(write(tmp_path, VALID))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        site.settings["DOWNLOAD_DELAY"] = 0  # type: ignore[index]


def test_the_documented_example_loads():
    sites = load_sites(PROJECT_ROOT / "sites.example.toml")
    assert len(sites) >= 2 and len({s.name for s in sites}) == len(sites)


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(SiteListError) as info:
        load_sites(write(tmp_path, text))
    return str(info.value)


SITE = '[[site]]\nname = "news"\nhome = "https://example.com/"\n'


@pytest.mark.parametrize(("text", "expected"), [
    # (file text, message after "<path>:") — line, site, key and reason
    (SITE + "homepage = 'x'\n",
     "4: site #1 ('news'): 'homepage': unknown key (expected one of allow, deny, feeds, home, max_pages, name, "
     "settings, sitemaps)"),
    ('[[site]]\nhome = "https://example.com/"\n',
     "1: site #1: 'name': missing (every site needs a name and a home URL)"),
    ('[[site]]\nname = "news"\n', "1: site #1 ('news'): 'home': missing (every site needs a name and a home URL)"),
    ('[[site]]\nname = "News_Site"\nhome = "https://example.com/"\n',
     "2: site #1 ('News_Site'): 'name': 'News_Site' is not a name of lower-case letters, digits and inner hyphens"),
    ('[[site]]\nname = "news-"\nhome = "https://example.com/"\n',
     "2: site #1 ('news-'): 'name': 'news-' is not a name of lower-case letters, digits and inner hyphens"),
    ('[[site]]\nname = 7\nhome = "https://example.com/"\n',
     "2: site #1: 'name': 7 is not a name of lower-case letters, digits and inner hyphens"),
    ('[[site]]\nname = "news"\nhome = "ftp://example.com/"\n',
     "3: site #1 ('news'): 'home': bad URL 'ftp://example.com/': expected an absolute http(s) URL"),
    ('[[site]]\nname = "news"\nhome = "example.com"\n',
     "3: site #1 ('news'): 'home': bad URL 'example.com': expected an absolute http(s) URL"),
    ('[[site]]\nname = "news"\nhome = "https://example.com:99999/"\n',
     "3: site #1 ('news'): 'home': bad URL 'https://example.com:99999/': Port out of range 0-65535"),
    ('[[site]]\nname = "news"\nhome = ["https://example.com/"]\n',
     "3: site #1 ('news'): 'home': must be an http(s) URL string, not list"),
    (SITE + 'feeds = "https://example.com/rss.xml"\n', "4: site #1 ('news'): 'feeds': must be a list of http(s) URLs"),
    (SITE + 'feeds = [\n  "https://example.com/rss.xml",\n  "/atom.xml",\n]\n',
     "6: site #1 ('news'): 'feeds': bad URL '/atom.xml': expected an absolute http(s) URL"),
    (SITE + "sitemaps = [1]\n", "4: site #1 ('news'): 'sitemaps': must be an http(s) URL string, not int"),
    (SITE + 'allow = ["/ok/", "/(unclosed/"]\n',
     "4: site #1 ('news'): 'allow': bad regular expression '/(unclosed/': "
     "missing ), unterminated subpattern at position 1"),
    (SITE + 'deny = ["/live/", ""]\n', "4: site #1 ('news'): 'deny': must be a list of non-empty regular expressions"),
    (SITE + 'deny = "/live/"\n', "4: site #1 ('news'): 'deny': must be a list of non-empty regular expressions"),
    (SITE + "max_pages = 0\n", "4: site #1 ('news'): 'max_pages': must be an integer > 0, not 0"),
    (SITE + "max_pages = -5\n", "4: site #1 ('news'): 'max_pages': must be an integer > 0, not -5"),
    (SITE + 'max_pages = "200"\n', "4: site #1 ('news'): 'max_pages': must be an integer > 0, not '200'"),
    (SITE + "max_pages = true\n", "4: site #1 ('news'): 'max_pages': must be an integer > 0, not True"),
    (SITE + "settings = 2.0\n",
     "4: site #1 ('news'): 'settings': must be a table of Scrapy settings "
     "(DOWNLOAD_DELAY, CONCURRENT_REQUESTS_PER_DOMAIN)"),
    (SITE + "settings = { ROBOTSTXT_OBEY = false }\n",
     "4: site #1 ('news'): 'settings.ROBOTSTXT_OBEY': robots.txt is always obeyed; it cannot be switched off per site"),
    (SITE + "\n[site.settings]\nDOWNLOAD_DELAY = 1\nUSER_AGENT = 'x'\n",
     "7: site #1 ('news'): 'settings.USER_AGENT': not a per-site setting (allowed: DOWNLOAD_DELAY, "
     "CONCURRENT_REQUESTS_PER_DOMAIN)"),
    (SITE + "settings = { DOWNLOAD_DELAY = -1 }\n",
     "4: site #1 ('news'): 'settings.DOWNLOAD_DELAY': must be a number of seconds >= 0, not -1"),
    (SITE + "settings = { DOWNLOAD_DELAY = inf }\n",
     "4: site #1 ('news'): 'settings.DOWNLOAD_DELAY': must be a number of seconds >= 0, not inf"),
    (SITE + "settings = { CONCURRENT_REQUESTS_PER_DOMAIN = 1.5 }\n",
     "4: site #1 ('news'): 'settings.CONCURRENT_REQUESTS_PER_DOMAIN': must be an integer > 0, not 1.5"),
    (SITE + "\n" + SITE.replace('"https://example.com/"', '"https://example.org/"'),
     "6: site #2 ('news'): 'name': duplicate name, already used by site #1"),
    (SITE + '\n[[site]]\nname = "other"\nhome = "https://example.org/"\nmax_pages = 0\n',
     "8: site #2 ('other'): 'max_pages': must be an integer > 0, not 0"),
])
def test_errors_name_file_line_site_and_key(tmp_path, text, expected):
    assert error_of(tmp_path, text) == f"{tmp_path / 'sites.toml'}:{expected}"


@pytest.mark.parametrize(("text", "expected"), [
    ("", "no sites: add at least one [[site]] table"),
    ("site = []\n", "no sites: add at least one [[site]] table"),
    ('title = "my sites"\n' + SITE, "unknown top-level key 'title' (the file holds [[site]] tables only)"),
    ("[[site]\n", "not valid TOML: "),
])
def test_file_level_errors_name_the_file(tmp_path, text, expected):
    assert error_of(tmp_path, text).startswith(f"{tmp_path / 'sites.toml'}: {expected}")


def test_a_site_that_is_not_a_table(tmp_path):
    message = error_of(tmp_path, "site = [1]\n")
    assert message == f"{tmp_path / 'sites.toml'}:?: site #1: 'site': must be a table ([[site]])"


def test_missing_file(tmp_path):
    with pytest.raises(SiteListError, match=re.escape(f"{tmp_path / 'nope.toml'}: cannot read the site list")):
        load_sites(tmp_path / "nope.toml")

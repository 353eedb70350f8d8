"""Per-site rules as data: ``sites/<host>.toml``, looked up by host, all optional.

    # cleaners/sites/example.com.toml — applies to example.com and its subdomains
    body = "div.story-body"                     # CSS selector of the article body
    drop = ["div.newsletter", "aside.related"]  # CSS selectors removed before extraction
    drop_phrases = ["^Tips and corrections:"]   # regexes; a body block matching one is removed

Files are validated when loaded; errors name the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cssselect import GenericTranslator, SelectorError

from .tomlfile import DataFileError, line_of, load_toml

_KEYS = {"body", "drop", "drop_phrases"}
_TRANSLATOR = GenericTranslator()


class SiteRulesError(DataFileError):
    """A site rule file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class SiteRules:
    source: str
    body_xpath: str | None = None
    drop_xpaths: tuple[str, ...] = ()
    drop_phrases: tuple[re.Pattern[str], ...] = ()


def _xpath(selector: str, raw: str, path: Path) -> str:
    try:
        return _TRANSLATOR.css_to_xpath(selector)
    except SelectorError as exc:
        raise SiteRulesError(f"{path}:{line_of(raw, selector)}: bad CSS selector {selector!r}: {exc}") from None


def parse_site_rules(path: Path) -> SiteRules:
    try:
        data, raw = load_toml(path)
    except DataFileError as exc:
        raise SiteRulesError(str(exc)) from None
    unknown = set(data) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise SiteRulesError(f"{path}:{line_of(raw, key)}: unknown key {key!r} (expected {sorted(_KEYS)})")
    body = data.get("body")
    if body is not None and not (isinstance(body, str) and body.strip()):
        raise SiteRulesError(f"{path}:{line_of(raw, 'body')}: 'body' must be a CSS selector string")
    lists = {}
    for key in ("drop", "drop_phrases"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise SiteRulesError(f"{path}:{line_of(raw, key)}: {key!r} must be a list of non-empty strings")
        lists[key] = value
    phrases = []
    for phrase in lists["drop_phrases"]:
        try:
            phrases.append(re.compile(phrase, re.IGNORECASE))
        except re.error as exc:
            raise SiteRulesError(f"{path}:{line_of(raw, phrase)}: bad pattern {phrase!r}: {exc}") from None
    return SiteRules(
        source=str(path),
        body_xpath=_xpath(body, raw, path) if body else None,
        drop_xpaths=tuple(_xpath(s, raw, path) for s in lists["drop"]),
        drop_phrases=tuple(phrases),
    )


def _candidates(host: str) -> list[str]:
    labels = host.lower().rstrip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] or [host]


def check_site_rules(sites_dir: Path) -> int:
    """Parse every rule file in ``sites_dir`` (raising on the first bad one); how many there are."""
    files = sorted(sites_dir.glob("*.toml"))
    for path in files:
        parse_site_rules(path)
    return len(files)


@lru_cache(maxsize=1024)
def site_rules_for(host: str | None, sites_dir: Path | None) -> SiteRules | None:
    """The rule file of ``host`` or its closest parent domain, or None.

    Looked up once per host and process: a crawl sees the rule files as they were when it started.
    """
    if not host or sites_dir is None:
        return None
    for candidate in _candidates(host):
        path = sites_dir / f"{candidate}.toml"
        if path.is_file():
            return parse_site_rules(path)
    return None

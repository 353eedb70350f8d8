"""The site list: which news sites a scheduled crawl starts from, as a validated TOML file.

    [[site]]
    name = "example-news"                           # required, unique, [a-z0-9-]
    home = "https://example.com/"                   # required, http(s)
    feeds = ["https://example.com/rss.xml"]         # optional feed URLs
    sitemaps = ["https://example.com/sitemap.xml"]  # optional sitemap URLs
    allow = ["/20\\d\\d/"]                          # optional regexes searched in the URL path
    deny = ["/live/", "/video/"]                    # optional regexes searched in the URL path
    max_pages = 200                                 # optional per-run cap, > 0
    settings = { DOWNLOAD_DELAY = 2.0 }             # optional, only SITE_SETTINGS below

Errors are :class:`SiteListError`, naming the file, line, site and key. See sites.example.toml.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

SITE_KEYS = frozenset({"name", "home", "feeds", "sitemaps", "allow", "deny", "max_pages", "settings"})
REQUIRED_KEYS = ("name", "home")
NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
# [[site]] opens a site's block; a [site.settings] table stays in it.
SITE_HEADER = re.compile(r"^\s*\[\[\s*site\s*\]\]\s*(?:#.*)?$")


def _non_negative_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# Scrapy settings a site may override, with their check; the spider applies them to the site's
# download slot. Politeness is not negotiable per site: see REFUSED_SETTINGS.
SITE_SETTINGS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "DOWNLOAD_DELAY": (_non_negative_number, "a number of seconds >= 0"),
    "CONCURRENT_REQUESTS_PER_DOMAIN": (_positive_int, "an integer > 0"),
}
# Settings refused with a reason of their own rather than "not allowed".
REFUSED_SETTINGS = {"ROBOTSTXT_OBEY": "robots.txt is always obeyed; it cannot be switched off per site"}


class SiteListError(ValueError):
    """The site list is malformed; the message starts with ``path:line:`` and names site and key."""


@dataclass(frozen=True)
class SiteConfig:
    name: str
    home: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    max_pages: int | None = None  # None: no per-site cap
    settings: Mapping[str, int | float] = field(default_factory=lambda: MappingProxyType({}))

    def __reduce__(self) -> tuple[Any, ...]:
        # A site travels pickled with its requests through Redis (distributed mode), and
        # MappingProxyType does not pickle.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        return _site_from_state, ({**state, "settings": dict(self.settings)},)


def _site_from_state(state: dict[str, Any]) -> SiteConfig:
    return SiteConfig(**{**state, "settings": MappingProxyType(state["settings"])})


@dataclass(frozen=True)
class _Where:
    """Where a site sits in the file, for error messages."""

    path: Path
    raw_lines: tuple[str, ...]
    index: int  # 0-based position among the [[site]] tables
    name: str | None

    def _block(self) -> range:
        headers = [n for n, line in enumerate(self.raw_lines) if SITE_HEADER.match(line)]
        if self.index >= len(headers):
            return range(0)
        end = headers[self.index + 1] if self.index + 1 < len(headers) else len(self.raw_lines)
        return range(headers[self.index], end)

    def line(self, key: str, value: str | None = None) -> str:
        """The 1-based line in this site's block where ``value`` (as written, when given) or else
        ``key =`` appears; the block's ``[[site]]`` line when neither does; '?' without a block."""
        block = self._block()
        if value:
            found = [n for n in block if value in self.raw_lines[n] or value.replace("\\", "\\\\") in self.raw_lines[n]]
        else:
            assignment = re.compile(rf"(?:^|[\s{{,]){re.escape(key.rpartition('.')[2])}\s*=")
            found = [n for n in block if assignment.search(self.raw_lines[n])]
        if found:
            return str(found[0] + 1)
        return str(block.start + 1) if block else "?"

    def error(self, key: str, message: str, value: str | None = None) -> SiteListError:
        site = f"site #{self.index + 1}" + (f" ({self.name!r})" if self.name else "")
        return SiteListError(f"{self.path}:{self.line(key, value)}: {site}: {key!r}: {message}")


def _check_url(value: Any, key: str, where: _Where) -> str:
    if not isinstance(value, str):
        raise where.error(key, f"must be an http(s) URL string, not {type(value).__name__}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a malformed port)
    except ValueError as exc:
        raise where.error(key, f"bad URL {value!r}: {exc}", value) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise where.error(key, f"bad URL {value!r}: expected an absolute http(s) URL", value)
    return value


def _url_list(value: Any, key: str, where: _Where) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise where.error(key, "must be a list of http(s) URLs")
    return tuple(_check_url(item, key, where) for item in value)


def _patterns(value: Any, key: str, where: _Where) -> tuple[re.Pattern[str], ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise where.error(key, "must be a list of non-empty regular expressions")
    compiled = []
    for pattern in value:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise where.error(key, f"bad regular expression {pattern!r}: {exc}", pattern) from None
    return tuple(compiled)


def _max_pages(value: Any, where: _Where) -> int:
    if not _positive_int(value):
        raise where.error("max_pages", f"must be an integer > 0, not {value!r}")
    return value


def _settings(value: Any, where: _Where) -> Mapping[str, int | float]:
    if not isinstance(value, dict):
        raise where.error("settings", f"must be a table of Scrapy settings ({', '.join(SITE_SETTINGS)})")
    for name, setting in value.items():
        if name in REFUSED_SETTINGS:
            raise where.error(f"settings.{name}", REFUSED_SETTINGS[name])
        if name not in SITE_SETTINGS:
            raise where.error(f"settings.{name}", f"not a per-site setting (allowed: {', '.join(SITE_SETTINGS)})")
        check, expected = SITE_SETTINGS[name]
        if not check(setting):
            raise where.error(f"settings.{name}", f"must be {expected}, not {setting!r}")
    return MappingProxyType(dict(value))


def _site(table: Any, where: _Where) -> SiteConfig:
    if not isinstance(table, dict):
        raise where.error("site", "must be a table ([[site]])")
    unknown = sorted(set(table) - SITE_KEYS)
    if unknown:
        raise where.error(unknown[0], f"unknown key (expected one of {', '.join(sorted(SITE_KEYS))})")
    for key in REQUIRED_KEYS:
        if key not in table:
            raise where.error(key, "missing (every site needs a name and a home URL)")
    name = table["name"]
    if not (isinstance(name, str) and NAME.match(name)):
        raise where.error("name", f"{name!r} is not a name of lower-case letters, digits and inner hyphens")
    return SiteConfig(
        name=name,
        home=_check_url(table["home"], "home", where),
        feeds=_url_list(table.get("feeds", []), "feeds", where),
        sitemaps=_url_list(table.get("sitemaps", []), "sitemaps", where),
        allow=_patterns(table.get("allow", []), "allow", where),
        deny=_patterns(table.get("deny", []), "deny", where),
        max_pages=_max_pages(table["max_pages"], where) if "max_pages" in table else None,
        settings=_settings(table.get("settings", {}), where),
    )


def load_sites(path: Path) -> list[SiteConfig]:
    """The sites of the TOML file at ``path``, validated; raises :class:`SiteListError`."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SiteListError(f"{path}: cannot read the site list: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SiteListError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SiteListError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"site"})
    if unknown:
        raise SiteListError(f"{path}: unknown top-level key {unknown[0]!r} (the file holds [[site]] tables only)")
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise SiteListError(f"{path}: no sites: add at least one [[site]] table")
    lines = tuple(raw.splitlines())
    sites: list[SiteConfig] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        name = table.get("name") if isinstance(table, dict) else None
        where = _Where(path, lines, index, name if isinstance(name, str) else None)
        site = _site(table, where)
        if site.name in seen:
            raise where.error("name", f"duplicate name, already used by site #{seen[site.name] + 1}")
        seen[site.name] = index
        sites.append(site)
    return sites

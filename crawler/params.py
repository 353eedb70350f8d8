"""The ``news`` spider's ``-a`` arguments, parsed and checked once, at start."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from .discovery import SiteConfig, SiteListError, load_sites, normalize_url, parse_since, site_key

ARGUMENTS = ("urls", "sitemap", "feed", "home", "sites", "site", "since", "refresh")


def _check_url(value: str, argument: str) -> str:
    try:
        normalize_url(value)  # the crawl's own reading of it: scheme, host, port
    except ValueError as exc:
        problem = "is not an http(s) URL" if "http(s)" in str(exc) else f"is not a valid URL ({exc})"
        raise UsageError(f"-a {argument}: {value!r} {problem}") from None
    return value


def _url_list(value: str, argument: str) -> tuple[str, ...]:
    """``URL[,URL…]`` or ``@FILE`` (one URL a line; blank lines and # comments skipped)."""
    if value.startswith("@"):
        path = Path(value[1:])
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM is not part of the first URL
        except OSError as exc:
            raise UsageError(f"-a {argument}=@{path}: cannot read the file: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"-a {argument}=@{path}: not UTF-8 text (byte {exc.start})") from None
        entries = [line.strip() for line in lines]
        entries = [e for e in entries if e and not e.startswith("#")]
        if not entries:
            raise UsageError(f"-a {argument}=@{path}: the file lists no URLs")
    else:
        entries = [e.strip() for e in value.split(",") if e.strip()]
        if not entries:
            raise UsageError(f"-a {argument}: no URL given")
    return tuple(dict.fromkeys(_check_url(e, argument) for e in entries))


@dataclass(frozen=True)
class Target:
    """One site to discover articles on, and which routes to use."""

    site: SiteConfig
    explore: bool  # robots.txt sitemaps, declared feeds, home and section pages


def _one_off(url: str, **routes: tuple[str, ...]) -> SiteConfig:
    parts = urlsplit(url)
    return SiteConfig(name=site_key(url), home=f"{parts.scheme}://{parts.netloc}/", **routes)


def _site_list(value: str, names: str | None) -> list[SiteConfig]:
    try:
        sites = load_sites(Path(value))
    except SiteListError as exc:
        raise UsageError(f"-a sites: {exc}") from None
    if names is None:
        return sites
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = {s.name for s in sites}
    missing = [n for n in wanted if n not in known]
    if missing:
        raise UsageError(f"-a site: no site named {', '.join(map(repr, missing))} in {value} (it has: {', '.join(sorted(known))})")
    return [s for s in sites if s.name in wanted]


def _moment(kwargs: dict[str, str], argument: str, now: datetime) -> datetime | None:
    if argument not in kwargs:
        return None
    try:
        return parse_since(kwargs[argument], now)
    except ValueError as exc:
        raise UsageError(f"-a {argument}: {exc}") from None


@dataclass(frozen=True)
class NewsParams:
    urls: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    since: datetime | None = None
    refresh: datetime | None = None  # articles first written after this are fetched again

    @classmethod
    def from_args(cls, now: datetime | None = None, **kwargs: str) -> NewsParams:
        unknown = set(kwargs) - set(ARGUMENTS)
        if unknown:
            raise UsageError(
                f"unknown spider argument(s): {', '.join(f'-a {u}' for u in sorted(unknown))} "
                f"(known: {', '.join(ARGUMENTS)})"
            )
        if "site" in kwargs and "sites" not in kwargs:
            raise UsageError("-a site=NAME picks sites from a site list: give -a sites=FILE too")
        targets: list[Target] = []
        for url in _url_list(kwargs["sitemap"], "sitemap") if "sitemap" in kwargs else ():
            targets.append(Target(_one_off(url, sitemaps=(url,)), explore=False))
        for url in _url_list(kwargs["feed"], "feed") if "feed" in kwargs else ():
            targets.append(Target(_one_off(url, feeds=(url,)), explore=False))
        for url in _url_list(kwargs["home"], "home") if "home" in kwargs else ():
            targets.append(Target(replace(_one_off(url), home=url), explore=True))
        if "sites" in kwargs:
            targets += [Target(site, explore=True) for site in _site_list(kwargs["sites"], kwargs.get("site"))]
        now = now or datetime.now(timezone.utc)
        params = cls(
            urls=_url_list(kwargs["urls"], "urls") if "urls" in kwargs else (),
            targets=tuple(targets),
            since=_moment(kwargs, "since", now),
            refresh=_moment(kwargs, "refresh", now),
        )
        if not (params.urls or params.targets):
            raise UsageError(
                "nothing to crawl: give -a urls=URL[,URL…] (or @FILE), -a sitemap=URL, -a feed=URL, "
                "-a home=URL or -a sites=FILE"
            )
        return params

    def refresh_due(self, first_seen: datetime) -> bool:
        """Whether an article first written at ``first_seen`` is to be fetched again (-a refresh)."""
        return self.refresh is not None and first_seen >= self.refresh

    @property
    def named_hosts(self) -> frozenset[str]:
        """Hosts the user named explicitly: the address guard lets these through."""
        urls = list(self.urls)
        for target in self.targets:
            urls += [target.site.home, *target.site.feeds, *target.site.sitemaps]
        return frozenset(urlsplit(u).hostname for u in urls)

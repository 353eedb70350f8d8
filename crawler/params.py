"""The ``news`` spider's ``-a`` arguments, parsed and checked once, at start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError


def _check_url(value: str, argument: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"-a {argument}: {value!r} is not an http(s) URL")
    return value


def _url_list(value: str, argument: str) -> tuple[str, ...]:
    """``URL[,URL…]`` or ``@FILE`` (one URL a line; blank lines and # comments skipped)."""
    if value.startswith("@"):
        path = Path(value[1:])
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(f"-a {argument}=@{path}: cannot read the file: {exc.strerror}") from None
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
class NewsParams:
    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, **kwargs: str) -> NewsParams:
        unknown = set(kwargs) - {"urls", "sitemap"}
        if unknown:
            raise UsageError(f"unknown spider argument(s): {', '.join(f'-a {u}' for u in sorted(unknown))}")
        params = cls(
            urls=_url_list(kwargs["urls"], "urls") if "urls" in kwargs else (),
            sitemaps=_url_list(kwargs["sitemap"], "sitemap") if "sitemap" in kwargs else (),
        )
        if not (params.urls or params.sitemaps):
            raise UsageError("nothing to crawl: give -a urls=URL[,URL…], -a urls=@FILE or -a sitemap=URL")
        return params

    @property
    def named_hosts(self) -> frozenset[str]:
        """Hosts the user named explicitly: the address guard lets these through."""
        return frozenset(urlsplit(u).hostname for u in self.urls + self.sitemaps)

"""What a cleaning run returns: the text, the metadata and an account of what was removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXCERPT_CHARS = 160


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Removal:
    """One piece of text a rule removed: which rule, why, and what (the whole text)."""

    rule: str
    reason: str
    text: str
    block: int | None = field(default=None, compare=False)

    @property
    def excerpt(self) -> str:
        return excerpt(self.text)

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "reason": self.reason, "text": self.text}


@dataclass(frozen=True)
class ArticleMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    published_source: str | None = None  # json-ld, meta, time, feed, sitemap, htmldate, url
    modified: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    paywalled: bool | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    date_rejections: tuple[str, ...] = field(default=(), compare=False)  # dates not trusted, and why


# Status values: "ok" means an article body was found.
STATUS_OK = "ok"
STATUS_NO_BODY = "no_body"
STATUS_NOT_ARTICLE = "not_article"
STATUS_TOO_SHORT = "too_short"
STATUS_UNPARSABLE = "unparsable"
STATUS_TOO_LARGE = "too_large"


@dataclass(frozen=True)
class CleanResult:
    paragraphs: tuple[str, ...]
    meta: ArticleMeta
    removals: tuple[Removal, ...] = ()
    status: str = STATUS_OK
    guard_tripped: bool = False
    would_remove: tuple[Removal, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()  # what rules chose not to do, and why (for the caller to log)
    body_source: str = "html"  # "json-ld": the page's declared articleBody (cleaners.declared); "script": its script data (cleaners.embedded)
    content_hash: str = ""  # of the text's words (cleaners.fingerprint), computed with the text
    simhash: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    def record(self, *, url: str | None, fetched_at: str, with_removals: bool = False) -> dict[str, Any]:
        """The JSON object written per article: the same for the crawl and ``python -m cleaners``."""
        meta = self.meta
        record: dict[str, Any] = {
            "url": url,
            "canonical_url": meta.canonical_url,
            "title": meta.title,
            "text": self.text,
            "authors": list(meta.authors),
            "published": meta.published,
            "published_source": meta.published_source,
            "modified": meta.modified,
            "language": meta.language,
            "site": meta.site,
            "paywalled": meta.paywalled,
            "section": meta.section,
            "tags": list(meta.tags),
            "fetched_at": fetched_at,
            "content_hash": self.content_hash,
            "simhash": f"{self.simhash:016x}",
        }
        if with_removals:
            record["boilerplate_removed"] = [r.as_dict() for r in self.removals]
        return record

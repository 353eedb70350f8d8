"""clean_html: parse → trafilatura body + metadata → text rules (guarded) → CleanResult."""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import islice
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .blocks import Block, blocks_to_paragraphs, body_to_blocks
from .breadcrumbs import BREADCRUMB_RULE, drop_breadcrumb_trails
from .config import CleanConfig
from .declared import BODY_SOURCE_HTML, BODY_SOURCE_JSON_LD, declared_blocks, declared_body, declared_is_more_of_it
from .embedded import BODY_SOURCE_SCRIPT, embedded_article_page
from .extract import Guesses, extract_document, parse_html
from .fingerprint import content_hash, simhash
from .forms import FORM_WIDGET_RULE, drop_form_widgets
from .metadata import Signals, headline_variants, parse_stamp, read_meta
from .offers import OFFER_BOX_RULE, drop_offer_boxes
from .pagetype import declares_non_article
from .report import (
    STATUS_NO_BODY,
    STATUS_NOT_ARTICLE,
    STATUS_OK,
    STATUS_TOO_LARGE,
    STATUS_TOO_SHORT,
    STATUS_UNPARSABLE,
    ArticleMeta,
    CleanResult,
    Removal,
)
from .rules import run_rules
from .rules.context import RuleContext
from .sites import SiteRules, site_rules_for
from .splitbody import SPLIT_BODY_RULE, join_split_bodies
from .stories import OTHER_STORY_RULE, drop_other_stories

_DEFAULT_CONFIG = CleanConfig()


def _no_article(host: str | None, status: str) -> CleanResult:
    return CleanResult((), ArticleMeta(site=host), status=status)


def _body_blocks(page: HtmlElement, url: str | None, site_rules: SiteRules | None, config: CleanConfig) -> list[Block]:
    """trafilatura's body of ``page`` as blocks; none when it finds no body."""
    if SPLIT_BODY_RULE not in config.disabled_rules:
        join_split_bodies(page)
    document = extract_document(page, url=url, site_rules=site_rules)
    return body_to_blocks(document.body) if document is not None else []


def _too_large(tree: HtmlElement, config: CleanConfig) -> bool:
    """More elements than ``config.max_elements``: no article page has that many."""
    return bool(config.max_elements) and next(islice(tree.iter(), config.max_elements, None), None) is not None


def _drop_page_boilerplate(page: HtmlElement, signals: Signals, url: str | None, config: CleanConfig) -> tuple[Removal, ...]:
    """The rules that work on the page before extraction: other stories, form widgets, offer boxes, breadcrumb trails."""
    other_stories = () if OTHER_STORY_RULE in config.disabled_rules else drop_other_stories(page, signals)
    form_widgets = () if FORM_WIDGET_RULE in config.disabled_rules else drop_form_widgets(page)
    offer_boxes = () if OFFER_BOX_RULE in config.disabled_rules else drop_offer_boxes(page, url)
    trails = () if BREADCRUMB_RULE in config.disabled_rules else drop_breadcrumb_trails(page, url)
    return other_stories + form_widgets + offer_boxes + trails


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    config: CleanConfig | None = None,
    fetched_at: datetime | None = None,
    date_hint: tuple[str, str] | None = None,
    learned_blocks: frozenset[str] = frozenset(),
) -> CleanResult:
    """Extract the article in ``html`` and strip the boilerplate trafilatura let through.

    ``fetched_at`` (aware; default: now) lets dates after the fetch be rejected; ``date_hint`` is
    ``(ISO date, source)`` from a feed or news sitemap, e.g. ``("2026-11-20T08:00:00Z", "sitemap")``:
    used when the page states no date, and to reject page dates far from it. ``learned_blocks`` are
    fingerprints (:func:`cleaners.fingerprint.block_fingerprint`) of blocks the site repeats.

    Never raises for bad pages: a page without a usable body comes back with a non-"ok"
    ``status`` and no paragraphs. A malformed per-site rule file raises ``SiteRulesError``
    (check them up front with :func:`cleaners.sites.check_site_rules`).
    """
    config = config or _DEFAULT_CONFIG
    fetched_at = fetched_at or datetime.now(timezone.utc)  # a page is cleaned after it was fetched
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError as exc:  # the caller's mistake, not the page's
        raise ValueError(f"url {url!r} is not a valid URL: {exc}") from None
    tree = parse_html(html)
    if tree is None:
        return _no_article(host, STATUS_UNPARSABLE)
    if _too_large(tree, config):
        return _no_article(host, STATUS_TOO_LARGE)
    signals = Signals.read(tree, url)
    if declares_non_article(tree, signals):
        return _no_article(host, STATUS_NOT_ARTICLE)
    site_rules = site_rules_for(host, config.sites_dir)
    page = tree  # what the body comes from: the page, or the article HTML in its script data
    dropped = _drop_page_boilerplate(page, signals, url, config)
    blocks = _body_blocks(page, url, site_rules, config)
    body_source = BODY_SOURCE_HTML
    declared = declared_body(signals)
    # A per-site body selector is trusted over what the page declares.
    if declared and (not blocks or not (site_rules and site_rules.body_xpath)):
        if declared_is_more_of_it(" ".join(b.text for b in blocks), declared):
            blocks, body_source = declared_blocks(declared), BODY_SOURCE_JSON_LD
    if not blocks and (embedded := embedded_article_page(tree)) is not None:
        if _too_large(embedded, config):
            return _no_article(host, STATUS_TOO_LARGE)
        page, body_source = embedded, BODY_SOURCE_SCRIPT
        dropped += _drop_page_boilerplate(page, signals, url, config)
        blocks = _body_blocks(page, url, site_rules, config)
    if not blocks:
        return _no_article(host, STATUS_NO_BODY)
    hint = parse_stamp(date_hint[0], date_hint[1]) if date_hint else None
    meta = read_meta(
        tree, Guesses(tree, url), url, signals=signals, fetched_at=fetched_at, published_hint=hint, body=[b.text for b in blocks]
    )
    ctx = RuleContext(
        url=url,
        site=host,
        site_rules=site_rules,
        titles=headline_variants(tree, signals, meta.title),
        authors=meta.authors,
        learned_blocks=learned_blocks,
        learned_max_share=config.learned_max_share,
        page=page,
    )
    outcome = run_rules(blocks, ctx, max_removed_share=config.max_removed_share, disabled=config.disabled_rules)
    paragraphs = blocks_to_paragraphs(outcome.kept)
    status = STATUS_OK if sum(len(p) for p in paragraphs) >= config.min_body_chars else STATUS_TOO_SHORT
    if status != STATUS_OK:
        paragraphs = ()
    text = "\n\n".join(paragraphs)
    return CleanResult(
        paragraphs=paragraphs,
        meta=meta,
        removals=dropped + outcome.removals,
        status=status,
        guard_tripped=outcome.guard_tripped,
        would_remove=outcome.would_remove,
        notes=tuple(ctx.notes),
        body_source=body_source,
        content_hash=content_hash(text),
        simhash=simhash(text),
    )

"""Settings checked before a crawl starts: a bad ``-s`` value is one error line and exit status 2,
not a traceback from deep inside the component that reads it."""

from __future__ import annotations

from collections.abc import Callable

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings, default_settings

from cleaners.pagerules import PAGE_RULE_IDS
from cleaners.rules import RULE_IDS

from . import settings as project_settings
from .extensions import health_rate, progress_mode
from .learning import check_min_articles
from .pipelines import clean_config, extract_timeout, extract_workers, malloc_tuning, near_duplicate_mode, pages_per_worker
from .seen import near_duplicate_window

RULES = RULE_IDS | PAGE_RULE_IDS
_GETTERS: dict[type, Callable[[BaseSettings, str], object]] = {
    bool: BaseSettings.getbool, int: BaseSettings.getint, float: BaseSettings.getfloat,
}
_TYPE_NAMES = {bool: "True or False", int: "a whole number", float: "a number"}


def _typed_names() -> dict[str, type]:
    """Every Scrapy and project setting whose default is a bool, int or float. Scrapy reads some
    whole-number defaults as numbers ("DOWNLOAD_DELAY = 0", given as 0.5): only a number is asked of
    them; the project's own are read as their defaults are."""
    names: dict[str, type] = {}
    for module in (default_settings, project_settings):
        for name in dir(module):
            kind = type(getattr(module, name))
            if name.isupper() and kind in _GETTERS:
                names[name] = float if kind is int and hasattr(default_settings, name) else kind
    return names


def _ranges(settings: BaseSettings) -> None:
    """The project's own limits, checked by the same functions the components read them with (ValueError)."""
    for check in (clean_config, extract_workers, malloc_tuning, extract_timeout, pages_per_worker, near_duplicate_mode,
                  near_duplicate_window, health_rate, progress_mode):
        check(settings)
    check_min_articles(settings.getint("NEWSCLEAN_LEARN_MIN_ARTICLES"))
    unknown = sorted(set(settings.getlist("NEWSCLEAN_DISABLED_RULES")) - RULES)
    if unknown:
        raise ValueError(f"NEWSCLEAN_DISABLED_RULES: unknown rule(s) {', '.join(unknown)} (rules: {', '.join(sorted(RULES))})")


def check_settings(settings: BaseSettings) -> None:
    """Raise :class:`UsageError` naming the first setting that is not of its type or out of range."""
    for name, kind in sorted(_typed_names().items()):
        try:
            _GETTERS[kind](settings, name)
        except (ValueError, TypeError):
            raise UsageError(f"setting {name}={settings.get(name)!r}: expected {_TYPE_NAMES[kind]}", print_help=False) from None
    try:
        _ranges(settings)
    except ValueError as exc:
        raise UsageError(f"setting {exc}", print_help=False) from None

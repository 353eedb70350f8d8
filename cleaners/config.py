"""One explicit options object for the whole cleaning run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SITES_DIR = Path(__file__).with_name("sites")


@dataclass(frozen=True)
class CleanConfig:
    """Knobs of :func:`cleaners.clean_html`; every field has a safe default.

    ``max_removed_share``: if the rules together would remove more than this share of the
    body's characters, nothing is removed and the result is flagged ``guard_tripped``
    (a page that is "mostly boilerplate" more likely means a rule misfired).
    ``min_body_chars``: a body shorter than this is not an article (status ``too_short``).
    ``disabled_rules``: rule ids to skip, e.g. ``{"newsletter"}``.
    ``sites_dir``: folder of per-site rule files (``<host>.toml``); ``None`` turns them off.
    ``learned_max_share``: learned site blocks may remove at most this share of a page.
    ``max_elements``: a page with more HTML elements is not cleaned (status ``too_large``): article
    pages have a few thousand, and one crafted with hundreds of thousands would hold a worker for
    minutes. 0 turns the limit off.
    """

    max_removed_share: float = 0.5
    learned_max_share: float = 0.3
    min_body_chars: int = 200
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    sites_dir: Path | None = DEFAULT_SITES_DIR
    max_elements: int = 50_000

    def __post_init__(self) -> None:
        for name in ("max_removed_share", "learned_max_share"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], got {getattr(self, name)!r}")
        for name in ("min_body_chars", "max_elements"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
        object.__setattr__(self, "disabled_rules", frozenset(self.disabled_rules))

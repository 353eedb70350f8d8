"""newsclean's cleaners: article extraction plus boilerplate removal, without Scrapy.

    >>> from cleaners import clean_html
    >>> result = clean_html(html, url="https://example.com/story")
    >>> result.text, result.meta.title, result.removals
"""

from typing import TYPE_CHECKING, Any

from .config import CleanConfig
from .report import ArticleMeta, CleanResult, Removal

if TYPE_CHECKING:
    from .pipeline import clean_html

__all__ = ["ArticleMeta", "CleanConfig", "CleanResult", "Removal", "clean_html"]


def __getattr__(name: str) -> Any:
    # clean_html brings trafilatura and its dependencies (~25 MB, ~0.3 s): loaded on first use, so
    # the crawl process, which only ships pages to the extraction workers, does without them.
    if name == "clean_html":
        from .pipeline import clean_html

        return clean_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

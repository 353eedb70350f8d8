"""newsclean's cleaners: article extraction plus boilerplate removal, without Scrapy.

    >>> from cleaners import clean_html
    >>> result = clean_html(html, url="https://example.com/story")
    >>> result.text, result.meta.title, result.removals
"""

from .config import CleanConfig
from .pipeline import clean_html
from .report import ArticleMeta, CleanResult, Removal

__all__ = ["ArticleMeta", "CleanConfig", "CleanResult", "Removal", "clean_html"]

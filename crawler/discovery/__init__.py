"""Finding articles from a site: site list, robots.txt sitemaps, feeds, home and section pages.

Pure functions over bytes and strings, without Scrapy, so the spider stays a thin caller and each
step is unit-tested. Every URL they return is absolute, http(s) and in :func:`normalize_url` form.
Bodies are bounded by the caller's ``max_bytes``; XML is parsed with defusedxml.
"""

from .feeds import FeedEntry, FeedError, feed_links, parse_feed
from .links import article_links, section_links
from .since import parse_since
from .sitelist import SiteConfig, SiteListError, load_sites
from .sitemaps import USUAL_SITEMAP_PATHS, SitemapEntry, SitemapError, SitemapPage, parse_sitemap, sitemaps_from_robots
from .urls import looks_like_article, normalize_url, site_key

__all__ = [
    "USUAL_SITEMAP_PATHS",
    "FeedEntry",
    "FeedError",
    "SiteConfig",
    "SiteListError",
    "SitemapEntry",
    "SitemapError",
    "SitemapPage",
    "article_links",
    "feed_links",
    "load_sites",
    "looks_like_article",
    "normalize_url",
    "parse_feed",
    "parse_since",
    "parse_sitemap",
    "section_links",
    "site_key",
    "sitemaps_from_robots",
]

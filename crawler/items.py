"""What flows through the item pipeline: a fetched page in, a cleaned article out."""

import scrapy


class FetchedPage(scrapy.Item):
    """A downloaded HTML page, before extraction (never written to a feed)."""

    url = scrapy.Field()  # after redirects
    html = scrapy.Field()  # decoded text of the response
    fetched_at = scrapy.Field()  # ISO 8601, UTC
    date_hint = scrapy.Field()  # (ISO date, "feed" | "sitemap") when discovery knew one, else absent


class ArticleItem(scrapy.Item):
    """One cleaned article: the public output schema (documented in the README)."""

    url = scrapy.Field()
    canonical_url = scrapy.Field()
    title = scrapy.Field()
    text = scrapy.Field()
    authors = scrapy.Field()
    published = scrapy.Field()
    published_source = scrapy.Field()
    modified = scrapy.Field()
    language = scrapy.Field()
    site = scrapy.Field()
    paywalled = scrapy.Field()
    section = scrapy.Field()
    tags = scrapy.Field()
    fetched_at = scrapy.Field()
    content_hash = scrapy.Field()  # of the cleaned text's words: equal hashes, same text
    simhash = scrapy.Field()  # 64-bit SimHash of the cleaned text, 16 hex digits
    duplicate_of = scrapy.Field()  # URL of an earlier article with nearly the same text, else absent
    update = scrapy.Field()  # true when a refreshed article's text changed since it was first written
    boilerplate_removed = scrapy.Field()  # only with NEWSCLEAN_INCLUDE_REMOVALS

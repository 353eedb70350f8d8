"""Where a page puts what is not its story: asides, menus, footers, comments, related and teaser
boxes. Bylines found there are other stories' or readers', body containers there are excerpts."""

from __future__ import annotations

# An XPath predicate, true for an element inside such a part of the page.
ELSEWHERE = (
    "ancestor::aside or ancestor::nav or ancestor::footer or ancestor::*[contains(@itemtype, 'Comment')]"
    " or ancestor::*[not(self::body or self::html or self::main)]"  # <body> may carry any class
    "[contains(@class, 'comment') or contains(@class, 'related') or contains(@class, 'teaser')]"
)

"""Fingerprints of cleaned text: an exact content hash and a 64-bit SimHash for near-duplicates.

SimHash (Charikar) over word 3-shingles: two texts that share most of their wording get hashes a
few bits apart, so the same wire story republished with a different intro or footer is found
with a Hamming-distance test instead of a text comparison.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SIMHASH_BITS = 64
SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+")


def normalized_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    """Changes whenever the words change; ignores whitespace, punctuation and case."""
    return hashlib.blake2b(" ".join(normalized_words(text)).encode(), digest_size=16).hexdigest()


def _feature_hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    """64-bit SimHash of the text's word 3-shingles (0 for an empty text)."""
    words = normalized_words(text)
    if not words:
        return 0
    shingles = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))]
    # Column sums over the shingle hashes written as bit strings (most significant bit first):
    # a bit is set in the SimHash when more than half of the shingles have it.
    columns = zip(*(format(_feature_hash(s), "064b") for s in shingles))
    half = len(shingles) / 2
    bits = "".join("1" if column.count("1") > half else "0" for column in columns)
    return int(bits, 2)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


_DIGITS = re.compile(r"\d+")


def block_fingerprint(text: str) -> str:
    """A paragraph's identity across articles: whitespace, case, punctuation and numbers (so dates
    and counts too) do not matter. "© 2025 Example Media" and "© 2026 Example Media" match."""
    words = _DIGITS.sub("0", " ".join(normalized_words(text)))
    return hashlib.blake2b(words.encode(), digest_size=8).hexdigest()

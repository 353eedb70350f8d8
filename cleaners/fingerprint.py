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


# Per bit of a byte, a table mapping each byte value to that bit (0 or 1), for bytes.translate.
_BIT_OF_BYTE = [bytes((value >> bit) & 1 for value in range(256)) for bit in range(8)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's word 3-shingles (0 for an empty text)."""
    words = normalized_words(text)
    if not words:
        return 0
    shingles = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))]
    # A bit is set in the SimHash when more than half of the shingle hashes have it. The hashes'
    # bytes are counted column by column in C (slice, translate, count): several times faster
    # than per-bit Python loops, and the values stay those stored by earlier runs.
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    half = len(shingles) / 2
    value = 0
    for position in range(SIMHASH_BITS // 8):  # most significant byte first
        column = digests[position::8]
        for bit in range(7, -1, -1):
            value = (value << 1) | (column.translate(_BIT_OF_BYTE[bit]).count(1) > half)
    return value


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


_DIGITS = re.compile(r"\d+")


def block_fingerprint(text: str) -> str:
    """A paragraph's identity across articles: whitespace, case, punctuation and numbers (so dates
    and counts too) do not matter. "© 2025 Example Media" and "© 2026 Example Media" match."""
    words = _DIGITS.sub("0", " ".join(normalized_words(text)))
    return hashlib.blake2b(words.encode(), digest_size=8).hexdigest()


class SimHashIndex:
    """SimHashes to look up by Hamming distance, split into 8 bands of 8 bits: two hashes within
    7 bits of each other agree on at least one band, so a lookup only compares a band's bucket."""

    BANDS = 8
    BAND_BITS = SIMHASH_BITS // BANDS
    MAX_DISTANCE = BANDS - 1

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[tuple[int, object]]] = {}

    def _keys(self, value: int) -> list[tuple[int, int]]:
        mask = (1 << self.BAND_BITS) - 1
        return [(band, value >> (band * self.BAND_BITS) & mask) for band in range(self.BANDS)]

    def add(self, value: int, payload: object = None) -> None:
        entry = (value, payload)  # one tuple in all eight buckets: the index grows with every article
        for key in self._keys(value):
            self._buckets.setdefault(key, []).append(entry)

    def find(self, value: int, max_distance: int, *, exclude: object = None) -> tuple[int, object] | None:
        """A stored (hash, payload) within ``max_distance`` bits (at most ``MAX_DISTANCE``), or None."""
        if max_distance > self.MAX_DISTANCE:
            raise ValueError(f"SimHashIndex finds hashes at most {self.MAX_DISTANCE} bits apart, not {max_distance}")
        for key in self._keys(value):
            for other, payload in self._buckets.get(key, ()):
                if (other ^ value).bit_count() <= max_distance and (exclude is None or payload != exclude):
                    return other, payload
        return None

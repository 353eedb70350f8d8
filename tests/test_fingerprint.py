"""Fingerprints are stored across runs (seen store, learned sites): their values must not drift."""

import pytest

from cleaners.fingerprint import SimHashIndex, block_fingerprint, content_hash, hamming, simhash

STORY = "The council approved the harbour plan on Tuesday after a long debate about costs."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Values of the first (per-bit string) implementation: hashes already in seen stores.
        (STORY, 0x5CEA3E800C31F6E7),
        ("Ünïcode Straße  naïve café", 0x5902002100402A),
        ("one", 3815355558890182089),
        ("one two", 561697725256166493),
        ("", 0),
        ("…", 0),
    ],
)
def test_simhash_values_are_stable(text, expected):
    assert simhash(text) == expected


def test_simhash_ignores_case_punctuation_and_spacing():
    assert simhash(STORY) == simhash("the COUNCIL approved, the harbour plan on tuesday after a long debate about costs")


def test_simhash_of_a_reworded_story_is_near_and_of_another_story_far():
    base = " ".join(f"{STORY} Paragraph {n} adds detail on fees, berths and timing." for n in range(12))
    edited = base.replace("Paragraph 3 adds", "Paragraph three adds")
    other = " ".join(f"Storm warnings closed {n} schools and the ferry to the islands." for n in range(12))
    assert hamming(simhash(base), simhash(edited)) <= 6
    assert hamming(simhash(base), simhash(other)) > 6


def test_content_hash_changes_with_words_only():
    assert content_hash(STORY) == content_hash(STORY.upper() + "  ")
    assert content_hash(STORY) != content_hash(STORY.replace("Tuesday", "Monday"))


def test_block_fingerprint_ignores_numbers():
    assert block_fingerprint("© 2025 Example Media") == block_fingerprint("© 2026 Example Media")
    assert block_fingerprint("© 2025 Example Media") != block_fingerprint("© 2025 Other Media")


def test_simhash_index_finds_within_distance_only():
    index = SimHashIndex()
    index.add(0b1011 << 40, "a")
    assert index.find((0b1011 << 40) ^ 0b111, 3) == (0b1011 << 40, "a")
    assert index.find((0b1011 << 40) ^ 0b1111, 3) is None
    assert index.find(0b1011 << 40, 0, exclude="a") is None
    with pytest.raises(ValueError):
        index.find(0, SimHashIndex.MAX_DISTANCE + 1)

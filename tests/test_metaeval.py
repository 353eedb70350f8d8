"""cleaners.metaeval: the metadata scores, each on a tiny example worked out by hand."""

from __future__ import annotations

import pytest

from cleaners.metaeval import authors_f1, metadata_scores, normalize_text, same_day, same_instant

# --- title normalization ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ｂudget ﬁnal", "Budget final"),  # NFKC: full-width letter, ligature
        ("Bud\u00adget ap\u200bproved", "Budget approved"),  # soft hyphen, zero-width space
        ("“It’s done,” she said", "\"It's done,\" she said"),  # curly vs straight quotes
        ("  Budget\n\tapproved \u00a0now ", "Budget approved now"),  # whitespace incl. no-break space
    ],
)
def test_titles_equal_after_normalization(a, b):
    assert normalize_text(a) == normalize_text(b)


def test_title_normalization_keeps_real_differences():
    assert normalize_text("Budget approved") != normalize_text("Budget-approved")
    assert normalize_text("Budget Approved") != normalize_text("Budget approved")


# --- same_day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "truth", "same"),
    [
        ("2024-03-05", "2024-03-05T23:30:00-05:00", True),  # date-only vs timed: truth's own local date
        ("2024-03-06", "2024-03-05T23:30:00-05:00", False),  # ... even though it is the 6th in UTC
        ("2024-03-06T00:30:00+01:00", "2024-03-05T23:30:00Z", True),  # same instant across midnight
        ("2024-03-05T10:00:00Z", "2024-03-06T03:00:00+02:00", False),  # the 5th vs the 6th in UTC and locally
        ("2024-03-05T10:00:00", "2024-03-05", True),  # naive
        ("not a date", "2024-03-05", False),
        (None, "2024-03-05", False),
    ],
)
def test_same_day(pred, truth, same):
    assert same_day(pred, truth) is same


# --- same_instant -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "truth", "same"),
    [
        ("2024-03-05T10:00:00Z", "2024-03-05T11:01:00+01:00", True),  # 60 s apart: inclusive
        ("2024-03-05T10:00:00Z", "2024-03-05T11:01:01+01:00", False),  # 61 s
        ("2024-03-05T10:00:00Z", "2024-03-05T09:59:00Z", True),
        ("2024-03-05", "2024-03-05", False),  # date-only never matches
        ("2024-03-05T10:00:00Z", "2024-03-05", False),
        ("2024-03-05T10:00:30", "2024-03-05T10:00:00Z", True),  # naive read as UTC
        ("2024-03-05T10:00:00", "2024-03-05T10:00:00+01:00", False),
    ],
)
def test_same_instant(pred, truth, same):
    assert same_instant(pred, truth) is same


# --- authors_f1 -------------------------------------------------------------------------


def test_authors_f1_ignores_prefix_and_case():
    assert authors_f1(["By Jane Roe", "JOHN DOE"], ["jane roe", "Von John Doe"]) == 1.0


def test_authors_f1_partial():
    # 1 hit, 2 predicted, 3 true: 2·1 / (2 + 3)
    assert authors_f1(["Jane Roe", "Max Muster"], ["Jane Roe", "John Doe", "Eva Klein"]) == pytest.approx(0.4)


def test_authors_f1_no_hit():
    assert authors_f1(["Max Muster"], ["Jane Roe"]) == 0.0


@pytest.mark.parametrize(("pred", "score"), [([], 1.0), (["  "], 1.0), (["Jane Roe"], 0.0)])
def test_authors_f1_with_empty_truth(pred, score):
    assert authors_f1(pred, []) == score


# --- aggregation ------------------------------------------------------------------------


def test_metadata_scores_over_three_pages():
    truths = {
        "a": {"title": "Budget approved", "published": "2024-03-05T10:00:00+01:00", "authors": ["Jane Roe"]},
        "b": {"title": "Rates rise", "published": "2024-03-06", "authors": ["A Bee", "Cee Dee"]},
        "c": {"title": "", "published": None, "authors": []},
    }
    predictions = {
        "a": {"title": "Budget  approved", "published": "2024-03-05T09:00:30Z", "authors": ["By Jane Roe"]},
        "b": {"title": "Rates fall", "published": "2024-03-05T23:30:00-05:00", "authors": ["A Bee"]},
        "c": {"title": "Anything", "published": "2024-03-01", "authors": []},
    }
    scores = metadata_scores(predictions, truths)
    # title: a right, b wrong, c has no true title -> 1/2
    # day: a right (09:00:30Z is 10:00:30+01:00), b wrong (the 5th locally), c not counted -> 1/2
    # instant: a 30 s apart -> right, b date-only truth -> wrong -> 1/2
    # authors: a 1, b 2·1/(1+2) = 2/3, c empty/empty = 1 -> (1 + 2/3 + 1) / 3 = 8/9
    assert scores.as_dict() == pytest.approx(
        {"title_exact": 0.5, "published_day": 0.5, "published_instant": 0.5, "authors_f1": 8 / 9, "pages": 3}
    )

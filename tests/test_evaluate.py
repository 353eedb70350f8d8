"""Tests for cleaners.evaluate: the metric, and the CLI on a tiny hand-made
dev set with fake extractors (no access to the real dev set needed)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from cleaners import evaluate as ev
from cleaners.evaluate import PageScore, Scores, corpus_scores, page_counts, shingles, tokens


# --------------------------------------------------------------------------
# Metric
# --------------------------------------------------------------------------


def test_readme_worked_example():
    s = page_counts("a b c d x", "a b c d e")
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert s.precision == 0.5
    assert s.recall == 0.5
    assert s.f1 == 0.5
    assert s.in_precision and s.in_recall


def test_tokens_drop_punctuation_and_keep_case():
    assert tokens("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert tokens("Größe über Ärger") == ["Größe", "über", "Ärger"]
    assert tokens("") == []
    assert tokens(None) == []
    assert tokens(" \n\n -- ") == []


def test_shingles_four_tokens():
    assert shingles(tokens("a b c d e")) == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles(tokens("a b c d")) == Counter({("a", "b", "c", "d"): 1})


@pytest.mark.parametrize(
    "text, expected",
    [("a", ("a",)), ("a b", ("a", "b")), ("a b c", ("a", "b", "c"))],
)
def test_short_text_gives_one_shorter_shingle(text, expected):
    assert shingles(tokens(text)) == Counter({expected: 1})


def test_no_tokens_no_shingles():
    assert shingles([]) == Counter()
    assert shingles(tokens("...")) == Counter()


def test_short_shingle_does_not_match_a_longer_one():
    s = page_counts("a b", "a b c")
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    assert page_counts("a b", "a b").f1 == 1.0


def test_empty_prediction_left_out_of_precision_scores_recall_zero():
    s = page_counts("", "a b c d e")
    assert (s.tp, s.fp, s.fn) == (0, 0, 2)
    assert not s.in_precision
    assert s.in_recall
    assert s.recall == 0.0
    assert s.f1 == 0.0
    # in the corpus: P only from the other page, R averages in the 0
    perfect = page_counts("x y z w", "x y z w")
    c = corpus_scores([s, perfect])
    assert c.precision == 1.0
    assert c.recall == 0.5
    assert c.pages == 2


def test_empty_truth():
    s = page_counts("a b c d", "")
    assert (s.tp, s.fp, s.fn) == (0, 1, 0)
    assert s.in_precision and not s.in_recall
    assert s.precision == 0.0
    both_empty = page_counts("", "")
    assert not both_empty.in_precision and not both_empty.in_recall
    assert both_empty.precision == both_empty.recall == both_empty.f1 == 1.0
    c = corpus_scores([s, both_empty, page_counts("a b c d", "a b c d")])
    assert c.precision == 0.5  # (0 + 1) / 2: both_empty counts in neither mean
    assert c.recall == 1.0


def test_case_sensitive():
    s = page_counts("A b c d", "a b c d")
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)


def test_punctuation_dropped():
    s = page_counts("a, b. c! (d)?", "a b c d")
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    assert s.f1 == 1.0


def test_multiset_overlap():
    truth = "a b c d a b c d"  # abcd x2, bcda, cdab, dabc
    short = page_counts("a b c d", truth)
    assert (short.tp, short.fp, short.fn) == (1, 0, 4)
    assert short.recall == pytest.approx(0.2)
    long = page_counts("a b c d a b c d a b c d", truth)  # abcd x3, bcda x2, ...
    assert (long.tp, long.fp, long.fn) == (5, 4, 0)
    assert long.precision == pytest.approx(5 / 9)
    assert long.recall == 1.0


def test_corpus_f1_is_harmonic_mean_of_mean_p_and_mean_r():
    truth = "a b c d e f g"  # 4 shingles
    low_recall = page_counts("a b c d", truth)  # P=1, R=1/4, F1=0.4
    low_precision = page_counts(truth, "a b c d")  # P=1/4, R=1, F1=0.4
    assert low_recall.f1 == pytest.approx(0.4)
    assert low_precision.f1 == pytest.approx(0.4)
    c = corpus_scores([low_recall, low_precision])
    assert c == Scores(precision=0.625, recall=0.625, f1=pytest.approx(0.625), pages=2)
    assert c.f1 != pytest.approx((low_recall.f1 + low_precision.f1) / 2)


def test_corpus_scores_of_nothing():
    assert corpus_scores([]) == Scores(0.0, 0.0, 0.0, 0)


def test_page_score_is_frozen():
    s = PageScore(1, 0, 0)
    with pytest.raises(Exception):
        s.tp = 2  # type: ignore[misc]


# --------------------------------------------------------------------------
# CLI on a tiny dev set
# --------------------------------------------------------------------------
#
# Each page carries what the two fake extractors "find":
#   <p class="base">...</p> for trafilatura, <p class="ours">...</p> for newsclean.
#
#  id  truth                              baseline (P, R, F1)            ours (P, R, F1)
#  p1  "a b c d e"                        "a b c d e"      (1, 1, 1)     "a b c d x"  (.5, .5, .5)
#  p2  "one two three four five six seven" ""      (-, 0, 0)            same as truth (1, 1, 1)
#  p3  "x y z w"                          "x y z w v"      (.5, 1, 2/3)  "nothing here at all" (0, 0, 0)
#
#  baseline: P = (1 + .5)/2 = .75, R = (1 + 0 + 1)/3 = 2/3, F1 = 2*.75*(2/3)/(.75+2/3) = 12/17
#  ours:     P = (.5 + 1 + 0)/3 = .5, R = .5, F1 = .5
#  worse pages (ours - baseline): p3 -2/3, p1 -1/2; both lose > 5 points.
#  p1 and p2 share a URL: predictions must be matched by id.

SHARED_URL = "https://example.org/story"
PAGES = {
    "p1": (SHARED_URL, "a b c d e", "a b c d e", "a b c d x"),
    "p2": (SHARED_URL, "one two three four five six seven", "", "one two three four five six seven"),
    "p3": ("https://example.org/other", "x y z w", "x y z w v", "nothing here at all"),
}


def _fake(css_class):
    def extract(html, url):
        m = re.search(rf'<p class="{css_class}">(.*?)</p>', html)
        return m.group(1) if m else ""

    return extract


FAKES = {"trafilatura": _fake("base"), "newsclean": _fake("ours")}


@pytest.fixture
def devset(tmp_path):
    root = tmp_path / "devset"
    (root / "html").mkdir(parents=True)
    with (root / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for page_id, (url, truth, base, ours) in PAGES.items():
            fh.write(json.dumps({"id": page_id, "url": url, "text": truth, "title": "T"}) + "\n")
            (root / "html" / f"{page_id}.html").write_text(
                f'<html><body><p class="base">{base}</p><p class="ours">{ours}</p></body></html>',
                encoding="utf-8",
            )
    return root


def run_json(capsys, argv, extractors=FAKES):
    assert ev.main([*argv, "--json"], extractors=extractors) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_json_numbers(devset, capsys):
    data = run_json(capsys, [str(devset)])
    assert data["pages"] == 3
    base = data["systems"]["trafilatura"]["text"]
    ours = data["systems"]["newsclean"]["text"]
    assert base["precision"] == pytest.approx(0.75)
    assert base["recall"] == pytest.approx(2 / 3)
    assert base["f1"] == pytest.approx(12 / 17)
    assert base["pages"] == 3
    assert base["empty"] == 1
    assert ours == {"precision": pytest.approx(0.5), "recall": pytest.approx(0.5),
                    "f1": pytest.approx(0.5), "pages": 3, "empty": 0}
    for name in ("trafilatura", "newsclean"):
        assert data["systems"][name]["ms_per_page"] >= 0
        assert data["systems"][name]["errors"] == 0
    (comp,) = data["comparisons"]
    assert comp["system"] == "newsclean" and comp["baseline"] == "trafilatura"
    assert comp["worse_pages"] == 2
    assert comp["losing_more_than_5_points"] == 2
    assert [d["id"] for d in comp["worst"]] == ["p3", "p1"]
    assert comp["worst"][0]["delta"] == pytest.approx(-2 / 3)
    assert comp["worst"][1] == {"id": "p1", "delta": pytest.approx(-0.5),
                                "f1": pytest.approx(0.5), "baseline_f1": pytest.approx(1.0)}


def test_cli_table(devset, capsys):
    assert ev.main([str(devset), "--show", "1"], extractors=FAKES) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()[:1] in (["trafilatura"], ["newsclean"])}
    assert rows["trafilatura"][1:6] == ["0.7500", "0.6667", f"{12 / 17:.4f}", "3", "1"]
    assert rows["newsclean"][1:6] == ["0.5000", "0.5000", "0.5000", "3", "0"]
    assert "Pages where newsclean is worse than trafilatura (2; showing 1)" in out
    assert "p3" in out and "p1" not in out  # --show 1 lists only the worst
    assert "-66.7" in out
    assert "Pages losing more than 5 F1 points: 2" in out


def test_cli_limit_and_ids(devset, capsys):
    data = run_json(capsys, [str(devset), "--limit", "2"])
    assert data["pages"] == 2  # p1, p2
    assert data["systems"]["newsclean"]["text"]["f1"] == pytest.approx(0.75)  # P=R=(.5+1)/2
    assert data["systems"]["trafilatura"]["text"]["precision"] == 1.0

    data = run_json(capsys, [str(devset), "--ids", "p3"])
    assert data["pages"] == 1
    assert data["systems"]["trafilatura"]["text"]["precision"] == pytest.approx(0.5)
    assert data["comparisons"][0]["losing_more_than_5_points"] == 1

    data = run_json(capsys, [str(devset), "--ids", "p3,p1", "--limit", "1"])
    assert [d["id"] for d in data["comparisons"][0]["worst"]] == ["p1"]


def test_cli_prediction_files_match_by_id(devset, tmp_path, capsys):
    ours, base = tmp_path / "ours.jsonl", tmp_path / "base.jsonl"
    run_json(capsys, [str(devset), "--pred-out", str(ours), "--baseline-out", str(base)])
    ours_rows = [json.loads(line) for line in ours.read_text(encoding="utf-8").splitlines()]
    base_rows = [json.loads(line) for line in base.read_text(encoding="utf-8").splitlines()]
    assert ours_rows == [
        {"id": page_id, "url": url, "text": o} for page_id, (url, _, _, o) in PAGES.items()
    ]
    assert base_rows == [
        {"id": page_id, "url": url, "text": b} for page_id, (url, _, b, _) in PAGES.items()
    ]
    # the files rescore to the same numbers
    truth = {pid: t for pid, (_, t, _, _) in PAGES.items()}
    rescored = corpus_scores(page_counts(r["text"], truth[r["id"]]) for r in ours_rows)
    assert rescored.f1 == pytest.approx(0.5)


def test_extractor_exception_scored_as_empty(devset, capsys):
    def broken(html, url):
        if 'class="base">x y z w v' in html:
            raise RuntimeError("boom")
        return FAKES["trafilatura"](html, url)

    data = run_json(capsys, [str(devset)], {"trafilatura": broken, "newsclean": FAKES["newsclean"]})
    assert data["systems"]["trafilatura"]["errors"] == 1
    assert data["systems"]["trafilatura"]["text"]["empty"] == 2
    assert ev.main([str(devset)], extractors={"trafilatura": broken, "newsclean": FAKES["newsclean"]}) == 0
    assert "trafilatura raised on p3: RuntimeError: boom" in capsys.readouterr().out


def test_more_systems_can_be_added(devset, capsys):
    systems = {**FAKES, "truth-oracle": _fake("never")}  # always empty
    data = run_json(capsys, [str(devset)], systems)
    assert set(data["systems"]) == {"trafilatura", "newsclean", "truth-oracle"}
    assert [c["system"] for c in data["comparisons"]] == ["newsclean", "truth-oracle"]
    assert data["systems"]["truth-oracle"]["text"]["recall"] == 0.0


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


def _error(capsys, argv):
    code = ev.main(argv, extractors=FAKES)
    err = capsys.readouterr().err
    assert code != 0
    return err


def test_missing_directory(tmp_path, capsys):
    err = _error(capsys, [str(tmp_path / "nope")])
    assert "not found" in err and "nope" in err


def test_missing_truth(tmp_path, capsys):
    (tmp_path / "html").mkdir()
    assert "truth.jsonl" in _error(capsys, [str(tmp_path)])


def test_unknown_id(devset, capsys):
    err = _error(capsys, [str(devset), "--ids", "p1,zz9"])
    assert "unknown id(s): zz9\n" in err


def test_missing_html(devset, capsys):
    (devset / "html" / "p2.html").unlink()
    assert "p2.html" in _error(capsys, [str(devset)])


def test_invalid_truth_line(devset, capsys):
    with (devset / "truth.jsonl").open("a") as fh:
        fh.write("{not json\n")
    assert "truth.jsonl:4" in _error(capsys, [str(devset)])


def test_bad_limit(devset, capsys):
    with pytest.raises(SystemExit) as exc:
        ev.main([str(devset), "--limit", "0"], extractors=FAKES)
    assert exc.value.code != 0
    assert "--limit" in capsys.readouterr().err


def test_unwritable_prediction_file(devset, tmp_path, capsys):
    err = _error(capsys, [str(devset), "--pred-out", str(tmp_path / "no" / "such" / "dir.jsonl")])
    assert "does not exist" in err


# --------------------------------------------------------------------------
# Real extractor adapters (without the dev set)
# --------------------------------------------------------------------------


def test_newsclean_adapter_uses_clean_result_text(monkeypatch):
    import cleaners

    class FakeMeta:
        title = "A title"
        published = "2026-11-25T10:00:00+00:00"
        authors = ("Jane Doe",)

    class FakeResult:
        text = "para one\n\npara two"
        status = "ok"
        meta = FakeMeta()

    seen = {}

    def fake_clean_html(html, url=None):
        seen["args"] = (html, url)
        return FakeResult()

    monkeypatch.setattr(cleaners, "clean_html", fake_clean_html, raising=False)
    extract = ev.newsclean_extractor()
    assert extract("<html/>", "https://x.test/a") == {
        "text": "para one\n\npara two",
        "title": "A title",
        "published": "2026-11-25T10:00:00+00:00",
        "authors": ["Jane Doe"],
    }
    assert seen["args"] == ("<html/>", "https://x.test/a")


def test_missing_clean_html_is_a_clear_error(devset, monkeypatch, capsys):
    def no_cleaners():
        raise ImportError("cannot import name 'clean_html' from 'cleaners'")

    monkeypatch.setattr(ev, "default_extractors", no_cleaners)
    assert ev.main([str(devset)]) == 2
    assert "clean_html" in capsys.readouterr().err


def test_trafilatura_adapter_returns_text_and_metadata():
    pytest.importorskip("trafilatura")
    extract = ev.trafilatura_extractor()
    assert extract("<html><body></body></html>", "https://x.test/") == {
        "text": "", "title": None, "published": None, "authors": []
    }
    page = (
        "<html><head><title>Budget passed</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2026-11-20T08:00:00+00:00'></head><body><article>"
        + "<p>The council passed the budget on Tuesday after a long debate about schools and roads.</p>" * 8
        + "</article></body></html>"
    )
    record = extract(page, "https://x.test/budget")
    assert record["title"] == "Budget passed"
    assert record["published"] == "2026-11-20"
    assert record["authors"] == ["Jane Doe"]
    assert "passed the budget" in record["text"]

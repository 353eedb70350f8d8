"""Evaluate article-body extraction on a dev set: trafilatura vs. newsclean.

Usage::

    python -m cleaners.evaluate DEVSET_DIR [--limit N] [--ids a,b] [--show N]
                                [--pred-out FILE] [--baseline-out FILE] [--json]

DEVSET_DIR holds ``html/<id>.html`` and ``truth.jsonl`` (one JSON object per
line with at least ``id``, ``url`` and ``text``).  Predictions are matched to
the truth by ``id`` (two pages of the dev set share a URL).

Metric (that of the Zyte article-extraction-benchmark):

* tokens: ``re.findall(r"\\w+", text)``, case-sensitive, punctuation dropped;
* shingles: consecutive 4-token tuples counted as a multiset; a text of 1-3
  tokens gives one shorter shingle, an empty text none;
* per page: tp = multiset overlap, fp = predicted shingles not in the truth,
  fn = true shingles not predicted; precision = tp/(tp+fp), recall =
  tp/(tp+fn), both 1.0 when fp = fn = 0;
* corpus: P = mean page precision over pages with tp+fp > 0 (an empty
  prediction is left out of P), R = mean page recall over pages with
  tp+fn > 0 (an empty prediction scores recall 0), F1 = 2PR/(P+R) of the two
  means -- not the mean of page F1s.

Page scores are produced by a list of *scorers* (today only ``text``). An
extractor may return the text alone or a record with ``text`` and the metadata
fields ``title``, ``published`` and ``authors``; records are also scored on
metadata (see :mod:`cleaners.metaeval`).

This module has no dependency on scrapy; trafilatura and ``cleaners.clean_html``
are imported only when the real extractors are built.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Protocol, Sequence

from .metaeval import MetaScores, metadata_scores

SHINGLE_SIZE = 4
BASELINE = "trafilatura"
CANDIDATE = "newsclean"
DEFAULT_SHOW = 15
LOSS_THRESHOLD = 0.05  # "losing more than 5 F1 points"
COMPARE_ON = "text"  # the scorer whose page F1s are compared between systems

_TOKEN_RE = re.compile(r"\w+")


# --------------------------------------------------------------------------
# Metric (pure functions)
# --------------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    """Word tokens of ``text``: case-sensitive, punctuation dropped."""
    return _TOKEN_RE.findall(text or "")


def shingles(toks: Sequence[str], size: int = SHINGLE_SIZE) -> Counter:
    """Multiset of consecutive ``size``-token tuples.

    Fewer than ``size`` (but at least one) tokens give one shorter shingle;
    no tokens give none.
    """
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page and the scores derived from them."""

    tp: int
    fp: int
    fn: int

    @property
    def in_precision(self) -> bool:
        """Counts in corpus precision: the prediction has shingles."""
        return self.tp + self.fp > 0

    @property
    def in_recall(self) -> bool:
        """Counts in corpus recall: the truth has shingles."""
        return self.tp + self.fn > 0

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.in_precision else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.in_recall else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0


def page_counts(pred: str | None, truth: str | None) -> PageScore:
    """Score one predicted text against its true text."""
    p, t = shingles(tokens(pred)), shingles(tokens(truth))
    tp = sum((p & t).values())
    return PageScore(tp=tp, fp=sum(p.values()) - tp, fn=sum(t.values()) - tp)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pages: int


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


def corpus_scores(pages: Iterable[PageScore]) -> Scores:
    """Corpus P/R (means over the pages that count) and F1 of those means."""
    pages = list(pages)
    p = _mean([s.precision for s in pages if s.in_precision])
    r = _mean([s.recall for s in pages if s.in_recall])
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return Scores(precision=p, recall=r, f1=f1, pages=len(pages))


# --------------------------------------------------------------------------
# Scorers: one per report section.  Today only the article body.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scorer:
    """Scores one aspect of a prediction against a truth record."""

    name: str
    score: Callable[[str, Mapping], PageScore]  # (prediction, truth record)


SCORERS: tuple[Scorer, ...] = (
    Scorer("text", lambda pred, truth: page_counts(pred, truth.get("text") or "")),
)


# --------------------------------------------------------------------------
# Extractors
# --------------------------------------------------------------------------


class Extractor(Protocol):
    def __call__(self, html: str, url: str) -> str | Mapping: ...


def trafilatura_extractor() -> Extractor:
    """trafilatura alone: ``extract()`` with defaults for the text, its metadata pass for the rest."""
    import trafilatura

    def extract(html: str, url: str) -> Mapping:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        return {
            "text": trafilatura.extract(html, url=url) or "",
            "title": document.title if document else None,
            "published": document.date if document else None,
            "authors": [a.strip() for a in (document.author or "").split(";") if a.strip()] if document else [],
        }

    return extract


def newsclean_extractor() -> Extractor:
    from cleaners import clean_html  # lazy: the module must import without it

    def extract(html: str, url: str) -> Mapping:
        result = clean_html(html, url=url)
        meta = result.meta
        return {"text": result.text, "title": meta.title, "published": meta.published, "authors": list(meta.authors)}

    return extract


def default_extractors() -> dict[str, Extractor]:
    """The systems compared by default, baseline first."""
    return {BASELINE: trafilatura_extractor(), CANDIDATE: newsclean_extractor()}


# --------------------------------------------------------------------------
# Dev set
# --------------------------------------------------------------------------


class DevsetError(Exception):
    """Bad input: reported as a message and a non-zero exit status."""


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html_path: Path
    truth: Mapping  # the truth.jsonl record

    def read_html(self) -> str:
        return self.html_path.read_text(encoding="utf-8", errors="replace")


def load_devset(
    root: Path, ids: Sequence[str] | None = None, limit: int | None = None
) -> list[Page]:
    """Pages of the dev set sorted by id, optionally restricted to ``ids``
    and then to the first ``limit``."""
    if not root.is_dir():
        raise DevsetError(f"dev set directory not found: {root}")
    truth_path = root / "truth.jsonl"
    if not truth_path.is_file():
        raise DevsetError(f"missing {truth_path}")
    records: dict[str, dict] = {}
    with truth_path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DevsetError(f"{truth_path}:{lineno}: invalid JSON: {exc}") from None
            if not isinstance(rec, dict) or not rec.get("id") or "text" not in rec:
                raise DevsetError(f'{truth_path}:{lineno}: needs "id" and "text"')
            page_id = str(rec["id"])
            if page_id in records:
                raise DevsetError(f"{truth_path}:{lineno}: duplicate id {page_id!r}")
            records[page_id] = rec
    if not records:
        raise DevsetError(f"{truth_path} has no pages")

    if ids:
        unknown = [i for i in ids if i not in records]
        if unknown:
            raise DevsetError(f"unknown id(s): {', '.join(unknown)}")
        selected = sorted(set(ids))
    else:
        selected = sorted(records)
    if limit is not None:
        selected = selected[:limit]

    pages = []
    for page_id in selected:
        html_path = root / "html" / f"{page_id}.html"
        if not html_path.is_file():
            raise DevsetError(f"missing {html_path}")
        rec = records[page_id]
        pages.append(Page(page_id, str(rec.get("url") or ""), html_path, rec))
    return pages


# --------------------------------------------------------------------------
# Running and reporting
# --------------------------------------------------------------------------


@dataclass
class SystemRun:
    """Everything one extractor produced on the dev set."""

    name: str
    predictions: dict[str, str]  # page id -> text
    seconds: float  # total wall time of the extraction calls
    errors: dict[str, str]  # page id -> exception text (scored as empty)
    page_scores: dict[str, dict[str, PageScore]]  # scorer -> page id -> score
    meta_scores: MetaScores | None = None  # when the extractor returns records with metadata

    @property
    def ms_per_page(self) -> float:
        n = len(self.predictions)
        return 1000 * self.seconds / n if n else 0.0

    def scores(self, scorer: str) -> Scores:
        return corpus_scores(self.page_scores[scorer].values())


def run_system(
    name: str,
    extract: Extractor,
    pages: Sequence[Page],
    scorers: Sequence[Scorer] = SCORERS,
) -> SystemRun:
    predictions: dict[str, str] = {}
    metadata: dict[str, Mapping] = {}
    errors: dict[str, str] = {}
    seconds = 0.0
    for page in pages:
        html = page.read_html()
        start = time.perf_counter()
        try:
            output = extract(html, page.url)
        except Exception as exc:  # a crash on one page must not lose the run
            output = ""
            errors[page.id] = f"{type(exc).__name__}: {exc}"
        seconds += time.perf_counter() - start
        if isinstance(output, Mapping):
            metadata[page.id] = output
            output = output.get("text")
        elif metadata:
            metadata[page.id] = {}  # a failed page: no metadata either
        predictions[page.id] = output or ""
    page_scores = {
        sc.name: {p.id: sc.score(predictions[p.id], p.truth) for p in pages}
        for sc in scorers
    }
    meta_scores = metadata_scores(metadata, {p.id: p.truth for p in pages}) if metadata else None
    return SystemRun(name, predictions, seconds, errors, page_scores, meta_scores)


@dataclass(frozen=True)
class PageDelta:
    id: str
    delta: float  # candidate page F1 - baseline page F1
    f1: float
    baseline_f1: float


def worse_pages(
    candidate: SystemRun, baseline: SystemRun, scorer: str = COMPARE_ON
) -> list[PageDelta]:
    """Pages where ``candidate`` has a lower page F1, worst first."""
    out = []
    for page_id, score in candidate.page_scores[scorer].items():
        base = baseline.page_scores[scorer][page_id]
        if score.f1 < base.f1:
            out.append(PageDelta(page_id, score.f1 - base.f1, score.f1, base.f1))
    return sorted(out, key=lambda d: (d.delta, d.id))


def _empty_predictions(run: SystemRun, scorer: str) -> int:
    return sum(1 for s in run.page_scores[scorer].values() if not s.in_precision)


def summary(runs: Sequence[SystemRun], show: int, scorers: Sequence[Scorer] = SCORERS) -> dict:
    """The report as plain data (what ``--json`` prints)."""
    base = runs[0]
    out: dict = {"pages": len(base.predictions), "systems": {}, "comparisons": []}
    for run in runs:
        entry: dict = {
            "ms_per_page": run.ms_per_page,
            "errors": len(run.errors),
        }
        if run.meta_scores is not None:
            entry["metadata"] = run.meta_scores.as_dict()
        for sc in scorers:
            s = run.scores(sc.name)
            entry[sc.name] = {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "pages": s.pages,
                "empty": _empty_predictions(run, sc.name),
            }
        out["systems"][run.name] = entry
    for run in runs[1:]:
        worse = worse_pages(run, base)
        out["comparisons"].append(
            {
                "system": run.name,
                "baseline": base.name,
                "worse_pages": len(worse),
                "losing_more_than_5_points": sum(1 for d in worse if -d.delta > LOSS_THRESHOLD),
                "worst": [
                    {"id": d.id, "delta": d.delta, "f1": d.f1, "baseline_f1": d.baseline_f1}
                    for d in worse[:show]
                ],
            }
        )
    return out


def format_report(runs: Sequence[SystemRun], show: int, scorers: Sequence[Scorer] = SCORERS) -> str:
    data = summary(runs, show, scorers)
    width = max(len("system"), *(len(r.name) for r in runs))
    lines = []
    for sc in scorers:
        lines.append(f"== {sc.name} ({data['pages']} pages) ==")
        lines.append(
            f"{'system':<{width}}  {'precision':>9}  {'recall':>7}  {'F1':>7}  "
            f"{'pages':>5}  {'empty':>5}  {'ms/page':>8}"
        )
        for run in runs:
            e = data["systems"][run.name]
            s = e[sc.name]
            lines.append(
                f"{run.name:<{width}}  {s['precision']:>9.4f}  {s['recall']:>7.4f}  "
                f"{s['f1']:>7.4f}  {s['pages']:>5}  {s['empty']:>5}  {e['ms_per_page']:>8.1f}"
            )
        lines.append("")
    with_meta = [run for run in runs if run.meta_scores is not None]
    if with_meta:
        lines.append(f"== metadata ({data['pages']} pages) ==")
        lines.append(f"{'system':<{width}}  {'title':>7}  {'pub day':>7}  {'pub time':>8}  {'authors F1':>10}")
        for run in with_meta:
            m = run.meta_scores
            lines.append(
                f"{run.name:<{width}}  {m.title_exact:>7.3f}  {m.published_day:>7.3f}  "
                f"{m.published_instant:>8.3f}  {m.authors_f1:>10.3f}"
            )
        lines.append("")
    for run in runs:
        for page_id, err in list(run.errors.items())[:10]:
            lines.append(f"{run.name} raised on {page_id}: {err}")
        if run.errors:
            lines.append(f"{run.name}: {len(run.errors)} page(s) raised (scored as empty)")
            lines.append("")
    for comp in data["comparisons"]:
        lines.append(
            f"Pages where {comp['system']} is worse than {comp['baseline']} "
            f"({comp['worse_pages']}; showing {len(comp['worst'])}):"
        )
        if comp["worst"]:
            lines.append(f"  {'dF1':>7}  {comp['system'][:9]:>9}  {comp['baseline'][:11]:>11}  id")
        for d in comp["worst"]:
            lines.append(
                f"  {100 * d['delta']:>+7.1f}  {d['f1']:>9.3f}  {d['baseline_f1']:>11.3f}  {d['id']}"
            )
        lines.append(
            f"Pages losing more than {100 * LOSS_THRESHOLD:g} F1 points: "
            f"{comp['losing_more_than_5_points']}"
        )
    return "\n".join(lines)


def write_predictions(path: Path, run: SystemRun, pages: Sequence[Page]) -> None:
    """JSONL ``{"id", "url", "text"}`` -- readable by the reference score.py."""
    with path.open("w", encoding="utf-8") as fh:
        for page in pages:
            rec = {"id": page.id, "url": page.url, "text": run.predictions[page.id]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def _int_at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer no smaller than ``minimum``."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"must be >= {minimum}: {n}")
        return n

    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m cleaners.evaluate",
        description="Compare trafilatura and newsclean article bodies on a dev set "
        "(shingle precision / recall / F1).",
    )
    ap.add_argument("devset", type=Path, metavar="DEVSET_DIR",
                    help="directory with html/<id>.html and truth.jsonl")
    ap.add_argument("--limit", type=_positive_int, metavar="N",
                    help="only the first N pages by id")
    ap.add_argument("--ids", metavar="A,B", help="only these page ids (comma-separated)")
    ap.add_argument("--show", type=_non_negative_int, default=DEFAULT_SHOW, metavar="N",
                    help=f"list the N pages newsclean loses most on (default {DEFAULT_SHOW})")
    ap.add_argument("--pred-out", type=Path, metavar="FILE",
                    help=f"write {CANDIDATE} predictions as JSONL {{id, url, text}}")
    ap.add_argument("--baseline-out", type=Path, metavar="FILE",
                    help=f"write {BASELINE} predictions as JSONL {{id, url, text}}")
    ap.add_argument("--json", action="store_true",
                    help="print the summary as one JSON object instead of the table")
    return ap


def main(
    argv: Sequence[str] | None = None,
    extractors: Mapping[str, Extractor] | None = None,
) -> int:
    """Run the evaluation.  ``extractors`` (name -> fn(html, url) -> str,
    baseline first) replaces the default trafilatura / newsclean pair."""
    args = build_parser().parse_args(argv)
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else None
    if args.ids is not None and not ids:
        print("error: --ids given but empty", file=sys.stderr)
        return 2
    try:
        pages = load_devset(args.devset, ids=ids, limit=args.limit)
    except DevsetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if extractors is None:
        try:
            extractors = default_extractors()
        except ImportError as exc:
            print(f"error: cannot build the extractors: {exc}", file=sys.stderr)
            return 2
    if not extractors:
        print("error: no extractors", file=sys.stderr)
        return 2
    outputs = {BASELINE: args.baseline_out, CANDIDATE: args.pred_out}
    for name, path in outputs.items():
        if path is not None and name not in extractors:
            print(f"error: no system named {name!r} to write predictions for", file=sys.stderr)
            return 2
        if path is not None and not path.parent.is_dir():
            print(f"error: directory of {path} does not exist", file=sys.stderr)
            return 2

    runs = [run_system(name, fn, pages) for name, fn in extractors.items()]

    by_name = {run.name: run for run in runs}
    try:
        for name, path in outputs.items():
            if path is not None:
                write_predictions(path, by_name[name], pages)
    except OSError as exc:
        print(f"error: cannot write predictions: {exc}", file=sys.stderr)
        return 2

    if args.json:
        print(json.dumps(summary(runs, args.show), ensure_ascii=False))
    else:
        print(format_report(runs, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())

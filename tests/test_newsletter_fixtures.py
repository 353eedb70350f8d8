"""Newsletter / sign-up prompt fixtures for ``cleaners.clean_html``.

Each directory under ``tests/fixtures/newsletter/`` is one case:

* ``page.html``     a complete news page (UTF-8).
* ``expected.json`` ``{"url", "paragraphs", "absent", "note"}``:
  ``paragraphs`` is the exact, ordered list of article body paragraphs
  (whitespace-normalized; the <h1> title is not a body paragraph),
  ``absent`` lists substrings of sign-up boilerplate that must not survive,
  ``note`` says in one line what the case tests.

Cases include look-alikes (articles *about* newsletters, subscriptions,
inboxes, "sign up to vote" ...) whose paragraphs must all be kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "newsletter"
REQUIRED_KEYS = {"url": str, "paragraphs": list, "absent": list, "note": str}

CASES = sorted(p for p in FIXTURE_DIR.iterdir() if p.is_dir()) if FIXTURE_DIR.is_dir() else []
CASE_IDS = [p.name for p in CASES]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _load(case_dir: Path) -> tuple[str, dict]:
    html = (case_dir / "page.html").read_text(encoding="utf-8")
    expected = json.loads((case_dir / "expected.json").read_text(encoding="utf-8"))
    return html, expected


def _trafilatura_blocks(html: str) -> list[str]:
    """Text blocks of trafilatura's own extraction (no cleaning), normalized."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False)
    if doc is None or getattr(doc, "body", None) is None:
        return []
    return [_norm("".join(el.itertext())) for el in doc.body]


@pytest.fixture(scope="module")
def clean_html():
    # Imported lazily so the fixture-validation test runs even without the package.
    from cleaners import clean_html as fn

    return fn


def test_fixture_dir_not_empty():
    assert len(CASES) >= 16, f"expected at least 16 newsletter fixtures in {FIXTURE_DIR}, found {len(CASES)}"


@pytest.mark.parametrize("case_dir", CASES, ids=CASE_IDS)
def test_fixture_is_well_formed(case_dir: Path):
    page = case_dir / "page.html"
    exp_file = case_dir / "expected.json"
    assert page.is_file(), f"{case_dir.name}: missing page.html"
    assert exp_file.is_file(), f"{case_dir.name}: missing expected.json"
    page.read_text(encoding="utf-8")  # must be valid UTF-8
    try:
        expected = json.loads(exp_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:  # pragma: no cover - failure path
        pytest.fail(f"{case_dir.name}: expected.json is not valid JSON: {exc}")

    assert isinstance(expected, dict)
    for key, typ in REQUIRED_KEYS.items():
        assert key in expected, f"{case_dir.name}: expected.json lacks {key!r}"
        assert isinstance(expected[key], typ), f"{case_dir.name}: {key!r} must be {typ.__name__}"

    assert expected["url"].startswith(("https://", "http://")), expected["url"]
    assert expected["note"].strip() and "\n" not in expected["note"], "note must be one non-empty line"

    paragraphs = expected["paragraphs"]
    assert paragraphs, "paragraphs must not be empty"
    for para in paragraphs:
        assert isinstance(para, str) and para, "paragraphs must be non-empty strings"
        assert para == _norm(para), f"paragraph not whitespace-normalized: {para!r}"
    assert len(set(paragraphs)) == len(paragraphs), "duplicate paragraphs"

    for needle in expected["absent"]:
        assert isinstance(needle, str) and needle.strip(), "absent entries must be non-empty strings"
        clashes = [p for p in paragraphs if needle in p]
        assert not clashes, f"absent string {needle!r} occurs in an expected paragraph: {clashes}"


def _diff_message(got: list[str], want: list[str], removals) -> str:
    lost = [p for p in want if p not in got]
    leaked = [p for p in got if p not in want]
    lines = []
    if lost:
        lines.append(f"LOST {len(lost)} article paragraph(s):")
        lines += [f"  - {p[:160]!r}" for p in lost]
    if leaked:
        lines.append(f"LEAKED {len(leaked)} unexpected paragraph(s):")
        lines += [f"  + {p[:160]!r}" for p in leaked]
    if not lost and not leaked:
        lines.append("same paragraphs, different order or duplicates")
        lines += [f"  got[{i}]  = {p[:100]!r}" for i, p in enumerate(got)]
    if removals:
        lines.append("removals recorded:")
        lines += [
            f"  * {getattr(r, 'rule', '?')}: {getattr(r, 'reason', '')} | {str(getattr(r, 'excerpt', ''))[:100]!r}"
            for r in removals
        ]
    return "\n".join(lines)


@pytest.mark.parametrize("case_dir", CASES, ids=CASE_IDS)
def test_newsletter_boilerplate_removed(case_dir: Path, clean_html):
    html, expected = _load(case_dir)
    result = clean_html(html, url=expected["url"])

    got = list(result.paragraphs)
    want = expected["paragraphs"]
    assert got == want, f"{case_dir.name} ({expected['note']})\n" + _diff_message(got, want, result.removals)

    assert result.text == "\n\n".join(result.paragraphs)

    leaked = [needle for needle in expected["absent"] if needle in result.text]
    assert not leaked, f"{case_dir.name}: boilerplate survived in result.text: {leaked}"

    if expected["absent"]:
        # Only demand a recorded removal when trafilatura itself let the boilerplate through.
        raw = "\n".join(_trafilatura_blocks(html))
        reached = [needle for needle in expected["absent"] if needle in raw]
        if reached:
            assert len(result.removals) >= 1, (
                f"{case_dir.name}: boilerplate {reached[:3]} reached trafilatura's output "
                "but no Removal was recorded"
            )

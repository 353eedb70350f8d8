"""phrases.load_vocabulary on temporary phrase folders, and the compiled Family matchers."""

from __future__ import annotations

import pytest

from pathlib import Path

from cleaners.extract import parse_html
from cleaners.needed_words import entry_words, text_words
from cleaners.phrases import PHRASES_DIR, VocabularyError, load_vocabulary, vocabulary

FIXTURES = Path(__file__).parent


def write(directory, name, text):
    (directory / name).write_text(text, encoding="utf-8")
    return directory / name


def load_error(tmp_path) -> str:
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(tmp_path)
    return str(info.value)


def test_families_merge_across_files(tmp_path):
    write(tmp_path, "a.toml", 'language = "a"\n[newsletter]\nstrong = ["sign up now"]\n')
    write(tmp_path, "b.toml", 'language = "b"\n[newsletter]\nstrong = ["jetzt abonnieren"]\nterms = ["inbox"]\n[social]\nterms = ["share"]\n')
    vocab = load_vocabulary(tmp_path)
    assert set(vocab) == {"newsletter", "social"}  # "language" is not a family
    newsletter = vocab["newsletter"]
    assert newsletter.strong_hits("Sign up now!") == ["Sign up now"]
    assert newsletter.strong_hits("Newsletter jetzt abonnieren") == ["jetzt abonnieren"]
    assert newsletter.term_hits("Check your INBOX") == {"inbox"}
    assert vocab["social"].strong is None and vocab["social"].strong_hits("share") == []


def test_matches_whole_words_only_and_longest_phrase_first(tmp_path):
    write(tmp_path, "a.toml", '[newsletter]\nstrong = ["sign up", "sign up to our newsletter"]\nterms = ["newsletter"]\n')
    family = load_vocabulary(tmp_path)["newsletter"]
    assert family.strong_hits("Sign up to our newsletter today") == ["Sign up to our newsletter"]
    assert family.term_hits("newsletters and mynewsletter") == set()


def test_a_phrase_ending_in_punctuation_may_run_into_the_next_word(tmp_path):
    # Pages glue button labels together ("Fehler gefunden?Jetzt melden."); a phrase that ends in a
    # letter still has to end where the word ends.
    write(tmp_path, "a.toml", '[contact]\nstrong = ["fehler gefunden\\\\?", ">>"]\nterms = ["melde"]\n')
    family = load_vocabulary(tmp_path)["contact"]
    assert family.strong_hits("Fehler gefunden?Jetzt melden.") == ["Fehler gefunden?"]
    assert family.strong_hits(">>Mehr lesen") == [">>"]
    assert family.term_hits("Jetzt melden") == set()


def test_case_sensitive_part(tmp_path):
    write(tmp_path, "de.toml", '[reader]\nterms = ["(?-i:Sie)", "du"]\n')
    reader = load_vocabulary(tmp_path)["reader"]
    assert reader.term_hits("Haben Sie das gelesen?") == {"sie"}
    assert reader.term_hits("Das haben sie gelesen.") == set()
    assert reader.term_hits("SIE") == set()
    assert reader.term_hits("Hast DU das gelesen?") == {"du"}


def test_bad_regex_names_file_and_line(tmp_path):
    write(tmp_path, "a.toml", "[newsletter]\nstrong = ['sign up']\nterms = [\n  'ok',\n  'broken(',\n]\n")
    message = load_error(tmp_path)
    assert "a.toml:5:" in message
    assert "broken(" in message


def test_bad_regex_with_escapes_in_a_basic_string_names_its_line(tmp_path):
    # In a double-quoted TOML string a regex backslash is written twice; the line must still be found.
    write(tmp_path, "a.toml", '[newsletter]\nstrong = ["sign up"]\nterms = [\n  "ok",\n  "foo\\\\d(bar",\n]\n')
    message = load_error(tmp_path)
    assert "a.toml:5:" in message, message


def test_unknown_key_names_file_and_line(tmp_path):
    write(tmp_path, "a.toml", '[newsletter]\nstrong = ["sign up"]\nphrases = ["x"]\n')
    message = load_error(tmp_path)
    assert "a.toml:3:" in message
    assert "newsletter.phrases" in message


def test_non_list_value_names_file_and_line(tmp_path):
    write(tmp_path, "a.toml", '# header\n[newsletter]\nstrong = "sign up"\n')
    message = load_error(tmp_path)
    assert "a.toml:3:" in message
    assert "newsletter.strong" in message


def test_non_list_value_in_a_later_table_names_its_own_line(tmp_path):
    write(tmp_path, "a.toml", '[newsletter]\nstrong = ["sign up"]\n\n[social]\nstrong = "share this"\n')
    message = load_error(tmp_path)
    assert "social.strong" in message
    assert "a.toml:5:" in message, message


@pytest.mark.parametrize(
    "text",
    ['[newsletter]\nstrong = ["x", 3]\n', '[newsletter]\nstrong = ["x", ""]\n', 'newsletter = ["x"]\n', "[newsletter\n"],
    ids=["non-string", "empty-string", "family-not-a-table", "toml-syntax"],
)
def test_other_malformed_files_name_the_file(tmp_path, text):
    write(tmp_path, "a.toml", '[reader]\nterms = ["you"]\n')
    write(tmp_path, "b.toml", text)
    assert "b.toml" in load_error(tmp_path)


def test_empty_folder_is_an_error(tmp_path):
    assert str(tmp_path) in load_error(tmp_path)


def test_bundled_vocabulary_loads():
    vocab = load_vocabulary(PHRASES_DIR)
    assert {"reader", "reporting", "newsletter", "social", "related"} <= set(vocab)
    assert vocab["reader"].term_hits("Melden Sie sich an") == {"sie"}
    assert vocab["reader"].term_hits("Dann melden sie sich an") == set()


# --- the words an entry needs: texts without them skip its alternatives ------------------------

@pytest.mark.parametrize(
    "entry, words",
    [
        ("sign up", {"sign"}),  # the longest word, the rarest
        ("sign(?:ed|ing) in", {"signed", "signing"}),
        ("newsletters?", {"newsletter", "newsletters"}),
        ("nuestr[oa]s?", {"nuestro", "nuestra", "nuestros", "nuestras"}),
        ("(?:^|jetzt )(?:den )?(?:[\\w-]+ )?newsletter (?:jetzt )?abonnieren", {"newsletter"}),
        ("^(?:quellen|quelle|weiterführende links)\\s*:?$", {"quellen", "quelle", "weiterführende"}),
        ("^(?:read more|related (?:videos|stories))[.!]?$", {"read", "related"}),  # re factors out the "r"
        ("(?-i:Sie) haben", {"haben"}),
        ("İlgili haberler", {"haberler"}),
        ("a|bb c", {"a", "bb"}),
        ("foo(?: bar)?", {"foo"}),
        ("foo(?:bar)?", {"foo", "foobar"}),
    ],
)
def test_the_words_an_entry_needs(entry, words):
    assert entry_words(entry) == words


@pytest.mark.parametrize(
    "entry",
    ["e-?mail", "foo\\s*bar", "a\\Bb", "\\d+ min", "[^.]{2,9} agency", "foo.bar", "(?:sign )*up"],
)
def test_entries_whose_words_are_not_known_need_none(entry):
    # "foo\s*bar" may be the one word "foobar"; "(?:sign )*up" may be "up" alone
    assert entry_words(entry) is None or entry_words(entry) <= {"agency", "min", "up"}


def test_a_text_without_the_needed_words_finds_what_the_whole_list_finds(tmp_path):
    write(tmp_path, "a.toml", '[newsletter]\nstrong = ["sign up", "e-?mail", "会員限定"]\n')
    strong = load_vocabulary(tmp_path)["newsletter"].strong
    assert strong.needed == {"sign"} and strong.rest is not None
    for text in ["Send an e-mail", "SIGN UP", "signup sign-up", "会員限定です", "nothing here", "İ ı"]:
        assert [m.group(0) for m in strong.finditer(text)] == [m.group(0) for m in strong.pattern.finditer(text)], text


def test_dotted_and_dotless_i_match_as_the_patterns_do(tmp_path):
    # Matched case-insensitively "İ", "ı", "I" and "i" are one letter; case-folding alone tells them apart.
    write(tmp_path, "tr.toml", '[related]\nstrong = ["ilgili haberler", "DİĞER"]\n')
    strong = load_vocabulary(tmp_path)["related"].strong
    for text in ["İLGİLİ HABERLER", "ilgılı haberler", "Diğer", "dığer"]:
        assert [m.group(0) for m in strong.finditer(text)] == [m.group(0) for m in strong.pattern.finditer(text)] != [], text


def test_the_bundled_vocabulary_finds_with_the_needed_words_what_it_finds_without():
    from tests.rule_helpers import ARTICLE

    texts = [p for paragraphs in ARTICLE.values() for p in paragraphs]
    pages = [*FIXTURES.glob("fixtures/newsletter/*/page.html"), *FIXTURES.glob("sites/demo/**/*.html")]
    for page in pages:
        tree = parse_html(page.read_bytes())
        texts += [" ".join(e.text_content().split()) for e in tree.iter("p", "li", "h1", "h2", "h3", "span", "a", "figcaption")]
    assert len(texts) > 500
    skipped = 0
    for family in vocabulary().values():
        for phrases in (family.strong, family.terms):
            if phrases is None:
                continue
            for text in texts:
                skipped += phrases.needed.isdisjoint(text_words(text))
                assert [m.group(0) for m in phrases.finditer(text)] == [m.group(0) for m in phrases.pattern.finditer(text)]
    assert skipped

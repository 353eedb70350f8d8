"""phrases.load_vocabulary on temporary phrase folders, and the compiled Family matchers."""

from __future__ import annotations

import pytest

from cleaners.phrases import PHRASES_DIR, VocabularyError, load_vocabulary


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

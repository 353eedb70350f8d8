"""rules/byline.py: bylines at the edges of the body and author bios in its last blocks, with and
without the author names from the page's metadata (``RuleContext.authors``). Run through the full
rule chain so the claiming rule id ("byline" / "bio") is checked too.
"""

from __future__ import annotations

import pytest

from cleaners.rules import run_rules
from cleaners.rules.byline import BIO_BLOCKS, EDGE_BLOCKS, NAMED_EDGE_BLOCKS, strip_author_bios, strip_bylines
from cleaners.rules.context import RuleContext
from tests.rule_helpers import ARTICLE, EN1, EN2, H, check_removal, make_blocks, story


def rule_ids(*specs, authors=()) -> dict[int, str]:
    outcome = run_rules(make_blocks(*specs), RuleContext(authors=tuple(authors)), max_removed_share=1.0)
    return {r.block: r.rule for r in outcome.removals}


def top(lang, text, authors=()):
    return rule_ids(text, *ARTICLE[lang], authors=authors)


def bottom(lang, text, authors=()):
    return rule_ids(*ARTICLE[lang], text, authors=authors)


# --- bylines -----------------------------------------------------------------------------------

BYLINES = [
    ("en", "By Jane Doe", "Jane Doe"),
    ("de", "Von Anna Sleegers, Frankfurt", "Anna Sleegers"),
    ("fr", "Par Claire Dumas", "Claire Dumas"),
    ("es", "Por Ana Gómez", "Ana Gómez"),
]


@pytest.mark.parametrize("lang, text, author", BYLINES, ids=[b[0] for b in BYLINES])
def test_byline_at_top_and_bottom_is_removed(lang, text, author):
    for authors in ((), (author,)):
        assert top(lang, text, authors) == {0: "byline"}, authors
        assert bottom(lang, text, authors) == {2: "byline"}, authors


def test_byline_removal_says_why():
    removals = strip_bylines(make_blocks("By Jane Doe", EN1, EN2), RuleContext())
    assert len(removals) == 1
    check_removal(removals[0], rule="byline", block=0, text="By Jane Doe")
    assert "By" in removals[0].reason


def test_exact_author_name_block_needs_the_authors():
    assert top("en", "Jane Doe", ("Jane Doe",)) == {0: "byline"}
    assert bottom("en", "jane doe", ("Jane Doe",)) == {2: "byline"}  # case-insensitive
    assert top("en", "Jane Doe") == {}
    assert bottom("en", "Jane Doe", ("John Smith",)) == {}


@pytest.mark.parametrize("text", ["Jane Doe/John Roe", "Jane Doe, John Roe", "Jane Doe and John Roe", "John Roe & Jane Doe"])
def test_a_line_of_the_authors_names_is_a_byline(text):
    assert bottom("en", text, ("Jane Doe", "John Roe")) == {2: "byline"}


@pytest.mark.parametrize("text", ["Jane Doe and Tom Brown", "Jane Doe reports", "Jane Doe/Berlin"])
def test_a_line_naming_someone_besides_the_authors_stays(text):
    assert bottom("en", text, ("Jane Doe", "John Roe")) == {}


@pytest.mark.parametrize("text", ["박준석 기자 외 1명", "박준석 기자", "박준석·김태연 기자", "山田太郎記者"])
def test_a_korean_or_japanese_byline_of_the_authors_with_their_titles_is_a_byline(text):
    assert top("en", text, ("박준석", "김태연", "山田太郎")) == {0: "byline"}


def test_a_korean_byline_of_someone_else_or_without_the_authors_stays():
    assert top("en", "김민수 기자", ("김태연",)) == {}
    assert top("en", "박준석 기자 외 1명") == {}
    assert top("en", "외 1명", ("박준석",)) == {}  # "and one other" alone names no author
    assert top("en", "박준석 기자가 현장을 취재했다", ("박준석",)) == {}  # a sentence about the reporter


def test_byline_with_a_title_needs_the_authors():
    # Without names from the metadata a byline must be nothing but capitalised names and places.
    text = "By Jane Doe, Washington correspondent"
    assert top("en", text) == {}
    assert top("en", text, ("Jane Doe",)) == {0: "byline"}


@pytest.mark.parametrize(
    "lang, sentence, author",
    [
        ("en", "By the time the police arrived, the crowd had left.", "Jane Doe"),
        ("de", "Von Montag an gilt der neue Fahrplan.", "Anna Sleegers"),
        ("fr", "Par ailleurs, le maire a démissionné.", "Claire Dumas"),
        ("es", "Por la tarde llovió en Madrid.", "Ana Gómez"),
    ],
    ids=["en", "de", "fr", "es"],
)
def test_sentence_starting_with_a_byline_word_is_kept(lang, sentence, author):
    for authors in ((), (author,)):
        assert top(lang, sentence, authors) == {}, authors
        assert bottom(lang, sentence, authors) == {}, authors


@pytest.mark.parametrize("line", ["By Jane Doe", "Jane Doe"])
def test_byline_like_line_in_the_middle_of_the_body_is_kept(line):
    specs = story(10)
    middle = EDGE_BLOCKS + 1
    specs.insert(middle, line)
    assert EDGE_BLOCKS <= middle < len(specs) - EDGE_BLOCKS  # outside both edges
    assert rule_ids(*specs, authors=("Jane Doe",)) == {}


@pytest.mark.parametrize(
    "lang, sentence, author",
    [
        # BUG: _name_parts keeps every 3+-letter part of the author's name, so the particles "von",
        # "der", "del" count as a mention of the author and turn an ordinary sentence into a byline.
        ("de", "Von Montag an gilt der neue Fahrplan.", "Ursula von der Leyen"),
        ("es", "Por la tarde del lunes llovió en Madrid.", "María del Carmen Pérez"),
    ],
    ids=["de-von-der", "es-del"],
)
def test_name_particles_are_not_a_mention_of_the_author(lang, sentence, author):
    assert top(lang, sentence, (author,)) == {}


def test_title_case_heading_starting_with_by_is_kept():
    # BUG: "By The Numbers" (a common section heading) is "By" + capitalised words, so it passes
    # _looks_like_names; so do "Interview Highlights" and "Text Messages Reveal Plot".
    assert rule_ids(H("By The Numbers"), EN1, EN2) == {}


def test_byline_naming_a_metadata_author_is_found_a_little_further_in():
    # e.g. after a video player line, a date line and the lead
    specs = ["02:57 Min.", "Stand: 22.04.2024", EN1, "Short line.", "Another short line.", "Von Nina Magoley", EN2,
             *story(5)]
    assert EDGE_BLOCKS <= 5 < NAMED_EDGE_BLOCKS
    assert rule_ids(*specs, authors=("Nina Magoley",)).get(5) == "byline"
    # without the name in the metadata, only the first blocks are looked at
    assert 5 not in rule_ids(*specs)


# --- author bios -------------------------------------------------------------------------------

BIOS = [
    ("en", "Jane Doe is a senior reporter covering climate and energy. Follow her on X.", "Jane Doe"),
    ("de", "Anna Sleegers ist Korrespondentin der Zeitung in Frankfurt und berichtet über Finanzthemen.", "Anna Sleegers"),
    ("fr", "Claire Dumas est journaliste et correspondante à Bruxelles.", "Claire Dumas"),
    ("es", "Ana Gómez es periodista y corresponsal en Bruselas.", "Ana Gómez"),
]


@pytest.mark.parametrize("lang, bio, author", BIOS, ids=[b[0] for b in BIOS])
def test_bio_naming_the_author_in_the_last_blocks_is_removed(lang, bio, author):
    assert bottom(lang, bio, (author,)) == {2: "bio"}
    # Without the author names, an unlabelled bio is not recognised.
    assert bottom(lang, bio) == {}


def test_bio_is_found_among_the_last_blocks_not_only_the_last():
    bio, author = BIOS[0][1:]
    assert rule_ids(EN1, EN2, bio, *story(2), authors=(author,)) == {2: "bio"}


@pytest.mark.parametrize(
    "lang, bio",
    [
        ("en", "About the author: Jane Doe has covered European politics since 2010."),
        ("de", "Über die Autorin: Anna Sleegers berichtet seit 2015 über die Finanzbranche."),
        ("fr", "À propos de l'auteur : Claire Dumas couvre l'Europe."),
        ("es", "Sobre la autora: Ana Gómez escribe sobre política europea."),
    ],
    ids=["en", "de", "fr", "es"],
)
def test_labelled_bio_is_removed_without_the_authors(lang, bio):
    removals = strip_author_bios(make_blocks(*ARTICLE[lang], bio), RuleContext())
    assert len(removals) == 1
    check_removal(removals[0], rule="bio", block=2, text=bio)
    assert bottom(lang, bio) == {2: "bio"}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "L'auteur présumé de l'attaque a été interpellé dimanche soir par la police à son domicile."),
        ("de", "Zur Person des mutmaßlichen Täters machte die Polizei zunächst keine Angaben."),
        ("es", "Sobre el autor del crimen pesa una orden de busca y captura internacional."),
    ],
    ids=["fr", "de", "es"],
)
def test_sentence_opening_with_an_about_the_author_label_is_kept_and_so_is_what_follows(lang, text):
    assert bottom(lang, text) == {}
    assert rule_ids(ARTICLE[lang][0], text, ARTICLE[lang][1]) == {}


def test_a_zur_person_box_about_the_interviewee_is_kept():
    box = "Maria Keller, 54, leitet seit 2015 das Institut für Verkehrsforschung an der Technischen Universität München."
    assert bottom("de", "Zur Person", ("Max Muster",)) == {}
    assert rule_ids(*ARTICLE["de"], "Zur Person", box, authors=("Max Muster",)) == {}


def test_by_and_a_day_before_the_authors_surname_is_not_a_byline():
    assert bottom("en", "By Sunday, Jordan had closed its border crossings with Syria.", ("Tom Jordan",)) == {}
    assert bottom("en", "By Tom Jordan", ("Tom Jordan",)) == {2: "byline"}
    assert bottom("en", "With reporting by Associated Press writer Sheikh Saaliq") == {2: "credit"}


@pytest.mark.parametrize(
    "text, author",
    [
        ("By the end of the day, the river had risen two metres.", "The Associated Press"),
        ("By Reuters' count, at least 40 people have died.", "Reuters"),
        ("By May, the backlog had doubled.", "May Bulman"),
    ],
    ids=["wire-service", "agency-count", "month-named-author"],
)
def test_a_sentence_opening_with_by_and_the_authors_name_is_kept(text, author):
    assert top("en", text, (author,)) == {}
    assert bottom("en", text, (author,)) == {}


@pytest.mark.parametrize(
    "text, author",
    [("By The Associated Press", "The Associated Press"), ("By May Bulman, special to the Globe", "May Bulman"),
     ("Par Les Echos", "Les Echos")],
    ids=["wire-service", "with-a-role", "publisher"],
)
def test_bylines_naming_the_author_after_function_words_are_removed(text, author):
    assert top("en", text, (author,)) == {0: "byline"}


def test_bio_under_an_about_the_author_heading_is_removed():
    # The bio under the label goes too, though no authors are known to name it.
    assert rule_ids(EN1, EN2, H("About the author"), "Jane Doe has covered European politics since 2010.") == {
        2: "bio",
        3: "bio",
    }


@pytest.mark.parametrize(
    "subject, closing, author",
    [
        ("Boris Johnson", "Johnson, a former journalist and columnist, was twice elected mayor of London.", "Sarah Johnson"),
        ("Kim Min-seok", "Kim, a senior official and the author of two books, is expected to lead the delegation.", "Kim Da-sol"),
        ("Emma Stone", "Emma, a former reporter at the school paper, hopes to study engineering next autumn.", "Emma Brown"),
    ],
    ids=["surname", "surname-first", "first-name"],
)
def test_closing_paragraph_about_a_person_the_story_named_is_kept(subject, closing, author):
    lead = f"{subject} has been at the centre of the dispute for weeks, and the talks on Tuesday did little to change that."
    assert rule_ids(lead, EN1, EN2, closing, authors=(author,)) == {}


def test_closing_bio_of_an_author_the_story_does_not_name_is_removed():
    lead = "The dispute has gone on for weeks, and the talks on Tuesday did little to change that."
    bio = "Johnson is a reporter for the Courier and has covered city hall since 2015."
    assert rule_ids(lead, EN1, EN2, bio, authors=("Sarah Johnson",)) == {3: "bio"}


def test_closing_paragraph_naming_the_author_without_bio_vocabulary_is_kept():
    text = "Doe, who visited the site twice last year, found the school buildings in poor condition."
    assert bottom("en", text, ("Jane Doe",)) == {}


def test_bio_like_paragraph_before_the_last_blocks_is_kept():
    bio, author = BIOS[0][1:]
    specs = [EN1, bio, *story(6)]
    assert 1 < len(specs) - BIO_BLOCKS  # the bio is outside the last BIO_BLOCKS
    assert rule_ids(*specs, authors=(author,)) == {}


def test_bio_naming_the_author_by_first_name_is_removed():
    bio = "A veteran journalist and former editor, Jane has covered climate and energy since 2010."
    assert bottom("en", bio, ("Jane Doe",)) == {2: "bio"}


def test_polish_bio_and_bio_headings_are_removed():
    bio = "Anna Zielińska jest dziennikarką działu krajowego i pisze o ochronie środowiska."
    assert bottom("en", bio, ("Anna Zielińska",)) == {2: "bio"}
    assert rule_ids(*ARTICLE["de"], "Zur Autorin", "Anna Sleegers ist Korrespondentin in Frankfurt.") == {2: "bio", 3: "bio"}
    assert rule_ids(*ARTICLE["es"], "Sobre la firma", "Ana Gómez es periodista en Bruselas.") == {2: "bio", 3: "bio"}


def test_source_sharing_the_authors_surname_is_kept():
    text = "Marleen Bakker, redacteur van de universiteitskrant, volgt de kamernood al jaren."
    assert bottom("en", text, ("Pieter Bakker",)) == {}
    assert bottom("en", "Pieter Bakker is redacteur van de universiteitskrant.", ("Pieter Bakker",)) == {2: "bio"}
    # a short form of the author's first name is the author
    assert bottom("en", "Steph Bazzle covers politics and theocracy.", ("Stephanie Bazzle",)) == {2: "bio"}


def test_source_sharing_the_authors_first_name_is_kept():
    text = "John Williams, a senior fellow at the institute, warned that the plan would fail."
    assert bottom("en", text, ("John Smith",)) == {}


def test_titles_and_articles_in_author_names_are_not_first_names():
    text = "The researcher, who has written two books on the subject, plans further trials next year."
    assert bottom("en", text, ("The Associated Press",)) == {}
    text = "Dr. Smith, a senior fellow at the clinic, plans further trials next year."
    assert bottom("en", text, ("Dr. Jane Doe",)) == {}


def test_closing_quote_from_a_namesake_is_kept():
    # BUG: the bio check only asks for any part of the author's name in the opening words plus one
    # bio term ("senior", "fellow" …) and ignores reported speech: a source who shares the author's
    # first name is taken for the author.
    text = "John Williams, a senior fellow at the institute, said the plan would fail."
    assert bottom("en", text, ("John Smith",)) == {}


TECH_BIO = (
    "A 38-year industry veteran and award-winning journalist, Lance has covered technology since PCs "
    "were the size of suitcases. He is a former Editor-in-Chief of two magazines. He also wrote a "
    "popular, weekly tech column called The Upgrade."
)


def test_bio_telling_what_the_author_wrote_is_removed():
    # "wrote" is reporting vocabulary, but the author is called by first name among bio terms.
    assert bottom("en", TECH_BIO, ("Lance Ulanoff",)) == {2: "bio"}


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Ulanoff, a senior editor at the institute, wrote in a note that the plan would fail.", "Lance Ulanoff"),
        ("John, a senior fellow at the institute, said the plan would fail.", "John Smith"),
        ("Sarah, a freelance writer who moved here in 2019, said the rent had doubled since.", "Sarah Jones"),
    ],
)
def test_source_sharing_the_authors_name_who_wrote_or_said_is_kept(text, author):
    assert bottom("en", text, (author,)) == {}


def test_paragraph_opening_with_the_authors_name_after_a_bio_continues_it():
    more = "Lance Ulanoff makes frequent appearances on national and local news programs, including the BBC."
    assert rule_ids(EN1, EN2, TECH_BIO, more, authors=("Lance Ulanoff",)) == {2: "bio", 3: "bio"}
    # Not after a bio, the same paragraph is article text; nor is a namesake's after one.
    assert rule_ids(EN1, EN2, more, authors=("Lance Ulanoff",)) == {}
    assert rule_ids(EN1, more, TECH_BIO, authors=("Lance Ulanoff",)) == {2: "bio"}
    namesake = "Lance Ulanoffson, the mayor, opened the new harbour on Friday with a speech on jobs."
    assert rule_ids(EN1, EN2, TECH_BIO, namesake, authors=("Lance Ulanoff",)) == {2: "bio"}


def test_bio_under_the_byline_before_the_article_is_removed():
    bio = "Houston Mitchell is an assistant sports editor and writer of the Dodgers Dugout newsletter."
    assert rule_ids(bio, *story(7), authors=("Houston Mitchell",)) == {0: "bio"}


def test_lead_opening_with_someone_elses_name_is_kept():
    lead = "Houston Mitchell is an assistant coach who has worked with the team for a decade."
    assert rule_ids(lead, *story(7), authors=("Jane Doe",)) == {}


def test_a_lead_opening_with_an_agency_author_is_kept():
    lead = "Associated Press reporters found that senior officials had been warned about the risks."
    assert rule_ids(lead, *story(7), authors=("Associated Press",)) == {}


@pytest.mark.parametrize(("byline", "author"), [("di Marco Rinaldi", "Marco Rinaldi"), ("Door Pieter de Vries", "Pieter de Vries")])
def test_italian_and_dutch_bylines(byline, author):
    assert rule_ids(byline, EN1, EN2, authors=(author,)).get(0) == "byline"
    assert rule_ids("Di Maio e Salvini al Quirinale", EN1, EN2) == {}  # a surname, not the byline's "di"
    assert rule_ids("Door de storm vielen in de nacht honderden bomen om.", EN1, EN2, authors=(author,)) == {}


@pytest.mark.parametrize(("bio", "author"), [
    ("Marco Rinaldi è giornalista della redazione Economia e si occupa di energia.", "Marco Rinaldi"),
    ("Ana Martins é jornalista da secção de Sociedade e escreve sobre saúde.", "Ana Martins"),
    ("Pieter de Vries is verslaggever politiek en schrijft over de Tweede Kamer.", "Pieter de Vries"),
])
def test_italian_portuguese_and_dutch_bios(bio, author):
    assert rule_ids(EN1, EN2, bio, authors=(author,)) == {2: "bio"}


@pytest.mark.parametrize(("text", "author"), [
    ("Bianchi ha inviato una diffida al Comune, che finora non ha risposto alle sue richieste.", "Luca Bianchi"),
    ("Giulia, che da due anni si occupa di una colonia felina nel quartiere, chiede aiuto al Comune.", "Giulia Romano"),
    ("Silva recebeu o valor correspondente a três meses de salário depois da decisão do tribunal.", "Rui Silva"),
])
def test_a_closing_paragraph_using_a_word_that_is_also_bio_vocabulary_is_kept(text, author):
    assert rule_ids(EN1, EN2, text, authors=(author,)) == {}


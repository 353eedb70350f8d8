"""Vocabulary files added as data (no, da, sv, it, pl; more German and English labels): each phrase is removed
at the end and within the body, and an article sentence about the same things is kept."""

from __future__ import annotations

import pytest

from tests.test_rules_notices import at_end, mid_body

PROMPTS = [
    ("related", "Les også: Regjeringen legger fram nytt budsjett"),
    ("related", "Mest lest"),
    ("related", "Læs også: Regeringen fremlægger ny finanslov"),
    ("related", "Läs också: Regeringen lägger fram ny budget"),
    ("related", "Leggi anche: il governo presenta la nuova manovra"),
    ("related", "Czytaj więcej"),
    ("related", "Ähnliche:"),
    ("newsletter", "Meld deg på vårt gratis nyhetsbrev"),
    ("newsletter", "Tilmeld dig vores nyhedsbrev"),
    ("newsletter", "Prenumerera på vårt nyhetsbrev"),
    ("newsletter", "Iscriviti alla nostra newsletter"),
    ("newsletter", "Zapisz się do naszego newslettera"),
    ("support", "Allerede abonnent? Logg inn"),
    ("support", "Redan prenumerant? Logga in här"),
    ("support", "Sei già abbonato? Accedi"),
    ("related", "Popular"),
    ("support", "2 Wochen kostenlos testen"),
    ("support", "Testen Sie für zwei Wochen die gedruckte Zeitung. Sie bekommen sie kostenlos in Ihren Briefkasten."),
]


@pytest.mark.parametrize(("family", "text"), PROMPTS)
def test_prompt_is_removed_at_end_and_within_the_body(family, text):
    assert at_end("en", text) == {2: family}
    assert mid_body("en", text) == {1: family}


@pytest.mark.parametrize(
    "text",
    [
        "Avisen sendte ut et nyhetsbrev til leserne i går, og mange meldte seg på.",
        "Regeringen vil også læse forslaget igen, før den stemmer om det i næste uge.",
        "Il giornale ha lanciato una nuova newsletter per gli abbonati, ha detto il direttore.",
        "Ähnliche Vorfälle hatte es im vergangenen Jahr bereits in Bremen gegeben.",
        "Popular uprisings spread to three more cities over the weekend, officials said.",
        "Die Forscher testen seit zwei Wochen die neue Impfung an Freiwilligen in Hamburg.",
    ],
)
def test_article_sentence_is_kept(text):
    assert mid_body("en", text) == {}
    assert at_end("en", text) == {}

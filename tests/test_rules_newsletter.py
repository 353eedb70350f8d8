"""rules/newsletter.py (via the shared graded detector in rules/prompts.py) on hand-built blocks."""

from __future__ import annotations

import pytest

from cleaners.rules.context import RuleContext
from cleaners.rules.newsletter import strip_newsletter_signup
from tests.rule_helpers import ARTICLE, EN1, EN2, H, check_removal, make_blocks, removed

CTX = RuleContext()


def run(*specs):
    return strip_newsletter_signup(make_blocks(*specs), CTX)


# --- fires -------------------------------------------------------------------------------------

END_PROMPTS = {
    "en": "Sign up to our free newsletters",
    "fr": "Inscrivez-vous à notre newsletter quotidienne.",
    "de": "Melden Sie sich jetzt für unseren Newsletter an.",
    "es": "Suscríbete a nuestro boletín diario.",
    "pt": "Assine a nossa newsletter diária.",
}


@pytest.mark.parametrize("lang", sorted(END_PROMPTS))
def test_sure_prompt_at_end_of_body_is_removed(lang):
    prompt = END_PROMPTS[lang]
    removals = run(*ARTICLE[lang], prompt)
    assert len(removals) == 1
    check_removal(removals[0], rule="newsletter", block=2, text=prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Get the best updates straight to your inbox",
        "Sign up for our morning briefing and start the day informed.",
        "Enter your email address",
        "You can unsubscribe at any time.",
        "By signing up, you agree to our privacy policy.",
        "Join 250,000 readers who start their day with us.",
        "Want more? Get our weekly newsletter.",
        "Newsletter jetzt kostenlos abonnieren",
        "Recevez chaque matin l'essentiel de l'actualité dans votre boîte mail.",
        "Recibe las noticias más importantes en tu correo electrónico.",
        "Receba as principais notícias na sua caixa de entrada.",
        "Sign up for breaking news, reviews, opinion, top tech deals, and more.",
        "Sie mögen den Tag kompakt zusammengefasst? Dann sind Sie beim täglichen WAZ-Newsletter richtig – hier entlang.",
        "Our community members are treated to special offers, promotions, and adverts from us and our partners.",
    ],
)
def test_other_wordings_are_sure(prompt):
    removals = run(EN1, EN2, prompt)
    assert removed(removals) == {2: "newsletter"}
    assert removals[0].reason.startswith("says ")


def test_sure_prompt_mid_body_is_removed():
    removals = run(EN1, "Sign up to our free newsletters", EN2)
    assert removed(removals) == {1: "newsletter"}


def test_sure_prompt_at_top_of_body_is_removed():
    removals = run("Sign up for our daily briefing", EN1, EN2)
    assert removed(removals) == {0: "newsletter"}


def test_the_lead_is_judged_as_article_text():
    # The first long paragraph has no article paragraph before it, but is one.
    lead = ("From June, broadband customers will be able to unsubscribe at any time and free of charge after "
            "the first year of their contract, under rules the regulator published on Monday.")
    assert run(lead, EN1, EN2) == []
    assert removed(run(EN1, EN2, lead)) == {}  # the same sentence at the end: still a sentence
    prompt = "Sign up to our free newsletter for the week's best stories, delivered to your inbox every Friday morning by our editors."
    assert removed(run(prompt, EN1, EN2)) == {0: "newsletter"}  # a long prompt above the article talks to the reader


def test_cluster_grows_to_weak_neighbours_and_titled_heading():
    removals = run(
        EN1,
        EN2,
        H("Newsletter"),  # heading with a family term: weak, next to the prompt
        "Sign up to our free newsletters",  # sure
        "Please check your email to confirm.",  # weak: one term + reader
    )
    assert removed(removals) == {2: "newsletter", 3: "newsletter", 4: "newsletter"}
    for r in removals:
        assert r.reason
    assert "next to a newsletter prompt" in removals[2].reason


def test_heading_without_family_term_goes_with_the_prompt_below_it():
    removals = run(EN1, EN2, H("Stay informed"), "Sign up to our free newsletters")
    assert removed(removals) == {2: "newsletter", 3: "newsletter"}
    check_removal(removals[0], rule="newsletter", block=2)
    assert "heading" in removals[0].reason


def test_section_heading_after_a_mid_body_prompt_is_kept():
    removals = run(EN1, "Sign up to our free newsletters", H("Reaction in the districts"), EN2)
    assert removed(removals) == {1: "newsletter"}


@pytest.mark.parametrize(
    "lang, prompt, follow_up",
    [
        ("fr", "Inscrivez-vous à notre newsletter quotidienne.", "Vous pourrez vous désabonner à tout moment."),
        ("de", "Melden Sie sich jetzt für unseren Newsletter an.", "Sie können sich jederzeit wieder abmelden."),
        ("es", "Suscríbete a nuestro boletín diario.", "Puedes darte de baja en cualquier momento."),
        ("pt", "Assine a nossa newsletter diária.", "Receba as notícias na sua caixa de entrada."),
    ],
)
def test_multi_block_footer_in_other_languages(lang, prompt, follow_up):
    removals = run(*ARTICLE[lang], prompt, follow_up)
    assert removed(removals) == {2: "newsletter", 3: "newsletter"}


def test_likely_block_at_end_of_body_is_removed():
    text = "Do you read newsletters? Many of your neighbours subscribe to several."
    removals = run(EN1, EN2, text)
    assert removed(removals) == {2: "newsletter"}
    assert "end of the body" in removals[0].reason


def test_weak_block_alone_is_kept():
    assert run(EN1, EN2, "Please check your email.") == []


def test_empty_body():
    assert run() == []


# --- keeps look-alikes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        '"Sign up to our newsletter," the CEO said, adding that subscriptions had doubled.',
        "« Inscrivez-vous à notre newsletter », a déclaré la directrice lors du lancement.",
        "„Melden Sie sich für unseren Newsletter an“, sagte die Sprecherin des Verlags.",
        "«Suscríbete a nuestro boletín», dijo el director en la presentación.",
    ],
)
def test_reported_speech_is_kept(quote):
    assert run(EN1, quote, EN2) == []
    assert run(EN1, EN2, quote) == []


def test_long_paragraph_mentioning_newsletters_is_kept():
    paragraph = (
        "The company's newsletter business has grown quickly over the past two years. Its free newsletters now "
        "reach more than two million inboxes every morning, and advertisers pay a premium to appear in them. "
        "Analysts expect the model, in which a reader can sign up to our newsletter style products in a single "
        "click, to be copied by rivals. " + EN1
    )
    assert len(paragraph.split()) > 90
    assert run(EN1, paragraph, EN2) == []
    assert run(EN1, EN2, paragraph) == []


def test_likely_block_in_the_middle_of_the_body_is_kept():
    text = "Do you read newsletters? Many of your neighbours subscribe to several."
    assert run(EN1, text, EN2) == []


def test_article_sentence_about_inboxes_mid_body_is_kept():
    text = "Spam filters now catch most phishing emails before they reach your inbox, researchers found."
    assert run(EN1, text, EN2) == []


def test_sign_up_to_vote_is_kept():
    assert run(EN1, EN2, "Sign up to vote before the deadline on Friday.") == []


def test_german_lower_case_sie_is_not_an_address_to_the_reader():
    they = "Viele Leserinnen erzählen, dass sie Newsletter lesen und jede E-Mail beantworten."
    you = "Viele Leserinnen erzählen, dass Sie Newsletter lesen und jede E-Mail beantworten."
    de1, de2 = ARTICLE["de"]
    assert run(de1, de2, they) == []
    # The same block with the formal "Sie" addresses the reader: likely, and at the end.
    assert removed(run(de1, de2, you)) == {2: "newsletter"}


def test_german_statement_with_verb_final_newsletter_abonnieren_is_kept():
    # "Newsletter abonnieren" is a button label, but also plain German word order in a subordinate
    # clause: this sentence reports a study and addresses nobody.
    de1, de2 = ARTICLE["de"]
    text = "Die Studie zeigt, dass vor allem ältere Menschen den Newsletter abonnieren, während jüngere Leser soziale Medien bevorzugen."
    assert run(de1, text, de2) == []


def test_prompt_that_contains_a_reporting_word_is_still_removed():
    # The reported-speech veto looks for any reporting word ("added", "says" …) anywhere in the block,
    # so a plain sign-up prompt that happens to use one survives.
    prompt = "New stories are added every day: sign up to our free newsletter."
    assert removed(run(EN1, EN2, prompt)) == {2: "newsletter"}


def test_sign_up_sentence_in_the_article_is_kept():
    text = "Sign up for the new bus pass opened on Monday, and more than 2,000 residents applied in a day."
    assert run(EN1, text, EN2) == []

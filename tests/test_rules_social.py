"""rules/social.py: share bars and "follow us" prompts, on hand-built blocks."""

from __future__ import annotations

import pytest

from cleaners.rules.context import RuleContext
from cleaners.rules.social import strip_social_prompts
from tests.rule_helpers import ARTICLE, EN1, EN2, H, check_removal, make_blocks, removed

CTX = RuleContext()


def run(*specs):
    return strip_social_prompts(make_blocks(*specs), CTX)


END_PROMPTS = {
    "en": "Follow us on Facebook and Instagram for more news.",
    "fr": "Suivez-nous sur Facebook et Instagram",
    "de": "Folgen Sie uns auf Instagram",
    "es": "Síguenos en Twitter y Facebook",
    "pt": "Siga-nos no Instagram",
}


@pytest.mark.parametrize("lang", sorted(END_PROMPTS))
def test_follow_us_at_end_of_body_is_removed(lang):
    prompt = END_PROMPTS[lang]
    removals = run(*ARTICLE[lang], prompt)
    assert len(removals) == 1
    check_removal(removals[0], rule="social", block=2, text=prompt)


@pytest.mark.parametrize(
    "lang, prompt",
    [
        ("en", "Share this article"),
        ("fr", "Partagez cet article"),
        ("de", "Artikel teilen"),
        ("es", "Comparte esta noticia"),
        ("pt", "Compartilhe esta notícia"),
    ],
)
def test_share_prompt_mid_body_is_removed(lang, prompt):
    a, b = ARTICLE[lang]
    removals = run(a, prompt, b)
    assert len(removals) == 1
    check_removal(removals[0], rule="social", block=1, text=prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Share this story",
        "Follow us on Instagram and TikTok",
        "Like us on Facebook",
        "Click here to share",
        "Join our news channel on WhatsApp",
        "Follow us on X for the latest updates",
    ],
)
def test_other_english_wordings(prompt):
    assert removed(run(EN1, EN2, prompt)) == {2: "social"}


def test_cluster_grows_to_weak_neighbour_and_heading():
    removals = run(
        EN1,
        EN2,
        H("Stay connected"),  # no family term: goes as the heading of the prompt
        "Share this article",  # sure
        "Send it to your friends on WhatsApp",  # weak: one term + reader
    )
    assert removed(removals) == {2: "social", 3: "social", 4: "social"}
    assert "heading" in removals[0].reason
    assert "next to a social prompt" in removals[2].reason


def test_weak_block_alone_is_kept():
    assert run(EN1, EN2, "Send it to your friends on WhatsApp") == []


def test_likely_block_at_end_is_removed_but_kept_mid_body():
    text = "Found this useful? Share it on Facebook or WhatsApp with your friends."
    assert removed(run(EN1, EN2, text)) == {2: "social"}
    assert run(EN1, text, EN2) == []


def test_reported_speech_is_kept():
    quote = '"Follow us on Facebook," the police said in an appeal for witnesses.'
    assert run(EN1, quote, EN2) == []
    assert run(EN1, EN2, quote) == []


def test_long_paragraph_about_social_networks_is_kept():
    text = (
        "Facebook, Instagram and WhatsApp went down for six hours on Monday, leaving billions of users unable to "
        "share photos or messages, in the longest outage the company has suffered since 2008, when you could "
        "still count its users in millions."
    )
    assert run(EN1, EN2, text) == []


def test_market_news_about_shares_is_kept():
    assert run(EN1, EN2, "Shares in Facebook fell as you might expect.") == []


def test_german_lower_case_sie_is_not_an_address_to_the_reader():
    de1, de2 = ARTICLE["de"]
    assert run(de1, de2, "Auf Instagram und Facebook folgen sie vor allem Prominenten.") == []
    assert removed(run(de1, de2, "Auf Instagram und Facebook folgen Sie vor allem Prominenten.")) == {2: "social"}


def test_german_capitalised_sie_opening_a_sentence_is_she_or_they():
    de1, de2 = ARTICLE["de"]
    assert run(de1, de2, "Sie folgt ihm auf Instagram und teilt seine Videos auf Facebook.") == []
    assert run(de1, de2, "Die Sängerin ist vorsichtig. Ihre Fotos teilt sie auf Instagram und Facebook.") == []
    assert removed(run(de1, de2, "Hat Ihnen der Text gefallen? Teilen Sie ihn auf Facebook und Instagram.")) == {2: "social"}


def test_bare_share_bar_between_two_prompts_is_removed():
    # A share bar's labels sit between "Share this article" and "Follow us …": it is part of the cluster,
    # though it names no reader (icon labels never do).
    removals = run(EN1, EN2, "Share this article", "Facebook Twitter WhatsApp Email", "Follow us on Instagram")
    assert removed(removals) == {2: "social", 3: "social", 4: "social"}

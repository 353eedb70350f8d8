"""rules/social.py, embeds: posts quoted from social networks through their embed code."""

from __future__ import annotations

import lxml.html
import pytest

from cleaners import clean_html
from cleaners.rules.context import RuleContext
from cleaners.rules.social import strip_social_embeds
from tests.rule_helpers import EN1, EN2, H, check_removal, make_blocks, removed

TWEET = "Landspout tornado! Northeast Colorado! Southwest of Akron pic.twitter.com/T8oQImgFp6"


def run(*specs, page: str | None = None):
    ctx = RuleContext(page=lxml.html.fromstring(page) if page else None)
    return strip_social_embeds(make_blocks(*specs), ctx)


@pytest.mark.parametrize(
    "signature",
    [
        "— Ryan Matoush (@RyanMatoushWX) April 25, 2024",
        "— Luke Pollard MP (@LukePollard) 5. August 2024",  # embed code in German
        "— Élysée (@Elysee) 5 août 2024",
        "- RT (@RT_com) July 16, 2026",
    ],
)
def test_block_ending_with_a_tweet_signature_is_removed(signature):
    removals = run(EN1, f"{TWEET} {signature}", EN2)
    assert len(removals) == 1
    check_removal(removals[0], rule="embed", block=1, text=f"{TWEET} {signature}")
    assert "signature" in removals[0].reason


def test_article_sentences_naming_a_handle_are_kept():
    assert run(
        EN1,
        "The mayor (@mayor_of_akron) wrote on X on April 25, 2024 that the storm had passed.",
        "Officials said the account — run by the city (@akroncity) since 2019 — posted warnings.",
        EN2,
    ) == []


def test_text_inside_a_networks_embed_markup_is_removed():
    page = (
        "<html><body><article><p>Intro.</p>"
        '<blockquote class="twitter-tweet tw-align-center"><p lang="en">We will rebuild the bridge by the summer, '
        'whatever it costs.</p>&mdash; City Hall <a href="https://twitter.com/x/status/1">June 3</a></blockquote>'
        "</article></body></html>"
    )
    quoted = "We will rebuild the bridge by the summer, whatever it costs."
    removals = run(EN1, quoted, EN2, page=page)
    assert removed(removals) == {1: "embed"}
    assert "twitter-tweet embed" in removals[0].reason
    # The same words are the article's own when the page embeds nothing.
    assert run(EN1, quoted, EN2, page="<html><body><p>Intro.</p></body></html>") == []
    # ... and when the article quotes them, in quotation marks.
    assert run(EN1, f"“{quoted}”", EN2, page=page) == []


def test_a_short_block_found_inside_an_embed_is_kept_unless_it_is_all_of_it():
    page = (
        '<html><body><blockquote class="instagram-media"><p>Summer in Akron with the whole team</p></blockquote>'
        '<blockquote class="tiktok-embed"><section>Akron</section></blockquote></body></html>'
    )
    assert run(EN1, H("Summer"), EN2, page=page) == []
    assert removed(run(EN1, "Akron", EN2, page=page)) == {1: "embed"}


@pytest.mark.parametrize(
    "label",
    [
        "View this post on Instagram",
        "A post shared by Jane Doe (@janedoe.photo)",
        "Ein Beitrag geteilt von Jane Doe (@janedoe)",
        "Une publication partagée par Jane Doe (@janedoe)",
        "Una publicación compartida por Jane Doe (@janedoe)",
        "♬ original sound - Jane Doe",
    ],
)
def test_embed_labels_are_removed(label):
    assert removed(run(EN1, label, EN2)) == {1: "embed"}


def test_prose_about_a_shared_post_is_kept():
    text = "A post shared by the minister on Facebook drew thousands of angry replies within an hour."
    assert run(EN1, text, EN2) == []
    text = "A post shared by the Hollywood star (@therock) on Tuesday has been viewed more than 20 million times."
    assert run(EN1, text, EN2) == []


def test_instagram_label_ends_the_embed_text_or_carries_only_its_date():
    assert removed(run(EN1, "Back on stage soon! A post shared by Jane Doe (@janedoe)", EN2)) == {1: "embed"}
    assert removed(run(EN1, "A post shared by Jane Doe (@janedoe) on Jul 5, 2019 at 10:14am PDT", EN2)) == {1: "embed"}


def test_clean_html_drops_an_embedded_tweet_and_keeps_the_article():
    article = " ".join([EN1, EN2])
    page = f"""<html><head><title>Storm</title></head><body><article><h1>Tornado touches down near Akron</h1>
    <p>{EN1}</p>
    <blockquote class="twitter-tweet"><p lang="en" dir="ltr">{TWEET}</p>&mdash; Ryan Matoush (@RyanMatoushWX)
    <a href="https://twitter.com/RyanMatoushWX/status/1">April 25, 2024</a></blockquote>
    <p>{EN2}</p></article></body></html>"""
    result = clean_html(page, url="https://news.example/storm")
    assert "pic.twitter.com" not in result.text
    assert " ".join(result.paragraphs) == article
    assert [r.rule for r in result.removals] == ["title", "embed"]  # the <h1> repeated in the body, the tweet


@pytest.mark.parametrize(
    "text",
    [
        # reporting that names a handle and a date
        "The row began with a post on X by the party's leader and grew into a demand repeated by the "
        "party chair – Nigel Farage (@Nigel_Farage) – in May 2019",
        # a long paragraph using an embed label
        "A post shared by the singer's sister (@jane.doe) on Sunday showed the family at the hospital, where "
        "doctors said the singer was recovering well after the operation and expected to leave within days, "
        "according to a statement released by her management on Monday morning.",
    ],
    ids=["handle-and-date", "embed-label-in-prose"],
)
def test_article_text_resembling_an_embed_is_kept(text):
    assert run(EN1, text, EN2) == []


def test_a_heading_whose_words_appear_inside_a_tweet_is_kept():
    page = (
        '<html><body><blockquote class="twitter-tweet"><p>Nobody knows what happens next for the harbour '
        "project, the minister said today</p></blockquote></body></html>"
    )
    assert run(EN1, H("What happens next"), EN2, page=page) == []

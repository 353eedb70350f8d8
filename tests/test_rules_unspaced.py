"""Japanese (and other unspaced scripts): word counts, phrase matching without word boundaries, and
the ja.toml vocabulary run through the full rule chain."""

from __future__ import annotations

import pytest

from cleaners.phrases import _compile
from cleaners.text import count_words
from tests.test_rules_notices import at_end, mid_body


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The council met on Tuesday.", 5),
        ("有料会員になると会員限定の有料記事もお読みいただけます。", 14),  # 27 characters, one per two
        ("J1リーグ 2025年", 4),
        ("", 0),
    ],
)
def test_count_words_counts_unspaced_scripts_by_characters(text, words):
    assert count_words(text) == words


def test_a_long_japanese_paragraph_is_long_in_words():
    from tests.rule_helpers import ARTICLE

    assert all(count_words(paragraph) >= 40 for paragraph in ARTICLE["ja"])


def test_unspaced_entries_match_inside_words_and_spaced_ones_only_on_word_boundaries():
    phrases = _compile(["会員限定", "sign up"])
    assert next(phrases.finditer("この記事は会員限定です"), None)
    assert next(phrases.finditer("Sign up today"), None)
    assert not next(phrases.finditer("signup"), None)


JA_NOTICES = [
    ("support", "この記事は会員限定です。"),
    ("support", "有料会員になると会員限定の有料記事もお読みいただけます。"),
    ("support", "紙の新聞の定期購読者の方は、無料で会員登録できます。"),
    ("support", "【キャンペーン】有料記事読み放題！今なら2カ月間月額100円！"),
    ("support", "残り1234文字（全文2000文字）"),
    ("newsletter", "各種メールマガジンで最新情報をお届けします"),
    ("promo", "公式アプリをダウンロードしてください"),
    ("timestamp", "2025年1月14日 01時28分 (1月14日 01時40分更新)"),
    ("timestamp", "更新：2024年12月3日 22:15"),
    ("related", "関連キーワード"),
    ("related", "おすすめ情報"),
    ("related", "関連記事："),
    ("support", "中日新聞電子版が利用できる"),
    ("promo", "国際ニュースを英語で読む"),
    ("residue", "完了しました"),
]

ZH_LABELS = [("social", "分享让更多人看到"), ("social", "关注"), ("comments", "评论")]


@pytest.mark.parametrize(("family", "text"), ZH_LABELS)
def test_chinese_whole_line_labels_are_removed(family, text):
    assert mid_body("ja", text) == {1: family}
    assert mid_body("ja", "他在会上发表评论，并呼吁各方关注此事。") == {}


@pytest.mark.parametrize(("family", "text"), JA_NOTICES)
def test_japanese_notice_is_removed_at_end_and_mid_body(family, text):
    assert at_end("ja", text) == {2: family}
    assert mid_body("ja", text) == {1: family}


@pytest.mark.parametrize(
    "text",
    [
        # reported: a story about paywalls, not a prompt
        "同社によると、有料会員は昨年比で2割増え、会員限定記事の閲覧数も伸びたという。",
        # a full paragraph that mentions a subscription service in passing
        "新聞各社は紙の部数減少を補うため、電子版の有料会員の獲得を急いでいる。若い世代の読者を取り込もうと、"
        "記事の読み放題プランや学割を導入する動きも広がっているが、収益の柱に育つかどうかは見通せない。"
        "業界団体の調査では、電子版の契約者数は前年から微増にとどまり、広告収入の落ち込みを補うには至っていない。",
        # a sentence that starts with a date
        "2025年1月14日、政府は新たな経済対策を閣議決定した。",
        # news about apps, paying members and mail alerts
        "同社はアプリをダウンロードした利用者に特典を付与する。",
        "ネットフリックスの有料会員登録者数は前年から2割増えた。",
        "市は防災情報をメールマガジンで配信している。",
        "新聞社は会員限定のサービスを始め、有料会員向けの記事を増やしている。",
        # related content named in a sentence
        "関連記事によると、同社は来年にも新工場を建設する。",
        "地元の人がおすすめの店を紹介した。",
        # a task completed, in a sentence
        "工事は先月完了しました。",
        # a digital edition in the news
        "図書館では来月から、地方紙の電子版が利用できるサービスを始める。",
    ],
)
def test_japanese_lookalike_article_text_is_kept(text):
    assert mid_body("ja", text) == {}
    assert at_end("ja", text) == {}

"""cleaners.metadata.authors: where names come from, and how a byline becomes person names."""

from __future__ import annotations

import pytest

from cleaners import clean_html
from cleaners.metadata.authors import find_authors
from tests.meta_helpers import TEXT, URL, article, ld, meta, page, parsed


def authors_of(head: str = "", body: str = "<p>text</p>", url: str | None = "https://www.example.com/a",
               guess: str | None = None) -> tuple[str, ...]:
    tree, signals = parsed(head, body, url)
    return find_authors(tree, signals, lambda: guess)


def byline(raw: str) -> tuple[str, ...]:
    return authors_of(meta("author", raw, attribute="name"))


# --- sources ----------------------------------------------------------------------------


def test_json_ld_persons_by_name_or_given_and_family_name():
    head = ld({"@type": "NewsArticle", "author": [
        {"@type": "Person", "name": "Jane Roe"},
        {"@type": "Person", "givenName": "John", "familyName": "Doe"},
    ]})
    assert authors_of(head + meta("author", "Someone Else", attribute="name")) == ("Jane Roe", "John Doe")


def test_json_ld_organization_is_dropped_when_a_person_is_named():
    head = ld({"@type": "NewsArticle", "author": [{"@type": "Organization", "name": "Reuters"},
                                                   {"@type": "Person", "name": "Jane Roe"}]})
    assert authors_of(head) == ("Jane Roe",)


def test_json_ld_organization_when_no_person():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}})
    assert authors_of(head) == ("Reuters",)


def test_publisher_only_byline_is_kept():
    head = meta("og:site_name", "Example News") + meta("author", "Example News", attribute="name")
    assert authors_of(head, url="https://examplenews.com/a") == ("Example News",)


def test_meta_author():
    assert byline("Jane Roe") == ("Jane Roe",)


def test_article_author_url_is_ignored():
    head = meta("article:author", "https://www.facebook.com/janeroe") + meta("author", "Jane Roe", attribute="name")
    assert authors_of(head) == ("Jane Roe",)


def test_byl_meta_with_by_and_and():
    assert authors_of(meta("byl", "By Jane Roe and John Doe", attribute="name")) == ("Jane Roe", "John Doe")


def test_rel_author_link():
    assert authors_of(body='<p class="byline">By <a rel="author" href="/authors/jane">Jane Roe</a></p>') == ("Jane Roe",)


def test_itemprop_author_with_name():
    body = '<p><span itemprop="author" itemscope><span itemprop="name">Jane Roe</span></span></p>'
    assert authors_of(body=body) == ("Jane Roe",)


def test_itemprop_author_text_only():
    assert authors_of(body='<p><span itemprop="author">Von Hans Meier</span></p>') == ("Hans Meier",)


def test_trafilatura_guess_fallback():
    assert authors_of(guess="Jane Roe; John Doe") == ("Jane Roe", "John Doe")


def test_trafilatura_guess_through_clean_html():
    html = page(body=article(before='<div class="author">Jane Roe</div>'))
    assert clean_html(html, url="https://www.example.com/a").meta.authors == ("Jane Roe",)


# --- cleaning one byline ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(责编：牛镛、岳弘彬)", ("牛镛", "岳弘彬")),
        ("责任编辑：王小明", ("王小明",)),
        ("（責任編輯：陳大文）", ("陳大文",)),
    ],
)
def test_the_editors_of_a_chinese_credit_line_when_no_reporter_is_named(line, names):
    body = f"<article><p>{TEXT}</p><div class='edit'>{line}</div></article>"
    assert authors_of("", body) == names
    assert authors_of(meta("author", "Jane Roe", attribute="name"), body) == ("Jane Roe",)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("责任编辑：王小明 来源：人民网", ("王小明",)),
        ("责任编辑：王小明。记者李四报道", ("王小明",)),
        ("责编：John Smith", ("John Smith",)),
        ("责编：王小明 李四", ("王小明", "李四")),
    ],
)
def test_a_chinese_credit_line_ends_at_the_next_label_or_sentence(line, names):
    assert authors_of("", f"<article><p>{TEXT}</p><div>{line}</div></article>") == names


def test_a_chinese_credit_line_of_many_names_none_or_prose_names_nobody():
    assert authors_of("", "<p>责编：</p>") == ()
    assert authors_of("", "<p>责编：" + "、".join(["王小明", "李四", "张三", "赵六", "钱七"]) + "</p>") == ()
    assert authors_of("", "<p>责任编辑：请读者注意本报今日起调整版面</p>") == ()


def test_a_reporter_found_by_the_byline_guess_outranks_the_editors():
    tree, signals = parsed("", f"<article><p>{TEXT}</p><div>责编：王小明</div></article>", URL)
    assert find_authors(tree, signals, lambda: "张三") == ("张三",)


@pytest.mark.parametrize(("raw", "name"), [("박준석 기자 외 1명", "박준석"), ("山田太郎ほか2人", "山田太郎")])
def test_and_n_others_after_a_korean_or_japanese_byline_is_cut(raw, name):
    assert byline(raw) == (name,)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Roe", ("Jane Roe",)),
        ("Von Hans Meier", ("Hans Meier",)),
        ("Par Jean Dupont", ("Jean Dupont",)),
        ("Autor: Hans Meier", ("Hans Meier",)),
        ("Jane Roe and John Doe", ("Jane Roe", "John Doe")),
        ("Hans Meier und Eva Klein", ("Hans Meier", "Eva Klein")),
        ("Jane Roe; John Doe", ("Jane Roe", "John Doe")),
        ("Anna Sleegers, Frankfurt", ("Anna Sleegers",)),
        ("Lenharo, Mariana", ("Mariana Lenharo",)),
        ("Elena Oberholzer (obe)", ("Elena Oberholzer",)),
        ("chuck-ross", ("Chuck Ross",)),
        ("Capital Von Jemima Kelly", ("Jemima Kelly",)),
        ("Jane Roe; (Image: Getty Images)", ("Jane Roe",)),
        ("Jane Roe; 12345", ("Jane Roe",)),
        ("Jean Dupont / Marie Curie", ("Jean Dupont", "Marie Curie")),
    ],
)
def test_byline_cleaning(raw, names):
    assert byline(raw) == names


def test_duplicates_and_slug_twins_are_removed():
    assert byline("Jane Roe; jane-roe; JANE ROE") == ("Jane Roe",)


def test_publisher_names_are_removed_when_persons_exist():
    head = meta("og:site_name", "Example News") + meta("author", "Jane Roe; Example News; Examplenews.com", attribute="name")
    assert authors_of(head, url="https://www.examplenews.com/a") == ("Jane Roe",)


def test_host_named_person_source_falls_through_to_the_next_source():
    """A JSON-LD "person" that is the site itself does not hide the real byline in the meta tag."""
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Example News"}})
    head += meta("author", "Jane Roe", attribute="name")
    assert authors_of(head, url="https://examplenews.com/a") == ("Jane Roe",)


@pytest.mark.parametrize("raw", ["John E. Smith", "Anna Y. Lee"])
def test_middle_initial_is_not_a_conjunction(raw):
    assert byline(raw) == (raw,)


def test_photo_credit_after_the_name_is_dropped_not_the_name():
    assert byline("Jane Roe (Image: Getty Images)") == ("Jane Roe",)


@pytest.mark.parametrize(("raw", "url"), [
    ("Jane Newsome; John Doe", "https://news.sky.com/story/a"),
    ("Mark Welton; John Doe", "https://www.welt.de/politik/a"),
])
def test_person_whose_name_contains_the_site_word_is_kept(raw, url):
    assert authors_of(meta("author", raw, attribute="name"), url=url) == tuple(raw.split("; "))


@pytest.mark.parametrize(("raw", "names"), [
    ("Quelle: Anna Berger", ("Anna Berger",)),
    ("Redaktion Roman Warschauer", ("Roman Warschauer",)),
])
def test_source_and_desk_prefixes_are_cut(raw, names):
    assert byline(raw) == names


def test_button_labels_picked_up_as_a_byline_are_not_names():
    assert authors_of(guess="Folgen") == ()
    assert authors_of(guess="Folgen; Jane Roe") == ("Jane Roe",)


@pytest.mark.parametrize("row", [
    '<ul><li><strong>Datum</strong> 28.04.2023</li><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>',
    '<dl><dt>Date</dt><dd>28 April 2023</dd><dt>Author</dt><dd>Roman Goncharenko</dd></dl>',
    '<table><tr><th>Auteur</th><td>Roman Goncharenko</td></tr></table>',
])
def test_an_author_label_in_a_fact_list_names_the_author(row):
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Deutsche Welle"}})
    assert authors_of(head, "<p>text</p>" + row) == ("Roman Goncharenko",)
    # Not a teaser's or a sidebar's.
    assert authors_of(head, f"<p>text</p><aside>{row}</aside>") == ("Deutsche Welle",)


def test_an_author_meta_giving_the_sites_address_is_the_publisher():
    head = meta("author", "Deutsche Welle (www.dw.com)", attribute="name")
    body = '<ul><li><strong>Autor</strong> Roman Goncharenko</li></ul>'
    assert authors_of(head, body, url="https://www.dw.com/de/a-65469720") == ("Roman Goncharenko",)


def test_author_page_link_when_nothing_else_names_a_person():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "LTO"}})
    body = '<p class="meta">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p><p>text</p>'
    assert authors_of(head, body) == ("Dr. Max Kolter",)


def test_author_page_links_come_after_declared_bylines_and_only_the_first_few():
    body = ('<p><a href="/author/jane-roe">Jane Roe</a></p><p>' + "The story goes on. " * 15 + '</p>'
            '<aside><a href="/author/x">Teaser Author</a><a href="/author/y">Other Teaser</a></aside>')
    assert authors_of(meta("author", "John Doe", attribute="name"), body) == ("John Doe",)
    assert authors_of(body=body) == ("Jane Roe",)  # the teasers' links are not in its byline


@pytest.mark.parametrize("byline_html", [
    '<p class="byline">Von <a href="/autoren/max-muster">Max Muster</a>, <a href="/autoren/erika-mustermann">'
    'Erika Mustermann</a> und <a href="/autoren/hans-meier">Hans Meier</a></p>',
    '<div class="byline">Von <span><a href="/autoren/max-muster">Max Muster</a></span>, <span>'
    '<a href="/autoren/erika-mustermann">Erika Mustermann</a></span> und <span><a href="/autoren/hans-meier">'
    'Hans Meier</a></span></div>',
])
def test_every_author_page_link_of_the_byline_is_an_author(byline_html):
    teaser = '<div class="teaser"><h3>Other story</h3><a href="/autoren/x-y">Xaver Ypsilon</a></div>'
    body = byline_html + "<p>" + "Text des Artikels. " * 30 + "</p>" + teaser
    assert authors_of(body=body) == ("Max Muster", "Erika Mustermann", "Hans Meier")
    assert authors_of(body='<p><a href="/authority/report">Report</a><a href="/news/authors-guild">Guild</a></p>') == ()


def test_a_desk_named_like_a_byline_is_not_a_person():
    # ORF signs "red, Agenturen": the page's declared organization is the better answer.
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "ORF.at"}})
    assert authors_of(head, guess="red; Agenturen") == ("ORF.at",)
    assert byline("Nachrichten") == ()
    assert byline("Jane Roe") == ("Jane Roe",)


# --- bylines as publishers write them ------------------------------------------------------


BYLINES_AS_WRITTEN = {
    "publication-after-comma": ("Jane Doe, The Washington Post", ("Jane Doe",)),
    "avec": ("Par Jean Dupont avec Marie Curie", ("Jean Dupont", "Marie Curie")),
    "with": ("Jane Doe with John Roe", ("Jane Doe", "John Roe")),
    "von-in-a-surname": ("David Von Drehle", ("David Von Drehle",)),
    "von-after-a-label": ("Capital Von Jemima Kelly", ("Jemima Kelly",)),
    # names joined or split as their language does
    "compound-surname": ("José Ortega y Gasset", ("José Ortega y Gasset",)),
    "two-people": ("Ana Gómez y Luis Pérez", ("Ana Gómez", "Luis Pérez")),
    "cyrillic-and": ("Иван Петров и Анна Смирнова", ("Иван Петров", "Анна Смирнова")),
    "slug-with-particles": ("jan-van-der-berg", ("Jan van der Berg",)),
    "italian-di": ("di Marco Rossi", ("Marco Rossi",)),
    "di-as-a-surname": ("Luigi Di Maio", ("Luigi Di Maio",)),
    "di-surname-alone": ("Di Maio", ("Di Maio",)),
    "dutch-en": ("Door Jan de Vries en Piet Jansen", ("Jan de Vries", "Piet Jansen")),
    # after the name, what the byline says about the person
    "role-after-comma": ("Jane Doe, Washington Bureau Chief", ("Jane Doe",)),
    "outlet-after-comma": ("Jane Doe, Associated Press", ("Jane Doe",)),
    "city-after-comma": ("Anna Müller, Frankfurt am Main", ("Anna Müller",)),
    "german-role": ("Anna Müller, Stellvertretende Chefredakteurin", ("Anna Müller",)),
    "spanish-role": ("María García, corresponsal en Bruselas", ("María García",)),
    "italian-role": ("Marco Rossi, inviato a Kiev", ("Marco Rossi",)),
    "portuguese-role": ("Ana Souza, correspondente em Londres", ("Ana Souza",)),
    "place-after-a-bar": ("Por María García | Madrid", ("María García",)),
    "places-after-in": ("Jane Doe in New York and John Smith in London", ("Jane Doe", "John Smith")),
    "two-people-after-comma": ("Jane Doe, John Smith", ("Jane Doe", "John Smith")),
    "email-after-name": ("By Jane Doe jane.doe@example-news.com", ("Jane Doe",)),
    "korean-title-after-name": ("신현주 기자", ("신현주",)),
    "korean-senior-title": ("홍길동 선임기자", ("홍길동",)),
    "korean-two-reporters": ("박준석 기자, 김태연 기자", ("박준석", "김태연")),
    "japanese-title-after-name": ("山田太郎記者", ("山田太郎",)),
    "title-alone": ("기자", ()),
    "korean-given-name-ending-like-a-title": ("이기자", ("이기자",)),
    "korean-compound-title-alone": ("선임기자", ()),
    "korean-compound-title-glued": ("홍길동선임기자", ("홍길동",)),
    "unclosed-bracket-inside-a-note": ("Jane Doe (mit dpa (Archiv)", ("Jane Doe",)),
    # agencies, as the references list them
    "agency-beside-a-person": ("Jane Doe with AP", ("Jane Doe", "AP")),
    "two-agencies": ("dpa, AFP", ("dpa", "AFP")),
    "two-agencies-capitalised": ("Reuters, AP", ("Reuters", "AP")),
    "surname-comma-given-name": ("Lenharo, Mariana", ("Mariana Lenharo",)),
    "site-and-places": ("hessenschau.de, Frankfurt, Germany", ()),
    "staff-and-agencies": ("Staff and agencies", ()),
}


@pytest.mark.parametrize("raw, expected", BYLINES_AS_WRITTEN.values(), ids=BYLINES_AS_WRITTEN.keys())
def test_bylines_as_publishers_write_them(raw, expected):
    assert byline(raw) == expected


def test_a_role_split_off_by_the_heuristic_guess_is_not_a_name():
    assert authors_of(guess="Jane Doe; Senior Reporter") == ("Jane Doe",)
    assert authors_of(guess="Jane Doe; Chief Correspondent") == ("Jane Doe",)
    assert authors_of(guess="Jean Dupont; Envoyé Spécial À Kyiv") == ("Jean Dupont",)


def test_bylines_of_teasers_and_comments_are_not_the_articles():
    body = (
        '<p>By <a rel="author" href="/a/jane">Jane Doe</a></p><p>text</p>'
        '<aside><a rel="author" href="/a/tom">Tom Roe</a></aside>'
        '<div class="related-stories"><span itemprop="author">Ann Lee</span></div>'
        '<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Bob Smith</span></div>'
    )
    assert authors_of(body=body) == ("Jane Doe",)


def test_json_ld_author_given_by_id_is_the_person_node_of_the_graph():
    person = {"@type": "Person", "@id": "https://www.example.com/#/person/jane", "name": "Jane Doe"}
    story = {"@type": "NewsArticle", "author": [{"@id": "https://www.example.com/#/person/jane"}]}
    assert authors_of(ld({"@graph": [story, person]})) == ("Jane Doe",)


@pytest.mark.parametrize("guess", ["Jane Doe; CNN", "Anna Sleegers; Frankfurt"])
def test_a_one_word_part_of_the_heuristic_guess_beside_a_full_name_is_a_place_or_an_outlet(guess):
    assert authors_of(guess=guess) == (guess.split(";")[0],)
    assert authors_of(guess="Eddie") == ("Eddie",)


def test_authors_of_the_pages_own_article_not_of_related_ones_in_its_graph():
    own = {"@type": "NewsArticle", "headline": "Own", "author": {"@type": "Person", "name": "Jane Doe"}}
    related = {"@type": "NewsArticle", "headline": "Related", "author": {"@type": "Person", "name": "Tom Roe"}}
    assert authors_of(ld({"@graph": [own, related]})) == ("Jane Doe",)


# --- a bold name line at the edge of the body ----------------------------------------------------

PUBLISHER_ONLY = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example Times"}})
STORY = [TEXT, TEXT.replace("council", "assembly")]


def body_authors(body_html: str, body: list[str], head: str = PUBLISHER_ONLY) -> tuple[str, ...]:
    tree, signals = parsed(head, body_html)
    return find_authors(tree, signals, lambda: None, body)


@pytest.mark.parametrize(
    "line, names",
    [
        ("Jane Doe", ("Jane Doe",)),
        ("Jane Doe/John Roe", ("Jane Doe", "John Roe")),  # no spaces around the slash
        ("Lê Phương", ("Lê Phương",)),
        ("Ana de la Cruz", ("Ana de la Cruz",)),
    ],
)
def test_a_bold_name_line_opening_or_closing_the_body_names_the_authors(line, names):
    html = f"<p><strong>{line}</strong></p>" + "".join(f"<p>{t}</p>" for t in STORY)
    assert body_authors(html, [line, *STORY]) == names
    html = "".join(f"<p>{t}</p>" for t in STORY) + f'<p style="text-align:right"><b>{line}</b></p>'
    assert body_authors(html, [*STORY, line]) == names


@pytest.mark.parametrize(
    "line, why",
    [
        ("Breaking News", "the article says 'news' in lower case"),
        ("Jane Doe, Senior Editor", "a role after the name"),
        ("Jane Doe in Berlin", "a place"),
        ("Read More", "'more' is a word of the text"),
        ("Jane", "one word"),
        ("Kühltürme 2024 Gesprengt", "a number"),
    ],
)
def test_a_bold_line_that_is_not_only_names_is_no_byline(line, why):
    story = [t + " Breaking news: read more about it." for t in STORY]
    html = f"<p><strong>{line}</strong></p>" + "".join(f"<p>{t}</p>" for t in story)
    assert body_authors(html, [line, *story]) == ("Example Times",), why


def test_a_name_line_needs_bold_and_the_edge_and_no_person_elsewhere():
    plain = "<p>Jane Doe</p>" + "".join(f"<p>{t}</p>" for t in STORY)
    assert body_authors(plain, ["Jane Doe", *STORY]) == ("Example Times",)
    middle = [STORY[0], "Jane Doe", *STORY, *STORY]
    html = "".join(f"<p>{t}</p>" if t != "Jane Doe" else "<p><b>Jane Doe</b></p>" for t in middle)
    assert body_authors(html, middle) == ("Example Times",)
    named = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "John Roe"}})
    html = "<p><b>Jane Doe</b></p>" + "".join(f"<p>{t}</p>" for t in STORY)
    assert body_authors(html, ["Jane Doe", *STORY], head=named) == ("John Roe",)


def test_the_bold_byline_is_the_records_author_and_leaves_the_text():
    html = page(ld({"@type": "NewsArticle", "headline": "Budget approved", "author": {"@type": "Organization", "name": "Example Times"}}),
                article(before="<p><strong>Jane Doe/John Roe</strong></p>"))
    result = clean_html(html, url=URL)
    assert result.meta.authors == ("Jane Doe", "John Roe")
    assert "Jane Doe" not in result.text and result.text.startswith("The council voted")


# --- the site's shared CMS account ------------------------------------------------------------

def test_the_sites_shared_account_is_not_a_person_whatever_it_is_called():
    account = "https://www.example.com/author/admin/"
    head = ld({"@type": "NewsArticle", "author": {"@id": account, "name": "Example D"}})
    byline_link = f'<p>by <a rel="author" href="{account}">Example D</a></p>'
    html = byline_link + "<p><strong>JANE DOE</strong></p>" + "".join(f"<p>{t}</p>" for t in STORY)
    assert body_authors(html, ["JANE DOE", *STORY], head=head) == ("JANE DOE",)
    # with no one else named, the account is all there is
    assert body_authors(byline_link + "".join(f"<p>{t}</p>" for t in STORY), STORY, head=head) == ("Example D",)


@pytest.mark.parametrize("href", ["/author/jane-doe/", "/author/administrator-jones", "/autoren/redaktion-muster/"])
def test_a_persons_author_page_is_not_an_account(href):
    assert authors_of(body=f'<p>by <a rel="author" href="https://www.example.com{href}">Jane Doe</a></p>') == ("Jane Doe",)


def test_an_organization_named_by_its_web_address_is_the_fallback_byline():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "ndr.de"}})
    assert authors_of(head) == ("ndr.de",)
    head = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "www.ndr.de"}})
    assert authors_of(head) == ("www.ndr.de",)
    # A person's field giving an address is a contact line, not a name.
    assert authors_of(ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "desk.example.com"}})) == ()


@pytest.mark.parametrize("line, names", {
    "by-and-a-section": ("By TPN, in <a href='/news'>News</a>", ("TPN",)),
    "von-a-place": ("Von Anna Sleegers, Frankfurt", ("Anna Sleegers",)),
    "two-people": ("By Samya Kullab and Vasilisa Stepanenko", ("Samya Kullab", "Vasilisa Stepanenko")),
    "agency": ("Von dpa", ("dpa",)),
}.values(), ids=["by-and-a-section", "von-a-place", "two-people", "agency"])
def test_a_by_line_of_plain_text_under_the_headline_names_the_authors(line, names):
    body = f"<h1>Headline of the story</h1><p class='small'>{line}</p><p>{TEXT}</p>"
    assert authors_of(body=body) == names


@pytest.mark.parametrize("body", {
    "a-sentence": "<h1>Headline of the story</h1><p>Von den 116 Verletzten waren gut 80 noch im Spital.</p>",
    "after-the-article-starts": f"<h1>Headline of the story</h1><p>{TEXT}</p><p>By Jane Roe</p>",
    "a-teaser-under-another-heading": "<h1>Headline of the story</h1><p>Short deck.</p>"
                                      "<h1>You might also like</h1><h6>By Jane Roe</h6>",
    "lower-case-words": "<h1>Headline of the story</h1><p>By the way, nothing</p>",
    "a-photo-credit": "<h1>Headline of the story</h1><p>By Getty Images</p>",
}.values(), ids=["a-sentence", "after-the-article-starts", "a-teaser-under-another-heading", "lower-case-words", "a-photo-credit"])
def test_a_by_line_needs_names_alone_under_the_headline_before_the_article(body):
    assert authors_of(body=body) == ()


HEADLINE_AND_DECK = "<h1>Headline of the story</h1><h4>A deck of a sentence or two under the headline.</h4>"


@pytest.mark.parametrize("line, date, name", {
    "bar-then-numeric-date": ("<span>Sehernur Karsu &nbsp;|</span>", "<span class='date'>05.04.2025 - Updated: 05.04.2025</span>",
                              "Sehernur Karsu"),
    "time-element": ("<span>Jean-Luc de Vries</span>", "<time datetime='2025-04-05'>5 April</time>", "Jean-Luc de Vries"),
    "date-inside-the-next-element": ("<div>Jane Roe</div>", "<div><span>Published</span> <span>2025-04-05</span></div>", "Jane Roe"),
    "slash-and-thin-space": ("<span>Jane Roe /</span>\u2009", "<span>2025-04-05</span>", "Jane Roe"),
}.values(), ids=["bar-then-numeric-date", "time-element", "date-inside-the-next-element", "slash-and-thin-space"])
def test_a_name_alone_beside_the_date_line_is_the_byline(line, date, name):
    body = f"{HEADLINE_AND_DECK}<div class='row'>{line}{date}</div><p>{TEXT}</p>"
    assert authors_of(body=body) == (name,)


@pytest.mark.parametrize("row", {
    "a-section-link": "<a href='/world/middle-east'>Middle East</a><span>05.04.2025</span>",
    "one-word": "<span>Ankara |</span><span>05.04.2025</span>",
    "lower-case-words": "<span>from our desk</span><span>05.04.2025</span>",
    "no-date-next-to-it": "<span>Jane Roe</span><span>Share this story</span>",
    "a-date-in-a-long-line": f"<span>Jane Roe</span><span>{TEXT} 05.04.2025</span>",
    "digits-in-it": "<span>Jane Roe 2</span><span>05.04.2025</span>",
    "inside-a-link": "<a href='/topics/jane-roe'><span>Jane Roe</span><span>05.04.2025</span></a>",
    "in-an-aside": "<aside><span>Jane Roe</span><span>05.04.2025</span></aside>",
    "in-a-related-box": "<div class='related-stories'><span>Jane Roe</span><span>05.04.2025</span></div>",
    "in-a-menu": "<nav><span>World Politics</span><span>05.04.2025</span></nav>",
    "a-time-in-a-long-paragraph": f"<span>Jane Roe</span><div>On <time>Monday</time> {TEXT}</div>",
    "a-number-longer-than-a-year": "<span>Jane Roe</span><span>Ref 05.04.20251</span>",
    "navigation-words": "<span>Live Updates</span><span>05.04.2025</span><span>Top Stories</span><span>05.04.2025</span>"
                        "<span>Sign In</span><span>05.04.2025</span>",
    "a-time-deep-in-a-big-block": "<span>Jane Roe</span><div>" + "<span>Menu</span>" * 10 + "<time>05.04.2025</time></div>",
    "a-date-label": "<span>Last Updated</span><span>05.04.2025</span>",
    "a-turkish-date-label": "<span>Son Güncelleme</span><span>05.04.2025</span>",
    "a-dateline-in-capitals": "<span>NEW YORK</span><span>05.04.2025</span>",
    "a-section-in-plain-text": "<span>World News</span><span>05.04.2025</span>",
    "a-photo-agency": "<span>Getty Images</span><span>05.04.2025</span>",
    "particles-only": "<span>de la</span><span>05.04.2025</span>",
    "a-version-number": "<span>Release Notes</span><span>v1.2.3</span>",
    "a-name-inside-a-sentence": "Yesterday <b>Joe Biden</b> said on <time>Monday</time> that he would stay.",
}.values(), ids=["a-section-link", "one-word", "lower-case-words", "no-date-next-to-it", "a-date-in-a-long-line", "digits-in-it",
                 "inside-a-link", "in-an-aside", "in-a-related-box", "in-a-menu", "a-time-in-a-long-paragraph",
                 "a-number-longer-than-a-year", "navigation-words", "a-time-deep-in-a-big-block", "a-date-label", "a-turkish-date-label", "a-dateline-in-capitals",
                 "a-section-in-plain-text", "a-photo-agency", "particles-only", "a-version-number", "a-name-inside-a-sentence"])
def test_a_name_beside_a_date_needs_plain_capitalised_words_standing_alone_and_the_date_right_after(row):
    assert authors_of(body=f"{HEADLINE_AND_DECK}<div>{row}</div><p>{TEXT}</p>") == ()


@pytest.mark.parametrize("before", [f"<p>{TEXT}</p>", f"<div>{TEXT}</div>"], ids=["paragraph", "div"])
def test_a_name_beside_a_date_after_the_article_starts_is_another_storys(before):
    body = f"{HEADLINE_AND_DECK}{before}<div><span>Jane Roe</span><span>05.04.2025</span></div>"
    assert authors_of(body=body) == ()


def test_a_long_deck_under_the_headline_does_not_end_the_search_for_a_name_beside_a_date():
    body = f"<h1>Headline of the story</h1><h4>{TEXT}</h4><div><span>Jane Roe</span><span>05.04.2025</span></div><p>{TEXT}</p>"
    assert authors_of(body=body) == ("Jane Roe",)


def test_the_sites_name_beside_a_date_is_neither_an_author_nor_the_fallback():
    body = f"{HEADLINE_AND_DECK}<div><span>Metropolis Weekly</span><span>05.04.2025</span></div><p>{TEXT}</p>"
    assert authors_of(meta("og:site_name", "Metropolis Weekly"), body=body) == ()


def test_a_name_beside_a_date_is_read_under_the_headline_not_under_the_logo():
    body = ("<h1 class='logo'><a href='/'>Metropolis</a></h1><div><span>Metropolis Weekly</span><span>05.04.2025</span></div>"
            f"<h1>Headline of the story</h1><p>{TEXT}</p>")
    assert authors_of(body=body) == ()


def test_trafilaturas_byline_guess_comes_before_a_name_beside_a_date():
    body = f"{HEADLINE_AND_DECK}<div><span>Jane Roe</span><span>05.04.2025</span></div><p>{TEXT}</p>"
    assert authors_of(body=body, guess="John Doe") == ("John Doe",)


def test_a_declared_author_comes_before_a_by_line_of_text():
    body = "<h1>Headline of the story</h1><p>By Jane Roe</p>"
    assert authors_of(meta("author", "John Doe", attribute="name"), body=body) == ("John Doe",)

"""A story split over several body containers of one template is extracted whole; another story's
body, or a container of another template, is not joined to it."""

import bisect

from cleaners import CleanConfig, clean_html, splitbody
from cleaners.extract import parse_html
from cleaners.splitbody import MAX_PARTS, SPLIT_BODY_RULE, join_split_bodies

URL = "https://www.example-gazeta.pl/swiat/art1234-niemcy-granice"
HEADLINE = "Germany's parties clash over closing the borders before the election"


def paragraph(n: int) -> str:
    return (f"<p>Border paragraph {n} tells what the parties proposed, how the vote in the Bundestag went and "
            f"what the chancellor's party said about it afterwards in a long statement.</p>")


def part(numbers: range, classes: str = "body articleBody") -> str:
    return f'<div class="{classes}">{"".join(paragraph(n) for n in numbers)}</div>'


AD_ROW = '<div class="row"><div class="advert--title">Reklama</div><div class="slot"></div></div>'


def page(*parts: str, after: str = "") -> str:
    rows = AD_ROW.join(f'<div class="row"><div class="article--content">{p}</div></div>' for p in parts)
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>"
        f'<div class="main--content--body">{rows}</div>{after}</body></html>'
    )


def test_a_story_split_between_ad_rows_is_extracted_whole():
    result = clean_html(page(part(range(0, 3)), part(range(3, 6)), part(range(6, 9))), url=URL)
    for n in range(9):
        assert f"Border paragraph {n} " in result.text
    assert result.text.index("Border paragraph 3 ") < result.text.index("Border paragraph 6 ")
    assert "Reklama" not in result.text


def test_trafilatura_alone_keeps_only_the_first_part():
    import trafilatura

    text = trafilatura.extract(page(part(range(0, 3)), part(range(3, 6))))
    assert "Border paragraph 0" in text and "Border paragraph 3" not in text


def bodies(tree) -> list:
    return tree.xpath('//div[contains(@class, "articleBody")]')


def numbers(element) -> list[str]:
    return [p.text_content().split()[2] for p in element.iter("p")]


def test_the_parts_are_moved_whole_and_in_order_after_the_first():
    tree = parse_html(page(part(range(0, 2)), '<div class="body articleBody">Loose text first. ' + paragraph(2) + "</div>", part(range(3, 4))))
    assert join_split_bodies(tree) == 2
    first = bodies(tree)[0]
    assert numbers(first) == ["0", "1", "2", "3"]
    assert "Loose text first. Border paragraph 2" in " ".join(first.text_content().split())  # not glued to the part before
    assert len(tree.xpath('//div[@class="row"]/div[@class="advert--title"]')) == 2  # the ad rows stay where they were


def test_another_storys_body_after_or_under_its_own_headline_is_left_alone():
    next_story = f'<div class="next"><h1>A second story about the harbour</h1>{part(range(10, 13))}</div>'
    tree = parse_html(page(part(range(0, 3)), part(range(3, 6)), after=next_story))
    assert join_split_bodies(tree) == 1
    assert numbers(bodies(tree)[0]) == ["0", "1", "2", "3", "4", "5"]
    holding = f'<div class="body articleBody"><h1>A second story</h1>{paragraph(10)}</div>'
    tree = parse_html(page(part(range(0, 3)), holding, part(range(3, 6))))
    assert join_split_bodies(tree) == 0


def test_containers_of_other_templates_are_not_joined():
    tree = parse_html(page(part(range(0, 3)), part(range(3, 6), classes="teaser-body")))
    assert join_split_bodies(tree) == 0
    tree = parse_html(page(part(range(0, 3), classes="article-teaser"), part(range(3, 6), classes="article-teaser")))
    assert join_split_bodies(tree) == 0  # not a body's class


def test_look_alike_containers_elsewhere_on_the_page_are_not_joined():
    excerpts = f"<aside>{part(range(10, 11))}</aside>"
    comments = f'<section id="comments">{part(range(11, 12))}</section>'
    listed = f"<ul><li>{part(range(12, 13))}</li></ul>"
    other_article = f"<article>{part(range(13, 14))}</article>"
    for elsewhere in (excerpts, comments, listed, other_article):
        tree = parse_html(page(part(range(0, 3)), after=elsewhere))
        assert join_split_bodies(tree) == 0, elsewhere


def test_teaser_cards_in_the_body_markup_are_not_joined():
    """A "More stories" grid whose cards hold their summaries in the body's own markup: the cards
    sit in parents of another template than the story's part."""
    cards = "".join(f'<div class="card"><a href="/s/{n}">Story {n}</a>{part(range(20 + n, 21 + n))}</div>' for n in range(3))
    tree = parse_html(page(part(range(0, 3)), after=f'<div class="grid">{cards}</div>'))
    assert join_split_bodies(tree) == 0
    result = clean_html(page(part(range(0, 3)), part(range(3, 6)), after=f'<div class="grid">{cards}</div>'), url=URL)
    assert "Border paragraph 5 " in result.text and "Border paragraph 20 " not in result.text


def test_a_comment_class_on_the_page_itself_does_not_stop_the_join():
    html = page(part(range(0, 3)), part(range(3, 6))).replace("<body>", '<body class="single has-comments">')
    assert join_split_bodies(parse_html(html)) == 1


def test_a_copy_of_the_body_is_not_joined():
    """Pages carry the same body twice, for small and large screens: one copy is the story."""
    tree = parse_html(page(part(range(0, 3)), part(range(0, 3))))
    assert join_split_bodies(tree) == 0


def test_a_template_used_more_often_than_a_story_is_split_is_not_joined():
    tree = parse_html(page(*[part(range(n, n + 1)) for n in range(MAX_PARTS + 1)]))
    assert join_split_bodies(tree) == 0


def test_nested_containers_of_one_template_are_moved_once():
    nested = f'<div class="body articleBody">{paragraph(3)}<div class="body articleBody">{paragraph(4)}</div></div>'
    tree = parse_html(page(part(range(0, 3)), nested))
    assert join_split_bodies(tree) == 1
    assert numbers(bodies(tree)[0]) == ["0", "1", "2", "3", "4"]


def test_many_containers_templates_and_headlines_are_each_read_a_bounded_number_of_times(monkeypatch):
    """The next headline is looked up once per template, by bisection (the suite's run time is the
    witness for the rest: looking for each container among all the others, or at every headline
    for every template, took from many seconds to minutes at these sizes)."""
    lookups = []
    monkeypatch.setattr(splitbody, "bisect_right", lambda *a, **k: lookups.append(1) or bisect.bisect_right(*a, **k))
    many_templates = "".join(
        f'<div class="post-content c{n}"><p>x{n}a</p></div><div class="post-content c{n}"><p>x{n}b</p></div><h1>h</h1>'
        for n in range(5_000)
    )
    nested_templates = "".join(f'<div class="post-content n{n}">' for n in range(200)) + "<h1>h</h1>" * 20_000 + "</div>" * 200
    later_parts = "".join(f'<div class="post-content n{n}"><p>x</p></div>' for n in range(200))
    # (only the outermost template's later part shares its parent, <body>: one join)
    for body, joined, templates in ((many_templates, 5_000, 5_000), (nested_templates + later_parts, 1, 200),
                                    (part(range(0, 1)) * 20_000, 0, 0)):
        lookups.clear()
        tree = parse_html(f"<html><body><h1>{HEADLINE}</h1>{body}</body></html>")
        assert join_split_bodies(tree) == joined
        assert len(lookups) == templates


def test_the_rule_can_be_disabled():
    result = clean_html(page(part(range(0, 3)), part(range(3, 6))), url=URL, config=CleanConfig(disabled_rules={SPLIT_BODY_RULE}))
    assert "Border paragraph 0" in result.text and "Border paragraph 3" not in result.text


"""Context decisions: comment regions and comment threads."""
import toolkit
from toolkit.context import comment_streams, heading_regions
from toolkit.decision import Decision
from toolkit.labels import Label

ARTICLE = [
    "Harbour council approves new ferry timetable",
    "The harbour council voted on Tuesday to add two evening crossings to the island ferry, after a year in "
    "which commuters complained that the last boat left before most shifts at the hospital had ended.",
    "Councillors said the extra sailings would be paid for by a small rise in the fare for visitors in summer, "
    "while residents with a season ticket would see no change to what they pay for the crossing.",
    "The new timetable starts in March and will be reviewed after six months, when the operator has to report "
    "how many people used the late boats and whether the car deck was full on weekday evenings.",
]


def _labels(page: str) -> dict:
    return {b.text: b for b in toolkit.clean(page).blocks}


def test_a_comment_count_above_the_story_does_not_swallow_it():
    page = "\n\n".join(["Home\nNews\nSport\nWeather", "14 comments"] + ARTICLE + ["© 2026 Harbour Gazette"])
    blocks = _labels(page)
    assert blocks["14 comments"].label == "comment"
    for paragraph in ARTICLE[1:]:
        assert blocks[paragraph].kept, blocks[paragraph]


def test_a_thread_of_name_and_date_lines_after_the_article_is_comments():
    replies = [
        "Great news for those of us on the late shift, it has been a long wait for this.",
        "Posted by: Mary Jones | March 3, 2026 at 09:12 PM",
        "Will the late boats take bicycles as well, or only foot passengers and cars?",
        "Posted by: Tom Baker | March 3, 2026 at 10:40 PM",
        "About time. The visitors can afford the extra pound in August, the rest of us cannot.",
        "Posted by: Ann Lee | March 4, 2026 at 07:02 AM",
        "I hope they keep the early boat on Sundays too, it is the only one that works for church.",
        "Posted by: Sam Price | March 4, 2026 at 08:15 AM",
    ]
    # TypePad's layout: each reply's text, then its header; the article's own credit line opens the thread.
    closing = "Posted by Harbour Gazette staff on March 3, 2026 | Permalink"
    page = "\n\n".join(ARTICLE + [closing] + replies + ["© 2026 Harbour Gazette"])
    result = toolkit.clean(page)
    blocks = {b.text: b for b in result.blocks}
    for paragraph in ARTICLE[1:]:
        assert blocks[paragraph].kept
    for reply in replies:
        assert not blocks[reply].kept, blocks[reply]
    assert blocks[replies[2]].label == "comment"
    assert "bicycles" not in result.article


def _d(label: Label) -> Decision:
    return Decision(label, "model", 0.9)


def test_bylines_in_a_cluster_are_not_a_thread():
    # An author line, a date line and a bio under the article: adjacent, no text between them.
    decisions = [_d(Label.TITLE)] + [_d(Label.CONTENT)] * 3 + [_d(Label.BYLINE)] * 3 + [_d(Label.LEGAL)]
    words = [6, 60, 60, 60, 5, 4, 30, 8]
    assert comment_streams(decisions, 0, words) == {}


def test_headers_with_text_between_them_after_an_article_are_a_thread():
    decisions = [_d(Label.TITLE)] + [_d(Label.CONTENT)] * 3
    for _ in range(3):
        decisions += [_d(Label.BYLINE), _d(Label.CONTENT)]
    words = [6, 60, 60, 60] + [8, 25] * 3
    thread = comment_streams(decisions, 0, words)
    assert sorted(thread) == list(range(4, 10))
    assert set(thread.values()) == {Label.COMMENT}


def test_no_thread_without_an_article_above():
    # A blog's front page: post after post, each with its date line, and no article before them.
    decisions = [_d(Label.NAVIGATION)]
    for _ in range(4):
        decisions += [_d(Label.BYLINE), _d(Label.CONTENT)]
    words = [5] + [8, 25] * 4
    assert comment_streams(decisions, None, words) == {}


def test_an_article_printed_twice_is_kept_once():
    # Desktop and mobile templates in one document: the same paragraphs twice, menus between.
    page = "\n\n".join(ARTICLE + ["Home\nNews\nSport\nWeather\nContact"] + ARTICLE[1:] + ["© 2026 Harbour Gazette"])
    result = toolkit.clean(page)
    assert result.article.count("two evening crossings") == 1
    repeats = [b for b in result.blocks if b.rule == "context.repeated"]
    assert [b.text for b in repeats] == ARTICLE[1:]
    assert all(not b.kept and b.label == "ui" for b in repeats)


def test_short_lines_may_repeat():
    from toolkit.context import repeated_blocks

    decisions = [_d(Label.CONTENT)] * 4
    texts = ["Then...", "The first step is to find the small blogs that others read.", "Then...",
             "The first step is to find the small blogs that others read."]
    assert repeated_blocks(decisions, texts) == {3: 1}


def test_a_blog_front_page_is_posts_not_a_thread():
    # Post after post, each a headline, its text and a "posted by" line: the items open with headlines.
    decisions = [_d(Label.TITLE), _d(Label.CONTENT), _d(Label.CONTENT), _d(Label.BYLINE)]
    texts = ["Drum Roll Please", "Give it up to the administration, which has outdone itself this year.",
             "More of the same is promised for next year, by all accounts.", "posted by Chris @ 8:50 AM"]
    for n in range(3):
        decisions += [_d(Label.CONTENT), _d(Label.CONTENT), _d(Label.BYLINE)]
        texts += [f"Statements Everywhere {n}", "More news on the signing statement front today, and none of it good.",
                  "posted by Chris @ 9:10 AM"]
    words = [len(t.split()) * 1.0 for t in texts]
    words[1] = 60.0
    assert comment_streams(decisions, 0, words, texts) == {}
    # The same lines without headlines are a thread.
    no_heads = [t if not t.startswith("Statements") else "I agree, and said so at the time." for t in texts]
    assert comment_streams(decisions, 0, words, no_heads)


def test_a_comments_heading_opens_the_thread_below_the_post():
    # Blogger: the post's date line, the post, "3 comments:", then name lines with replies between them.
    heading = Decision(Label.COMMENT, "en/comment-heading", 0.95, fixed=True)
    decisions = [_d(Label.TITLE), _d(Label.CONTENT), _d(Label.BYLINE), _d(Label.CONTENT), heading]
    for _ in range(3):
        decisions += [_d(Label.COMMENT), _d(Label.CONTENT)]
    words = [5, 60, 4, 120, 2] + [3, 20] * 3
    thread = comment_streams(decisions, 0, words, heading_ids=frozenset({"en/comment-heading"}))
    assert 3 not in thread  # the post itself
    assert sorted(thread) == [6, 8, 10]  # the replies; the name lines are comments already


def _feats(words: list) -> list:
    import math
    return [{"words": w, "log_words": math.log1p(w)} for w in words]


def test_a_page_left_empty_gets_back_its_densest_run_of_article_text():
    from toolkit.context import rescued_article
    # Menus, then three paragraphs the first pass read as article text, then a footer;
    # the passes with context called everything boilerplate.
    first = [0.1, 0.1, 0.9, 0.8, 0.7, 0.1]
    words = [6, 5, 40, 35, 30, 8]
    decisions = [_d(Label.NAVIGATION)] * 2 + [_d(Label.RELATED)] * 3 + [_d(Label.LEGAL)]
    assert rescued_article(decisions, first, _feats(words), None) == [2, 3, 4]


def test_a_page_that_kept_its_article_is_left_alone():
    from toolkit.context import rescued_article
    first = [0.1, 0.9, 0.8, 0.7, 0.1]
    words = [6, 40, 35, 30, 8]
    # A short article the passes kept: the long run after it (comments) is not restored.
    decisions = [_d(Label.NAVIGATION), _d(Label.CONTENT)] + [_d(Label.COMMENT)] * 2 + [_d(Label.LEGAL)]
    assert rescued_article(decisions, first, _feats(words), None) == []


def test_rule_decided_blocks_are_never_rescued():
    from toolkit.context import rescued_article
    first = [0.9, 0.9, 0.9]
    words = [40, 40, 40]
    fixed = Decision(Label.COOKIE, "en/cookie-banner", 0.95, fixed=True)
    decisions = [_d(Label.RELATED), fixed, _d(Label.RELATED)]
    assert rescued_article(decisions, first, _feats(words), None) == [0, 2]


RELEASE = ARTICLE + [
    "The operator expects the first of the two new boats to enter service in May, with the second following "
    "in the autumn once crews have finished their training on the new hybrid engines.",
]


def test_a_press_release_tail_is_left_out_as_legal():
    about = ("Harbourline Ferries operates passenger and vehicle services between the mainland and four islands, "
             "carrying 2.1 million passengers a year on a fleet of eleven vessels.")
    page = "\n\n".join(RELEASE + ["About Harbourline Ferries", about,
                                  "Media contact: Jo Evans, +44 1632 960 000, press@harbourline.example",
                                  "Share: Facebook | X | Email", "© 2026 Harbourline Ferries"])
    blocks = _labels(page)
    for paragraph in RELEASE[1:]:
        assert blocks[paragraph].kept
    for text in ("About Harbourline Ferries", about):
        assert blocks[text].label == "legal" and blocks[text].rule == "context.press-boilerplate", blocks[text]


def test_a_forward_looking_heading_takes_its_paragraph_into_the_tail():
    about = ("Harbourline Ferries operates passenger and vehicle services between the mainland and four islands, "
             "carrying 2.1 million passengers a year on a fleet of eleven vessels.")
    # Worded so that the models read it as article text: the heading carries it into the tail.
    statement = ("Statements in this announcement about the delivery of the new vessels, crew training and passenger "
                 "growth are based on what the company expects today and involve risks, including shipyard delays "
                 "and fuel costs, that could make actual results differ.")
    page = "\n\n".join(RELEASE + ["About Harbourline Ferries", about, "Forward-Looking Statements", statement,
                                  "Share: Facebook | X | Email", "© 2026 Harbourline Ferries"])
    blocks = _labels(page)
    for paragraph in RELEASE[1:]:
        assert blocks[paragraph].kept
    for text in ("About Harbourline Ferries", about, "Forward-Looking Statements", statement):
        assert blocks[text].label == "legal", (text, blocks[text])


def test_an_about_section_inside_a_job_advert_stays_in_it():
    about = ("Harbourline Ferries operates passenger and vehicle services between the mainland and four islands, "
             "carrying 2.1 million passengers a year on a fleet of eleven vessels.")
    apply = ("To apply, send a CV and a covering letter to the crewing office by 30 April. Interviews will take "
             "place in the second week of May at the harbour office, and successful candidates start in June.")
    page = "\n\n".join(RELEASE + ["About Harbourline Ferries", about, "How to apply", apply,
                                  "© 2026 Harbourline Ferries"])
    blocks = _labels(page)
    assert blocks[apply].kept
    assert blocks[about].rule != "context.press-boilerplate"


def test_a_menu_shaped_line_heading_rows_of_figures_is_a_table_header():
    from toolkit.context import table_headers
    texts = ["Home | News | Sport | Contact",
             "Team | Opponent | Competition | Result",
             "Year 7 football | Highbridge Academy | District league | Won 3-1",
             "Year 8 netball | Wellsmoor School | County Cup | Won 14-11"]
    nav = Decision(Label.NAVIGATION, "en/nav-menu-line", 0.95, fixed=True)
    # The site menu above is followed by another menu-shaped line, not by rows: it stays a menu.
    assert table_headers([nav, nav, None, None], texts) == [1]


def test_a_menu_over_lines_of_another_shape_stays_a_menu():
    from toolkit.context import table_headers
    texts = ["Home | News | Sport | Contact", "Sport | Football", "Kestrel City won 3-1 on Saturday."]
    nav = Decision(Label.NAVIGATION, "en/nav-menu-line", 0.95, fixed=True)
    assert table_headers([nav, nav, None], texts) == []


def test_a_table_header_split_into_its_own_block_goes_with_its_rows():
    rows = ["Team | Opponent | Competition | Result",
            "Year 7 football (boys) | Highbridge Academy | District league | Won 3-1",
            "Year 8 netball | Wellsmoor School | County Cup semi-final | Won 14-11",
            "Year 9 rugby | King Alfred's | Friendly | Lost 12-24"]
    page = "\n\n".join(ARTICLE + ["Results"] + rows + ["© 2026 Combe Ridge Academy"])
    blocks = _labels(page)
    assert blocks[rows[0]].rule != "en/nav-menu-line"
    assert len({blocks[row].kept for row in rows}) == 1, [blocks[row] for row in rows]


def _heading(label: Label, rule: str) -> Decision:
    return Decision(label, rule, 0.95, "heading rule", fixed=True)


def test_a_comments_link_above_a_story_of_short_paragraphs_opens_no_region():
    # "comments" above the headline, then a story whose paragraphs are short
    # (25 words each, none long enough alone to end a region): together they
    # are article text, and the region stops where they begin.
    decisions = [_heading(Label.COMMENT, "en/comment-heading")] + [_d(Label.CONTENT)] * 5
    words = [1, 25, 25, 25, 25, 25]
    regions = heading_regions(decisions, frozenset({"en/comment-heading"}), None, words, [0.0] + [0.8] * 5)
    assert regions == {}


def test_a_comments_heading_after_the_article_still_takes_the_thread():
    decisions = [_d(Label.CONTENT)] * 2 + [_heading(Label.COMMENT, "en/comment-heading")] + [_d(Label.CONTENT)] * 3
    words = [60, 60, 1, 25, 25, 25]
    regions = heading_regions(decisions, frozenset({"en/comment-heading"}), None, words, [0.9] * 6)
    assert regions == {3: Label.COMMENT, 4: Label.COMMENT, 5: Label.COMMENT}


def test_a_related_heading_still_takes_teasers_written_as_sentences():
    # Only a comments region measures a run: teasers under "Related" are each short.
    decisions = [_d(Label.CONTENT)] + [_heading(Label.RELATED, "en/related-heading")] + [_d(Label.CONTENT)] * 3
    words = [20, 1, 20, 20, 20]
    regions = heading_regions(decisions, frozenset({"en/related-heading"}), None, words, [0.9] * 5)
    assert regions == {2: Label.RELATED, 3: Label.RELATED, 4: Label.RELATED}


def test_a_tables_data_source_is_withdrawn_from_the_byline_rule():
    from toolkit.context import table_sources
    texts = ["Cohort | Apprentices | Completed",
             "2024 | 52 | 31",
             "2025 | 64 | 40",
             "Source: Harbury Food Council"]
    byline = Decision(Label.BYLINE, "en/byline-source-date", 0.95, fixed=True)
    assert table_sources([None, None, None, byline], texts) == [3]
    # Under a headline, the same line is the article's byline and stays the rule's.
    assert table_sources([None, None, byline], ["Ferry timetable changes", "Harbury wins the cup", "Source: Harbury Food Council"]) == []


def test_a_header_row_decided_apart_from_its_rows_follows_them():
    from toolkit.context import table_header_rows
    texts = ["Team | Opponent | Result", "Year 7 | Highbridge | Won 3-1", "Year 8 | Wellsmoor | Won 14-11"]
    kept, dropped = _d(Label.CONTENT), Decision(Label.NAVIGATION, "model.second", 0.7)
    assert table_header_rows([dropped, kept, kept], texts) == {0: 1}
    # Rows that disagree among themselves leave the header alone.
    assert table_header_rows([dropped, kept, dropped], texts) == {}

"""The markup's containers as context: which element holds the article."""
import pytest

import toolkit
from toolkit.containers import container_features
from toolkit.html import html_blocks


def test_plain_text_gets_no_container_features():
    assert container_features([(), ()], [0.9, 0.1], [40, 3]) == [{}, {}]


def test_the_element_holding_the_paragraphs_is_the_best_container():
    # body=1; nav=2 with three links; article=3 with three paragraphs; footer=4 with one line
    ancestries = [(1, 2), (1, 2), (1, 2), (1, 3), (1, 3), (1, 3), (1, 4)]
    probs = [0.1, 0.2, 0.1, 0.9, 0.8, 0.95, 0.2]
    words = [1, 1, 2, 60, 45, 80, 6]
    f = container_features(ancestries, probs, words)
    assert all("c_in_best" in x for x in f[3:6])
    assert all("c_out_best" in x for x in f[:3] + f[6:])
    # A menu link's siblings are menu links; a paragraph's are paragraphs.
    assert f[0]["c_siblings"] < 0.2 and f[3]["c_siblings"] > 0.8
    # The footer line's nearest element with other blocks is the <body>: the six others' words, weighted.
    others = sum(p * w for p, w in zip(probs[:6], words[:6])) / sum(words[:6])
    assert f[6] == {"c_out_best": 1.0, "c_siblings": pytest.approx(others), "c_siblings_n": pytest.approx(0.6)}
    assert f[3]["c_best_share"] == pytest.approx((0.9 * 60 + 0.8 * 45 + 0.95 * 80) / sum(p * max(w, 1) for p, w in zip(probs, words)))


def test_a_page_with_nothing_article_like_has_no_best_container():
    f = container_features([(1, 2), (1, 2)], [0.1, 0.2], [3, 4])
    assert not any("c_in_best" in x or "c_out_best" in x for x in f)
    assert f[0]["c_siblings"] == pytest.approx(0.2)


def test_a_block_alone_in_its_elements():
    f = container_features([(1,), (2,)], [0.9, 0.1], [50, 3])
    assert f[0]["c_alone"] == 1.0 and f[0]["c_in_best"] == 1.0
    assert f[1] == {"c_out_best": 1.0, "c_alone": 1.0}


def test_html_pages_get_container_features_in_the_second_pass():
    from toolkit.classify import page_vectors
    from toolkit.cleaner import Cleaner
    from toolkit.page import build_page

    flat = html_blocks("""<body><nav><p><a href="/">Home</a></p><p><a href="/w">World</a></p></nav>
      <article><p>The council voted on Tuesday to turn the old rail yard into a park, ending a debate
      that had lasted for more than a decade and divided the town.</p>
      <p>Work is expected to begin next spring, and the first paths should open by the summer after.</p></article>
      </body>""")
    cleaner = Cleaner()
    page = build_page(flat.text, evidence=flat.blocks)
    vectors = page_vectors(page, cleaner.rules, cleaner.html_models, "en", cleaner.heading_ids)
    assert [("c_in_best" in c) for c in vectors.context] == [False, False, True, True]
    text_page = build_page(flat.text)
    vectors = page_vectors(text_page, cleaner.rules, cleaner.models, "en", cleaner.heading_ids)
    assert not any(k.startswith("c_") for c in vectors.context for k in c)

"""Whatever the input: blocks are conserved, in order, and the article is the kept blocks."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.blocks import split_blocks
from toolkit.decode import normalise_newlines

WORDS = st.sampled_from([
    "Home", "News", "Top News", "Editor:LI Na", "浏览器", "版本过低", "继续浏览", "相关新闻", "Source:", "|", ">",
    "The", "report", "said", "on", "Tuesday.", "记者", "张伟", "。", "，", "2026-05-27", "\u00a0", "\u200b", "é",
])
LINE = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=12).map(" ".join)
PAGE = st.lists(st.one_of(LINE, st.just(""), st.just("  "), st.just("\u00a0")), max_size=30).map("\n".join)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r"])


def _expected_blocks(text):
    return split_blocks(normalise_newlines(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE, SEPARATORS)
def test_blocks_conserved_and_article_is_kept_blocks(page, newline):
    page = page.replace("\n", newline)
    result = toolkit.clean(page)
    assert [b.text for b in result.blocks] == _expected_blocks(page)
    assert [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert result.article == "\n\n".join(b.text for b in result.blocks if b.kept)
    flat = [i for ix in result.leftovers.values() for i in ix]
    assert sorted(flat) == [b.index for b in result.blocks if not b.kept]


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_keeps_every_character_of_every_block(text):
    result = toolkit.clean(text)
    joined = "".join(b.text for b in result.blocks)
    body = normalise_newlines(text)
    assert "".join(body.split()) == "".join(joined.split())

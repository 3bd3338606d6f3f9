"""What must hold for any page, whatever it holds: shared by the property
tests (tests/test_properties_hostile.py, tests/test_determinism.py) and the
fuzzer (fuzz/fuzz_clean.py).

``check_result(text, result)`` takes the text the toolkit should have read
(a str page with its line endings normalised, or the decoded bytes) and the
Result, and asserts:

- blocks: exactly ``split_blocks(text)``, indexed 0..n-1 in order;
- independently of split_blocks: each block is a verbatim, trimmed,
  non-empty slice of the text, the blocks follow each other in order, and
  only white space (with at least one line break) stands between them and
  around them: every other character is in exactly one block;
- article: the kept blocks joined by a blank line;
- leftovers: every left-over block index exactly once, under its label;
- labels: kept blocks are title/content, left-overs are boilerplate labels;
  at most one title (``check_title``: ``result.title`` is its text);
- scores in [0, 1]; the JSON form round-trips.
"""
from __future__ import annotations

import json

from toolkit.blocks import split_blocks
from toolkit.labels import LABEL_VALUES

KEPT_LABELS = frozenset({"title", "content"})
LEFTOVER_LABELS = LABEL_VALUES - KEPT_LABELS


def check_blocks_cover(text: str, blocks: list[str]) -> None:
    """Every non-white-space character of ``text`` is in exactly one block, in order."""
    cursor = 0
    for k, block in enumerate(blocks):
        assert block, f"block {k} is empty"
        assert block == block.strip(), f"block {k} is not trimmed: {block[:40]!r}"
        pos = text.find(block, cursor)
        assert pos >= 0, f"block {k} is not a verbatim slice of the page after offset {cursor}: {block[:40]!r}"
        gap = text[cursor:pos]
        assert gap == "" or gap.isspace(), f"non-space characters before block {k} are in no block: {gap[:40]!r}"
        if k:
            assert "\n" in gap, f"blocks {k - 1} and {k} are not on separate lines"
        cursor = pos + len(block)
    tail = text[cursor:]
    assert tail == "" or tail.isspace(), f"non-space characters after the last block are in no block: {tail[:40]!r}"
    # The same count, independently of positions: no character is dropped or doubled.
    assert "".join(text.split()) == "".join("".join(b.split()) for b in blocks)


def check_result(text: str | None, result) -> None:
    """Assert every invariant of ``result``, the Result of cleaning ``text`` (already decoded).

    ``text=None`` skips the comparisons with the page's text (a page read as
    HTML has blocks of its own) and checks the Result's own consistency.
    """
    texts = [b.text for b in result.blocks]
    if text is not None:
        assert texts == split_blocks(text), "blocks differ from split_blocks(normalised text)"
        check_blocks_cover(text, texts)
    assert all(t and t == t.strip() for t in texts), "an empty or untrimmed block"
    assert [b.index for b in result.blocks] == list(range(len(result.blocks))), "block indexes are not 0..n-1"
    assert result.article == "\n\n".join(b.text for b in result.blocks if b.kept), "article is not the kept blocks"

    leftovers = result.leftovers
    flat = [i for indexes in leftovers.values() for i in indexes]
    assert sorted(flat) == [b.index for b in result.blocks if not b.kept], "leftovers do not index each left-over once"
    assert len(flat) == len(set(flat)), "a left-over index is listed twice"
    for label, indexes in leftovers.items():
        assert all(result.blocks[i].label == label for i in indexes), f"leftovers[{label!r}] holds another label"
        assert indexes == sorted(indexes), f"leftovers[{label!r}] not in page order"

    assert sum(b.label == "title" for b in result.blocks) <= 1, "more than one title block"
    for b in result.blocks:
        assert (b.label in KEPT_LABELS) if b.kept else (b.label in LEFTOVER_LABELS), f"kept {b.kept} with label {b.label}"
        assert 0.0 <= b.score <= 1.0, f"score {b.score} out of [0, 1]"
        assert isinstance(b.lang, str) and b.lang, f"lang {b.lang!r}"
    data = result.to_dict()
    assert json.loads(to_json(result)) == data, "JSON form does not round-trip"
    assert data["article"] == result.article and data["leftovers"] == leftovers, "to_dict disagrees with the Result"
    assert [b["text"] for b in data["blocks"]] == texts, "to_dict blocks differ"


def to_json(result) -> str:
    """The JSON form, ASCII-escaped so any str (even a lone surrogate) serialises."""
    return json.dumps(result.to_dict(), sort_keys=False)


def cli_line(result, rid: str = "r") -> bytes:
    """A result as `toolkit clean --jsonl` writes it (UTF-8, not escaped)."""
    return (json.dumps({"id": rid, **result.to_dict()}, ensure_ascii=False) + "\n").encode("utf-8")


def check_title(result) -> None:
    """``result.title`` is the text of the block labelled title, or None when no block is.

    Kept apart from check_result: it fails today (a title found on a page in
    another language is relabelled other-language but still reported; see
    test_title_is_the_block_labelled_title in tests/test_properties_hostile.py).
    """
    titles = [b for b in result.blocks if b.label == "title"]
    assert result.title == (titles[0].text if titles else None), (
        f"result.title is not the text of the block labelled title: title {result.title!r:.60}, "
        f"labels {[b.label for b in result.blocks][:8]}")

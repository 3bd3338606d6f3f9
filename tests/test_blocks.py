from toolkit.blocks import split_blocks


def test_blank_lines_split_blocks_and_inner_lines_stay():
    assert split_blocks("A\n\nB\nC\n\n\nD") == ["A", "B\nC", "D"]


def test_whitespace_only_lines_are_blank():
    assert split_blocks("A\n \u00a0\t\nB\n\u3000\nC") == ["A", "B", "C"]


def test_page_without_blank_lines_splits_per_line():
    assert split_blocks("Home\nTitle\nFirst paragraph.\n") == ["Home", "Title", "First paragraph."]


def test_blocks_are_trimmed_not_altered():
    assert split_blocks("  A  b  \n\n\tC\t") == ["A  b", "C"]


def test_empty_page_has_no_blocks():
    assert split_blocks("") == [] and split_blocks("\n \n") == []

"""Split a page's text into blocks: runs of non-blank lines.

A line holding only white space (spaces, NBSP, ideographic space) is blank.
A page without any blank line is split one block per line, since scrapers
that drop blank lines still end each paragraph with a newline.
"""
from __future__ import annotations


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def split_blocks(text: str) -> list[str]:
    """Return the page's blocks in order, each trimmed of surrounding white space.

    >>> split_blocks("Title\\n\\nPara one\\nstill one\\n \\nPara two")
    ['Title', 'Para one\\nstill one', 'Para two']
    >>> split_blocks("one\\ntwo\\nthree")
    ['one', 'two', 'three']
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if not _is_blank(line)]
    if not filled:
        return []
    inner = lines[filled[0]:filled[-1] + 1]
    if all(not _is_blank(line) for line in inner):
        # No blank line separates anything: one block per line.
        return [line.strip() for line in inner]
    blocks: list[str] = []
    run: list[str] = []
    for line in lines:
        if _is_blank(line):
            if run:
                blocks.append("\n".join(run).strip())
                run = []
        else:
            run.append(line)
    if run:
        blocks.append("\n".join(run).strip())
    return blocks

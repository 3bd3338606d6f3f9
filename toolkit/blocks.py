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


# A block of a text view that merged a menu, teasers and the article into one
# run of lines (a flattener that left no blank line between elements) is cut
# where its lines change kind: runs of short lines (menus, buttons) and runs
# of longer ones (paragraphs) become blocks of their own. What makes
# a block "merged": many lines, at least two of them prose and several of them
# short furniture (menu items, buttons), and neither program text nor a
# hard-wrapped paragraph, whose lines must stay together. A widget of a few
# lines (a cookie banner with its buttons, a comment form) stays one block.
# Measured on the public text views (shared/bench/*-text, mean F1): zh-cwced
# 0.827 -> 0.838, l3s-gn1 0.849 -> 0.858, aeb 0.801 -> 0.803, dragnet 0.818 ->
# 0.819, wcxb 0.801 -> 0.801, cleaneval 0.890 -> 0.886 (long documents whose
# headings and paragraphs then stand apart). One block per line instead did
# worse on cleaneval (0.884) and l3s-gn1 (0.854); splitting every multi-line
# block of such a page did worse on dragnet; from six lines up, gold widgets broke.
_MIN_LINES = 10
_MIN_PROSE = 2
_MIN_SHORT = 4
_PROSE_WORDS = 12        # a Latin line of prose holds at least this many words
_PROSE_HAN = 25          # ... a Chinese one at least this many Han characters
_SHORT_WORDS = 4         # a short line: at most this many words
_SHORT_HAN = 10          # ... and at most this many Han characters
_WRAPS_ALLOWED = 1       # more continuation lines than this: a wrapped paragraph


def _measure(line: str) -> tuple[int, int]:
    """(words, Han characters) of a line; a line of Han text counts as one word."""
    han = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    words = len(line.split())
    return (words - 1 if han else words), han


def _is_prose(words: int, han: int) -> bool:
    return words >= _PROSE_WORDS or han >= _PROSE_HAN


def _is_short(words: int, han: int) -> bool:
    return words <= _SHORT_WORDS and han <= _SHORT_HAN


def _continues(prev: str, line: str) -> bool:
    """``line`` carries on the sentence of ``prev`` (a hard line wrap)."""
    head = line.lstrip()[:1]
    return bool(head) and head.islower() and prev.rstrip()[-1:] not in ".!?:;\"'”)"


def _merged_lines(text: str) -> list[tuple[str, bool]] | None:
    """The non-blank lines of a merged block, each with whether it is short; None if not merged."""
    if text.count("\n") < _MIN_LINES - 1:
        return None
    lines = [line for line in text.split("\n") if line.strip()]
    sizes = [_measure(line) for line in lines]
    if sum(1 for w, h in sizes if _is_prose(w, h)) < _MIN_PROSE:
        return None
    if sum(1 for w, h in sizes if _is_short(w, h)) < _MIN_SHORT:
        return None
    if sum(1 for prev, line in zip(lines, lines[1:]) if _continues(prev, line)) > _WRAPS_ALLOWED:
        return None
    from .language import looks_like_code  # here, not at import: blocks.py loads no regex module

    if looks_like_code(text):
        return None
    return [(line, _is_short(w, h)) for line, (w, h) in zip(lines, sizes)]


def is_merged(text: str) -> bool:
    """A block that several elements were flattened into without blank lines.

    >>> menu = "Home\\nNews\\nSport\\nBusiness\\nWeather\\nContact\\n"
    >>> story = ("A storm closed the harbour on Tuesday as waves of up to six metres broke over the wall.\\n"
    ...          "Ferries to the islands will not sail before Thursday, the port authority said in a statement.\\n")
    >>> is_merged(menu + story + "Share\\nPrint")
    True
    >>> is_merged("1. Call to order\\n2. Minutes\\n3. Budget\\n4. Public comment\\n5. Reports\\n6. Adjourn")
    False
    """
    return _merged_lines(text) is not None


def split_merged(blocks: list[str]) -> list[str]:
    """The blocks, each merged one (:func:`is_merged`) cut where its lines change kind.

    A run of short lines (a menu, a row of buttons) becomes one block and a
    run of longer lines (the article's paragraphs, a headline) another, so
    that the classifier meets the shapes it knows from ordinary pages.

    >>> parts = split_merged(["Title", "Home\\nNews\\nSport\\nBusiness\\nWeather\\nContact\\n"
    ...     "A storm closed the harbour on Tuesday as waves of up to six metres broke over the wall.\\n"
    ...     "Ferries to the islands will not sail before Thursday, the port authority said.\\nShare\\nPrint"])
    >>> [part.split("\\n")[0] for part in parts], [part.count("\\n") + 1 for part in parts]
    (['Title', 'Home', 'A storm closed the harbour on Tuesday as waves of up to six metres broke over the wall.', 'Share'], [1, 6, 2, 2])
    """
    out: list[str] = []
    for block in blocks:
        lines = _merged_lines(block)
        if lines is None:
            out.append(block)
            continue
        run: list[str] = []
        short = None
        for line, kind in lines:
            if run and kind != short:
                out.append("\n".join(run).strip())
                run = []
            run.append(line)
            short = kind
        out.append("\n".join(run).strip())
    return out

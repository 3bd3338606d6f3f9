"""Title and metadata of a page, from its blocks and the first-pass decisions.

The headline is the short block that opens the article: what the byline
and the first paragraphs follow, what a breadcrumb often ends with, what is
written like a headline (no closing full stop, one line). Metadata comes
from the blocks labelled byline or credit (and the lines that are both,
such as a dateline credit), parsed by :mod:`toolkit.credits`.
"""
from __future__ import annotations

import regex

from .credits import parse_credits
from .decision import Decision
from .labels import Label
from .page import Page

_TITLE_MAX = {"zh": 60, "ja": 60, "ko": 80}
_TITLE_MAX_DEFAULT = 200
_ENDS_WITH_STOP = regex.compile(r"[.。;；,，:：]\s*$")
_SEARCH_WINDOW = 40
_META_LABELS = (Label.BYLINE, Label.CREDIT)


def find_title(page: Page, decisions: list[Decision], features: list[dict], target: str) -> int | None:
    """Index of the headline block, or None when no block reads as one."""
    blocks = page.blocks
    n = len(blocks)
    best, best_score = None, 0.0
    limit = min(n, _SEARCH_WINDOW)
    for i in range(limit):
        block, d = blocks[i], decisions[i]
        if d.fixed and d.label is not Label.NAVIGATION:
            continue
        text = block.text
        if "\n" in text or len(text) < 4 or len(text) > _TITLE_MAX.get(block.lang, _TITLE_MAX_DEFAULT):
            continue
        if d.fixed:  # a breadcrumb is never the title itself
            continue
        if _ENDS_WITH_STOP.search(text):
            continue
        score = 1.0
        following = _next_labels(decisions, i, 3)
        if Label.BYLINE in following[:2]:
            score += 3
        if i > 0 and decisions[i - 1].label is Label.BYLINE:
            score += 2
        if any(f["words"] >= 15 and decisions[j].label is Label.CONTENT
               for j, f in ((j, features[j]) for j in range(i + 1, min(n, i + 4)))):
            score += 2
        if _in_breadcrumb(text, page, decisions, i):
            score += 3
        if block.lang != target and block.lang != "und":
            score -= 4
        if features[i]["sentences"] > 0.2:
            score -= 1.5
        if features[i]["words"] < 2:
            score -= 2
        score += 0.5 * features[i]["capitalised"] if block.lang == "en" else 0
        score -= 0.03 * i
        if _repeated_later(text, page, i):
            score -= 0.5  # a sticky header repeats the headline lower down... prefer the first copy near the byline
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 2.5 else None


def _next_labels(decisions: list[Decision], i: int, k: int) -> list[Label]:
    return [d.label for d in decisions[i + 1:i + 1 + k]]


def _in_breadcrumb(text: str, page: Page, decisions: list[Decision], i: int) -> bool:
    key = " ".join(text.split()).casefold()
    for j in range(0, min(i + 3, len(decisions))):
        if j != i and decisions[j].label is Label.NAVIGATION:
            crumb = " ".join(page.blocks[j].text.split()).casefold()
            if len(key) >= 8 and key in crumb:
                return True
    return False


def _repeated_later(text: str, page: Page, i: int) -> bool:
    return any(b.text == text for b in page.blocks[i + 1:])


def collect_metadata(page: Page, decisions: list[Decision]) -> dict:
    """Metadata fields with the index of the block each came from.

    Returns ``{"source": ("Xinhua", 2), ...}``; the first block to state a
    field wins, as a reader takes the byline over a later repeat.
    """
    found: dict = {}
    for block, d in zip(page.blocks, decisions):
        if d.label not in _META_LABELS:
            continue
        for key, value in parse_credits(block.text).items():
            found.setdefault(key, (value, block.index))
    return found

"""Decide every block: rules first, then features, then context.

Pass 1 gives each block a decision: the winning rule's label (fixed: later
passes leave it alone) or, where no rule speaks, the content model's verdict
from the block's features. Pass 2 revises the undecided blocks in context,
the way a reader does: the blocks under a "Top News" heading are teasers
however fluent they are; a line caught between two parts of a browser
notice belongs to the notice; what stands before the headline is page
furniture, and what follows the article's closing credit is not article.
Every pass builds new decisions; none mutates the first pass's.
"""
from __future__ import annotations

import math

from .decision import Decision
from .features import block_features
from .labels import Label
from .model import ContentModel
from .page import Block, Page
from .rules import RuleSet

# Labels that close an article when they follow its body.
_CLOSERS = frozenset({Label.CREDIT, Label.LEGAL, Label.COMMENT})
# How many undecided blocks a notice or menu may enclose.
_SANDWICH_MAX = 3


def first_pass(page: Page, rules: RuleSet, model: ContentModel) -> tuple[list[Decision], list[dict]]:
    decisions, features = [], []
    for block in page.blocks:
        feats = block_features(block, page.total)
        features.append(feats)
        hits = rules.matches(block, page)
        if hits:
            win = hits[0]
            losers = tuple(f"{h.rule.id} ({h.rule.label})" for h in hits[1:])
            decisions.append(Decision(win.rule.label, win.rule.id, win.rule.score, win.evidence,
                                      fixed=True, losers=losers))
            continue
        p = model.probability(feats)
        if p >= 0.5:
            decisions.append(Decision(Label.CONTENT, model.name, round(p, 3), model.explain(feats)))
        else:
            decisions.append(Decision(_furniture_label(block, feats), model.name, round(1 - p, 3), model.explain(feats)))
    return decisions, features


def _furniture_label(block: Block, feats: dict) -> Label:
    """The likeliest boilerplate label for a block no rule named."""
    if feats["separators"] > 0 or feats["lines"] > 0.1:
        return Label.NAVIGATION
    return Label.UI


def in_context(page: Page, decisions: list[Decision], features: list[dict], title_index: int | None,
               heading_ids: frozenset) -> list[Decision]:
    out = list(decisions)
    n = len(out)
    # A notice, menu or footer that encloses a few undecided lines owns them.
    for i in range(n):
        if out[i].fixed or out[i].label is Label.TITLE:
            continue
        before = _nearest_fixed(out, i, -1)
        after = _nearest_fixed(out, i, +1)
        if before is None or after is None or after - before - 1 > _SANDWICH_MAX:
            continue
        label = out[before].label
        if label is out[after].label and not label.kept and label is not Label.RELATED:
            out[i] = out[i].revised(label, "context.enclosed", 0.8,
                                    f"between blocks {before} and {after}, both {label}")
    # A heading ("Top News", "相关新闻") opens a region of its label below it.
    for i in range(n):
        if not (out[i].fixed and out[i].rule in heading_ids):
            continue
        if title_index is not None and i < title_index:
            continue  # a sidebar above the article
        label = out[i].label
        j = i + 1
        while j < n and (not out[j].fixed or out[j].label is label) and out[j].label is not Label.TITLE:
            if not out[j].fixed:
                out[j] = out[j].revised(label, "context.heading-region", 0.85,
                                        f"under the heading at block {i}")
            j += 1
    # Before the headline: page furniture, unless it reads as the article.
    if title_index is not None:
        for i in range(title_index):
            if not out[i].fixed and out[i].label is Label.CONTENT and out[i].score < 0.9:
                out[i] = out[i].revised(_furniture_label(page.blocks[i], features[i]), "context.before-title",
                                        0.7, "above the headline")
    # After the article's closing credit or footer: not article any more.
    end = _article_end(out, title_index)
    if end is not None:
        for i in range(end + 1, n):
            if not out[i].fixed and out[i].label is Label.CONTENT:
                label = Label.RELATED if features[i]["words"] >= 6 else _furniture_label(page.blocks[i], features[i])
                out[i] = out[i].revised(label, "context.after-article", 0.7,
                                        f"after the article ended at block {end}")
    return out


def _nearest_fixed(decisions: list[Decision], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(decisions):
        if decisions[j].fixed:
            return j
        j += step
    return None


def _article_end(decisions: list[Decision], title_index: int | None) -> int | None:
    """The first closing credit, footer or comment block after some article content."""
    start = title_index if title_index is not None else 0
    seen_content = False
    for i in range(start, len(decisions)):
        d = decisions[i]
        if d.label is Label.CONTENT:
            seen_content = True
        elif seen_content and d.fixed and d.label in _CLOSERS:
            # A credit is followed by more article only in odd layouts; look
            # ahead: if long content resumes within two blocks, it is not the end.
            return i
    return None


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))

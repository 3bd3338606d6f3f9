"""Decide every block: rules first, then two learned passes, then context.

1. Rules: a matching rule's label is fixed; later passes leave it alone.
2. First pass: P(article text) from the block's own features.
3. The headline is found among the blocks the first pass keeps.
4. Second pass: P(article text) again, now with the block's surroundings
   (neighbours' first-pass scores, the densest run of article-like text,
   position against the headline, heading regions, the closing credit).
   A block it leaves out gets the likeliest boilerplate label.
5. Context overrides that hold on any site: a line enclosed by one notice
   belongs to it; the blocks under a "Top News" heading are its teasers.

Every pass builds new decisions; none mutates the first one's.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .containers import container_features
from .context import (comment_streams, context_features, densest_run, heading_regions, press_boilerplate,
                      repeated_blocks, rescued_article, rule_features, table_header_rows, table_headers,
                      table_sources)
from .decision import Decision
from .features import block_features
from .labels import Label
from .language import in_target_language
from .metadata import find_title
from .model import Models
from .page import Page
from .rules import RuleSet

_BOW_MAX_WORDS = 60  # cross-validated: label accuracy 0.856 at 12 words, 0.872 at 30, 0.877 at 60
_WORDS = regex.compile(r"\p{Latin}{2,}|\p{Han}")


def bag_of_words(text: str) -> set:
    """Lower-cased Latin words and Han characters of a short block."""
    return {w.lower() for w in _WORDS.findall(text)}


# Labels a heading region may overwrite: what a list of teaser links is
# mistaken for when read without its heading.
_REGION_YIELDS = frozenset({Label.NAVIGATION, Label.UI, Label.RELATED})
_COMMENT_REGION_TAKES = _REGION_YIELDS | {Label.CONTENT, Label.BYLINE}

_NOT_OTHER_LANGUAGE = frozenset({Label.OTHER_LANGUAGE.value})

# How many undecided blocks a notice, menu or footer may enclose.
_ENCLOSED_MAX = 3


@dataclass
class PageVectors:
    """What the passes computed for one page: shared by cleaning and training."""

    fixed: list  # Decision for rule-decided blocks, None elsewhere
    features: list  # block features
    first: list  # first-pass P(article text); 1/0 for rule-decided blocks
    title_index: int | None
    context: list  # context features


def rule_pass(page: Page, rules: RuleSet) -> list[Decision | None]:
    out = []
    for block in page.blocks:
        hits = rules.matches(block, page)
        if hits:
            win = hits[0]
            losers = tuple(f"{h.rule.id} ({h.rule.label})" for h in hits[1:])
            out.append(Decision(win.rule.label, win.rule.id, win.rule.score, win.evidence, fixed=True, losers=losers))
        else:
            out.append(None)
    texts = [b.text for b in page.blocks]
    for i in table_headers(out, texts):
        out[i] = None  # a table's header row, not a menu: the models decide it with its rows
    for i in table_sources(out, texts):
        out[i] = None  # a table's data source, not the article's: decided with the table
    return out


def provisional(fixed: list, probs: list) -> list[Decision]:
    """Decisions from the rules and a first-pass score, for the passes that need neighbours."""
    return [d if d is not None else Decision(Label.CONTENT if p >= 0.5 else Label.UI, "first-pass", p)
            for d, p in zip(fixed, probs)]


def page_vectors(page: Page, rules: RuleSet, models: Models | None, target: str, heading_ids: frozenset,
                 first_probs: list | None = None) -> PageVectors:
    fixed = rule_pass(page, rules)
    evidence = page.evidence or (None,) * len(page.blocks)
    features = [block_features(b, page.total, target, e) for b, e in zip(page.blocks, evidence)]
    if first_probs is None:
        first_probs = [(1.0 if d.kept else 0.0) if d is not None else models.first.probability(f)
                       for d, f in zip(fixed, features)]
    decisions = provisional(fixed, first_probs)
    span = densest_run(first_probs, features)
    title_index = find_title(page, decisions, features, target, models.title if models else None,
                             span[0] if span else None)
    context = context_features(features, first_probs, decisions, title_index, heading_ids,
                               [b.text for b in page.blocks])
    if page.evidence is not None:
        ancestries = [e.ancestry for e in page.evidence]
        for f, extra in zip(context, container_features(ancestries, first_probs, [f["words"] for f in features])):
            f.update(extra)
    return PageVectors(fixed, features, first_probs, title_index, context)


def second_pass_input(vectors: PageVectors, i: int) -> dict:
    return {**vectors.features[i], **vectors.context[i]}


def label_input(vectors: PageVectors, i: int, text: str = "") -> dict:
    x = {**vectors.features[i], **vectors.context[i], **rule_features(vectors.fixed[i])}
    if vectors.features[i]["words"] <= _BOW_MAX_WORDS:
        # Short boilerplate is named by its words ("Subscribe", "分享", "Reply"):
        # the label model sees them; rare ones never reach its weights.
        for word in bag_of_words(text):
            x["bow:" + word] = 1.0
    return x


def classify(page: Page, rules: RuleSet, models: Models, target: str,
             heading_ids: frozenset) -> tuple[list[Decision], int | None]:
    vectors = page_vectors(page, rules, models, target, heading_ids)
    inputs = [second_pass_input(vectors, i) if d is None else None for i, d in enumerate(vectors.fixed)]
    probs = [models.second.probability(x) if x is not None else (1.0 if d.kept else 0.0)
             for x, d in zip(inputs, vectors.fixed)]
    decisions: list[Decision] = []
    for i, d in enumerate(vectors.fixed):
        if d is not None:
            decisions.append(d)
            continue
        x, p = inputs[i], probs[i]
        first_label = Label.CONTENT if vectors.first[i] >= 0.5 else None
        if p >= 0.5:
            decisions.append(Decision(Label.CONTENT, models.second.name, round(p, 3), models.second.explain(x),
                                      initial=None if first_label else Label.UI))
        else:
            # "Another language" cannot name a block in the target language or in none (code).
            block = page.blocks[i]
            impossible = _NOT_OTHER_LANGUAGE if in_target_language(block.lang, block.counts, target) else frozenset()
            label, confidence = models.labels.best(label_input(vectors, i, block.text), impossible)
            decisions.append(Decision(Label(label), models.second.name, round(1 - p, 3),
                                      f"{models.second.explain(x)}; label by {models.labels.name} p={confidence:.2f}",
                                      initial=first_label))
    title_index = vectors.title_index
    if title_index is not None:
        decisions[title_index] = decisions[title_index].revised(
            Label.TITLE, "heuristic.headline", 0.9, "short headline-shaped block that opens the article")
    words = [f["words"] for f in vectors.features]
    texts = [b.text for b in page.blocks]
    in_target = [in_target_language(b.lang, b.counts, target) for b in page.blocks]
    decisions = in_context(decisions, title_index, heading_ids, words, texts, in_target, vectors.first)
    for i, first in repeated_blocks(decisions, texts).items():
        decisions[i] = decisions[i].revised(Label.UI, "context.repeated", 0.9,
                                            f"repeats block {first} word for word (a second template of the page)")
    for i in rescued_article(decisions, vectors.first, vectors.features, title_index):
        decisions[i] = decisions[i].revised(Label.CONTENT, "context.rescued", round(vectors.first[i], 3),
                                            "the page kept almost nothing: the densest run of article-like text is the article")
    return decisions, title_index


def in_context(decisions: list[Decision], title_index: int | None, heading_ids: frozenset,
               words: list | None = None, texts: list[str] | None = None,
               in_target: list[bool] | None = None, first: list | None = None) -> list[Decision]:
    out = list(decisions)
    n = len(out)
    prev_fixed, next_fixed = _fixed_neighbours(out)
    for i in range(n):
        if out[i].fixed or out[i].label is Label.TITLE:
            continue
        before, after = prev_fixed[i], next_fixed[i]
        if before is None or after is None or after - before - 1 > _ENCLOSED_MAX:
            continue
        label = out[before].label
        if out[i].kept and out[i].score >= 0.2:
            continue  # the model reads it as article text: a notice does not swallow a paragraph
        if label is out[after].label and not label.kept and label is not Label.RELATED:
            out[i] = out[i].revised(label, "context.enclosed", 0.8, f"between blocks {before} and {after}, both {label}")
    for i, label in heading_regions(out, heading_ids, title_index, words, first).items():
        # A region runs on to the next rule-decided block, which may be far
        # below: a newsletter box or a footer line the label model named
        # stays what it is; only the generic link-list labels give way.
        if out[i].label in _REGION_YIELDS or (label is Label.COMMENT and out[i].label in _COMMENT_REGION_TAKES):
            # Under a comments heading even fluent paragraphs are readers' comments;
            # a sign-up box, a cookie banner or a footer there stays what it is.
            out[i] = out[i].revised(label, "context.heading-region", 0.85, "under a section heading decided by a rule")
    if words is not None:
        for i, label in comment_streams(out, title_index, words, texts, heading_ids).items():
            out[i] = out[i].revised(label, "context.comment-stream", 0.8,
                                    "between repeated name-and-date lines after the article: a comment thread")
        for i in press_boilerplate(out, title_index, words, texts or [""] * n, in_target):
            out[i] = out[i].revised(Label.LEGAL, "context.press-boilerplate", 0.8,
                                    "the issuer's 'About ...' or media-contact block after a press release")
    if texts is not None:
        for i, row in table_header_rows(out, texts).items():
            out[i] = out[i].revised(out[row].label, "context.table-header", out[row].score,
                                    f"the header of the table whose rows start at block {row}")
    return out


def _fixed_neighbours(decisions: list[Decision]) -> tuple[list, list]:
    """For every block, the nearest rule-decided block before and after it (one pass each way)."""
    n = len(decisions)
    before, after = [None] * n, [None] * n
    last = None
    for i in range(n):
        before[i] = last
        if decisions[i].fixed:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        after[i] = last
        if decisions[i].fixed:
            last = i
    return before, after

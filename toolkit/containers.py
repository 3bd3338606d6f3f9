"""Context from the markup's containers: which element holds the article.

On an HTML page the article's paragraphs sit together in one element (an
``<article>``, a ``<div class="story">``) and the menus, teaser lists and
comments in others; readability and boilerpipe rest on that. With the first
pass's probabilities, each element gets a score: its blocks' words, counted
for the element when they read as article text and against it when they do
not. The best-scoring element is the article's container, the tree's
counterpart of :func:`toolkit.context.densest_run`. A block's features then
say whether it sits in that container, and how article-like the other
blocks of its own nearest container are (a menu item's siblings are menu
items, a paragraph's are paragraphs).

Blocks carry ``ancestry``, the page-wide numbers of the elements holding
them (:class:`toolkit.htmlparse.HtmlBlock`); a page without it (plain text)
gets no features from here.
"""
from __future__ import annotations

from collections import defaultdict


def container_features(ancestries: list[tuple[int, ...]], probs: list[float], words: list[float]) -> list[dict]:
    n = len(probs)
    if n == 0 or not any(ancestries):
        return [{} for _ in range(n)]
    gain: dict[int, float] = defaultdict(float)  # element -> article words minus other words under it
    mass: dict[int, float] = defaultdict(float)  # element -> article-like words under it
    weight: dict[int, float] = defaultdict(float)  # element -> words under it
    count: dict[int, int] = defaultdict(int)  # element -> blocks under it
    sizes = [max(w, 1.0) for w in words]  # a block of no words still counts as one
    total_mass = 0.0
    for anc, p, w in zip(ancestries, probs, sizes):
        g = (2.0 * p - 1.0) * w
        total_mass += p * w
        for node in anc:
            gain[node] += g
            mass[node] += p * w
            weight[node] += w
            count[node] += 1
    # The deepest best element wins a tie: <article> over the <body> holding
    # only it. Ancestries list outermost first, so a later element at equal
    # gain is deeper or a sibling's.
    best, best_gain = None, 0.0
    for node, g in gain.items():
        if g > best_gain or (best is not None and g == best_gain and node > best):
            best, best_gain = node, g
    best_share = mass[best] / total_mass if best is not None and total_mass else 0.0
    out = []
    for anc, p, w in zip(ancestries, probs, sizes):
        f: dict = {}
        if best is not None:
            if best in anc:
                f["c_in_best"] = 1.0
                # A best element holding a fifth of the article-like text is
                # weak evidence; one holding nearly all of it is strong.
                f["c_best_share"] = best_share
            else:
                f["c_out_best"] = 1.0
        for node in reversed(anc):
            if count[node] >= 2:
                # The nearest element holding other blocks: how article-like they are.
                others = weight[node] - w
                f["c_siblings"] = (mass[node] - p * w) / others if others > 0 else 0.0
                f["c_siblings_n"] = min(count[node] - 1, 10) / 10
                break
        else:
            f["c_alone"] = 1.0
        out.append(f)
    return out

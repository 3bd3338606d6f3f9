"""The block builder: one record per block, shared by pages and rule examples.

A :class:`Block` is made once, with its index, text, script and language,
and never loses its place. A :class:`Page` holds the blocks and segments a
block with jieba only when something asks for its tokens, so an English
page never loads jieba.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import split_blocks, split_merged
from .language import LanguageDetector, ScriptCounts, count_scripts, guess_language, page_prior
from .segment import Segmenter, shared_segmenter


@dataclass(frozen=True, slots=True)
class Block:
    index: int
    text: str
    counts: ScriptCounts
    lang: str
    lang_how: str
    script: str  # the dominant script (ScriptCounts.script), computed once

    @property
    def has_han(self) -> bool:
        return self.counts.han > 0


@dataclass(slots=True)
class Page:
    blocks: list[Block]
    total: int
    segmenter: Segmenter = field(default_factory=shared_segmenter)
    evidence: tuple | None = None  # toolkit.html.HtmlBlock per block, for a page that came as HTML
    _tokens: dict = field(default_factory=dict)

    def tokens(self, block: Block) -> list[str]:
        """jieba tokens of a block with Han characters; [] for any other block."""
        if not block.has_han:
            return []
        found = self._tokens.get(block.index)
        if found is None:
            found = self._tokens[block.index] = self.segmenter.cut(block.text)
        return found


def build_blocks(texts: list[str], detector: LanguageDetector | None = None, first_index: int = 0) -> list[Block]:
    """Annotate block texts with script and language, deciding open cases by the page."""
    counts = [count_scripts(text) for text in texts]
    guesses = [guess_language(text, c, detector) for text, c in zip(texts, counts)]
    prior = page_prior(guesses, texts, counts, detector)
    return [
        Block(first_index + i, text, c, g.lang or prior, g.how if g.lang else f"{g.how} ({prior})", c.script)
        for i, (text, c, g) in enumerate(zip(texts, counts, guesses))
    ]


def build_page(text: str, detector: LanguageDetector | None = None, segmenter: Segmenter | None = None,
               evidence=None) -> Page:
    texts = split_blocks(text)
    if evidence is None:
        # Text input only: an HTML page's blocks are its elements, joined to
        # their evidence by index, and are never merged this way.
        texts = split_merged(texts)
    blocks = build_blocks(texts, detector)
    if evidence is not None and len(evidence) != len(blocks):
        evidence = None  # cannot be joined by index: go on with the text alone
    return Page(blocks, len(blocks), segmenter or shared_segmenter(), tuple(evidence) if evidence is not None else None)


def build_example_page(text: str, index: int = 0, total: int = 1, segmenter: Segmenter | None = None) -> Page:
    """A page holding one block at a given position: how rule examples are run."""
    block = build_blocks([text], first_index=index)[0]
    return Page([block], max(total, index + 1), segmenter or shared_segmenter())

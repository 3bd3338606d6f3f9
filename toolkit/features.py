"""Numbers that describe one block, for the classifier and for ``explain``.

Chinese is counted the way readers count it: by Han characters (a word is
about 1.5 of them), with full-width punctuation in every density, and a
stop-word share computed over Han characters (function characters such as
的 了 是 在) rather than over white-space words, which Chinese has none of.
"""
from __future__ import annotations

import math

import regex

from .language import CHARS_PER_WORD_HAN
from .page import Block

_LATIN_WORD = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)?")
_SENTENCE_END = regex.compile(r"[.!?。！？](?=[\s\"'”’)）」』]|$)")
_CLAUSE = regex.compile(r"[,，、;；:：]")
_SEPARATORS = regex.compile(r"\s[|/·•»›>]\s|[|»›]|>>|\s>\s?|\s-\s")
_DIGIT = regex.compile(r"\p{Nd}")
_ENDS_SENTENCE = regex.compile(r"[.!?。！？…][\"'”’)）」』]*\s*$")

EN_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being
    it its it's this that these those he she they we you i his her their our your my me him them us
    has have had do does did will would can could should may might must not no so than then there
    here which who whom whose what when where why how all any some more most other such into over
    after before about up out if also just only very said says""".split()
)
# Function characters of written Chinese: frequent in prose, rare in menus,
# headlines and notices.
ZH_FUNCTION_CHARS = frozenset("的了是在和也就都而及与着或之其被从对为以于将把这那有个们我他她它不没还又但并且即向由给让")


def block_features(block: Block, page_total: int) -> dict[str, float]:
    text = block.text
    counts = block.counts
    latin_words = _LATIN_WORD.findall(text) if counts.latin else []
    words = counts.han / CHARS_PER_WORD_HAN + len(latin_words) + counts.kana / CHARS_PER_WORD_HAN + counts.hangul / 2.5 + counts.cyrillic_words + counts.other_words
    chars = max(1, len(text))
    if counts.han >= len(latin_words):
        stop = sum(ch in ZH_FUNCTION_CHARS for ch in text) / max(1, counts.han)
    else:
        stop = sum(w.lower() in EN_STOPWORDS for w in latin_words) / max(1, len(latin_words))
    capitalised = sum(w[0].isupper() for w in latin_words) / len(latin_words) if latin_words else 0.0
    sentences = len(_SENTENCE_END.findall(text))
    return {
        "log_words": math.log1p(words),
        "words": words,
        "stop": stop,
        "sentences": min(sentences, 5) / 5,
        "clauses": min(len(_CLAUSE.findall(text)), 10) / 10,
        "ends_sentence": 1.0 if _ENDS_SENTENCE.search(text) else 0.0,
        "separators": min(len(_SEPARATORS.findall(text)), 6) / 6,
        "digits": len(_DIGIT.findall(text)) / chars,
        "capitalised": capitalised,
        "lines": min(text.count("\n") + 1, 10) / 10,
        "position": block.index / max(1, page_total - 1),
        "han_share": counts.han / max(1, counts.letters),
    }

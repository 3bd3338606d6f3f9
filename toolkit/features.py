"""Numbers that describe one block, for the classifier and for ``explain``.

Chinese is counted the way readers count it: by Han characters (a word is
about 1.5 of them), with full-width punctuation in every density, and a
stop-word share computed over Han characters (function characters such as
的 了 是 在) rather than over white-space words, which Chinese has none of.
"""
from __future__ import annotations

import math

import regex

from .credits import parse_credits
from .language import CHARS_PER_WORD_HAN
from .page import Block

_LATIN_WORD = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)?")
_SENTENCE_END = regex.compile(r"[.!?。！？](?=[\s\"'”’)）」』]|$)")
_CLAUSE = regex.compile(r"[,，、;；:：]")
_SEPARATORS = regex.compile(r"\s[|/·•»›>]\s|[|»›]|>>|\s>\s?|\s-\s")
_DIGIT = regex.compile(r"\p{Nd}")
_ENDS_SENTENCE = regex.compile(r"[.!?。！？…][\"'”’)）」』]*\s*$")
_COPYRIGHT = regex.compile(r"©|\(c\)|(?i:copyright|all\s+rights\s+reserved)|版权所有|版權所有")
_ADDRESS = regex.compile(r"(?i:https?://|www\.|@\w+\.\w)")
# Words of the practical information an article about a place or an event
# ends with (hours, tickets, venue, how to get there): that tail is the
# article's, though its short digit-heavy lines look like a footer.
_PRACTICAL = regex.compile(
    r"(?i:\b(?:opening\s+(?:hours|times)|open\s+(?:daily|from)|admission|tickets?|fares?|venue|getting\s+there|how\s+to\s+get"
    r"|closed\s+on|free\s+entry|free\s+of\s+charge|booking|reservations?|registration|check-in)\b)"
    r"|开放时间|開放時間|营业时间|營業時間|门票|門票|票价|票價|展期|展览时间|展覽時間|活动时间|活動時間|活动地点|活動地點|报名|報名|预约|預約|交通[:：]"
    r"|讲座信息|講座資訊|主讲人|主講人|地点[:：]|地點[:：]")

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

_WORD_BINS = (2, 4, 8, 16, 32, 64)
_PER_SCRIPT = ("log_words", "stop", "sentences", "clauses", "ends_sentence", "words_per_line")
_FIELDS_MAX_CHARS = 200  # bylines and credits are short; prose is not parsed for fields
_STOP_BINS = (0.05, 0.15, 0.25, 0.35)


def _bin(name: str, value: float, edges: tuple) -> str:
    for edge in edges:
        if value < edge:
            return f"{name}<{edge}"
    return f"{name}>={edges[-1]}"


_HTML_TAGS = frozenset({"p", "li", "ul", "ol", "td", "tr", "table", "div", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6",
                        "figcaption", "blockquote", "pre", "form", "button", "label", "dd", "dt", "section", "article"})


def html_features(evidence) -> dict[str, float]:
    """What the markup says of a block: link share, heading, landmarks, class/id words."""
    f = {"html": 1.0, "h_link": evidence.link_share}
    if evidence.link_share >= 0.5:
        f["h_mostly_link"] = 1.0
    if evidence.heading:
        f["h_heading"] = 1.0
        f[f"h_h{min(evidence.heading, 4)}"] = 1.0
    for name in ("in_article", "in_main", "in_aside", "in_nav", "in_footer", "in_header"):
        if getattr(evidence, name):
            f["h_" + name] = 1.0
    for token in evidence.tokens:
        f["h_tok:" + token] = 1.0
    if evidence.tag in _HTML_TAGS:
        f["h_tag:" + evidence.tag] = 1.0
    return f


def block_features(block: Block, page_total: int, target: str = "en", evidence=None) -> dict[str, float]:
    """The block's own features, by name (a sparse vector: absent means 0)."""
    text = block.text
    counts = block.counts
    latin_words = _LATIN_WORD.findall(text) if counts.latin else []
    words = (counts.han + counts.kana) / CHARS_PER_WORD_HAN + len(latin_words) + counts.hangul / 2.5 \
        + counts.cyrillic_words + counts.other_words
    chars = max(1, len(text))
    if counts.han >= len(latin_words):
        stop = sum(ch in ZH_FUNCTION_CHARS for ch in text) / max(1, counts.han)
    else:
        stop = sum(w.lower() in EN_STOPWORDS for w in latin_words) / max(1, len(latin_words))
    lines = text.count("\n") + 1
    sentences = len(_SENTENCE_END.findall(text))
    position = block.index / max(1, page_total - 1)
    f = {
        "bias": 1.0,
        "log_words": math.log1p(words),
        _bin("w", words, _WORD_BINS): 1.0,
        "stop": stop,
        _bin("s", stop, _STOP_BINS): 1.0,
        "sentences": min(sentences, 5) / 5,
        "ends_sentence": 1.0 if _ENDS_SENTENCE.search(text) else 0.0,
        "clauses": min(1.0, len(_CLAUSE.findall(text)) / max(1.0, words)),
        "separators": min(len(_SEPARATORS.findall(text)), 6) / 6,
        "digits": len(_DIGIT.findall(text)) / chars,
        "capitalised": sum(w[0].isupper() for w in latin_words) / len(latin_words) if latin_words else 0.0,
        "log_lines": math.log(lines),
        "words_per_line": math.log1p(words / lines),
        "han_share": counts.han / max(1, counts.letters),
        "target_lang": 1.0 if block.lang == target else 0.0,
        "no_letters": 1.0 if block.lang == "und" and block.lang_how != "code" else 0.0,
        "code": 1.0 if block.lang_how == "code" else 0.0,
        "position": position,
        "first_tenth": 1.0 if position < 0.1 else 0.0,
        "last_tenth": 1.0 if position > 0.9 else 0.0,
        "copyright": 1.0 if _COPYRIGHT.search(text) else 0.0,
        "address": 1.0 if _ADDRESS.search(text) else 0.0,
        "practical": 1.0 if _PRACTICAL.search(text) else 0.0,
    }
    # Thresholds differ per writing system (a Chinese paragraph has no
    # white-space words and other function words): the same measures again,
    # per script, so the model can learn each its own.
    family = "han" if block.script == "Han" else "latin" if block.script == "Latin" else "other"
    for key in _PER_SCRIPT:
        f[f"{key}@{family}"] = f[key]
    if len(text) <= _FIELDS_MAX_CHARS:
        fields = parse_credits(text)
        if fields:
            f["fields"] = min(3, len(fields)) / 3
            if "published" in fields:
                f["field_date"] = 1.0
            if fields.keys() - {"published", "source"}:
                f["field_name"] = 1.0
    if evidence is not None:
        f.update(html_features(evidence))
    f["words"] = words  # kept for context passes and explain; not a model input by itself
    return f

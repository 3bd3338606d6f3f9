"""Script and language of each block.

Script decides first (shares of Han, Latin, kana, hangul letters, counted
with the ``regex`` module); langdetect is asked only where the script leaves
the answer open: Latin or other alphabetic blocks with enough letters once
pinyin names are set aside. langdetect is unreliable on short text (it calls
``Editor:QI Liming`` Albanian) and on Han text (it calls a short Chinese
line Korean), so it never sees either. Short Latin blocks take the language
of the page's long Latin blocks ("Home" on a German page is German), and
English when the page has none.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

import regex

# One pass over the letters: each run is counted under its script.
_LETTER_RUNS = regex.compile(
    r"(\p{Han}+)|(\p{Latin}+)|([\p{Hiragana}\p{Katakana}]+)|(\p{Hangul}+)|(\p{Cyrillic}+)|(\p{L}+)"
)
# Scripts are compared in words: a Chinese word is about 1.5 Han characters,
# a Korean one about 2.5 syllables; alphabets count their runs of letters.
# That keeps "华为发布Mate 80系列手机" and "支持iPhone、iPad和Android设备"
# Chinese and "the hukou (户口) system" English.
CHARS_PER_WORD_HAN = 1.5
CHARS_PER_WORD_HANGUL = 2.5

# Pinyin syllables, so that "Zhang Zhilin" or "QI Liming" are read as names,
# not as evidence of Vietnamese, Indonesian or Albanian.
_PINYIN_WORD = regex.compile(
    r"(?i:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|ü)){1,3}"
)
_LATIN_WORD = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)?")

# Words that occur in English prose and hardly anywhere else; with enough of
# them a block is English without asking langdetect (most English paragraphs).
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the and of to is are was were that this with for from by has have had will would
    which who whom whose their they them its it's been being not but or at said than
    more about into after over also we our you your he she his her can all there these
    those what when how if up out it be were should could may might must been such
    between through during before against because while where why i my me us""".split()
)

# Script-only answers for alphabets that belong to one main language here.
_SCRIPT_DEFAULT_LANG = {"Cyrillic": "ru"}

_LANGDETECT_MIN_LETTERS = 25
_LANGDETECT_MIN_WORDS = 4
_LANGDETECT_MIN_PROB = 0.80
_LANGDETECT_SAMPLE = 400


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """Letters of a block counted per script."""

    han: int = 0
    latin: int = 0
    kana: int = 0
    hangul: int = 0
    cyrillic: int = 0
    other: int = 0
    latin_words: int = 0
    cyrillic_words: int = 0
    other_words: int = 0

    @property
    def letters(self) -> int:
        return self.han + self.latin + self.kana + self.hangul + self.cyrillic + self.other

    @property
    def script(self) -> str:
        """The dominant script: Han, Latin, Kana, Hangul, Cyrillic, Other, or None."""
        if not self.letters:
            return "None"
        weighted = {
            "Han": self.han / CHARS_PER_WORD_HAN,
            "Kana": self.kana / CHARS_PER_WORD_HAN,
            "Hangul": self.hangul / CHARS_PER_WORD_HANGUL,
            "Latin": self.latin_words,
            "Cyrillic": self.cyrillic_words,
            "Other": self.other_words,
        }
        # Japanese writes with kanji and kana together: both count as Kana
        # once kana are a real share of the CJK letters (a fifth: a Chinese
        # paragraph quoting a Japanese phrase stays Chinese).
        if self.kana and self.kana >= 0.2 * (self.han + self.kana):
            weighted["Kana"] += weighted.pop("Han")
        return max(weighted, key=weighted.get)


# Addresses carry letters but no language: a URL alone is `und`.
_ADDRESSES = regex.compile(
    r"(?i:https?://|www\.)[^\s<>\"'，。]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|cn|gov|edu|io|uk|hk|tw)\b(?:/[^\s]*)?"
)


_WORD_SLOT = {2: 6, 5: 7, 6: 8}  # latin, cyrillic, other runs -> their word counts


def count_scripts(text: str) -> ScriptCounts:
    counts = [0] * 9
    if "." in text or "@" in text:
        text = _ADDRESSES.sub(" ", text)
    for match in _LETTER_RUNS.finditer(text):
        group = match.lastindex
        counts[group - 1] += match.end() - match.start()
        if group in _WORD_SLOT:
            counts[_WORD_SLOT[group]] += 1
    return ScriptCounts(*counts)


class LanguageDetector:
    """Seeded langdetect, loaded on first need and shared by the process.

    ``calls`` counts how often langdetect actually ran: the point of the
    script-first design is to keep it near zero.
    """

    def __init__(self):
        self._factory = None
        self._lock = threading.Lock()
        self.calls = 0

    def _load(self):
        with self._lock:
            if self._factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.set_seed(0)  # langdetect is random unless seeded
                self._factory = factory
        return self._factory

    def detect(self, text: str) -> tuple[str, float] | None:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._load().create()
        # A few hundred characters decide a language; langdetect's cost
        # grows with the text it is given.
        detector.append(text[:_LANGDETECT_SAMPLE])
        self.calls += 1
        try:
            best = detector.get_probabilities()
        except LangDetectException:
            return None
        if not best:
            return None
        lang = best[0].lang.split("-")[0]
        return lang, best[0].prob


_DETECTOR = LanguageDetector()


def shared_detector() -> LanguageDetector:
    return _DETECTOR


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str | None  # None: to be settled by the page's prior
    how: str


def guess_language(text: str, counts: ScriptCounts, detector: LanguageDetector | None = None) -> LanguageGuess:
    """Decide a block's language from its script, or say it is open."""
    script = counts.script
    if script == "None":
        return LanguageGuess("und", "no letters")
    if script == "Han":
        return LanguageGuess("zh", "Han script")
    if script == "Kana":
        return LanguageGuess("ja", "kana")
    if script == "Hangul":
        return LanguageGuess("ko", "hangul")
    if script != "Latin":
        # Other alphabets (Arabic, Thai, Greek...) each name few languages,
        # so langdetect is reliable on them even when short.
        if script == "Other":
            found = (detector or _DETECTOR).detect(text)
            if found and found[1] >= _LANGDETECT_MIN_PROB:
                return LanguageGuess(found[0], f"langdetect {found[0]} p={found[1]:.2f}")
        if script in _SCRIPT_DEFAULT_LANG:
            return LanguageGuess(_SCRIPT_DEFAULT_LANG[script], f"{script} script")
        return LanguageGuess(None, f"{script} script: the page's language")
    if looks_like_code(text, kinds=3):
        # A listing whose comments are English prose is still code: on a
        # Chinese page it is the article's, not "other-language".
        return LanguageGuess("und", "code")
    words = [w for w in _LATIN_WORD.findall(text) if not _is_pinyin_name(w)]
    share = sum(w.lower() in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0
    if len(words) >= 3 and share >= 0.25:
        return LanguageGuess("en", f"English function words {share:.2f}")
    if share < 0.2 and looks_like_code(text):
        # Source code, a header or a JSON line is in no human language: it is
        # not "other-language" on a Chinese page, nor English on any page.
        return LanguageGuess("und", "code")
    # Only a block that shows signs of another language goes to langdetect;
    # the rest (headlines, names, menus) take the page's language.
    letters = sum(len(w) for w in words)
    if letters >= _LANGDETECT_MIN_LETTERS and len(words) >= _LANGDETECT_MIN_WORDS and _looks_foreign(words):
        found = (detector or _DETECTOR).detect(" ".join(words))
        if found and found[1] >= _LANGDETECT_MIN_PROB:
            return LanguageGuess(found[0], f"langdetect {found[0]} p={found[1]:.2f}")
    return LanguageGuess(None, "Latin text without a clear language: the page's language")


# Marks of program text, each a kind: two kinds make a block code.
_CODE_MARKS = (
    regex.compile(r"[{}]"),
    regex.compile(r"\w\([^()\n]*\)"),  # a call: f(x), not "(see below)"
    regex.compile(r"(?<![\s=!<>])=(?![\s=])|\s:=\s"),  # key=value, x := 1
    regex.compile(r";\s*$|;\s+\w+=", regex.M),
    regex.compile(r"==|!=|=>|->|&&|\|\|"),
    regex.compile(r"`"),
    regex.compile(r"^\s*(?:func|def|return|const|var|let|import|package|class|public|private|fn|#include)\b", regex.M),
    regex.compile(r"\"\w+\"\s*:"),  # a JSON key
    regex.compile(r"^(?: {4}|\t)\S", regex.M),  # an indented line
    regex.compile(r"^\s*(?://|/\*|\*/)", regex.M),  # a comment line
)


def looks_like_code(text: str, kinds: int = 2) -> bool:
    """Program text: at least ``kinds`` kinds of code marks (braces, calls, k=v, ...)."""
    found = 0
    for mark in _CODE_MARKS:
        if mark.search(text):
            found += 1
            if found >= kinds:
                return True
    return False


# Function words of the other languages written in Latin script that pages
# here carry most; one of them, or a letter English does not use, sends a
# block to langdetect.
_FOREIGN_FUNCTION_WORDS = frozenset(
    """de la le les des et est une du au aux pour dans sur avec qui que pas ce cette sont
    der die das und ist nicht mit von zu den dem ein eine auf für sich auch im
    el los las y por para con una del como más pero sus
    il di che per della dei delle gli sono non
    em os um uma não
    het een van op voor niet zijn
    och att är för som på av med
    og er til af
    và của là có những được cho với trong này người các""".split()
)
_NON_ENGLISH_LETTER = regex.compile(r"[^\x00-\x7F\p{Lm}]")


def _looks_foreign(words: list) -> bool:
    # Weighed against the English function words: "non", "per" or "au"
    # turn up in English too ("non-essential cookies", "per hour"), so one
    # of them among English words is no sign of another language.
    lowered = [w.lower() for w in words]
    foreign = sum(w in _FOREIGN_FUNCTION_WORDS for w in lowered)
    english = sum(w in _ENGLISH_FUNCTION_WORDS for w in lowered)
    accented = sum(1 for w in words if _NON_ENGLISH_LETTER.search(w) and not _is_pinyin_name(w))
    return foreign > english or accented >= 2


def _is_pinyin_name(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _ENGLISH_FUNCTION_WORDS and bool(_PINYIN_WORD.fullmatch(word))


def page_prior(guesses: list[LanguageGuess], texts: list[str], counts: list[ScriptCounts],
               detector: LanguageDetector | None = None, default: str = "en") -> str:
    """The language of the page's Latin-script text.

    The blocks already decided vote by length; when none is decided, one
    langdetect call on the page's undecided Latin text settles it.
    """
    votes: Counter = Counter()
    for guess, c in zip(guesses, counts):
        if guess.lang and guess.lang not in ("zh", "ja", "ko", "und"):
            votes[guess.lang] += c.letters
    if votes:
        return votes.most_common(1)[0][0]
    open_text = [t for g, t, c in zip(guesses, texts, counts) if g.lang is None and c.script == "Latin"]
    sample = " ".join(open_text)[:_LANGDETECT_SAMPLE]
    if len(sample) >= 2 * _LANGDETECT_MIN_LETTERS:
        found = (detector or _DETECTOR).detect(sample)
        if found and found[1] >= _LANGDETECT_MIN_PROB:
            return found[0]
    return default


# A heading or line printed in both languages ("Visitor Information / 参观信息")
# holds the target's text: it stays in the article.
_BILINGUAL_SHARE = 0.25  # 'Overview / 展览概述': one word against four characters


def in_target_language(lang: str, counts: ScriptCounts, target: str) -> bool:
    """Whether a block counts as the target language's text: in it, in none (code, figures), or in both scripts."""
    return lang in (target, "und") or holds_target(counts, target)


def holds_target(c: ScriptCounts, target: str) -> bool:
    """Whether a block in two scripts holds enough of the target language to stay in its article."""
    han_words = (c.han + c.kana) / CHARS_PER_WORD_HAN
    total = c.latin_words + han_words + c.hangul / 2.5 + c.cyrillic_words + c.other_words
    if not total:
        return False
    if target == "en" and c.han + c.kana + c.hangul:
        return c.latin_words >= 1 and c.latin_words / total >= _BILINGUAL_SHARE
    if target == "zh" and c.latin:
        return c.han >= 2 and han_words / total >= _BILINGUAL_SHARE
    return False

"""Necessary literals of a pattern: a cheap test that skips most regex searches.

Most rule patterns need some literal text to match ("cookie", "›", "版权").
If a block holds none of a pattern's necessary literals, the pattern cannot
match it, and ``str.__contains__`` says so far faster than the regex engine
(the idea of the literal prefilters in RE2 and Hyperscan).

:func:`necessary_literals` reads the pattern with the standard library's
parser and returns ``(needles, folded)``: every match contains one of the
``needles`` (in the case-folded text, :func:`fold`, when ``folded``), or
``None`` when the pattern promises no literal or the parser cannot read it.
The test only ever skips searches that would fail: tests/test_prefilter.py
checks this on every rule example and every gold block.
"""
from __future__ import annotations

import hashlib
import json
import re
import warnings
from pathlib import Path
from typing import Callable

try:  # Python 3.11+
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C
    import sre_parse as P

# Syntax only the regex module reads. Its Unicode properties widen to \w,
# which keeps the literals necessary (IN and CATEGORY items give none); nested
# sets and set operations change the structure, so those patterns get none.
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_V1_SET_OPS = re.compile(r"\[\[|--|&&|\|\||~~")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT) + ((C.POSSESSIVE_REPEAT,) if hasattr(C, "POSSESSIVE_REPEAT") else ())
_MAX_NEEDLES = 64  # the needles are looked for as one alternation: sre scans for their first characters


def necessary_literals(pattern: str, flags: int = re.VERBOSE) -> tuple[tuple[str, ...], bool] | None:
    if _V1_SET_OPS.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = P.parse(_PROPERTY.sub(r"\\w", pattern), flags)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None
    ignorecase = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed), ignorecase)
    if found is None:
        return None
    needles, folded = found
    # A needle holding another needle adds nothing: the shorter one is met first.
    kept = [n for n in needles if not any(m != n and m in n for m in needles)]
    return tuple(sorted(kept, key=lambda n: (-len(n), n))), folded  # longest first; ties in a fixed order


def _sequence(items, ignorecase: bool):
    """The best candidate among a sequence's items: a set of needles, one of which must occur."""
    candidates = []
    run: list[str] = []

    def close_run():
        if run:
            found = _cased({"".join(run)}, ignorecase)
            if found is not None:
                candidates.append(found)
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        found = _item(op, av, ignorecase)
        if found is not None:
            candidates.append(found)
    close_run()
    candidates = [(_few(c[0]), c[1]) for c in candidates if c[0]]
    candidates = [c for c in candidates if c[0] and len(c[0]) <= _MAX_NEEDLES]
    if not candidates:
        return None
    # The strongest: long shortest needle, then few needles.
    return max(candidates, key=lambda c: (min(len(n) for n in c[0]), -len(c[0])))


def _item(op, av, ignorecase: bool):
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        scoped = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(list(body), scoped)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignorecase)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body), ignorecase) if low >= 1 else None
    if op is C.ASSERT:  # a positive lookaround's text must be there too
        return _sequence(list(av[1]), ignorecase)
    if op is C.BRANCH:
        needles: set[str] = set()
        folds = set()
        for alternative in av[1]:
            found = _sequence(list(alternative), ignorecase)
            if found is None:
                return None  # one alternative needs no literal: the branch promises none
            needles |= found[0]
            folds.add(found[1])
        return _cased(needles, True in folds)
    if op is C.IN:
        chars = [chr(v) for o, v in av if o is C.LITERAL]
        if len(chars) == len(av) and chars:
            return _cased(set(chars), ignorecase)
    return None


def _few(needles: set) -> set:
    """Many needles, fewer and shorter: a needle's prefix is as necessary as the needle.

    分享到 | 分享至 | 分享给 ... become 分享; a Han prefix of two characters, or
    three letters elsewhere, is still rare in text that does not match.
    """
    if len(needles) <= _MAX_NEEDLES:
        return needles
    short = {n[:2] if _is_han(n[:1]) else n[:3] for n in needles}
    return {n for n in short if not any(m != n and m in n for m in short)}


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _cased(needles: set, ignorecase: bool):
    """Needles as compared: folded when case matters, none when folding is not safe."""
    if not ignorecase or all(n.lower() == n.upper() for n in needles):
        return needles, False  # caseless needles (Han, digits, marks) need no folding
    if not all(c.isascii() for n in needles for c in n if c.lower() != c.upper()):
        return None  # non-ASCII case rules (final sigma, full case folding) are the engine's
    # Caseless characters (Han beside "APP", say) fold to themselves.
    return {n.lower() for n in needles}, True


# Characters the engines match to an ASCII letter case-insensitively but that
# casefold() leaves alone or spells otherwise (Turkish dotless and dotted i).
_TO_ASCII = str.maketrans({"ı": "i", "İ": "i"})


def fold(text: str) -> str:
    """The text as folded needles are looked up in: every case-insensitive ASCII match survives."""
    return text.translate(_TO_ASCII).casefold()


_last_folded = ("", "")


def folded(text: str) -> str:
    """:func:`fold` of the text, remembered for the last text: every rule looks at the same block.

    The pair is read and replaced whole, so threads sharing a cleaner never
    get another text's fold."""
    global _last_folded
    last = _last_folded
    if last[0] is text:
        return last[1]
    pair = (text, fold(text))
    _last_folded = pair
    return pair[1]


def needle_finder(needles) -> Callable[[str], object]:
    """``finder(text)`` is truthy when the text holds one of the needles: one C-level scan for them all."""
    return re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True))).search


# The built-in patterns' literals, read once when the rules were last changed
# (`python -m toolkit.training` writes the table), so that a cold command line does not parse
# every pattern again. Keys are hashes of the pattern text: an edited pattern
# misses the table and is read afresh, never served stale literals.
LITERALS_TABLE = Path(__file__).parent / "data" / "prefilter-literals.json"
_table: dict | None = None


def pattern_key(pattern: str) -> str:
    return hashlib.sha1(pattern.encode("utf-8")).hexdigest()[:20]


def cached_literals(pattern: str) -> tuple[tuple[str, ...], bool] | None:
    """:func:`necessary_literals` of the pattern, from the shipped table when it is there."""
    global _table
    if _table is None:
        try:
            _table = json.loads(LITERALS_TABLE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _table = {}
    key = pattern_key(pattern)
    if key in _table:
        entry = _table[key]
        return None if entry is None else (tuple(entry[0]), bool(entry[1]))
    return necessary_literals(pattern)


def write_table(patterns) -> int:
    """Write the literals of the given patterns to the table; returns how many."""
    table = {}
    for pattern in patterns:
        found = necessary_literals(pattern)
        table[pattern_key(pattern)] = None if found is None else [list(found[0]), found[1]]
    LITERALS_TABLE.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    return len(table)


def builtin_patterns() -> list[str]:
    """The source of every regex_any pattern in the built-in rule packs."""
    from .rules import LazyPattern, builtin_pack, load_rules

    return [p.pattern for rule in load_rules([builtin_pack()]).rules for p in rule.regex_any
            if isinstance(p, LazyPattern)]

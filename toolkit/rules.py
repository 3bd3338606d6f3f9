"""Rule packs: TOML files, one rule each, that name boilerplate.

A rule may also keep a block (``label = "content"``, action "keep"): the
parts of an official notice that look like page furniture.

A pack is a directory; each ``*.rule.toml`` below it is one rule whose id is
its path under the pack root (``zh/browser-notice`` for
``zh/browser-notice.rule.toml``). Conditions under ``[match]`` must all hold.
The whole pack is validated when it loads, before any page is cleaned, and
every problem is reported as ``FILE:LINE: what is wrong``.

Precedence, when several rules match one block: the highest ``priority``
wins (default 0); at equal priority the rule from the pack given later wins
(a user's pack over the built-in one); then the lower ``max_chars`` (the
narrower rule); then the id, so the outcome never depends on file order.
"""
from __future__ import annotations

import re
import warnings

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import RuleError, RuleTimeoutError
from .labels import LABEL_VALUES, Label
from .page import Block, Page
from .prefilter import cached_literals, fold, folded, needle_finder

REGEX_FLAGS = regex.VERBOSE | regex.VERSION1
REGEX_TIMEOUT = 0.5  # seconds per block: a catastrophic pattern fails loudly instead of hanging

TOP_KEYS = {"id", "label", "action", "description", "priority", "score", "heading", "match", "example"}
MATCH_KEYS = {
    "script", "lang", "min_chars", "max_chars", "max_lines", "literal_any",
    "regex_any", "regex_none", "tokens_all", "tokens_none", "position",
}
POSITION_KEYS = {"region", "window"}
EXAMPLE_KEYS = {"expect", "text", "why", "rejected_by", "position"}
EXAMPLE_POSITION_KEYS = {"index", "total"}
EXPECTS = {"match", "no-match", "todo-match", "todo-no-match"}
SCRIPTS = {"Han", "Latin", "Kana", "Hangul", "Cyrillic", "Other", "None"}
# Conditions in the order they are checked; rejected_by names one of them.
CONDITIONS = ("script", "lang", "min_chars", "max_chars", "max_lines", "position", "literal_any",
              "regex_any", "regex_none", "tokens_all", "tokens_none")


@dataclass(frozen=True, slots=True)
class Example:
    expect: str
    text: str
    why: str = ""
    rejected_by: str | None = None
    index: int = 0
    total: int = 1
    line: int = 0


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: Label
    path: str
    description: str = ""
    priority: int = 0
    score: float = 0.95
    heading: bool = False  # the block opens a region of this label (a "Top News" box)
    pack_order: int = 0
    # Seconds a pattern may run on one block; None for the built-in pack,
    # whose patterns are ours and tested (a timeout costs ~2 µs a search).
    timeout: float | None = REGEX_TIMEOUT
    scripts: frozenset | None = None
    langs: frozenset | None = None
    min_chars: int | None = None
    max_chars: int | None = None
    max_lines: int | None = None
    region: str = "any"
    window: int = 0
    literal_any: tuple = ()  # lower-cased words, one of which must occur: a cheap gate before the patterns
    regex_any: tuple = ()
    regex_none: tuple = ()
    tokens_all: tuple = ()
    tokens_none: frozenset = frozenset()
    examples: tuple = ()


    def precedence(self) -> tuple:
        """Sort key: the smallest wins (see the module docstring)."""
        return (-self.priority, -self.pack_order, self.max_chars or 10**9, self.id)


@dataclass(frozen=True, slots=True)
class RuleMatch:
    rule: Rule
    evidence: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one rule fared on one block: a match, or the first failing condition."""

    matched: bool
    condition: str | None = None  # the failing condition when not matched
    evidence: str = ""


def evaluate(rule: Rule, block: Block, page: Page) -> Outcome:
    """Check the rule's conditions in order, stopping at the first that fails."""
    text = block.text
    if rule.scripts is not None and block.script not in rule.scripts:
        return Outcome(False, "script", f"script {block.script}")
    if rule.langs is not None and block.lang not in rule.langs:
        return Outcome(False, "lang", f"lang {block.lang}")
    if rule.min_chars is not None and len(text) < rule.min_chars:
        return Outcome(False, "min_chars", f"{len(text)} chars")
    if rule.max_chars is not None and len(text) > rule.max_chars:
        return Outcome(False, "max_chars", f"{len(text)} chars")
    if rule.max_lines is not None and text.count("\n") + 1 > rule.max_lines:
        return Outcome(False, "max_lines", f"{text.count(chr(10)) + 1} lines")
    if rule.region == "head" and block.index >= rule.window:
        return Outcome(False, "position", f"block {block.index} not in the first {rule.window}")
    if rule.region == "tail" and page.total - 1 - block.index >= rule.window:
        return Outcome(False, "position", f"block {block.index} not in the last {rule.window}")
    evidence = ""
    if rule.literal_any:
        folded = text.casefold()
        if not any(word in folded for word in rule.literal_any):
            return Outcome(False, "literal_any", "none of its words occurs")
    if rule.regex_any:
        found = _search_any(rule, rule.regex_any, text)
        if found is None:
            return Outcome(False, "regex_any", "no pattern matched")
        evidence = f"regex {found!r}"
    if rule.regex_none:
        found = _search_any(rule, rule.regex_none, text)
        if found is not None:
            return Outcome(False, "regex_none", f"excluded by {found!r}")
    if rule.tokens_all:
        # A token is a substring of its block: a group none of whose words
        # occurs in the text cannot be hit, and jieba need not run.
        for group in rule.tokens_all:
            if not any(word in text for word in group):
                return Outcome(False, "tokens_all", f"no token of {sorted(group)}")
    if rule.tokens_all or rule.tokens_none:
        tokens = set(page.tokens(block))
        for group in rule.tokens_all:
            if not tokens & group:
                return Outcome(False, "tokens_all", f"no token of {sorted(group)}")
        if tokens & rule.tokens_none:
            return Outcome(False, "tokens_none", f"excluded by {sorted(tokens & rule.tokens_none)}")
        if rule.tokens_all:
            hits = [sorted(tokens & group)[0] for group in rule.tokens_all]
            evidence = (evidence + "; " if evidence else "") + "tokens " + "+".join(hits)
    return Outcome(True, None, evidence or "conditions hold")


def _search_any(rule: Rule, patterns: tuple, text: str) -> str | None:
    for pattern in patterns:
        try:
            found = pattern.search(text, timeout=REGEX_TIMEOUT if rule.timeout is not None else None)
        except TimeoutError:
            raise RuleTimeoutError(
                f"{rule.path}: rule {rule.id}: pattern {pattern.pattern.strip()[:60]!r} ran over "
                f"{REGEX_TIMEOUT}s on a {len(text)}-character block (catastrophic backtracking?)"
            ) from None
        if found is not None:
            return found.group(0)[:80]
    return None


@dataclass
class RuleSet:
    """Loaded rules, indexed by the script they are gated on."""

    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self):
        self._gates: dict[str, tuple | None] = {}
        self._by_script: dict[str, list[Rule]] = {}
        self._needle_index: dict[str, NeedleIndex | None] = {}
        self._finders: dict[str, object] = {}  # each gate's own finder, where no automaton is built
        for script in SCRIPTS:
            rules = sorted((r for r in self.rules if r.scripts is None or script in r.scripts), key=Rule.precedence)
            self._by_script[script] = rules

    def __getstate__(self):
        # The automata are rebuilt where the rules are used (a worker builds its own).
        return {**self.__dict__, "_needle_index": {}}

    def candidates(self, block: Block) -> list[Rule]:
        """The rules whose literal gate the block passes, in precedence order.

        One Aho–Corasick scan of the block finds every needle of every gate
        at once (toolkit/prefilter.py says which literals a pattern needs);
        without pyahocorasick, each rule's gate is searched on its own."""
        script = block.script
        if script not in self._needle_index:
            self._needle_index[script] = NeedleIndex.build(self._by_script[script], self._gate)
        index = self._needle_index[script]
        rules = self._by_script[script]
        if index is None:
            text = block.text
            out = []
            for rule in rules:
                gate = self._gate(rule)
                if gate is None:
                    out.append(rule)
                    continue
                finder = self._finders.get(rule.id)
                if finder is None:
                    finder = self._finders[rule.id] = needle_finder(gate[0])
                if finder(folded(text) if gate[1] else text) is not None:
                    out.append(rule)
            return out
        return [rules[i] for i in index.hits(block.text)]

    def matches(self, block: Block, page: Page) -> list[RuleMatch]:
        """Every rule that matches the block, the winner first."""
        found = []
        text = block.text
        size = len(text)
        lines = text.count("\n") + 1
        for rule in self.candidates(block):
            # The cheap conditions inline, before evaluate() runs the patterns.
            if (rule.max_chars is not None and size > rule.max_chars) or (
                    rule.min_chars is not None and size < rule.min_chars) or (
                    rule.max_lines is not None and lines > rule.max_lines) or (
                    rule.langs is not None and block.lang not in rule.langs):
                continue
            outcome = evaluate(rule, block, page)
            if outcome.matched:
                found.append(RuleMatch(rule, outcome.evidence))
        return found

    def _gate(self, rule: Rule) -> tuple | None:
        """Literals one of which every match of the rule holds, and whether they are looked up in folded text."""
        if rule.id in self._gates:
            return self._gates[rule.id]
        gate = None
        if rule.regex_any and all(isinstance(p, LazyPattern) for p in rule.regex_any):
            found = [p.needles() for p in rule.regex_any]
            if all(needles for needles, _ in found):
                if any(fold_it for _, fold_it in found):
                    # Folding keeps a substring a substring, so case-sensitive needles join folded.
                    gate = frozenset(n if fold_it else fold(n) for needles, fold_it in found for n in needles), True
                else:
                    gate = frozenset(n for needles, _ in found for n in needles), False
        self._gates[rule.id] = gate
        return gate


class NeedleIndex:
    """Two Aho–Corasick automata over the gates' needles of one script's rules.

    Each needle maps to a bit mask of the rules (by position in precedence
    order) whose gate holds it; rules without a gate are always candidates.
    Folded needles are looked up in the folded text, the others in the text
    as it is, exactly as each rule's own gate would look them up."""

    __slots__ = ("always", "raw", "folded")

    def __init__(self, always: int, raw, folded_):
        self.always, self.raw, self.folded = always, raw, folded_

    @classmethod
    def build(cls, rules: list, gate_of) -> "NeedleIndex | None":
        try:
            import ahocorasick
        except ImportError:  # pragma: no cover - the dependency is declared; a build without it still works
            return None
        always = 0
        masks = ({}, {})  # raw, folded: needle -> bit mask of rules
        for position, rule in enumerate(rules):
            gate = gate_of(rule)
            if gate is None or not all(gate[0]):
                always |= 1 << position
                continue
            for needle in gate[0]:
                table = masks[1 if gate[1] else 0]
                table[needle] = table.get(needle, 0) | (1 << position)
        automata = []
        for table in masks:
            if not table:
                automata.append(None)
                continue
            automaton = ahocorasick.Automaton()
            for needle, mask in table.items():
                automaton.add_word(needle, mask)
            automaton.make_automaton()
            automata.append(automaton)
        return cls(always, automata[0], automata[1])

    def hits(self, text: str) -> list[int]:
        """Positions of the candidate rules, in order."""
        mask = self.always
        if self.raw is not None:
            for _end, bits in self.raw.iter(text):
                mask |= bits
        if self.folded is not None:
            for _end, bits in self.folded.iter(folded(text)):
                mask |= bits
        out = []
        while mask:
            low = mask & -mask
            out.append(low.bit_length() - 1)
            mask ^= low
        return out


# ---------------------------------------------------------------- loading


def builtin_pack() -> Path:
    """The rules shipped with the toolkit (inside the wheel, or the repo's rules/)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError([f"{here}: the built-in rule pack is missing (reinstall the toolkit)"])


def rule_files(pack: Path) -> list[Path]:
    return sorted(pack.rglob("*.rule.toml"))


def load_rules(packs: list, disable: frozenset = frozenset(), segmenter=None, check_builtin: bool = False) -> RuleSet:
    """Load and validate packs in order; later packs override earlier ones by id.

    Raises :class:`RuleError` listing every problem found, each as
    ``FILE:LINE: what is wrong``. The built-in pack's patterns are compiled
    on first use unless ``check_builtin`` (``toolkit rules check`` sets it).
    """
    problems: list[str] = []
    by_id: dict[str, Rule] = {}
    try:
        trusted = builtin_pack().resolve()
    except RuleError:
        trusted = None
    for order, pack in enumerate(packs):
        pack = Path(pack).resolve()
        if not pack.is_dir():
            problems.append(f"{pack}:0: not a directory of rule files")
            continue
        disable = disable | _pack_disables(pack, problems)
        for path in rule_files(pack):
            rule = parse_rule_file(path, pack, order, problems, segmenter, trusted=pack == trusted,
                                   lazy=pack == trusted and not check_builtin)
            if rule is not None:
                by_id[rule.id] = rule
    if problems:
        raise RuleError(problems)
    return RuleSet([r for r in by_id.values() if r.id not in disable])


def _pack_disables(pack: Path, problems: list) -> frozenset:
    """A pack's ``pack.toml`` may list built-in rule ids to switch off."""
    config = pack / "pack.toml"
    if not config.exists():
        return frozenset()
    raw = config.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{config}:{_toml_error_line(exc)}: TOML syntax: {exc}")
        return frozenset()
    unknown = set(data) - {"disable"}
    if unknown:
        problems.append(f"{config}:{_line_of(raw, sorted(unknown)[0])}: unknown key {sorted(unknown)[0]!r} (known: disable)")
    ids = data.get("disable", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(f"{config}:{_line_of(raw, 'disable')}: disable must be a list of rule ids")
        return frozenset()
    return frozenset(ids)


def parse_rule_file(path: Path, pack: Path, order: int, problems: list, segmenter=None,
                    trusted: bool = False, lazy: bool = False) -> Rule | None:
    """Parse one rule file; append its problems and return None when it has any."""
    before = len(problems)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}:0: cannot read the file: {exc}")
        return None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}:{_toml_error_line(exc)}: TOML syntax: {exc}")
        return None

    def bad(key, message, nth=0, section=None):
        problems.append(f"{path}:{_line_of(raw, key, nth, section)}: {message}")

    expected_id = path.relative_to(pack).as_posix().removesuffix(".rule.toml")
    for key in sorted(set(data) - TOP_KEYS):
        bad(key, f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})")
    rule_id = data.get("id")
    if rule_id != expected_id:
        bad("id", f"id must equal the path under the pack root: {expected_id!r}, not {rule_id!r}")
    label = data.get("label")
    if label not in LABEL_VALUES:
        bad("label", f"label {label!r} is not one of: {', '.join(sorted(LABEL_VALUES))}")
    action = data.get("action")
    if action is not None and label in LABEL_VALUES:
        wanted = "keep" if Label(label).kept else "drop"
        if action != wanted:
            bad("action", f"action {action!r} contradicts label {label!r} (which means {wanted!r})")
    priority = data.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        bad("priority", "priority must be an integer")
        priority = 0
    score = data.get("score", 0.95)
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        bad("score", "score must be a number in [0, 1]")
        score = 0.95

    heading = data.get("heading", False)
    if not isinstance(heading, bool):
        bad("heading", "heading must be true or false")
        heading = False

    match = data.get("match")
    conditions: dict = {}
    if not isinstance(match, dict) or not match:
        bad("match", "a rule needs a [match] table with at least one condition")
    else:
        conditions = _parse_match(match, raw, bad, segmenter, lazy=trusted and lazy)

    examples = _parse_examples(data.get("example"), raw, bad)
    if len(problems) > before:
        return None
    return Rule(
        id=rule_id, label=Label(label), path=str(path), description=str(data.get("description", "")).strip(),
        priority=priority, score=float(score), heading=heading, pack_order=order, examples=tuple(examples),
        timeout=None if trusted else REGEX_TIMEOUT, **conditions,
    )


class LazyPattern:
    """A pattern of the built-in pack, compiled on its first search.

    The regex module takes some milliseconds to compile a pattern, and a page
    seldom needs them all: the built-in pack loads without compiling, and its
    patterns are checked (compiled, no nested quantifier) by
    ``toolkit rules check`` in the test suite instead.

    Where a pattern means the same to the standard library's ``re``, that
    compiles it about four times faster, which is most of a cold start; the
    ``regex`` module keeps the rest (``\\p{Han}``, nested sets, ...).
    tests/test_rules.py checks that both engines agree on every example.

    Before searching, a block must hold one of the pattern's necessary
    literals (toolkit/prefilter.py): most blocks hold none, and a substring
    test is far cheaper than a failed search.
    """

    __slots__ = ("pattern", "_compiled", "_needles", "_folded", "_finder")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled = None

    def needles(self) -> tuple[tuple[str, ...], bool]:
        """The pattern's necessary literals and whether they are folded; ``()`` when none."""
        if not hasattr(self, "_needles"):
            found = cached_literals(self.pattern)
            self._needles, self._folded = found if found else ((), False)
        return self._needles, self._folded

    def search(self, text: str, timeout=None):
        # ``timeout`` mirrors regex's signature; built-in patterns run without one.
        if self._compiled is None:
            self._compiled = compile_builtin(self.pattern)
            needles = self.needles()[0]
            self._finder = needle_finder(needles) if needles else None
        if self._finder is not None and self._finder(folded(text) if self._folded else text) is None:
            return None
        return self._compiled.search(text)

    def __reduce__(self):  # pickles as its source: a worker compiles what it needs
        return (LazyPattern, (self.pattern,))


# What VERSION1 reads differently from ``re``: nested sets and set
# operations inside a character class (POSIX classes sit in nested sets).
_V1_ONLY = re.compile(r"\[\[|--|&&|\|\||~~")


def compile_builtin(pattern: str):
    """A trusted pattern, compiled by ``re`` when it means the same there."""
    if not _V1_ONLY.search(pattern):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # re warns about nested sets: take regex then
                return re.compile(pattern, re.VERBOSE)
        except (re.error, FutureWarning, DeprecationWarning):
            pass
    return regex.compile(pattern, REGEX_FLAGS)


def _parse_match(match: dict, raw: str, bad, segmenter, lazy: bool = False) -> dict:
    out: dict = {}
    for key in sorted(set(match) - MATCH_KEYS):
        bad(key, f"unknown condition {key!r} in [match] (known: {', '.join(sorted(MATCH_KEYS))})", section="match")
    for key, allowed in (("script", SCRIPTS), ("lang", None)):
        if key in match:
            values = match[key] if isinstance(match[key], list) else [match[key]]
            if not values or not all(isinstance(v, str) for v in values):
                bad(key, f"{key} must be a string or a list of strings")
            elif allowed and set(values) - allowed:
                bad(key, f"unknown script {sorted(set(values) - allowed)[0]!r} (known: {', '.join(sorted(allowed))})")
            else:
                out["scripts" if key == "script" else "langs"] = frozenset(values)
    for key in ("min_chars", "max_chars", "max_lines"):
        if key in match:
            value = match[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                bad(key, f"{key} must be a whole number >= 0")
            else:
                out[key] = value
    for key in ("regex_any", "regex_none"):
        if key in match:
            patterns = match[key] if isinstance(match[key], list) else [match[key]]
            compiled = []
            for pattern in patterns:
                if not isinstance(pattern, str):
                    bad(key, f"{key} holds strings, not {type(pattern).__name__}")
                    continue
                if lazy:
                    compiled.append(LazyPattern(pattern))
                    continue
                try:
                    compiled.append(regex.compile(pattern, REGEX_FLAGS))
                except regex.error as exc:
                    bad(key, f"{key}: pattern does not compile: {exc}")
                    continue
                nested = None if lazy else nested_quantifier(pattern)
                if nested:
                    bad(key, f"{key}: {nested!r} repeats a repeated item: it can backtrack for ever on a "
                             "near-miss (catastrophic backtracking); repeat the item once, e.g. 'a+' for '(a+)+'")
            out[key] = tuple(compiled)
    if "literal_any" in match:
        words = match["literal_any"]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            bad("literal_any", "literal_any must be a non-empty list of words")
        else:
            out["literal_any"] = tuple(w.casefold() for w in words)
    if "tokens_all" in match:
        groups = match["tokens_all"]
        if not isinstance(groups, list) or not groups or not all(
            isinstance(g, list) and g and all(isinstance(w, str) and w for w in g) for g in groups
        ):
            bad("tokens_all", "tokens_all must be a list of non-empty lists of words")
        else:
            _check_single_tokens([w for g in groups for w in g], "tokens_all", bad, segmenter)
            out["tokens_all"] = tuple(frozenset(g) for g in groups)
    if "tokens_none" in match:
        words = match["tokens_none"]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            bad("tokens_none", "tokens_none must be a list of words")
        else:
            _check_single_tokens(words, "tokens_none", bad, segmenter)
            out["tokens_none"] = frozenset(words)
    if "position" in match:
        position = match["position"]
        if not isinstance(position, dict):
            bad("position", "position must be a table: { region = 'head'|'tail'|'any', window = N }")
        else:
            for key in sorted(set(position) - POSITION_KEYS):
                bad(key, f"unknown key {key!r} in [match.position] (known: region, window)")
            region = position.get("region", "any")
            window = position.get("window", 0)
            if region not in ("head", "tail", "any"):
                bad("region", f"region must be head, tail or any, not {region!r}")
            elif region != "any" and (not isinstance(window, int) or isinstance(window, bool) or window < 1):
                bad("window", "window must be a whole number >= 1 for a head or tail region")
            else:
                out["region"], out["window"] = region, window
    return out


_UNBOUNDED = regex.compile(r"(?:[+*]|\{\d*,\})[?+]?")
_QUANTIFIER = regex.compile(r"(?:[+*?]|\{\d*(?:,\d*)?\})[?+]?")
_GROUP_OPENER = regex.compile(r"\?(?:P<\w+>|<\w+>|[:=!>|]|<[=!]|[a-zA-Z\-]+:)?")
_OPTIONAL_COUNT = regex.compile(r"\{0?,")


def nested_quantifier(pattern: str) -> str | None:
    """The first group like ``(a+)+`` or ``(\\w+\\s?)*``: an unbounded repeat of a
    group whose only required item is itself repeated without bound. Such a
    pattern tries exponentially many splits before it gives up on a near
    miss. Returns the group's text, or None.
    """
    stack: list[list] = [[]]  # per open group: items as (required, unbounded)
    starts: list[int] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            atom_end = i + 2
        elif ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            atom_end = j + 1
        elif ch == "(":
            stack.append([])
            starts.append(i)
            i += 1
            if pattern.startswith("?", i):  # (?: (?i: (?P<name> (?= ...
                m = _GROUP_OPENER.match(pattern, i)
                i = m.end() if m and m.end() > i else i + 1
            continue
        elif ch == ")":
            items = stack.pop() if len(stack) > 1 else []
            start = starts.pop() if starts else 0
            q = _UNBOUNDED.match(pattern, i + 1)
            if q and items:
                required = [u for r, u in items if r]
                if len(required) == 1 and required[0]:
                    return pattern[start:q.end()]
            quant = _QUANTIFIER.match(pattern, i + 1)
            # The group stands for one unbounded item only when it holds
            # exactly one required item and that one is unbounded: ((a+))+.
            required = [u for r, u in items if r]
            inner_unbounded = len(required) == 1 and required[0]
            stack[-1].append(_item(quant.group(0) if quant else "", inner_unbounded))
            i = quant.end() if quant else i + 1
            continue
        elif ch in "|":
            stack[-1].append((True, False))  # alternation: never a single required item
            stack[-1].append((True, False))
            i += 1
            continue
        elif ch.isspace() or ch in "^$":
            i += 1
            continue
        else:
            atom_end = i + 1
        quant = _QUANTIFIER.match(pattern, atom_end)
        stack[-1].append(_item(quant.group(0) if quant else "", False))
        i = quant.end() if quant else atom_end
    return None


def _item(quant: str, inner_unbounded: bool) -> tuple:
    """(required, unbounded) for an item with its quantifier."""
    if quant.endswith("+") and len(quant) > 1 and quant[-2] in "+*?}":
        quant = quant[:-1]  # possessive: never backtracks
        return (True, False)
    required = not (quant.startswith("?") or quant.startswith("*") or _OPTIONAL_COUNT.match(quant))
    unbounded = bool(_UNBOUNDED.fullmatch(quant)) or (inner_unbounded and quant in ("", "?"))
    return (required, unbounded)


def _check_single_tokens(words: list, key: str, bad, segmenter) -> None:
    """A keyword jieba splits (请升级 -> 请 / 升级) could never match a token."""
    han = [w for w in words if regex.search(r"\p{Han}", w)]
    if not han:
        return
    from .segment import shared_segmenter

    for word, pieces in (segmenter or shared_segmenter()).split_keywords(han).items():
        bad(key, f"{key}: {word!r} is not one jieba token (jieba splits it into {' / '.join(pieces)}); "
                 "list the pieces as separate groups")


_EXAMPLE_HEADER = re.compile(r"^\s*\[\[example\]\]", re.M)


def _parse_examples(examples, raw: str, bad) -> list[Example]:
    if examples is None:
        bad("example", "a rule needs [[example]] tables: at least one 'match' and one 'no-match'")
        return []
    if not isinstance(examples, list):
        bad("example", "example must be an array of tables ([[example]])")
        return []
    out = []
    invalid = 0
    # One pass for every example's line: the built-in pack has hundreds.
    header_lines = [raw.count("\n", 0, m.start()) + 1 for m in _EXAMPLE_HEADER.finditer(raw)] or [1]
    for n, ex in enumerate(examples):
        line = header_lines[min(n, len(header_lines) - 1)]

        def ex_bad(message, _n=n):
            nonlocal invalid
            invalid += 1
            bad("[[example]]", f"example {_n + 1}: {message}", nth=_n)

        if not isinstance(ex, dict):
            ex_bad("must be a table")
            continue
        for key in sorted(set(ex) - EXAMPLE_KEYS):
            ex_bad(f"unknown key {key!r} (known: {', '.join(sorted(EXAMPLE_KEYS))})")
        expect, text = ex.get("expect"), ex.get("text")
        if expect not in EXPECTS:
            ex_bad(f"expect must be one of {', '.join(sorted(EXPECTS))}, not {expect!r}")
            continue
        if not isinstance(text, str) or not text.strip():
            ex_bad("text must be a non-empty string")
            continue
        rejected_by = ex.get("rejected_by")
        if rejected_by is not None and rejected_by not in CONDITIONS:
            ex_bad(f"rejected_by must name a condition ({', '.join(CONDITIONS)}), not {rejected_by!r}")
            continue
        if rejected_by is not None and expect not in ("no-match", "todo-no-match"):
            ex_bad("rejected_by goes with a no-match example")
            continue
        position = ex.get("position", {})
        if not isinstance(position, dict) or set(position) - EXAMPLE_POSITION_KEYS or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in position.values()
        ):
            ex_bad("position must be { index = N, total = M } with whole numbers")
            continue
        index, total = position.get("index", 0), position.get("total", position.get("index", 0) + 1)
        if index >= total:
            ex_bad(f"position index {index} must be below total {total}")
            continue
        out.append(Example(expect, text.strip(), str(ex.get("why", "")), rejected_by, index, total, line))
    kinds = {e.expect for e in out}
    if not invalid and not {"match", "no-match"} <= kinds:
        missing = sorted({"match", "no-match"} - kinds)
        bad("[[example]]", f"a rule needs at least one 'match' and one 'no-match' example; missing: {', '.join(missing)}")
    return out


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int:
    found = regex.search(r"line (\d+)", str(exc))
    return int(found.group(1)) if found else getattr(exc, "lineno", 0) or 0


def _line_of(raw: str, key: str, nth: int = 0, section: str | None = None) -> int:
    """The line where ``key`` is set (its nth occurrence), or 1 when it is absent."""
    if key.startswith("["):
        pattern = regex.compile(r"^\s*" + regex.escape(key), regex.M)
    else:
        pattern = regex.compile(r"^\s*" + regex.escape(key) + r"\s*=|[{,]\s*" + regex.escape(key) + r"\s*=", regex.M)
    start = 0
    if section is not None:
        header = regex.search(r"^\s*\[" + regex.escape(section) + r"\]", raw, regex.M)
        start = header.start() if header else 0
    hits = list(pattern.finditer(raw, start))
    if not hits:
        return 1
    return raw.count("\n", 0, hits[min(nth, len(hits) - 1)].start()) + 1

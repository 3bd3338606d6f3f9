"""The literal prefilter only ever skips searches that would fail."""
import json
from pathlib import Path

import pytest
import regex

from toolkit.prefilter import fold, folded, necessary_literals, needle_finder
from toolkit.rules import REGEX_FLAGS, builtin_pack, load_rules


@pytest.mark.parametrize("pattern, needles, folds", [
    (r"cookie \s+ policy", ("cookie",), False),  # the first of two equally long literals
    (r"(?i: privacy | terms ) \s* notice", ("notice",), False),  # the longest literal of the sequence
    (r"(?i: privacy | terms ) \s* [:：]", ("privacy", "terms"), True),
    (r"版权所有 | Copyright", ("Copyright", "版权所有"), False),
    (r"(?i: home | homepage ) \s* [>›]", ("home",), True),  # 'homepage' holds 'home': one check does
    (r"^ (?= [^\n]* 责任编辑 ) .{2,40} $", ("责任编辑",), False),  # a lookahead's text must be there too
    (r"\p{Han}{2,4} 网", ("网",), False),  # a Unicode property widens to \w, which promises nothing
    (r"(?: ab )+ c?", ("ab",), False),
    # Han needles are caseless: they join case-insensitive Latin ones, all looked up folded.
    (r"(?: 登录 | 注册 | (?i: login | register ) )", ("register", "login", "注册", "登录"), True),
])
def test_necessary_literals(pattern, needles, folds):
    assert necessary_literals(pattern) == (needles, folds)


@pytest.mark.parametrize("pattern", [
    r"a | b*",  # one alternative needs no literal
    r"(?: cookie )? \d+",  # optional
    r"[\w--\d]+ x",  # VERSION1 set operations: the parser of re reads them otherwise
    r"(?i: é | ß )",  # non-ASCII case rules belong to the engine
    r"(?&name) (?(DEFINE)(?<name>x))",  # regex-only syntax
])
def test_patterns_without_a_safe_literal_get_none(pattern):
    assert necessary_literals(pattern) is None


def test_many_alternatives_shrink_to_shared_prefixes():
    words = [f"分享{chr(0x4e00 + i)}{chr(0x4e00 + i)}" for i in range(80)]
    needles, _ = necessary_literals(" | ".join(words))
    assert needles == ("分享",)


def test_folding_keeps_every_case_insensitive_ascii_match():
    # ſ, K (Kelvin), ı and İ match s, k and i case-insensitively in both engines.
    for text, needle in (("ſecurity", "security"), ("\u212aitchen", "kitchen"), ("PRıVACY", "privacy"),
                         ("PRİVACY", "privacy"), ("Straße", "strasse"), ("ＣＯＯＫＩＥ", "ｃｏｏｋｉｅ")):
        assert needle in fold(text), text
    text = "Cookie Policy"
    assert folded(text) == fold(text) and folded(text) is folded(text)


def _texts():
    rules = load_rules([builtin_pack()]).rules
    texts = [e.text for r in rules for e in r.examples]
    corpora = Path(__file__).resolve().parent.parent / "corpora"
    for page in sorted(corpora.glob("*.json")):
        texts += [b["text"] for b in json.loads(page.read_text(encoding="utf-8"))["blocks"]]
    # Case variants, and letters that match ASCII ones only case-insensitively.
    variants = [t.upper() for t in texts] + [t.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a")
                                            for t in texts[:400]]
    return rules, texts + variants


def test_prefilter_never_rejects_a_text_a_builtin_pattern_matches():
    """Every built-in pattern, on every rule example and gold block and their case variants: when its
    needles are absent, the reference engine (regex, VERSION1) finds no match either."""
    rules, texts = _texts()
    checked = skipped = 0
    for rule in rules:
        for pattern in rule.regex_any + rule.regex_none:
            needles, folds = pattern.needles()
            if not needles:
                continue
            finder = needle_finder(needles)
            reference = regex.compile(pattern.pattern, REGEX_FLAGS)
            for text in texts:
                if finder(fold(text) if folds else text) is None:
                    skipped += 1
                    assert reference.search(text) is None, (rule.id, pattern.pattern[:60], needles[:5], text[:60])
            checked += 1
    assert checked >= 150  # nearly every pattern has needles
    assert skipped > 10 * checked  # and they skip most searches: that is the point


def test_rule_gates_never_reject_a_block_the_rule_matches():
    """The rule-level gate (the needles of all its regex_any patterns, merged) against the reference
    engine running every regex_any pattern: a rejected text matches none of them."""
    ruleset = load_rules([builtin_pack()])
    _, texts = _texts()
    gated = 0
    for rule in ruleset.rules:
        gate = ruleset._gate(rule)
        if gate is None:
            continue
        gated += 1
        needles, folds = gate
        finder = needle_finder(needles)
        references = [regex.compile(p.pattern, REGEX_FLAGS) for p in rule.regex_any]
        for text in texts:
            if finder(fold(text) if folds else text) is None:
                assert not any(r.search(text) for r in references), (rule.id, text[:60])
    assert gated >= 40


def test_one_automaton_scan_picks_the_rules_each_gate_would():
    """The Aho-Corasick index over all gates against each rule's own gate, block by block."""
    import pickle

    from toolkit.page import build_blocks

    ruleset = load_rules([builtin_pack()])
    _, texts = _texts()
    blocks = build_blocks(texts)
    scanned = [[r.id for r in ruleset.candidates(b)] for b in blocks]
    one_by_one = pickle.loads(pickle.dumps(ruleset))  # a worker's copy comes without automata
    assert one_by_one._needle_index == {}
    one_by_one._needle_index = {script: None for script in one_by_one._by_script}  # each gate on its own
    assert scanned == [[r.id for r in one_by_one.candidates(b)] for b in blocks]
    everyone = len(ruleset.rules)
    assert sum(map(len, scanned)) < 0.3 * everyone * len(blocks)  # the scan leaves most rules out


def test_the_remembered_fold_is_never_another_texts():
    """Threads share one cleaner: a fold computed for one text must not be handed out for another."""
    import threading

    texts = [f"Cookie Policy {i} ſ" for i in range(200)]
    wrong = []

    def work(chunk):
        for _ in range(50):
            for text in chunk:
                if folded(text) != fold(text):
                    wrong.append(text)

    threads = [threading.Thread(target=work, args=(texts[k::4],)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong


def test_the_shipped_literal_table_covers_and_agrees_with_every_builtin_pattern():
    """The table spares a cold start the parse of every pattern; it must say what the parser says.
    After editing rules/, `python -m toolkit.training` rewrites it."""
    import json

    from toolkit.prefilter import LITERALS_TABLE, builtin_patterns, pattern_key

    table = json.loads(LITERALS_TABLE.read_text(encoding="utf-8"))
    for pattern in builtin_patterns():
        key = pattern_key(pattern)
        assert key in table, f"pattern missing from {LITERALS_TABLE.name}: {pattern.strip()[:60]!r}"
        found = necessary_literals(pattern)
        assert table[key] == (None if found is None else [list(found[0]), found[1]]), pattern.strip()[:60]


def test_a_pattern_the_table_does_not_hold_is_read_afresh():
    from toolkit.prefilter import cached_literals

    pattern = r"(?i: a \s+ pattern \s+ no \s+ rule \s+ has ) \d+"
    assert cached_literals(pattern) == necessary_literals(pattern)

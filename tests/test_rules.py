"""Rule packs: schema errors with file and line, precedence, user packs, safety.

The built-in pack's own examples run as pytest items through the plugin
(``toolkit_rules = ["rules"]`` in pyproject.toml).
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import toolkit
from toolkit.errors import RuleError, RuleTimeoutError
from toolkit.page import build_example_page
from toolkit.rules import builtin_pack, evaluate, load_rules

GOOD = '''id = "x"
label = "ui"
[match]
regex_any = ['^Loading']
[[example]]
expect = "match"
text = "Loading..."
[[example]]
expect = "no-match"
text = "The loading dock"
'''


def write_pack(root: Path, files: dict) -> Path:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_every_builtin_rule_has_both_kinds_of_example():
    for rule in load_rules([builtin_pack()]).rules:
        kinds = [e.expect for e in rule.examples]
        assert kinds.count("match") >= 2 and kinds.count("no-match") >= 2, rule.id


def test_a_good_user_rule_loads(tmp_path):
    rules = load_rules([write_pack(tmp_path, {"x.rule.toml": GOOD})])
    assert [r.id for r in rules.rules] == ["x"]


MALFORMED = [
    ("label", GOOD.replace('label = "ui"', 'label = "junk"'), 2, "label 'junk' is not one of"),
    ("id", GOOD.replace('id = "x"', 'id = "y"'), 1, "id must equal the path"),
    ("regex", GOOD.replace("regex_any = ['^Loading']", "regex_any = ['(unclosed']"), 4, "does not compile"),
    ("condition", GOOD.replace("[match]", "[match]\nwhatever = 3"), 4, "unknown condition 'whatever'"),
    ("syntax", GOOD.replace('text = "Loading..."', 'text = "Loading..'), 7, "TOML syntax"),
    ("top key", GOOD.replace('label = "ui"', 'label = "ui"\nweight = 2'), 3, "unknown key 'weight'"),
    ("no match table", GOOD.replace("[match]\nregex_any = ['^Loading']\n", ""), 1, "needs a [match] table"),
    ("no no-match", GOOD.replace('expect = "no-match"', 'expect = "match"'), 5, "missing: no-match"),
    ("bad expect", GOOD.replace('expect = "no-match"', 'expect = "nomatch"'), 8, "expect must be one of"),
    ("max_chars", GOOD.replace("[match]", "[match]\nmax_chars = -4"), 4, "max_chars must be a whole number"),
    ("script", GOOD.replace("[match]", '[match]\nscript = "Hanzi"'), 4, "unknown script 'Hanzi'"),
    ("jieba word", GOOD.replace("regex_any = ['^Loading']", "tokens_all = [['请升级']]"), 4, "not one jieba token"),
    ("nested quantifier", GOOD.replace("regex_any = ['^Loading']", "regex_any = ['^(a+)+$']"), 4, "catastrophic"),
    ("rejected_by", GOOD.replace('text = "The loading dock"', 'text = "The loading dock"\nrejected_by = "colour"'), 8, "rejected_by must name a condition"),
    ("action", GOOD.replace('label = "ui"', 'label = "ui"\naction = "keep"'), 3, "contradicts label"),
    ("position", GOOD.replace("[match]", '[match]\nposition = { region = "middle", window = 3 }'), 4, "region must be head, tail or any"),
]


@pytest.mark.parametrize("body,line,words", [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_rule_names_file_and_line(tmp_path, body, line, words):
    pack = write_pack(tmp_path / "pack", {"x.rule.toml": body})
    with pytest.raises(RuleError) as caught:
        load_rules([pack])
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{pack / 'x.rule.toml'}:{line}:"), problems[0]
    assert words in problems[0]


def test_rules_check_exits_2_with_file_and_line(tmp_path):
    pack = write_pack(tmp_path / "pack", {"x.rule.toml": MALFORMED[0][1]})
    out = subprocess.run([sys.executable, "-m", "toolkit", "rules", "check", str(pack)], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip() == f"{pack / 'x.rule.toml'}:2: label 'junk' is not one of: " + ", ".join(
        sorted(l.value for l in toolkit.Label))


def test_clean_with_a_broken_pack_exits_2(tmp_path):
    pack = write_pack(tmp_path / "pack", {"x.rule.toml": MALFORMED[2][1]})
    out = subprocess.run([sys.executable, "-m", "toolkit", "clean", "--rules", str(pack), "-"], input="x",
                         capture_output=True, text=True)
    assert out.returncode == 2 and "x.rule.toml:4:" in out.stderr


# ------------------------------------------------------------ precedence

def _rule(rid, label, pattern, priority=None, max_chars=None):
    extra = f"priority = {priority}\n" if priority is not None else ""
    limit = f"max_chars = {max_chars}\n" if max_chars is not None else ""
    return (f'id = "{rid}"\nlabel = "{label}"\n{extra}[match]\n{limit}regex_any = [\'{pattern}\']\n'
            '[[example]]\nexpect = "match"\ntext = "Share this story"\n'
            '[[example]]\nexpect = "no-match"\ntext = "The story"\n')


def test_precedence_priority_then_later_pack_then_narrower_then_id(tmp_path):
    a = write_pack(tmp_path / "a", {
        "share.rule.toml": _rule("share", "share", "^Share"),
        "ui.rule.toml": _rule("ui", "ui", "^Share", priority=5),
    })
    block_page = build_example_page("Share this story")
    rules = load_rules([a])
    found = rules.matches(block_page.blocks[0], block_page)
    assert [m.rule.id for m in found] == ["ui", "share"]  # priority wins

    b = write_pack(tmp_path / "b", {"mine.rule.toml": _rule("mine", "subscribe", "^Share", priority=5)})
    found = load_rules([a, b]).matches(block_page.blocks[0], block_page)
    assert found[0].rule.id == "mine"  # same priority: the later pack (the user's) wins

    c = write_pack(tmp_path / "c", {
        "wide.rule.toml": _rule("wide", "share", "^Share", max_chars=200),
        "narrow.rule.toml": _rule("narrow", "ui", "^Share", max_chars=40),
    })
    found = load_rules([c]).matches(block_page.blocks[0], block_page)
    assert [m.rule.id for m in found] == ["narrow", "wide"]  # then the narrower rule


def test_explain_shows_the_losing_rules(tmp_path):
    pack = write_pack(tmp_path / "p", {"sharebar.rule.toml": _rule("sharebar", "share", "^Source:", priority=9)})
    seed = Path(__file__).parent.parent / "examples" / "seed.txt"
    out = subprocess.run([sys.executable, "-m", "toolkit", "explain", "--rules", str(pack), str(seed)],
                         capture_output=True, text=True, check=True).stdout
    assert "#2   drop share" in out
    assert "also matched: en/byline-source-date (byline)" in out


def test_user_pack_overrides_builtin_by_id_and_disables(tmp_path):
    body = (builtin_pack() / "en" / "credit-editor.rule.toml").read_text(encoding="utf-8")
    body = body.replace('label       = "credit"', 'label       = "byline"')
    pack = write_pack(tmp_path / "p", {"en/credit-editor.rule.toml": body})
    seed = (Path(__file__).parent.parent / "examples" / "seed.txt").read_text(encoding="utf-8")
    assert toolkit.Cleaner(rules=[pack]).clean(seed).blocks[10].label == "byline"
    write_pack(pack, {"pack.toml": 'disable = ["en/breadcrumb"]\n'})
    result = toolkit.Cleaner(rules=[pack]).clean(seed)
    assert result.blocks[0].rule != "en/breadcrumb"
    assert toolkit.Cleaner(disable=["en/breadcrumb"]).clean(seed).blocks[0].rule != "en/breadcrumb"


# ------------------------------------------------------------ safety

def test_catastrophic_pattern_is_refused_at_once_with_a_clear_message(tmp_path):
    body = GOOD.replace("regex_any = ['^Loading']", "regex_any = ['^(a+)+$']").replace("Loading...", "a" * 40 + "!")
    pack = write_pack(tmp_path / "p", {"x.rule.toml": body})
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "toolkit", "rules", "test", str(pack)], capture_output=True, text=True)
    assert time.perf_counter() - start < 10  # includes interpreter start; the check itself is instant
    assert out.returncode == 2
    assert "(a+)+" in out.stderr and "catastrophic backtracking" in out.stderr


def test_a_slow_pattern_times_out_for_that_rule(tmp_path, monkeypatch):
    from toolkit import rules as rules_module

    body = GOOD.replace("regex_any = ['^Loading']", "regex_any = ['(?:x|xx|xxx)*y']")
    rules = load_rules([write_pack(tmp_path / "p", {"x.rule.toml": body})])
    monkeypatch.setattr(rules_module, "REGEX_TIMEOUT", 1e-6)
    page = build_example_page("x" * 5000)
    with pytest.raises(RuleTimeoutError, match=r"x.rule.toml: rule x: pattern .* ran over"):
        evaluate(rules.rules[0], page.blocks[0], page)


def test_rules_are_data_nothing_is_executed(tmp_path):
    body = GOOD.replace('label = "ui"', 'label = "ui"\ndescription = "__import__(\'os\').system(\'touch PWNED\')"')
    load_rules([write_pack(tmp_path / "p", {"x.rule.toml": body})])
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


# ------------------------------------------------------------ a user's pack, outside the repo

def test_user_pack_with_plain_pytest_and_clean(tmp_path):
    pack = write_pack(tmp_path / "mypack", {"promo/banner.rule.toml": '''
id = "promo/banner"
label = "ad"
description = "Our site's house ad."
[match]
script = "Latin"
regex_any = ['^ \\s* Try \\s+ Acme \\s+ Pro ']
[[example]]
expect = "match"
text = "Try Acme Pro free for 30 days"
[[example]]
expect = "no-match"
text = "Acme Pro sales rose 4% in March."
'''})
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--toolkit-rules", str(pack)],
                         cwd=work, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 passed" in out.stdout  # one schema item, two example items
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                "--toolkit-rules", str(pack)], cwd=work, capture_output=True, text=True).stdout
    assert collected.count("banner.rule.toml::example") == 2

    page = tmp_path / "page.txt"
    page.write_text("A headline\n\nTry Acme Pro free for 30 days\n\nThe story itself, long enough to be read as prose by anyone.", encoding="utf-8")
    data = json.loads(subprocess.run([sys.executable, "-m", "toolkit", "clean", "--rules", str(pack), "--format", "json", str(page)],
                                     capture_output=True, text=True, check=True).stdout)
    assert data["blocks"][1]["label"] == "ad" and data["blocks"][1]["rule"] == "promo/banner"


def test_todo_match_that_starts_passing_fails_with_promote_it(tmp_path):
    pack = write_pack(tmp_path / "p", {"x.rule.toml": GOOD + '[[example]]\nexpect = "todo-match"\ntext = "Loading, please wait"\n'
                                                      '[[example]]\nexpect = "todo-match"\ntext = "Please wait"\n'})
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--toolkit-rules", str(pack)],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 1
    assert "promote it" in out.stdout
    assert "1 failed, 3 passed, 1 xfailed" in out.stdout
    cli = subprocess.run([sys.executable, "-m", "toolkit", "rules", "test", str(pack)], capture_output=True, text=True)
    assert cli.returncode == 1 and "promote it" in cli.stdout


def test_failing_example_reports_rule_text_tokens_and_condition(tmp_path):
    body = '''id = "zh-x"
label = "share"
[match]
script = "Han"
tokens_all = [["分享"]]
[[example]]
expect = "match"
text = "分享到微信"
[[example]]
expect = "no-match"
text = "他分享了经验"
'''
    pack = write_pack(tmp_path / "p", {"zh-x.rule.toml": body})
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--toolkit-rules", str(pack)],
                         cwd=tmp_path, capture_output=True, text=True).stdout
    assert "rule zh-x [share]: expected no-match, but the rule matched" in out
    assert "tokens: 他 / 分享 / 了 / 经验" in out


def test_builtin_pack_passes_the_full_check():
    """The built-in pack loads lazily (patterns compiled on first use); here every pattern is compiled
    and checked for nested quantifiers, as for a user's pack."""
    rules = load_rules([builtin_pack()], check_builtin=True)
    assert len(rules.rules) >= 50
    assert all(hasattr(p, "flags") for r in rules.rules for p in r.regex_any + r.regex_none)


def test_builtin_patterns_mean_the_same_under_re_and_regex():
    """A built-in pattern that compile_builtin hands to the faster ``re`` finds what ``regex`` finds,
    on every rule example and every block of the gold pages."""
    import re

    import regex

    from toolkit.rules import REGEX_FLAGS, compile_builtin

    rules = load_rules([builtin_pack()]).rules
    texts = [e.text for r in rules for e in r.examples]
    corpora = Path(__file__).resolve().parent.parent / "corpora"
    for page in sorted(corpora.glob("*.json")):
        texts += [b["text"] for b in json.loads(page.read_text(encoding="utf-8"))["blocks"]]
    on_re = 0
    for rule in rules:
        for pattern in rule.regex_any + rule.regex_none:
            fast = compile_builtin(pattern.pattern)
            if not isinstance(fast, re.Pattern):
                continue
            on_re += 1
            reference = regex.compile(pattern.pattern, REGEX_FLAGS)
            for text in texts:
                a, b = fast.search(text), reference.search(text)
                assert (a and a.span()) == (b and b.span()), (rule.id, pattern.pattern[:60], text[:60])
    assert on_re >= 100  # most patterns take the fast path: that is the point


def test_v1_only_syntax_stays_with_regex():
    import re

    from toolkit.rules import compile_builtin

    assert isinstance(compile_builtin(r"[\w--\d]+"), re.Pattern) is False  # set difference
    assert isinstance(compile_builtin(r"[[:alpha:]]+"), re.Pattern) is False  # POSIX class
    assert isinstance(compile_builtin(r"\p{Han}+"), re.Pattern) is False  # \p is not in re
    assert isinstance(compile_builtin(r"(?i:read \s more)"), re.Pattern)


def test_builtin_patterns_do_not_backtrack_on_runs_of_spaces():
    """Menus padded with runs of NBSP or ideographic spaces ('About\\xa0\\xa0\\xa0...| Contact') once made
    three built-in patterns backtrack for minutes (a 35 KB page took 329 s). Every pattern, on its match
    examples spread with such runs and ending in a word that fails the match, must answer at once; the
    bound is generous (a catastrophic pattern takes seconds to hours)."""
    import signal

    from toolkit.rules import compile_builtin

    def too_slow(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, too_slow)
    slow = []
    try:
        for rule in load_rules([builtin_pack()]).rules:
            patterns = [compile_builtin(p.pattern) for p in rule.regex_any + rule.regex_none]
            for example in [e.text for e in rule.examples if e.expect == "match"][:4]:
                for run in ("\xa0" * 12, " " * 12, "\u3000" * 10):
                    text = example.replace(" ", run) + run + "Zq"
                    for pattern in patterns:
                        signal.setitimer(signal.ITIMER_REAL, 0.5)
                        try:
                            pattern.search(text)
                        except TimeoutError:
                            slow.append((rule.id, pattern.pattern[:60]))
                        finally:
                            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, slow

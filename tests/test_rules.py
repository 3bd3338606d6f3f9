"""Rule files: the built-in pack's own examples, and malformed files reported with file and line."""
from pathlib import Path

import pytest

from toolkit.errors import RuleError
from toolkit.page import build_example_page
from toolkit.rules import builtin_pack, evaluate, load_rules

BUILTIN = load_rules([builtin_pack()])
EXAMPLES = [(rule, ex) for rule in BUILTIN.rules for ex in rule.examples]


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.id}:{e.line}" for r, e in EXAMPLES])
def test_builtin_examples(rule, example):
    page = build_example_page(example.text, example.index, example.total)
    outcome = evaluate(rule, page.blocks[0], page)
    if example.expect in ("match", "todo-no-match"):
        want = example.expect == "match"
    else:
        want = example.expect == "todo-match"
    if example.expect.startswith("todo"):
        pytest.xfail("todo example") if outcome.matched != (example.expect == "todo-match") else pytest.fail("promote it")
    assert outcome.matched == want, outcome
    if example.rejected_by:
        assert outcome.condition == example.rejected_by


def test_every_builtin_rule_has_both_kinds_of_example():
    for rule in BUILTIN.rules:
        kinds = {e.expect for e in rule.examples}
        assert {"match", "no-match"} <= kinds, rule.id


def _pack(tmp_path, name, body):
    path = tmp_path / "pack" / (name + ".rule.toml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return tmp_path / "pack"


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


def test_a_good_user_rule_loads(tmp_path):
    rules = load_rules([_pack(tmp_path, "x", GOOD)])
    assert [r.id for r in rules.rules] == ["x"]


@pytest.mark.parametrize("body,line,words", [
    (GOOD.replace('label = "ui"', 'label = "junk"'), 2, "label 'junk'"),
    (GOOD.replace('id = "x"', 'id = "y"'), 1, "id must equal"),
    (GOOD.replace("regex_any = ['^Loading']", "regex_any = ['(unclosed']"), 4, "does not compile"),
    (GOOD.replace("[match]", "[match]\nwhatever = 3"), 4, "unknown condition"),
    (GOOD.replace('text = "Loading..."', 'text = "Loading..'), 7, "TOML syntax"),
])
def test_malformed_rule_names_file_and_line(tmp_path, body, line, words):
    pack = _pack(tmp_path, "x", body)
    with pytest.raises(RuleError) as caught:
        load_rules([pack])
    problem = caught.value.problems[0]
    assert problem.startswith(f"{pack / 'x.rule.toml'}:{line}:"), problem
    assert words in problem

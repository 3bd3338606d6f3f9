"""pytest plugin: a rule pack tests itself (registered as the ``pytest11`` entry ``toolkit``).

    pytest --toolkit-rules DIR [--toolkit-rules DIR2]
    # or in pytest.ini / pyproject: toolkit_rules = DIR ...

Every ``*.rule.toml`` under DIR gives one schema item (the file loads and
validates) and one item per ``[[example]]``, run through the same block
builder as real pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("toolkit", "toolkit rule packs")
    group.addoption("--toolkit-rules", action="append", default=[], metavar="DIR",
                    help="test the rule pack in DIR: its schema and every example (repeatable)")
    parser.addini("toolkit_rules", type="paths", default=[],
                  help="rule pack directories to test (used when --toolkit-rules is not given)")


def _rule_dirs(config) -> list[Path]:
    given = config.getoption("toolkit_rules")
    if given:
        return [Path(d).resolve() for d in given]
    return [Path(p).resolve() for p in config.getini("toolkit_rules")]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Add the rule packs' items before -k/-m selection sees the list."""
    for directory in _rule_dirs(config):
        if not directory.is_dir():
            raise pytest.UsageError(f"--toolkit-rules: {directory} is not a directory")
        for path in sorted(directory.rglob("*.rule.toml")):
            rule_file = RuleFile.from_parent(session, path=path, pack=directory)
            items.extend(rule_file.collect())


class RuleFile(pytest.File):
    def __init__(self, *, pack: Path, **kwargs):
        super().__init__(**kwargs)
        self.pack = pack

    def collect(self):
        from toolkit.rules import parse_rule_file

        problems: list[str] = []
        rule = parse_rule_file(self.path, self.pack, 0, problems)
        yield RuleSchemaItem.from_parent(self, name="schema", problems=problems)
        if rule is None:
            return
        for n, example in enumerate(rule.examples, 1):
            yield RuleExampleItem.from_parent(self, name=f"example{n}-{example.expect}", rule=rule, example=example)


class RuleSchemaItem(pytest.Item):
    def __init__(self, *, problems, **kwargs):
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self):
        if self.problems:
            raise RuleProblem("\n".join(self.problems))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, RuleProblem):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name}::schema"


class RuleExampleItem(pytest.Item):
    def __init__(self, *, rule, example, **kwargs):
        super().__init__(**kwargs)
        self.rule, self.example = rule, example

    def runtest(self):
        from toolkit.rulecheck import FAIL, PROMOTE, XFAIL, check_example

        result = check_example(self.rule, self.example)
        if result.status == XFAIL:
            pytest.xfail(f"{self.example.expect}: {self.example.why or 'not covered yet'}")
        if result.status in (FAIL, PROMOTE):
            raise RuleProblem(result.describe())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, RuleProblem):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.example.line - 1, f"{self.rule.id}: {self.example.expect} {self.example.text[:40]!r}"


class RuleProblem(Exception):
    """A rule file or example that does not hold; its text is the whole report."""

"""Run a rule's own examples, the same way for ``toolkit rules test`` and pytest.

Each example text goes through the block builder real pages use (script,
language, jieba tokens, position), then through the rule's conditions.
``todo-*`` examples are strict expected failures: one that starts passing
is reported so that it gets promoted to a real example.
"""
from __future__ import annotations

from dataclasses import dataclass

from .page import build_example_page
from .rules import Example, Rule, evaluate

PASS, FAIL, XFAIL, PROMOTE = "pass", "fail", "xfail", "promote"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    rule: Rule
    example: Example
    status: str  # pass | fail | xfail | promote
    matched: bool
    condition: str | None  # first condition that failed, when not matched
    evidence: str
    tokens: tuple
    script: str
    lang: str

    @property
    def ok(self) -> bool:
        return self.status in (PASS, XFAIL)

    def describe(self) -> str:
        """What a failing example's report shows: rule, text, tokens, first failing condition."""
        ex = self.example
        what = {
            FAIL: f"expected {ex.expect}, but the rule {'matched' if self.matched else 'did not match'}",
            PROMOTE: f"the {ex.expect} example now passes: promote it to '{ex.expect.removeprefix('todo-')}'",
            XFAIL: f"{ex.expect} still fails, as expected",
            PASS: "ok",
        }[self.status]
        lines = [f"{self.rule.path}:{ex.line}: rule {self.rule.id} [{self.rule.label}]: {what}",
                 f"  text:   {ex.text!r}",
                 f"  block:  script={self.script} lang={self.lang} position={ex.index}/{ex.total}"]
        if self.tokens:
            lines.append(f"  tokens: {' / '.join(self.tokens)}")
        if self.matched:
            lines.append(f"  matched: {self.evidence}")
        else:
            lines.append(f"  first failing condition: {self.condition} ({self.evidence})")
        if ex.rejected_by and self.condition != ex.rejected_by and not self.matched:
            lines.append(f"  rejected_by says {ex.rejected_by!r} must reject it")
        if ex.why:
            lines.append(f"  why: {ex.why}")
        return "\n".join(lines)


def check_example(rule: Rule, example: Example) -> ExampleResult:
    page = build_example_page(example.text, example.index, example.total)
    block = page.blocks[0]
    outcome = evaluate(rule, block, page)
    should_match = example.expect in ("match", "todo-match")
    right = outcome.matched == should_match
    if right and example.rejected_by and not outcome.matched:
        right = outcome.condition == example.rejected_by
    if example.expect.startswith("todo-"):
        status = PROMOTE if right else XFAIL
    else:
        status = PASS if right else FAIL
    return ExampleResult(rule, example, status, outcome.matched, outcome.condition, outcome.evidence,
                         tuple(page.tokens(block)), block.script, block.lang)


def check_rules(rules) -> list[ExampleResult]:
    return [check_example(rule, ex) for rule in rules for ex in rule.examples]

"""What was decided about one block, by whom, and why."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .labels import Label


@dataclass(frozen=True, slots=True)
class Decision:
    label: Label
    rule: str  # a rule id, or the name of the model or heuristic that decided
    score: float  # its confidence in [0, 1]
    why: str = ""
    initial: Label | None = None  # the first pass's label, when a later pass changed it
    fixed: bool = False  # decided by a rule: context passes leave it alone
    losers: tuple = ()  # ids of other rules that matched, with their labels

    @property
    def kept(self) -> bool:
        return self.label.kept

    def revised(self, label: Label, rule: str, score: float, why: str) -> "Decision":
        """A new decision from a later pass, remembering the first one."""
        return replace(self, label=label, rule=rule, score=score, why=why,
                       initial=self.initial or self.label)

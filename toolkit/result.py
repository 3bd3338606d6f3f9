"""The result of cleaning one page (shared/spec/result-format.md)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class BlockResult:
    index: int
    text: str
    lang: str
    kept: bool
    label: str
    rule: str
    score: float
    why: str = ""
    tokens: tuple | None = None
    initial: str | None = None  # the first pass's label when context changed it
    losers: tuple = ()  # other rules that matched, lower in precedence

    def to_dict(self) -> dict:
        out = {"index": self.index, "text": self.text, "lang": self.lang, "kept": self.kept,
               "label": self.label, "rule": self.rule, "score": self.score}
        if self.tokens is not None:
            out["tokens"] = list(self.tokens)
        out["why"] = self.why
        if self.initial is not None:
            out["initial"] = self.initial
        if self.losers:
            out["losers"] = list(self.losers)
        return out


@dataclass(frozen=True)
class Result:
    target_lang: str
    title: str | None
    metadata: dict
    blocks: tuple
    encoding: str = "str"
    metadata_blocks: dict = field(default_factory=dict)  # field -> index of the block it came from
    notes: tuple = ()  # what the cleaner could not do, said plainly

    @property
    def article(self) -> str:
        """The title, then each kept block, joined by a blank line."""
        return "\n\n".join(b.text for b in self.blocks if b.kept)

    @property
    def leftovers(self) -> dict:
        """Left-over block indexes grouped by label, labels in page order."""
        out: dict = {}
        for b in self.blocks:
            if not b.kept:
                out.setdefault(b.label, []).append(b.index)
        return out

    def to_dict(self) -> dict:
        return {
            "target_lang": self.target_lang,
            "title": self.title,
            "metadata": dict(self.metadata),
            "article": self.article,
            "blocks": [b.to_dict() for b in self.blocks],
            "leftovers": self.leftovers,
            "metadata_blocks": dict(self.metadata_blocks),
            "encoding": self.encoding,
            "notes": list(self.notes),
        }

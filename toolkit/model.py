"""Linear models over named features, with their weights as data.

The weights live in ``toolkit/data/model.json``, written by
``python -m toolkit.training`` from the gold pages: training replaces a
file, not code. Inference is a dot product over the few features a block
has, in plain Python: no numeric library is loaded to clean a page.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "model.json"
HTML_MODEL_FILE = Path(__file__).parent / "data" / "model-html.json"


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass(frozen=True)
class BinaryModel:
    """P(block is article text | features), a logistic model."""

    name: str
    bias: float
    weights: dict

    def margin(self, features: dict) -> float:
        weights = self.weights
        return self.bias + sum(weights[k] * v for k, v in features.items() if k in weights)

    def probability(self, features: dict) -> float:
        return _sigmoid(self.margin(features))

    def explain(self, features: dict, top: int = 2) -> str:
        """The features that pushed hardest, e.g. 'log_words=4.1 (+4.9), stop=0.35 (+1.4)'."""
        parts = sorted(((self.weights[k] * v, k, v) for k, v in features.items() if k in self.weights and v),
                       key=lambda t: -abs(t[0]))
        return ", ".join(f"{k}={v:.2f} ({c:+.1f})" for c, k, v in parts[:top])


@dataclass(frozen=True)
class LabelModel:
    """Which boilerplate label a left-over block most likely has (softmax over labels)."""

    name: str
    classes: tuple
    bias: dict
    weights: dict  # class -> {feature: weight}

    def __post_init__(self):
        # Feature -> its weight in every class: one pass over a block's features, not one per class.
        rows = {}
        for i, label in enumerate(self.classes):
            for k, w in self.weights[label].items():
                rows.setdefault(k, [0.0] * len(self.classes))[i] = w
        object.__setattr__(self, "_rows", {k: tuple(r) for k, r in rows.items()})

    def scores(self, features: dict) -> dict:
        totals = [self.bias[label] for label in self.classes]
        rows = self._rows
        for k, v in features.items():
            row = rows.get(k)
            if row is not None and v:
                totals = [t + w * v for t, w in zip(totals, row)]
        out = dict(zip(self.classes, totals))
        top = max(out.values())
        exp = {k: math.exp(v - top) for k, v in out.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def best(self, features: dict, exclude: frozenset = frozenset()) -> tuple[str, float]:
        """The likeliest label, leaving out those that cannot apply (``exclude``)."""
        scores = self.scores(features)
        label = max((k for k in scores if k not in exclude), key=scores.get)
        return label, scores[label]


@dataclass(frozen=True)
class Models:
    first: BinaryModel  # block features only
    second: BinaryModel  # block and context features (stacked on the first's output)
    labels: LabelModel
    title: BinaryModel | None = None  # which candidate block is the headline

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "Models":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> "Models":
        def binary(d):
            return BinaryModel(d["name"], float(d["bias"]), {k: float(v) for k, v in d["weights"].items()})

        lab = data["labels"]
        return cls(binary(data["first"]), binary(data["second"]),
                   LabelModel(lab["name"], tuple(lab["classes"]), {k: float(v) for k, v in lab["bias"].items()},
                              {c: {k: float(v) for k, v in w.items()} for c, w in lab["weights"].items()}),
                   binary(data["title"]) if "title" in data else None)

"""The content model: a logistic model over block features.

Its weights are data (``toolkit/data/content-model.json``), so training
replaces a file, not code.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "content-model.json"


@dataclass(frozen=True)
class ContentModel:
    name: str
    bias: float
    weights: dict

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "ContentModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["name"], float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})

    def margin(self, features: dict) -> float:
        return self.bias + sum(w * features.get(k, 0.0) for k, w in self.weights.items())

    def probability(self, features: dict) -> float:
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, self.margin(features)))))

    def explain(self, features: dict) -> str:
        """The two features that pushed hardest, e.g. 'log_words=4.1 (+4.9), stop=0.35 (+1.4)'."""
        parts = sorted(((w * features.get(k, 0.0), k) for k, w in self.weights.items()), key=lambda t: -abs(t[0]))
        return ", ".join(f"{k}={features.get(k, 0.0):.2f} ({c:+.1f})" for c, k in parts[:2])

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads((DATA / "seed-gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_text(seed_gold):
    return "\n\n".join(b["text"] for b in seed_gold["blocks"])

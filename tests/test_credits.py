"""Bylines and credits: a table of formats (tests/data/bylines.json)."""
import json
from pathlib import Path

import pytest

from toolkit.credits import parse_credits

CASES = json.loads((Path(__file__).parent / "data" / "bylines.json").read_text(encoding="utf-8"))


def test_table_is_large_and_varied():
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c["expect"]) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] for c in CASES])
def test_format(case):
    assert parse_credits(case["text"]) == case["expect"]

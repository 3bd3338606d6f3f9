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


def test_reporter_of_a_chinese_dateline_is_the_author_when_no_byline_names_one():
    import toolkit

    page = "\n\n".join([
        "清溪镇百年碾米厂修复后重新开放",
        "〔記者林彥廷／東嶼報導〕位於清溪鎮中山路上、建於1928年的碾米廠，停工近二十年後，經縣府與在地青年團隊修復活化，今天重新對外開放。",
        "修復團隊表示，廠房保留了原有的木造屋架與碾米機具，未來將作為地方產業故事館，並定期舉辦體驗活動。",
    ])
    result = toolkit.clean(page, target="zh")
    assert result.metadata.get("author") == "林彥廷"
    assert result.metadata_blocks["author"] == 1


def test_a_byline_author_wins_over_the_dateline():
    import toolkit

    page = "\n\n".join([
        "市区公车将全面电动化",
        "作者：王小明　发布时间：2026-04-12 10:30",
        "本报讯（记者 李华）市政府今天宣布，将在2030年前完成市区公车全面电动化，届时约3500辆柴油公车将全部汰换。",
        "市交通局表示，首批充电站将设在三个公车调度场，并同步培训维修人员。",
    ])
    result = toolkit.clean(page, target="zh")
    assert result.metadata.get("author") == "王小明"


def test_the_literal_gates_change_no_parse():
    # The label and date gates only skip searches that cannot match: every
    # gold block parses the same with them as without them.
    import json
    from pathlib import Path

    import regex

    import toolkit.credits as credits

    texts = [b["text"] for f in sorted((Path(__file__).parent.parent / "corpora").glob("*.json"))
             for b in json.loads(f.read_text(encoding="utf-8"))["blocks"] if len(b["text"]) <= 400]
    texts += [case["text"] for case in json.loads((Path(__file__).parent / "data" / "bylines.json").read_text(encoding="utf-8"))]
    gated = [credits.parse_credits(t) for t in texts]
    gates, digit = credits._gates(), credits._ANY_DIGIT
    try:
        credits._label_gates = [None] * len(gates)
        credits._ANY_DIGIT = regex.compile("")
        ungated = [credits.parse_credits(t) for t in texts]
    finally:
        credits._label_gates, credits._ANY_DIGIT = gates, digit
    assert sum(1 for g in gated if g) > 500  # bylines and credits are there to be parsed
    assert gated == ungated

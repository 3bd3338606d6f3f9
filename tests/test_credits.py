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


def _clean(blocks, target="en"):
    import toolkit

    return toolkit.clean("\n\n".join(blocks), target=target)


_STORY = [
    "The ferry operator said the new vessel would enter service on the northern route next month, replacing two older diesel boats that have run the crossing since 1998.",
    "Passengers will see shorter crossings in calm weather, the company said, and the harbour authority expects noise along the waterfront to fall noticeably once both boats are retired.",
    "Local councillors welcomed the change but asked the operator to publish a timetable for the winter months before the end of the year.",
]


def test_a_wire_dateline_names_the_source_when_no_byline_does():
    page = ["Electric ferry joins the northern route", "HARBURY, March 5 (Coastline Wire) -- " + _STORY[0], *_STORY[1:]]
    result = _clean(page)
    assert result.metadata.get("source") == "Coastline Wire"
    assert result.metadata_blocks["source"] == 1


def test_a_chinese_wire_dateline_names_agency_and_reporters():
    page = ["東瀾茶區久旱　茶農搶水保新芽",
            "（東瀾社記者陳映竹、黃冠廷台北4日電）東瀾縣今年入春以來累積降雨量僅有往年同期的三成，高山茶區土壤乾裂，部分茶園新芽出現焦枯。",
            "縣府今天宣布啟動抗旱應變機制，將調度水車協助茶農灌溉，並請農會加強巡查。"]
    result = _clean(page, target="zh")
    assert result.metadata.get("source") == "東瀾社"
    assert result.metadata.get("author") == "陳映竹 黃冠廷"


def test_a_page_upkeep_date_yields_to_the_bylines_date_above_the_headline():
    # Blocks from the headline on are read first, so the footer's upkeep date is met
    # before the release's own date line above the headline; the stated date wins.
    page = ["NEWS RELEASE\nFeb. 18, 2026 | 2:30 p.m.", "Electric ferry joins the northern route", *_STORY,
            "Page last updated: Feb. 19, 2026"]
    assert _clean(page).metadata.get("published") == "2026-02-18T14:30"


def test_a_byline_of_names_alone_gives_the_authors():
    page = ["Electric ferry joins the northern route", "Ilka Brandvold, Staff Writer & Tomas Reyes, Data Editor",
            "March 4, 2026 · 6 min read", *_STORY]
    result = _clean(page)
    assert result.metadata.get("author") == "Ilka Brandvold & Tomas Reyes"


def test_an_ambiguous_slash_date_is_read_day_first_when_the_page_writes_day_first():
    page = ["Electric ferry joins the northern route", "Posted on 04/03/2026 by Ilka Brandvold", *_STORY,
            "Earlier: Harbour authority opens consultation on waterfront noise — 26/02/2026"]
    assert _clean(page).metadata.get("published") == "2026-03-04"
    us_page = ["Electric ferry joins the northern route", "Posted on 04/03/2026 by Ilka Brandvold", *_STORY,
               "Earlier: Harbour authority opens consultation on waterfront noise — 02/26/2026"]
    assert _clean(us_page).metadata.get("published") == "2026-04-03"


def test_a_labelled_source_wins_over_an_outlet_named_bare():
    page = ["Electric ferry joins the northern route", "Updated: 2026-03-04 09:15 | Harbury Evening Post", *_STORY,
            "Source: Coastline Wire"]
    assert _clean(page).metadata.get("source") == "Coastline Wire"


def test_a_name_alone_beside_the_date_line_is_the_writer():
    page = ["Electric ferry joins the northern route", "Ilka Brandvold", "Sunday 8 March 2026", *_STORY]
    assert _clean(page).metadata.get("author") == "Ilka Brandvold"


def test_a_bracketed_wire_mark_opening_the_story_names_the_source():
    page = ["恒峻物流中期盈利升四成",
            "【維港財經訊】恒峻物流集團今日公布截至6月30日止六個月中期業績，受惠跨境電商包裹量急增，股東應佔溢利按年上升42%。",
            "集團表示，東南亞業務擴張帶動收入增長，下半年將繼續投資倉儲自動化。"]
    assert _clean(page, target="zh").metadata.get("source") == "維港財經"


def test_dates_in_words_day_first_tell_how_to_read_a_slash_date():
    page = ["Electric ferry joins the northern route", *_STORY, "Released: 05/02/2026 2:15 PM",
            "Earlier: Harbour authority opens consultation on waterfront noise (28 January 2026)"]
    assert _clean(page).metadata.get("published") == "2026-02-05T14:15"


def test_a_release_dated_only_in_its_dateline():
    page = ["Harbury Ferries reports record winter crossings",
            "Harbury, 12 June 2026 – Harbury Ferries Holdings today reported record winter passenger numbers on its "
            "northern route, helped by the new electric vessel that entered service in January.",
            *_STORY[1:]]
    assert _clean(page).metadata.get("published") == "2026-06-12"

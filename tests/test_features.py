"""Block features that name what a block is about."""
import pytest

from toolkit.features import block_features
from toolkit.page import build_page


def _features(text: str) -> dict:
    page = build_page(text)
    return block_features(page.blocks[0], page.total)


@pytest.mark.parametrize("text", [
    "Opening hours: Tuesday to Sunday, 10:00-17:00. Admission is free.",
    "Tickets: £9.50 adults, £4 children. Getting there: a ten-minute walk from the station.",
    "开放时间：周二至周日 9:00—17:00　门票：免费",
    "活動地點：大稻埕碼頭　報名：線上預約",
    "讲座信息\n时间：2026年3月9日 14:30\n地点：明理楼B201报告厅\n主讲人：顾承远 教授",
])
def test_practical_information_is_named(text):
    assert _features(text)["practical"] == 1.0


@pytest.mark.parametrize("text", [
    "© 2026 Harbour Gazette. All rights reserved.",
    "The council voted on Tuesday to add two evening crossings to the island ferry.",
    "关于我们 | 联系我们 | 网站地图",
])
def test_other_text_is_not_practical_information(text):
    assert _features(text)["practical"] == 0.0

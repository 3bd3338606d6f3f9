"""Which blocks may be the headline: menus are not, headlines in any script are."""
import pytest

from toolkit.metadata import _menu_shaped


@pytest.mark.parametrize("headline", [
    # Hong Kong and Taiwan papers part a headline's clauses with ideographic spaces.
    "深水埗「維修咖啡館」開幕　退休技工免費修小家電　盼一年減兩噸廢物",
    "港口集团一季度吞吐量创新高　新航线下月开通",
    "Council approves budget | Tax rises by 2%",
])
def test_a_headline_in_parts_is_not_a_menu(headline):
    assert not _menu_shaped(headline)


@pytest.mark.parametrize("menu", [
    "公司新闻　　行业动态　　媒体报道",
    "首页 | 新闻 | 图片 | 视频 | 专题",
    "即時 / 港聞 / 兩岸 / 國際 / 財經",
    "News | Sport | Weather | Travel",
])
def test_a_row_of_short_items_is_a_menu(menu):
    assert _menu_shaped(menu)

import pytest

from toolkit.decode import decode_page
from toolkit.errors import InputError

CHINESE = "抱歉，您使用的浏览器版本过低。責任編輯：林志明"


def test_str_passes_through_with_newlines_normalised():
    assert decode_page("a\r\nb\rc\n").text == "a\nb\nc\n"


def test_bom_decides():
    assert decode_page("\ufeffhello".encode("utf-8")).text == "hello"
    page = decode_page("\ufeffhello 世界".encode("utf-16-le"))
    assert page.text == "hello 世界" and page.encoding == "utf-16-le"


def test_utf8_first():
    assert decode_page(CHINESE.encode("utf-8")).encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_undeclared_gbk_is_detected(encoding):
    text = ("新华社北京四月十二日电，国家统计局今天发布数据显示，一季度国内生产总值同比增长百分之五点三，"
            "消费对经济增长的贡献率继续提高。") * 3
    page = decode_page(text.encode(encoding))
    assert page.text == text
    assert page.encoding == "gb18030"


def test_undeclared_big5_is_detected():
    text = "臺北市政府今天宣布，明年起將擴大電動公車路線，並在各行政區增設充電站，以減少空氣污染。" * 3
    page = decode_page(text.encode("big5"))
    assert page.text == text


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n" + bytes(range(128, 256)) * 8, "PDF"),
    (b"PK\x03\x04" + bytes(range(256)) * 4, "zip"),
])
def test_binary_is_a_clear_error(data, kind):
    with pytest.raises(InputError, match=kind):
        decode_page(data)


def test_wrong_type_is_a_clear_error():
    with pytest.raises(InputError, match="str or bytes"):
        decode_page(12345)

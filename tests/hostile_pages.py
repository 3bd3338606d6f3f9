"""Hostile pages: hypothesis strategies and fixed samples, shared by the
property tests, the determinism test and the fuzzer's fallback engine.

The alphabet leans on what breaks text pipelines: Han, combining marks,
right-to-left letters and controls, zero-width characters, C0/C1 controls
and NUL, BOMs, every kind of line break and space (CR, LF, CRLF, NBSP,
ideographic space, U+2028/2029, VT, FF), plus words that trigger the
built-in rules (breadcrumbs, browser notices, bylines, "Top News").
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
HAN_EXT = st.sampled_from(["𠮷", "镕", "㐀", "\U0002a6d6", "々", "〇", "，", "。", "、", "：", "“", "”", "《", "》"])
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
RTL = st.sampled_from(list("אבגדהוזחטיכלמנסעפצקרשת" "ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
                      + ["\u200f", "\u200e", "\u202e", "\u202b", "\u202c", "\u2067", "\u2069", "\u061c"])
ZERO_WIDTH = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"])
CONTROL = st.one_of(st.characters(min_codepoint=0, max_codepoint=0x1F),
                    st.characters(min_codepoint=0x7F, max_codepoint=0x9F))
SPACE = st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85",
                         "\u2003", "\u202f", "\u205f"])
LATIN = st.characters(min_codepoint=0x41, max_codepoint=0x7A)
OTHER_SCRIPTS = st.sampled_from(list("абвгдежзийклмнопрстуфхцчшщыэюя" "αβγδεζηθ" "กขคง" "あいうアイウ" "가나다"
                                     "äöüßéèçñ"))

WORDS = st.sampled_from([
    "Home", "News", "Home > News >", "Top News", "Editor:LI Na", "Source: Xinhua", "Share", "Subscribe",
    "The", "report", "said", "on", "Tuesday.", "and", "of", "the",
    "浏览器", "版本过低", "抱歉，您使用的浏览器版本过低", "继续浏览", "相关新闻", "责任编辑：王磊", "来源：科技日报",
    "当前位置：首页 > 新闻", "记者", "张伟", "。", "，", "2026-05-27", "14:23:14",
    "Der", "die", "und", "Привет", "мир", "\u00a0", "\u200b", "é", "e\u0301", "|", ">", "»", "©", "http://example.com/a?b=1",
])
CHAR = st.one_of(HAN, HAN_EXT, COMBINING, RTL, ZERO_WIDTH, CONTROL, SPACE, LATIN, OTHER_SCRIPTS, st.characters())
PIECE = st.one_of(WORDS, st.text(CHAR, max_size=10), st.text(max_size=6))
LINE = st.lists(PIECE, max_size=10).flatmap(lambda parts: st.sampled_from([" ", ""]).map(lambda sep: sep.join(parts)))
BLANK = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000", " \u00a0 ", "\u2028"])
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def pages(draw, max_lines: int = 30) -> str:
    """A page of lines (some blank) joined by a mix of LF, CRLF and CR, maybe with a BOM."""
    lines = draw(st.lists(st.one_of(LINE, BLANK), max_size=max_lines))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(NEWLINE))
    text = "".join(out[:-1]) if out else ""
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


PAGE = st.one_of(pages(), st.text(CHAR, max_size=200), st.text(max_size=100))

# Realistic Chinese text, long enough for charset detection to be sure of GB18030.
ZH_SENTENCES = [
    "市政府今天发布了关于城市绿化的新规定，要求各区在年底前完成规划，并向社会公开征求意见。",
    "新规定明确了公园绿地的建设标准，并提出到二〇三〇年人均公园绿地面积达到十五平方米。",
    "记者从国家统计局获悉，一季度国内生产总值同比增长百分之五点三，消费对经济增长的贡献率继续提高。",
    "专家表示，大模型正在从实验室走向千行百业，推动制造业、医疗和教育的数字化转型。",
    "当前位置：首页 > 新闻 > 科技",
    "抱歉，您使用的浏览器版本过低或开启了浏览器兼容模式，这会影响您正常浏览本网页。",
    "相关新闻",
    "责任编辑：王磊",
    "来源：科技日报　　发布时间：2026-05-27 14:23:14",
]


@st.composite
def chinese_pages(draw) -> str:
    """A Chinese page of 8 to 20 blocks of real sentences (above the size where detection is reliable)."""
    return "\n\n".join(draw(st.lists(st.sampled_from(ZH_SENTENCES), min_size=8, max_size=20)))


def gold_page(name: str) -> str:
    """The plain text of a corpus page (blocks joined by blank lines)."""
    gold = json.loads((ROOT / "corpora" / name).read_text(encoding="utf-8"))
    return "\n\n".join(b["text"] for b in gold["blocks"])


GERMAN_PAGE = "\n\n".join([
    "Startseite > Politik > Inland",
    "Bundestag beschließt neues Gesetz zur Förderung von Solaranlagen",
    "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen, das die Förderung von Solaranlagen auf "
    "den Dächern von Wohnhäusern deutlich ausweitet. Die Koalition sprach von einem wichtigen Schritt für "
    "die Energiewende in Deutschland.",
    "Die Opposition kritisierte den Entwurf als unzureichend und forderte mehr Mittel für den sozialen "
    "Wohnungsbau. Nach Angaben des Ministeriums sollen die neuen Regeln im Januar in Kraft treten.",
    "Auch die Verbände der Handwerker begrüßten die Entscheidung, warnten aber vor einem Mangel an "
    "Fachkräften, der den Ausbau in den kommenden Jahren bremsen könnte.",
    "Teilen | Drucken | Kommentare",
])

RUSSIAN_PAGE = "\n\n".join([
    "Главная > Новости > Общество",
    "В Москве открылся новый парк на месте старой промышленной зоны",
    "В субботу в Москве открылся новый парк, построенный на месте бывшей промышленной зоны у реки. "
    "По словам властей города, работы заняли почти три года и обошлись бюджету в несколько миллиардов рублей.",
    "Жители района давно просили благоустроить набережную, и теперь здесь появились велосипедные дорожки, "
    "детские площадки и летнее кафе. Парк будет открыт круглосуточно.",
    "Поделиться | Комментарии",
])

ZH_PAGE = "\n\n".join(ZH_SENTENCES)

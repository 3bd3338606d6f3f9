"""Language per block: the line set in tests/data/lang-lines.tsv (written for
this project: short UI lines, bylines, pinyin names, mixed and traditional
Chinese lines, digits and URLs)."""
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.language import LanguageDetector, count_scripts, guess_language
from toolkit.page import build_blocks

LINES = [line.rstrip("\n").split("\t", 1)
         for line in (Path(__file__).parent / "data" / "lang-lines.tsv").read_text(encoding="utf-8").splitlines()]


def _decide(text, detector=None):
    guess = guess_language(text, count_scripts(text), detector)
    return guess.lang or "en"  # a lone line's page prior: English


def test_line_set_is_large_enough():
    assert len([1 for lang, _ in LINES if lang in ("en", "zh")]) >= 300


def test_english_and_chinese_lines_at_least_99_percent():
    pairs = [(lang, _decide(text)) for lang, text in LINES if lang in ("en", "zh")]
    right = sum(want == got for want, got in pairs)
    assert right / len(pairs) >= 0.99, [(w, g, t) for (w, g), (_, t) in zip(pairs, LINES) if w != g]


def test_undetermined_lines_have_no_letters():
    und = [text for lang, text in LINES if lang == "und"]
    assert und and all(_decide(t) == "und" for t in und)


def test_long_lines_of_other_languages():
    # Short Latin lines take the page's language; long ones are detected.
    other = [(lang, text) for lang, text in LINES
             if lang not in ("en", "zh", "und") and (len(text) >= 40 or lang in ("ja", "ko", "ru", "ar", "th"))]
    right = sum(_decide(text) == lang for lang, text in other)
    assert other and right / len(other) >= 0.9


def test_langdetect_never_sees_han_text():
    detector = LanguageDetector()
    han = [text for lang, text in LINES if lang == "zh"]
    assert all(_decide(t, detector) == "zh" for t in han)
    assert detector.calls == 0


def test_short_credit_with_pinyin_name_is_english():
    detector = LanguageDetector()
    assert _decide("Editor:QI Liming", detector) == "en"
    assert detector.calls == 0


def test_short_latin_blocks_take_the_pages_language():
    german = ("Die Regierung hat am Dienstag neue Regeln für den Ausbau der Windkraft beschlossen, "
              "die vor allem im Süden des Landes gelten sollen.")
    blocks = build_blocks([german, "Startseite"])
    assert [b.lang for b in blocks] == ["de", "de"]


def test_langdetect_is_deterministic_across_processes():
    code = ("from toolkit.language import *; t='Le gouvernement a annoncé mardi un plan pour les écoles rurales du pays.';"
            "print(guess_language(t, count_scripts(t)).how)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and "fr" in outs.pop()


@pytest.mark.parametrize("code", [
    "func maskPhone(s string) string {\n    if len(s) != 11 {\n        return \"***\"\n    }\n}",
    "Set-Cookie: session=abc123; Secure; HttpOnly; SameSite=Lax; Path=/",
    '{"level":"info","msg":"order created","customer":{"name":"Z*"}}',
    "if (!('fetch' in window) || !('Promise' in window)) {\n  showUpgradeNotice();\n}",
])
def test_program_text_is_in_no_language(code):
    guess = guess_language(code, count_scripts(code))
    assert (guess.lang, guess.how) == ("und", "code")


@pytest.mark.parametrize("prose", [
    "The council voted (7 to 2) on Tuesday to fund the bridge repairs.",
    "Prices rose 3% in March; economists had expected 2%.",
    "Home | News | Sport | Weather",
    "Key findings: detection at 5 ppb, results in 30 seconds.",
])
def test_prose_with_a_bracket_or_semicolon_is_not_code(prose):
    assert guess_language(prose, count_scripts(prose)).how != "code"


def test_a_listing_whose_comments_are_english_prose_is_still_code():
    listing = ("// parseBrandList reads a header value such as \"Chromium\";v=\"122\" and returns a map\n"
               "// from brand name to major version. We skip any brand we do not recognise.\n"
               "func parseBrandList(h string) map[string]int {\n"
               "    out := make(map[string]int)\n"
               "    return out\n}")
    assert guess_language(listing, count_scripts(listing)).lang == "und"


def test_a_paragraph_about_code_is_still_english():
    prose = ("The fix was one line: instead of calling parse() on every request, the handler now caches the "
             "result for the life of the session, which the team says cut the error rate in half.")
    assert guess_language(prose, count_scripts(prose)).lang == "en"


def test_code_on_a_chinese_page_is_not_called_another_language():
    import toolkit

    page = "\n\n".join([
        "在 Go 服务中做字段级数据脱敏",
        "上线前，我们在日志里发现了明文手机号。下面是最终的实现，核心是一个在序列化时调用的函数，它把手机号中间四位替换成星号。",
        "func maskPhone(s string) string {\n    if len(s) != 11 {\n        return \"***\"\n    }\n    return s[:3] + \"****\" + s[7:]\n}",
        "改造上线两周后，安全组复扫没有再发现明文手机号。数据脱敏不难，难的是让它成为默认行为，而不是依赖每个人的自觉。",
    ])
    result = toolkit.clean(page, target="zh")
    code = result.blocks[2]
    assert code.lang == "und" and code.label != "other-language"


def test_a_line_in_both_languages_holds_the_target():
    from toolkit.language import holds_target

    def counts(text):
        return build_blocks([text])[0].counts

    assert holds_target(counts("Visitor Information / 参观信息"), "en")
    assert holds_target(counts("Visitor Information / 参观信息"), "zh")
    assert holds_target(counts("1. Residence permit renewal / 一、居留许可续签"), "en")
    # A Chinese paragraph quoting one English name is not English text.
    assert not holds_target(counts("本次展览由故宫博物院与 British Museum 联合主办，展出文物一百二十余件，展期三个月。"), "en")
    # One script only: nothing to hold (another Latin language is not English by this test).
    assert not holds_target(counts("Horário de funcionamento: terça a domingo"), "en")
    assert not holds_target(counts("参观信息"), "en")
    assert holds_target(build_blocks(["Overview / 展览概述"])[0].counts, "en")

"""HTML through the same cleaner: the seed page as HTML comes out as exact as from text."""
import json
import subprocess
import sys
from pathlib import Path

import toolkit

ROOT = Path(__file__).parent.parent
SEED_HTML = (ROOT / "examples" / "seed.html").read_bytes()


def test_seed_html_is_exact(seed_gold):
    result = toolkit.clean(SEED_HTML)
    assert [b.text for b in result.blocks] == [b["text"] for b in seed_gold["blocks"]]
    assert [b.label for b in result.blocks] == [b["label"] for b in seed_gold["blocks"]]
    assert result.title == seed_gold["title"] and result.metadata == seed_gold["metadata"]
    assert result.encoding == "utf-8"


def test_html_is_recognised_or_forced(seed_text):
    assert toolkit.clean(SEED_HTML.decode("utf-8"), kind="html").title == toolkit.clean(SEED_HTML).title
    text_view = toolkit.clean(SEED_HTML, kind="text")
    assert text_view.blocks[0].text.startswith("<!DOCTYPE") or "<" in text_view.blocks[0].text


def test_markup_fills_metadata_the_text_lacks():
    page = ("<html><head><title>Harbour Plan Approved</title>"
            "<meta property='article:published_time' content='2026-03-04T09:12:00+08:00'>"
            "<meta name='author' content='Li Na'></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
            "<article><h1>Harbour Plan Approved</h1><p>The city council approved the harbour plan on Tuesday after "
            "a debate that had lasted more than a decade, officials said.</p><p>Work will begin in the spring and "
            "should take three years, according to the plan published by the council.</p></article></body></html>")
    result = toolkit.clean(page)
    assert result.title == "Harbour Plan Approved"
    assert result.metadata == {"published": "2026-03-04T09:12:00", "author": "Li Na"}
    assert result.metadata_blocks == {"published": None, "author": None}  # from the markup, not a block


def test_gb2312_declared_page_with_gb18030_characters():
    page = ("<html><head><meta charset='gb2312'><title>测试</title></head><body><article><h1>朱镕基会见𠮷野家代表</h1>"
            "<p>新华社北京四月十二日电，记者从有关部门获悉，今年一季度国内生产总值同比增长，消费对经济增长的贡献率继续提高。</p>"
            "</article></body></html>").encode("gb18030")
    result = toolkit.clean(page, target="zh")
    assert "朱镕基会见𠮷野家代表" in [b.text for b in result.blocks]
    assert result.encoding == "gb18030"


def test_cli_input_html(tmp_path):
    page = tmp_path / "seed.html"
    page.write_bytes(SEED_HTML)
    out = subprocess.run([sys.executable, "-m", "toolkit", "clean", "--input", "html", "--format", "json", str(page)],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["leftovers"]["browser-notice"] == [16, 17, 18, 19, 20, 21]

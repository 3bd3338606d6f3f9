"""The seed page end to end: every block, label, language, title, field."""
import json
import subprocess
import sys
from pathlib import Path

import toolkit
from toolkit.language import shared_detector

ROOT = Path(__file__).parent.parent


def test_seed_labels_exactly(seed_gold, seed_text):
    result = toolkit.clean(seed_text)
    assert [b.text for b in result.blocks] == [b["text"] for b in seed_gold["blocks"]]
    assert [b.label for b in result.blocks] == [b["label"] for b in seed_gold["blocks"]]


def test_seed_title_and_metadata(seed_gold, seed_text):
    result = toolkit.clean(seed_text)
    assert result.title == seed_gold["title"]
    assert result.metadata == seed_gold["metadata"]
    assert result.metadata_blocks == {"source": 2, "published": 2, "author": 2, "editor": 10}


def test_seed_languages_and_tokens(seed_gold, seed_text):
    result = toolkit.clean(seed_text)
    chinese = [b for b in result.blocks if any("\u4e00" <= ch <= "\u9fff" for ch in b.text)]
    assert len(chinese) == 6
    assert all(b.lang == "zh" and b.tokens for b in chinese)
    assert all(b.lang == "en" for b in result.blocks if b not in chinese)
    assert all(b.tokens is None for b in result.blocks if b not in chinese)
    assert "浏览器" in result.blocks[16].tokens


def test_seed_article_is_title_and_seven_paragraphs(seed_gold, seed_text):
    result = toolkit.clean(seed_text)
    want = [b["text"] for b in seed_gold["blocks"] if b["label"] in ("title", "content")]
    assert len(want) == 8
    assert result.article == "\n\n".join(want)


def test_seed_leftovers(seed_text):
    assert toolkit.clean(seed_text).leftovers == {
        "navigation": [0], "byline": [2], "credit": [10],
        "related": [11, 12, 13, 14, 15], "browser-notice": [16, 17, 18, 19, 20, 21],
    }


def test_seed_asks_langdetect_nothing(seed_text):
    detector = shared_detector()
    before = detector.calls
    toolkit.clean(seed_text)
    assert detector.calls - before == 0


def test_seed_json_has_the_contract_keys(seed_text):
    data = toolkit.clean(seed_text).to_dict()
    assert {"target_lang", "title", "metadata", "article", "blocks", "leftovers"} <= set(data)
    for block in data["blocks"]:
        assert {"index", "text", "lang", "kept", "label", "rule", "score"} <= set(block)
        assert 0 <= block["score"] <= 1
    json.dumps(data, ensure_ascii=False)


def test_seed_cli_prints_the_article(seed_gold):
    out = subprocess.run([sys.executable, "-m", "toolkit", "clean", str(ROOT / "examples" / "seed.txt")],
                         capture_output=True, text=True, check=True).stdout
    want = [b["text"] for b in seed_gold["blocks"] if b["label"] in ("title", "content")]
    assert out == "\n\n".join(want) + "\n"


def test_seed_as_gbk_bytes_and_crlf(seed_gold, seed_text):
    data = seed_text.replace("\n", "\r\n").encode("gb18030")
    result = toolkit.clean(data)
    assert [b.label for b in result.blocks] == [b["label"] for b in seed_gold["blocks"]]

import os
import subprocess
import sys

from toolkit.segment import cache_dir, shared_segmenter


def test_jieba_tokens():
    assert shared_segmenter().cut("您使用的浏览器版本过低") == ["您", "使用", "的", "浏览器", "版本", "过低"]


def test_english_page_never_loads_jieba():
    code = ("import sys, toolkit; r = toolkit.clean('Home > News\\n\\nA headline\\n\\nA paragraph of the story here.');"
            "print('jieba' in sys.modules, 'langdetect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_importing_toolkit_loads_nothing_heavy():
    code = "import sys, toolkit; print(sorted(m for m in ('jieba', 'langdetect', 'charset_normalizer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_jieba_cache_lives_in_our_directory(tmp_path):
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path), "TMPDIR": str(tmp_path / "shared-tmp")}
    (tmp_path / "shared-tmp").mkdir()
    code = "from toolkit.segment import shared_segmenter as s; print(s().cut('浏览器'))"
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert (tmp_path / "jieba" / "jieba.cache").exists()
    assert not any((tmp_path / "shared-tmp").iterdir())


def test_jieba_log_is_silent():
    code = "from toolkit.segment import shared_segmenter as s; s().cut('浏览器')"
    err = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stderr
    assert err == ""


def test_cache_dir_is_overridable(monkeypatch, tmp_path):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path / "jieba"

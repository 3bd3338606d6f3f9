import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SEED = str(ROOT / "examples" / "seed.txt")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, input=stdin)


def test_json_format_is_the_result():
    out = run("clean", "--format", "json", SEED)
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["title"] == "Chinese Large Models Lead Global Innovation"
    assert data["leftovers"]["browser-notice"] == [16, 17, 18, 19, 20, 21]


def test_report_names_labels_rules_and_tokens():
    out = run("clean", "--format", "report", SEED).stdout.decode()
    assert "[browser-notice] zh zh/browser-notice-outdated" in out
    assert "tokens: 抱歉 / , / 您" in out
    assert "left over: 14 blocks" in out


def test_stdin_and_output_file(tmp_path):
    target = tmp_path / "article.txt"
    out = run("clean", "-", "-o", str(target), stdin=Path(SEED).read_bytes())
    assert out.returncode == 0 and out.stdout == b""
    assert target.read_text(encoding="utf-8").startswith("Chinese Large Models Lead Global Innovation\n\n")


def test_explain_shows_every_block():
    out = run("explain", SEED).stdout.decode()
    assert out.count("\n#") == 22
    assert "context.heading-region" in out and "why:" in out


def test_missing_file_fails_with_status_1_and_a_message(tmp_path):
    out = run("clean", SEED, str(tmp_path / "nope.txt"))
    assert out.returncode == 1
    assert b"nope.txt: cannot read" in out.stderr
    assert out.stdout.startswith(b"Chinese Large Models")


def test_binary_input_is_reported_not_a_traceback(tmp_path):
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    out = run("clean", str(png))
    assert out.returncode == 1
    assert b"PNG" in out.stderr and b"Traceback" not in out.stderr


def test_no_command_is_a_usage_error():
    assert run().returncode == 2


def test_target_option_keeps_chinese(tmp_path):
    page = tmp_path / "zh.txt"
    page.write_text("首页 > 新闻\n\n市政府发布新规\n\n市政府今天发布了关于城市绿化的新规定，要求各区在年底前完成规划，并向社会公开征求意见。\n\nEnglish", encoding="utf-8")
    out = run("clean", "--target", "zh", str(page)).stdout.decode()
    assert out.startswith("市政府发布新规\n\n市政府今天发布了")

"""Batch runs: many files, directories, JSONL, worker processes, errors per record."""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
ZH = ("当前位置：首页 > 新闻\n\n市政府发布城市绿化新规\n\n市政府今天发布了关于城市绿化的新规定，要求各区在年底前完成规划，"
      "并向社会公开征求意见。新规定明确了公园绿地的建设标准，并提出到2030年人均公园绿地面积达到十五平方米。\n\n责任编辑：王磊")


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, input=stdin, cwd=cwd)


def records(n):
    pages = [SEED, ZH, "", "Home\n\nShort page"]
    for i in range(n):
        yield {"id": f"r{i}", "text": pages[i % len(pages)]}


def write_jsonl(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")


def test_jsonl_keeps_order_and_isolates_errors(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(20), extra_lines=["{broken", json.dumps({"id": "x", "text": 5})])
    out = run("clean", "--jsonl", str(source), "--jobs", "2")
    assert out.returncode == 1
    lines = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert len(lines) == 22  # input records = results + errors
    assert [l["id"] for l in lines[:20]] == [f"r{i}" for i in range(20)]
    assert lines[0]["title"] == "Chinese Large Models Lead Global Innovation"
    assert lines[20]["error"].startswith("not a JSON object") and lines[21]["id"] == "x"
    assert b"22 records: 20 cleaned, 2 failed" in out.stderr


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(40))
    one = run("clean", "--jsonl", str(source), "--jobs", "1")
    two = run("clean", "--jsonl", str(source), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_directory_and_out_dir_write_article_and_report(tmp_path):
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "seed.txt").write_text(SEED, encoding="utf-8")
    (pages / "sub" / "zh.txt").write_text(ZH, encoding="gb18030")
    (pages / ".hidden").write_text("skip me", encoding="utf-8")
    out_dir = tmp_path / "out"
    result = run("clean", str(pages), "--out-dir", str(out_dir), "--target", "en")
    assert result.returncode == 0, result.stderr
    assert (out_dir / "seed.txt").read_text(encoding="utf-8").startswith("Chinese Large Models")
    report = json.loads((out_dir / "seed.json").read_text(encoding="utf-8"))
    assert report["leftovers"]["browser-notice"] == [16, 17, 18, 19, 20, 21]
    assert (out_dir / "sub" / "zh.json").exists()
    assert sorted(p.name for p in out_dir.rglob("*")) == ["seed.json", "seed.txt", "sub", "zh.json", "zh.txt"]


def test_output_file_is_written_atomically(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(4))
    target = tmp_path / "res" / "out.jsonl"
    assert run("clean", "--jsonl", str(source), "-o", str(target)).returncode == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    assert [p.name for p in target.parent.iterdir()] == ["out.jsonl"]  # no temp file left


def test_unwritable_output_fails_cleanly_and_leaves_nothing(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(3))
    out_dir = locked / "out"
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run("clean", "--jsonl", str(source), "--out-dir", str(out_dir))
        assert result.returncode != 0 and b"Traceback" not in result.stderr
    finally:
        locked.chmod(0o700)


def test_write_error_mid_run_leaves_no_partial_file(tmp_path, monkeypatch):
    from toolkit import cli, io

    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(6))
    target = tmp_path / "out.jsonl"
    calls = {"n": 0}
    real_write = io.AtomicOutput.write

    def failing_write(self, text):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_write(self, text)

    monkeypatch.setattr(io.AtomicOutput, "write", failing_write)
    with pytest.raises(OSError):
        cli.main(["clean", "--jsonl", str(source), "-o", str(target)])
    assert list(tmp_path.iterdir()) == [source]


def test_oversized_record_is_an_error_record(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"id": "big", "text": "x" * 5000}, {"id": "ok", "text": SEED}])
    out = run("clean", "--jsonl", str(source), "--max-bytes", "4000")
    lines = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert lines[0]["id"] == "line 1" and "too large" in lines[0]["error"]
    assert lines[1]["id"] == "ok" and out.returncode == 1


def test_killed_worker_fails_its_records_and_the_run_goes_on():
    from toolkit.batch import Record, clean_records

    def pages():
        for i in range(200):
            yield Record(f"p{i}", SEED)
            if i == 120:
                # Kill one worker mid-run (the parent's children are the pool's workers).
                for child in _children():
                    os.kill(child, signal.SIGKILL)
                    break

    outcomes = list(clean_records(pages(), {}, jobs=2))
    assert [o.id for o in outcomes] == [f"p{i}" for i in range(200)]  # counts reconcile, order kept
    failed = [o for o in outcomes if o.error]
    assert failed and all("worker process died" in o.error for o in failed)
    assert outcomes[0].result is not None and outcomes[-1].result is not None  # the run went on


def _children():
    me = os.getpid()
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().split()
            except OSError:
                continue
            if int(stat[3]) == me:
                out.append(int(pid))
    return out


def test_stdin_single_page():
    out = run("clean", "-", stdin=SEED.encode("utf-8"))
    assert out.returncode == 0 and out.stdout.decode().startswith("Chinese Large Models")
    assert out.stderr == b""  # one page: no summary

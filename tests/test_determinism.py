"""The same input gives byte-identical JSON: run after run, Cleaner after Cleaner,
and across processes with different PYTHONHASHSEED (set and dict order,
langdetect's randomness, jieba's cache must not leak into the output).

The inputs: the seed page (str and bytes), Chinese pages from corpora/ (also
as GB18030 and with tokens for every block), German and Russian pages, and
hostile pages (controls, NUL, RTL, zero-width, CRLF, BOM).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_pages import GERMAN_PAGE, RUSSIAN_PAGE, SEED_PAGE, ZH_PAGE, gold_page

import toolkit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("0", "1", "987654321")

HOSTILE = ("\ufeffHome > News\r\n\r\nTitle\x00 with NUL\r\n\r\n\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd\n\n"
           "\u200b\u200c\u200d\n\ne\u0301\u0302 \x1b[31m\u00a0\u3000text\r\rlast")


def inputs(directory: Path) -> list[tuple[str, str]]:
    """Write the fixed inputs as files; return (file name, tokens mode) pairs."""
    pages = {
        "seed.txt": SEED_PAGE.encode("utf-8"),
        "seed-crlf.txt": SEED_PAGE.replace("\n", "\r\n").encode("utf-8"),
        "zh-jianghuai.txt": gold_page("zh-jianghuai-hefei-metro-line8.json").encode("utf-8"),
        "zh-jianghuai-gb18030.txt": gold_page("zh-jianghuai-hefei-metro-line8.json").encode("gb18030"),
        "zh-tw-island.txt": gold_page("zh-tw-island-daily-taipei-electric-bus.json").encode("utf-8"),
        "mix-museum.txt": gold_page("mix-museum-bronze-mirrors.json").encode("utf-8"),
        "encn-quantum.txt": gold_page("encn-innovation-times-quantum-gravimeter.json").encode("utf-16"),
        "zh-sentences.txt": ZH_PAGE.encode("utf-8"),
        "german.txt": GERMAN_PAGE.encode("utf-8"),
        "russian.txt": RUSSIAN_PAGE.encode("utf-8"),
        "hostile.txt": HOSTILE.encode("utf-8"),
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        (directory / name).write_bytes(data)
    return [(name, "leftovers") for name in pages] + [("zh-jianghuai.txt", "all"), ("seed.txt", "all")]


# Run in a fresh interpreter per seed: clean every input, print its JSON as the CLI writes it.
SCRIPT = """
import json, sys
from pathlib import Path
import toolkit
directory = Path(sys.argv[1])
for name, tokens in json.loads(sys.argv[2]):
    for target in ("en", "zh"):
        result = toolkit.clean((directory / name).read_bytes(), target=target, tokens=tokens)
        sys.stdout.write(json.dumps({"id": name, "tokens": tokens, **result.to_dict()}, ensure_ascii=False) + "\\n")
"""


def run_here(directory: Path, pairs) -> bytes:
    lines = []
    for name, tokens in pairs:
        for target in ("en", "zh"):
            result = toolkit.clean((directory / name).read_bytes(), target=target, tokens=tokens)
            lines.append(json.dumps({"id": name, "tokens": tokens, **result.to_dict()}, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")


def test_output_is_byte_identical_across_hash_seeds_and_runs(tmp_path):
    pairs = inputs(tmp_path / "pages")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    procs = []
    for seed in SEEDS:  # started together: they run side by side
        procs.append(subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(tmp_path / "pages"), json.dumps(pairs)],
            env={**env, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}, cwd=str(tmp_path),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    here = run_here(tmp_path / "pages", pairs)
    outputs = {}
    for seed, proc in zip(SEEDS, procs):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
        outputs[seed] = out
    assert len(here.splitlines()) == 2 * len(pairs)
    for seed, out in outputs.items():
        assert out == here, f"PYTHONHASHSEED={seed} gave other bytes: {_first_difference(out, here)}"
    assert here == run_here(tmp_path / "pages", pairs)  # and a second run in this process


def _first_difference(a: bytes, b: bytes) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i}: {x[:200]!r} vs {y[:200]!r}"
    return f"lengths {len(a)} vs {len(b)}"


@pytest.mark.parametrize("page", [SEED_PAGE, ZH_PAGE, HOSTILE, GERMAN_PAGE], ids=["seed", "zh", "hostile", "german"])
def test_a_fresh_cleaner_gives_what_the_shared_one_gives(page):
    """toolkit.clean holds a cached Cleaner; a new one (rules and model loaded again) must agree byte for byte."""
    shared = json.dumps(toolkit.clean(page, tokens="all").to_dict(), ensure_ascii=False)
    fresh = json.dumps(toolkit.Cleaner(tokens="all").clean(page).to_dict(), ensure_ascii=False)
    assert fresh == shared


def test_order_of_pages_does_not_matter():
    """Nothing carries over from one page to the next (caches, the shared detector, jieba)."""
    pages = [SEED_PAGE, ZH_PAGE, GERMAN_PAGE, HOSTILE, RUSSIAN_PAGE]
    forward = [json.dumps(toolkit.clean(p).to_dict()) for p in pages]
    backward = [json.dumps(toolkit.clean(p).to_dict()) for p in reversed(pages)]
    assert forward == list(reversed(backward))

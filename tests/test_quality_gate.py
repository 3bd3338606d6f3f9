"""The quality gate: corpora/ averages stay at or above their floors (tests/data/quality-floors.json)."""
import json
from pathlib import Path

import pytest

import toolkit
from toolkit.evaluate import evaluate, load_gold, page_text

ROOT = Path(__file__).parent.parent
FLOORS = json.loads((Path(__file__).parent / "data" / "quality-floors.json").read_text(encoding="utf-8"))
GOLD = load_gold(ROOT / "corpora")


@pytest.fixture(scope="module")
def scores():
    cleaner = toolkit.Cleaner()
    out = {}
    for lang in ("en", "zh"):
        pages = [g for g in GOLD if g.get("target_lang") == lang]
        out[lang] = evaluate(pages, lambda g: cleaner.clean(page_text(g), target=g["target_lang"]).to_dict())
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_means_stay_above_floors(scores, lang):
    mean = scores[lang]["mean"]
    below = {k: (round(mean[k], 4), floor) for k, floor in FLOORS[lang].items() if mean[k] < floor}
    assert not below, f"{lang}: below the floor (got, floor): {below}"


def test_every_gold_page_is_well_formed():
    labels = {label.value for label in toolkit.Label}
    for gold in GOLD:
        assert gold["target_lang"] in ("en", "zh"), gold["id"]
        assert all(b["label"] in labels for b in gold["blocks"]), gold["id"]
        titles = [b["text"] for b in gold["blocks"] if b["label"] == "title"]
        assert titles == [gold["title"]], gold["id"]
        assert all(b["text"] == b["text"].strip() and "\n\n" not in b["text"] for b in gold["blocks"]), gold["id"]


def test_gold_pages_round_trip_through_the_block_splitter():
    from toolkit.blocks import split_blocks

    for gold in GOLD:
        assert split_blocks(page_text(gold)) == [b["text"] for b in gold["blocks"]], gold["id"]


def test_toolkit_eval_matches_these_numbers(scores):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "toolkit", "eval", str(ROOT / "corpora"), "--json", "--lang", "zh"],
                         capture_output=True, text=True, check=True).stdout
    mean = json.loads(out)["mean"]
    for key, value in scores["zh"]["mean"].items():
        assert mean[key] == pytest.approx(value)

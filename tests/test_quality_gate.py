"""The quality gate: corpora/ averages stay at or above their floors (tests/data/quality-floors.json).

Each set of floors holds on the pages it was measured on; "all" is every gold page."""
import json
from pathlib import Path

import pytest

import toolkit
from toolkit.evaluate import evaluate, load_gold, page_text
from toolkit.evaluate import mean as evaluate_mean

ROOT = Path(__file__).parent.parent
FLOORS = json.loads((Path(__file__).parent / "data" / "quality-floors.json").read_text(encoding="utf-8"))
GOLD = load_gold(ROOT / "corpora")
SETS = FLOORS["sets"]


@pytest.fixture(scope="module")
def scores():
    """Per-page scores of every gold page, computed once; each set averages its own pages."""
    cleaner = toolkit.Cleaner()
    out = {}
    for lang in ("en", "zh"):
        pages = [g for g in GOLD if g.get("target_lang") == lang]
        out[lang] = evaluate(pages, lambda g: cleaner.clean(page_text(g), target=g["target_lang"]).to_dict())
    return out


@pytest.mark.parametrize("name,lang", [(name, lang) for name in SETS for lang in ("en", "zh")])
def test_means_stay_above_floors(scores, name, lang):
    wanted = SETS[name]["pages"]
    rows = scores[lang]["pages"]
    if wanted != "all":
        missing = set(wanted) - {g["id"] for g in GOLD}
        assert not missing, f"{name}: pages gone from corpora/: {sorted(missing)[:5]}"
        rows = [row for row in rows if row["id"] in set(wanted)]
    mean = evaluate_mean(rows)
    below = {k: (round(mean[k], 4), floor) for k, floor in SETS[name][lang].items() if mean[k] < floor}
    assert not below, f"{name}/{lang}: below the floor (got, floor): {below}"


def test_every_gold_page_is_well_formed():
    labels = {label.value for label in toolkit.Label}
    for gold in GOLD:
        assert gold["target_lang"] in ("en", "zh"), gold["id"]
        assert all(b["label"] in labels for b in gold["blocks"]), gold["id"]
        titles = [b["text"] for b in gold["blocks"] if b["label"] == "title"]
        assert titles == [gold["title"]], gold["id"]
        assert all(b["text"] == b["text"].strip() and "\n\n" not in b["text"] for b in gold["blocks"]), gold["id"]


def test_gold_pages_round_trip_through_the_block_splitter():
    from toolkit.blocks import split_blocks, split_merged

    for gold in GOLD:
        # split_merged too: no gold block is a merged one, so gold labels join by index
        assert split_merged(split_blocks(page_text(gold))) == [b["text"] for b in gold["blocks"]], gold["id"]


def test_toolkit_eval_matches_these_numbers(scores):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "toolkit", "eval", str(ROOT / "corpora"), "--json", "--lang", "zh"],
                         capture_output=True, text=True, check=True).stdout
    mean = json.loads(out)["mean"]
    for key, value in scores["zh"]["mean"].items():
        assert mean[key] == pytest.approx(value)

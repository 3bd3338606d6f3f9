"""Dask: a bag of pages on a LocalCluster of 2 worker processes gives what one process gives."""
import json
from pathlib import Path

import pytest

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

from toolkit.integrations.dask import clean_bag, clean_record  # noqa: E402

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")


def _records():
    gold = sorted((ROOT / "corpora").glob("*.json"))[:12]
    pages = ["\n\n".join(b["text"] for b in json.loads(p.read_text(encoding="utf-8"))["blocks"]) for p in gold]
    return [{"id": f"p{i}", "text": t} for i, t in enumerate(pages + [SEED, ""])] + [{"id": "bad"}]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_cluster_results_equal_one_process(client):
    records = _records()
    bag = dask_bag.from_sequence(records, npartitions=4)
    on_cluster = clean_bag(bag, target="en").compute()
    local = [clean_record(r, (("target", "en"),)) for r in records]
    assert on_cluster == local
    assert len(client.scheduler_info()["workers"]) == 2
    assert on_cluster[-1] == {"id": "bad", "error": "field 'text' missing or not a string"}
    assert on_cluster[12]["title"] == "Chinese Large Models Lead Global Innovation"


def test_plain_strings_and_user_rules(client, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "house-ad.rule.toml").write_text('''id = "house-ad"
label = "ad"
[match]
regex_any = ['^Try\\s+Acme']
[[example]]
expect = "match"
text = "Try Acme Pro"
[[example]]
expect = "no-match"
text = "Acme results"
''', encoding="utf-8")
    bag = dask_bag.from_sequence([SEED + "\n\nTry Acme Pro today"], npartitions=1)
    result = clean_bag(bag, rules=[str(pack)]).compute()[0]
    assert result["blocks"][-1]["rule"] == "house-ad"


def test_unknown_option_is_a_clear_error():
    from toolkit import ToolkitError

    with pytest.raises(ToolkitError, match="unknown option"):
        clean_bag(dask_bag.from_sequence(["x"]), colour="blue")

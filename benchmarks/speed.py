#!/usr/bin/env python3
"""Speed of toolkit, in one run: the figures issue 6 asks for.

    python benchmarks/speed.py [--gold corpora] [--records 2000] [--big 0]

Prints, measured now on this machine:
  - ms/page of toolkit.clean and of the peers (trafilatura, jusText on the
    gold pages' HTML view, as shared/tools/perf.py builds it) on the same
    gold pages, per target language;
  - CLI cold start: `toolkit clean` on an English-only page (jieba must not
    load) and on the seed page (jieba loads);
  - throughput of `toolkit clean --jsonl` with --jobs 1 and --jobs 2 over
    N records, and the peak RSS of the parent and of each worker;
  - with --big N, a run over N records to show memory stays flat.
The peers are optional (pip install -e '.[bench]'); missing ones are skipped.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.evaluate import load_gold, page_html, page_text  # noqa: E402


def per_page_ms(fn, items, rounds: int) -> float:
    for item in items[:3]:
        fn(item)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        times.append((time.perf_counter() - start) / len(items) * 1000)
    return sorted(times)[len(times) // 2]


def peers():
    out = {}
    try:
        import trafilatura

        out["trafilatura-html"] = lambda g: trafilatura.extract(page_html(g))
    except ImportError:
        pass
    try:
        import justext

        stop = justext.get_stoplist("English")
        out["justext-html"] = lambda g: justext.justext(page_html(g).encode(), stop)
    except ImportError:
        pass
    return out


def section_speed(golds, rounds):
    import toolkit

    others = peers()
    for lang in ("en", "zh"):
        pages = [g for g in golds if g.get("target_lang") == lang]
        if not pages:
            continue
        ms = per_page_ms(lambda g: toolkit.clean(page_text(g), target=lang), pages, rounds)
        line = f"[{lang}] {len(pages)} pages: toolkit {ms:.2f} ms/page"
        for name, fn in others.items():
            peer = per_page_ms(fn, pages, rounds)
            line += f"; {name} {peer:.2f} ms/page (toolkit is {peer / ms:.2f}x its speed)"
        print(line)


def cold_start(tmp: Path):
    english = tmp / "english.txt"
    english.write_text("Home > News\n\nCouncil Approves Riverside Park\n\nThe council voted on Tuesday to turn the old "
                       "rail yard into a park, ending a debate that had lasted for more than a decade.\n\n"
                       "Work is expected to begin next spring.", encoding="utf-8")
    seed = ROOT / "examples" / "seed.txt"
    exe = [str(Path(sys.executable).parent / "toolkit")]
    if not Path(exe[0]).exists():
        exe = [sys.executable, "-m", "toolkit"]
    for name, path in (("English-only page", english), ("seed page", seed)):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(exe + ["clean", str(path)], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        print(f"cold start, {name}: {sorted(runs)[2]:.3f} s (median of 5 runs of `toolkit clean`)")


def throughput(golds, tmp: Path, records: int):
    source = tmp / "records.jsonl"
    texts = [page_text(g) for g in golds]
    with source.open("w", encoding="utf-8") as handle:
        for i in range(records):
            handle.write(json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    results = {}
    for jobs in (1, 2):
        script = (
            "import resource, sys, time, toolkit.cli as c;"
            "t = time.perf_counter(); code = c.main(sys.argv[1:]); t = time.perf_counter() - t;"
            "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
        )
        out = subprocess.run([sys.executable, "-c", script, "clean", "--jsonl", str(source), "--jobs", str(jobs),
                              "-o", str(tmp / f"out{jobs}.jsonl")], capture_output=True, text=True)
        seconds, parent_kb, child_kb = out.stderr.strip().splitlines()[-1].split()
        seconds = float(seconds)
        results[jobs] = records / seconds
        print(f"--jobs {jobs}: {records} records in {seconds:.1f} s = {records / seconds:.1f} pages/s; "
              f"peak RSS parent {int(parent_kb) / 1024:.0f} MiB, largest worker {int(child_kb) / 1024:.0f} MiB")
    print(f"--jobs 2 / --jobs 1 throughput: {results[2] / results[1]:.2f}x on {os.cpu_count()} cores")


def flat_memory(golds, tmp: Path, records: int):
    """Peak RSS after N/10 and after N records: flat when nothing accumulates.

    Short pages keep a 100,000-record run to minutes; memory growth, if
    any, would come from the records' number, not their size."""
    source = tmp / "big.jsonl"
    texts = ["Home > News\n\nCouncil Approves Park Plan\n\nThe council voted on Tuesday to turn the old rail yard "
             f"into a park, ending a debate that had lasted for years (record {i})." for i in range(50)]
    with source.open("w", encoding="utf-8") as handle:
        for i in range(records):
            handle.write(json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    for n in (records // 10, records):
        part = tmp / f"part{n}.jsonl"
        with source.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            for _, line in zip(range(n), src):
                dst.write(line)
        script = ("import resource, sys, toolkit.cli as c; c.main(sys.argv[1:]);"
                  "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", script, "clean", "--jsonl", str(part), "--jobs", "2", "-o", os.devnull],
                             capture_output=True, text=True)
        parent_kb, child_kb = out.stderr.strip().splitlines()[-1].split()
        print(f"{n} records: {time.perf_counter() - start:.0f} s, peak RSS parent {int(parent_kb) / 1024:.0f} MiB, "
              f"largest worker {int(child_kb) / 1024:.0f} MiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(ROOT / "corpora"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--big", type=int, default=0, help="also run N records to show flat memory (e.g. 100000)")
    args = parser.parse_args()
    golds = load_gold(args.gold)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    section_speed(golds, args.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold_start(tmp)
        throughput(golds, tmp, args.records)
        if args.big:
            flat_memory(golds, tmp, args.big)


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Big hostile inputs: time and peak memory of toolkit.clean on each.

    .venv/bin/python benchmarks/hostile.py                    # every case
    .venv/bin/python benchmarks/hostile.py --only 1m-blocks --timeout 600
    .venv/bin/python benchmarks/hostile.py --only tiny-blocks --blocks 12500 25000 50000   # the growth curve

Not part of the test suite (timing goals live here; tests/test_properties_hostile.py
checks scaled-down versions for correctness only). Each case runs in a
fresh child process, so its peak RSS (ru_maxrss of that process, read from
/proc VmHWM when a case is stopped at --timeout) is its own and includes
the loaded rules, model and (for Chinese) jieba; "base" is the child's peak
after loading and cleaning a one-line page, before the case's input is
built. "conserved" checks every block came back, in order, verbatim.

Cases:
    50mb-page     a 50 MB UTF-8 page: the seed page, Chinese and English
                  news paragraphs, repeated (bytes, as a scraper saves them)
    5mb-line-en   a 5 MB single line of English (one block)
    5mb-line-zh   a 5 MB single line of Chinese (one block, jieba on it)
    1m-blocks     1 million tiny blocks ("b123", blank-line separated)
    tiny-blocks   --blocks N tiny blocks (for the growth curve)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000
EN_PARA = ("The city council voted on Tuesday to turn the old rail yard into a park, ending a debate that had "
           "lasted for more than a decade. Officials said work would begin next spring and that the first "
           "section, along the river, should open to the public within two years. ")
ZH_PARA = ("市政府今天发布了关于城市绿化的新规定，要求各区在年底前完成规划，并向社会公开征求意见。"
           "新规定明确了公园绿地的建设标准，并提出到二〇三〇年人均公园绿地面积达到十五平方米。")


def build(case: str, blocks: int) -> tuple[object, list | None]:
    """The input of a case, and the blocks it must give back (None: check with split_blocks)."""
    if case == "50mb-page":
        seed = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
        unit = "\n\n".join([seed, EN_PARA * 4, ZH_PARA * 3, "Top News", EN_PARA * 2, "相关新闻", ZH_PARA]) + "\n\n"
        data = unit.encode("utf-8")
        return data * (50 * MB // len(data) + 1), None
    if case == "5mb-line-en":
        line = EN_PARA * (5 * MB // len(EN_PARA.encode()) + 1)
        return line, [line.strip()]
    if case == "5mb-line-zh":
        line = ZH_PARA * (5 * MB // len(ZH_PARA.encode()) + 1)
        return line, [line]
    if case in ("1m-blocks", "tiny-blocks"):
        n = 1_000_000 if case == "1m-blocks" else blocks
        texts = [f"b{i}" for i in range(n)]
        return "\n\n".join(texts), texts
    raise SystemExit(f"unknown case {case}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(case: str, blocks: int) -> None:
    import toolkit
    from toolkit.blocks import split_blocks
    from toolkit.decode import decode_page

    toolkit.clean("Warm up: load the rules and the model.")
    if case in ("50mb-page", "5mb-line-zh"):
        toolkit.clean("加载结巴分词：市政府今天发布了新规定。", tokens="all")
    base = peak_rss_mb()
    page, expected = build(case, blocks)
    size = len(page) if isinstance(page, bytes) else len(page.encode("utf-8"))
    start = time.perf_counter()
    result = toolkit.clean(page)
    seconds = time.perf_counter() - start
    got = [b.text for b in result.blocks]
    if expected is None:
        expected = split_blocks(decode_page(page).text)
    print(json.dumps({"case": case, "bytes": size, "blocks": len(got), "seconds": round(seconds, 2),
                      "peak_rss_mb": round(peak_rss_mb(), 1), "base_rss_mb": round(base, 1),
                      "conserved": got == expected,
                      "kept": sum(b.kept for b in result.blocks)}), flush=True)


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_case(case: str, blocks: int, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--child", case, "--blocks", str(blocks)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    hwm = None
    while proc.poll() is None:
        hwm = vm_hwm_mb(proc.pid) or hwm
        if time.perf_counter() - start > timeout:
            hwm = vm_hwm_mb(proc.pid) or hwm
            proc.kill()  # our own child, by its handle
            proc.wait()
            return {"case": case, "blocks": blocks if case == "tiny-blocks" else None,
                    "seconds": None, "peak_rss_mb": round(hwm, 1) if hwm else None,
                    "note": f"did not finish in {timeout:.0f} s (stopped; peak RSS so far)"}
        time.sleep(0.5)
    out, err = proc.communicate()
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"case": case, "seconds": None, "peak_rss_mb": None,
                "note": f"child failed with {proc.returncode}: {err.strip().splitlines()[-1:] or ''}"}
    return json.loads(lines[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="time and peak RSS of toolkit.clean on big hostile inputs")
    parser.add_argument("--only", nargs="*", default=["50mb-page", "5mb-line-en", "5mb-line-zh", "1m-blocks"],
                        help="cases to run (default: all but tiny-blocks)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a case is stopped (default 1800)")
    parser.add_argument("--blocks", type=int, nargs="*", default=[50_000], help="sizes for the tiny-blocks case")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.blocks[0])
        return 0
    print(f"{'case':<22}{'input':>10}{'blocks':>10}{'time':>10}{'peak RSS':>11}{'base RSS':>11}  result", flush=True)
    failed = False
    for case in args.only:
        for n in (args.blocks if case == "tiny-blocks" else [0]):
            r = run_case(case, n, args.timeout)
            name = f"{case} ({n})" if case == "tiny-blocks" else case
            if r.get("seconds") is None:
                failed = True
                rss = f"{r['peak_rss_mb']:.0f} MB" if r.get("peak_rss_mb") else "?"
                print(f"{name:<22}{'':>10}{'':>10}{'-':>10}{rss:>11}{'':>11}  {r['note']}", flush=True)
                continue
            failed |= not r["conserved"]
            print(f"{name:<22}{r['bytes'] / MB:>8.1f}MB{r['blocks']:>10}{r['seconds']:>9.1f}s"
                  f"{r['peak_rss_mb']:>8.0f} MB{r['base_rss_mb']:>8.0f} MB  "
                  f"{'blocks conserved' if r['conserved'] else 'BLOCKS NOT CONSERVED'}, {r['kept']} kept", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

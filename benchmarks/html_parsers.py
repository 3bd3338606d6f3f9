"""Compare HTML parsers for toolkit.html: selectolax (lexbor) against lxml.html.

    .venv/bin/python benchmarks/html_parsers.py                 # every page of shared/bench/*/html
    .venv/bin/python benchmarks/html_parsers.py -n 300 --seed 1 # a random sample
    .venv/bin/python benchmarks/html_parsers.py --glob 'PATH/*.html.gz'

Both parsers feed the same flattening code (toolkit.htmlparse.Flattener),
so "parse+flatten" differs only by the parser and its tree walk. Pages are
decoded once with toolkit.html.decode_html before timing. Prints ms/page
(mean and median) for parsing alone and for parse+flatten, the pages each
parser failed on, how often the two agree on the block texts, and what each
makes of a few kinds of broken markup. Needs selectolax and lxml.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.htmldecode import decode_html  # noqa: E402
from toolkit.htmlparse import Flattener, tame_nesting, walk_lexbor, walk_lxml  # noqa: E402

DEFAULT_GLOB = str(Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "*" / "html" / "*.html.gz")


def lexbor_parse(html: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(tame_nesting(html))


def lexbor_flatten(html: str) -> list[str]:
    tree = lexbor_parse(html)
    flat = Flattener()
    if tree.root is not None:
        walk_lexbor(tree.root, flat)
    return [b.text for b in flat.finish()]


def lxml_parse(html: str):
    import lxml.html

    return lxml.html.document_fromstring(html)


def lxml_flatten(html: str) -> list[str]:
    root = lxml_parse(html)
    flat = Flattener()
    walk_lxml(root, flat)
    return [b.text for b in flat.finish()]


PARSERS = {
    "selectolax/lexbor": (lexbor_parse, lexbor_flatten),
    "lxml.html": (lxml_parse, lxml_flatten),
}

BROKEN = {
    "empty document": "",
    "white space only": "  \n ",
    "xml declaration in str": '<?xml version="1.0" encoding="utf-8"?><html><body><p>text</p></body></html>',
    "NUL bytes": "<p>a\x00b</p><div>c\x00</div>",
    "unclosed tags": "<div><p>one<p>two<ul><li>three<li>four</div>",
    "stray end tags": "</div></span><p>text</p></div></div></body></html></p>",
    "misnested inline": "<p><b>bold <i>both</b> italic</i> plain</p>",
    "300 nested divs": "<div>" * 300 + "deep text" + "</div>" * 300,
}


def _load(pattern: str, n: int | None, seed: int) -> list[tuple[str, str]]:
    files = sorted(glob.glob(pattern))
    if n and n < len(files):
        files = random.Random(seed).sample(files, n)
    pages = []
    for f in files:
        data = Path(f).read_bytes()
        if f.endswith(".gz"):
            data = gzip.decompress(data)
        pages.append((f, decode_html(data)[0]))
    return pages


def _time(fn, html: str) -> float | None:
    t0 = time.perf_counter()
    try:
        fn(html)
    except Exception:
        return None
    return (time.perf_counter() - t0) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--glob", default=DEFAULT_GLOB, help="gzip or plain HTML files (default: shared/bench/*/html)")
    ap.add_argument("-n", type=int, default=None, help="a random sample of N pages (default: all)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    pages = _load(args.glob, args.n, args.seed)
    if not pages:
        print(f"no pages match {args.glob}", file=sys.stderr)
        return 1
    size = sum(len(h) for _, h in pages) / len(pages) / 1000
    print(f"{len(pages)} pages, {size:.0f} K characters on average, one core, Python {sys.version.split()[0]}")

    results = {}
    for name, (parse, flatten) in PARSERS.items():
        for _, html in pages[:20]:  # warm up imports and caches
            _time(flatten, html)
        parse_ms = [t for _, h in pages if (t := _time(parse, h)) is not None]
        flat_ms, failed, texts = [], [], {}
        for path, html in pages:
            t0 = time.perf_counter()
            try:
                texts[path] = flatten(html)
            except Exception as exc:
                failed.append(f"{os.path.basename(path)}: {type(exc).__name__}: {str(exc)[:60]}")
                continue
            flat_ms.append((time.perf_counter() - t0) * 1000)
        results[name] = (parse_ms, flat_ms, failed, texts)

    print()
    print(f"{'parser':<20}{'parse ms/page':>16}{'(median)':>10}{'parse+flatten':>16}{'(median)':>10}{'failed':>8}")
    for name, (parse_ms, flat_ms, failed, _) in results.items():
        print(f"{name:<20}{statistics.mean(parse_ms):>16.2f}{statistics.median(parse_ms):>10.2f}"
              f"{statistics.mean(flat_ms):>16.2f}{statistics.median(flat_ms):>10.2f}{len(failed):>8}")
    for name, (_, _, failed, _) in results.items():
        for line in failed[:10]:
            print(f"  {name} failed on {line}")

    (a, (_, _, _, ta)), (b, (_, _, _, tb)) = list(results.items())[:2]
    common = [p for p in ta if p in tb]
    same = sum(1 for p in common if ta[p] == tb[p])
    print(f"\nsame block texts from both: {same} of {len(common)} pages")

    print("\nbroken markup (block texts, or the error):")
    for case, html in BROKEN.items():
        print(f"  {case}")
        for name, (_, flatten) in PARSERS.items():
            try:
                out = repr(flatten(html))
            except Exception as exc:
                out = f"raises {type(exc).__name__}: {str(exc)[:70]}"
            print(f"    {name:<18} {out[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

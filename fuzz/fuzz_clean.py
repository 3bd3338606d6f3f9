#!/usr/bin/env python
"""Fuzz toolkit.clean and the CLI's JSONL reader; not part of the test suite.

    .venv/bin/python fuzz/fuzz_clean.py --minutes 2            # atheris if installed, else hypothesis
    .venv/bin/python fuzz/fuzz_clean.py --minutes 2 --engine hypothesis

Every input is fed to the toolkit in one of these ways (the first byte of
an atheris input picks the way; the hypothesis engine draws it):

    bytes          raw bytes to toolkit.clean
    str            a str (possibly with lone surrogates) to toolkit.clean
    utf-8 / utf-16 / gb18030
                   a str encoded so: the toolkit must read it back exactly
                   (gb18030: as its own decoding says; detection is a guess)
    jsonl-bytes    raw bytes written to a temp file and read with
                   toolkit.batch.jsonl_records: one record per non-blank
                   line; each readable record is cleaned and serialised as
                   `toolkit clean --jsonl` writes it
    jsonl-records  strs written as JSONL records, read back, cleaned, serialised
    seed-splice    a str spliced into the seed page at some offset

and the invariants of tests/clean_invariants.py are asserted: clean returns
or raises a ToolkitError; blocks are conserved, in order, character for
character; article is the kept blocks; leftovers index each left-over block
once; the same input gives the same JSON twice (every 8th input).

An exception other than ToolkitError is a crash; a failed invariant is a
violation. Both are grouped by signature (exception type and the frame it
came from); the first input of each signature is saved to --crash-dir with
its traceback. At the end the fuzzer prints inputs tried, inputs per way,
crashes and violations found, and the slowest input.

With atheris the fuzzing runs in a child process (libFuzzer ends the
process without running Python's exit handlers, and a per-input timeout or
memory blow-up kills it): the child writes its counts to a file that the
parent reads, and the parent restarts the child after a libFuzzer timeout
or out-of-memory kill until the time is up, recording each as a crash.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MODES = ("bytes", "str", "utf-8", "utf-16", "gb18030", "jsonl-bytes", "jsonl-records", "seed-splice")
SLOW_SECONDS = 10.0


# ------------------------------------------------------------ the checks

class Harness:
    def __init__(self, crash_dir: Path):
        import toolkit
        from clean_invariants import check_result, check_title, cli_line, to_json
        from toolkit.batch import jsonl_records
        from toolkit.decode import decode_page, normalise_newlines

        self.toolkit = toolkit
        try:  # HTML input (toolkit.htmldecode), where the toolkit has it
            from toolkit.htmldecode import looks_like_html
        except ImportError:
            def looks_like_html(page):
                return False
        self.looks_like_html = looks_like_html
        self.check_result, self.check_title = check_result, check_title
        self.cli_line, self.to_json = cli_line, to_json
        self.jsonl_records = jsonl_records
        self.decode_page, self.normalise_newlines = decode_page, normalise_newlines
        self.seed = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
        self.crash_dir = crash_dir
        crash_dir.mkdir(parents=True, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="toolkit-fuzz-jsonl-")
        self.inputs = 0
        self.modes: Counter = Counter()
        self.refused = 0  # ToolkitError: allowed
        self.records = 0  # JSONL records read
        self.crashes = 0
        self.violations = 0
        self.signatures: dict = {}
        self.slowest = (0.0, "")
        toolkit.clean(self.seed)  # load rules, model and jieba before timing anything

    # -- one input ------------------------------------------------------

    def run(self, mode: str, payload) -> None:
        self.inputs += 1
        self.modes[mode] += 1
        self._mode = mode
        start = time.perf_counter()
        try:
            getattr(self, "_" + mode.replace("-", "_"))(payload)
        except AssertionError as exc:
            self.violations += 1
            self._record("violation", exc, mode, payload)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - anything but a ToolkitError is a crash
            self.crashes += 1
            self._record("crash", exc, mode, payload)
        elapsed = time.perf_counter() - start
        if elapsed > self.slowest[0]:
            size = len(payload[1]) if mode == "seed-splice" else sum(map(len, payload)) if mode == "jsonl-records" \
                else len(payload)
            self.slowest = (elapsed, f"{mode}, {size} {'bytes' if isinstance(payload, bytes) else 'characters'}")
        if elapsed > SLOW_SECONDS:
            self._record("slow", TimeoutError(f"{elapsed:.1f}s on one input"), mode, payload)

    def _clean(self, page):
        try:
            return self.toolkit.clean(page)
        except self.toolkit.ToolkitError:
            self.refused += 1
            return None

    def _checked(self, page, expected_text: str | None):
        """Clean, assert the invariants against what should have been read, and determinism now and then."""
        result = self._clean(page)
        if result is None:
            return None
        if self.looks_like_html(page):
            expected_text = None  # read as HTML (kind="auto"): its blocks are not the text's
        elif expected_text is None:
            expected_text = self.decode_page(page).text
        self.check_result(expected_text, result)
        try:
            self.check_title(result)
        except AssertionError as exc:  # a known bug: counted, without hiding the checks after it
            self.violations += 1
            self._record("violation", exc, self._mode, page)
        if self.inputs % 8 == 0:
            again = self.toolkit.clean(page)
            assert self.to_json(again) == self.to_json(result), "the same input gave different JSON"
        return result

    def _bytes(self, data: bytes) -> None:
        self._checked(data, None)

    def _str(self, text: str) -> None:
        self._checked(text, self.normalise_newlines(text))

    def _utf_8(self, text: str) -> None:
        text = _no_surrogates(text)
        data = text.encode("utf-8")
        result = self._checked(data, None)
        if result is None:
            # By design valid UTF-8 is refused only as binary: a file's magic
            # number, or a sample of 64+ bytes that is a tenth NUL.
            sample = data[:4096]
            assert len(sample) >= 64 and sample.count(0) > len(sample) // 10 or data[:5] in (b"%PDF-",) \
                or data[:4] in (b"PK\x03\x04", b"GIF8") or data[:2] == b"\x1f\x8b", "valid UTF-8 was refused"
            return
        if self.looks_like_html(text):
            return
        # The bytes and the str must read the same.
        assert [b.text for b in result.blocks] == [b.text for b in self.toolkit.clean(text).blocks], \
            "UTF-8 bytes and the same str give different blocks"

    def _utf_16(self, text: str) -> None:
        text = _no_surrogates(text)
        data = text.encode("utf-16")  # with a BOM
        if text.startswith("\x00"):
            # FF FE 00 00 is also the UTF-32-LE BOM: anything within the invariants goes.
            self._checked(data, None)
            return
        result = self._checked(data, self.normalise_newlines(text))
        assert result is not None, "UTF-16 with a BOM was refused"

    def _gb18030(self, text: str) -> None:
        self._checked(_no_surrogates(text).encode("gb18030"), None)

    def _jsonl_bytes(self, data: bytes) -> None:
        path = os.path.join(self.tmp, "in.jsonl")
        with open(path, "wb") as handle:
            handle.write(data)
        # Binary reads split on LF only; a line of ASCII white space is skipped.
        expected = sum(1 for line in data.split(b"\n") if line.strip())
        records = list(self.jsonl_records(path))
        self.records += len(records)
        assert len(records) == expected, f"{expected} non-blank lines gave {len(records)} records"
        self._clean_records(records)

    def _jsonl_records(self, texts: list) -> None:
        path = os.path.join(self.tmp, "in.jsonl")
        ascii_only = any(_has_surrogate(t) for t in texts) or self.inputs % 2 == 0
        with open(path, "wb") as handle:
            for i, text in enumerate(texts):
                handle.write((json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=ascii_only) + "\n").encode("utf-8"))
        records = list(self.jsonl_records(path))
        self.records += len(records)
        assert [(r.id, r.data, r.error) for r in records] == [(f"r{i}", t, None) for i, t in enumerate(texts)], \
            "JSONL records did not read back as written"
        self._clean_records(records)

    def _clean_records(self, records) -> None:
        for record in records:
            if record.error is not None:
                assert record.data is None
                continue
            result = self._checked(record.data, self.normalise_newlines(record.data))
            if result is not None:
                self.cli_line(result, record.id)  # what `toolkit clean --jsonl` writes

    def _seed_splice(self, payload) -> None:
        where, text = payload
        where %= len(self.seed) + 1
        self._str(self.seed[:where] + text + self.seed[where:])

    # -- bookkeeping ------------------------------------------------------

    def _record(self, kind: str, exc: BaseException, mode: str, payload) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "/toolkit/" in f.filename or "clean_invariants" in f.filename]
        where = ours[-1] if ours else (frames[-1] if frames else None)
        place = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
        message = str(exc).split(":")[0][:60] if kind == "violation" else type(exc).__name__
        signature = f"{kind}: {type(exc).__name__} at {place} ({mode}): {message}"
        entry = self.signatures.setdefault(signature, {"count": 0, "example": None})
        entry["count"] += 1
        if entry["example"] is None:
            raw = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=True).encode()
            digest = hashlib.sha1(raw).hexdigest()[:12]
            base = self.crash_dir / f"{kind}-{mode}-{digest}"
            base.with_suffix(".input").write_bytes(raw)
            base.with_suffix(".txt").write_text(
                f"{signature}\nmode: {mode}\ninput ({'raw bytes' if isinstance(payload, bytes) else 'JSON of the payload'})"
                f": {base.with_suffix('.input')}\nrepr: {payload!r:.2000}\n\n"
                + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), encoding="utf-8")
            entry["example"] = str(base.with_suffix(".txt"))

    def stats(self) -> dict:
        return {"inputs": self.inputs, "modes": dict(self.modes), "refused": self.refused, "records": self.records,
                "crashes": self.crashes, "violations": self.violations, "signatures": self.signatures,
                "slowest": list(self.slowest)}


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _no_surrogates(text: str) -> str:
    return "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF) if _has_surrogate(text) else text


# ------------------------------------------------------------ atheris

def decode_atheris(data: bytes):
    """Map libFuzzer's bytes to (mode, payload)."""
    if not data:
        return "bytes", b""
    mode = MODES[data[0] % len(MODES)]
    rest = data[1:]
    if mode in ("bytes", "jsonl-bytes"):
        return mode, rest
    text = _bytes_to_str(rest)
    if mode == "jsonl-records":
        return mode, text.split("\x1e")  # record separator splits records
    if mode == "seed-splice":
        where = int.from_bytes(rest[:2], "little") if len(rest) >= 2 else 0
        return mode, (where, _bytes_to_str(rest[2:]))
    return mode, text


def _bytes_to_str(data: bytes) -> str:
    """The first byte picks how the rest becomes a str: UTF-8, UTF-16 (any code point, lone surrogates too) or Latin-1."""
    if not data:
        return ""
    how, rest = data[0] % 3, data[1:]
    if how == 0:
        return rest.decode("utf-8", errors="replace")
    if how == 1:
        return rest[: len(rest) // 2 * 2].decode("utf-16-le", errors="surrogatepass")
    return rest.decode("latin-1")


def seed_corpus(directory: Path) -> None:
    """Starting inputs for libFuzzer: real pages in every mode."""
    from hostile_pages import GERMAN_PAGE, RUSSIAN_PAGE, ZH_PAGE

    seed = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
    pages = [seed[:3000], ZH_PAGE, GERMAN_PAGE, RUSSIAN_PAGE, "Home > News\r\n\r\nTitle\r\n\r\nBody text.\u00a0\n\n",
             "抱歉，您使用的浏览器版本过低\n\n继续浏览\n\n相关新闻\n\n责任编辑：王磊"]
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    for page in pages:
        for mode in MODES:
            index = bytes([MODES.index(mode)])
            if mode == "bytes":
                data = [page.encode("utf-8"), page.encode("gb18030"), page.encode("utf-16")]
            elif mode == "jsonl-bytes":
                data = [(json.dumps({"id": "a", "text": page}, ensure_ascii=False) + "\n{broken\n[1]\n").encode("utf-8")]
            elif mode == "seed-splice":
                data = [b"\x10\x00\x00" + page[:200].encode("utf-8")]
            else:
                data = [b"\x00" + page.encode("utf-8")]
            for d in data:
                (directory / f"seed-{n:03d}").write_bytes(index + d)
                n += 1


def atheris_worker(args) -> None:
    import atheris

    with atheris.instrument_imports(include=["toolkit"]):
        import toolkit  # noqa: F401
        import toolkit.batch  # noqa: F401
        import toolkit.cleaner  # noqa: F401
        import toolkit.classify  # noqa: F401
        import toolkit.context  # noqa: F401
        import toolkit.credits  # noqa: F401
        import toolkit.decode  # noqa: F401
        import toolkit.features  # noqa: F401
        import toolkit.language  # noqa: F401
        import toolkit.metadata  # noqa: F401
        import toolkit.page  # noqa: F401
        import toolkit.rules  # noqa: F401
    harness = Harness(Path(args.crash_dir))
    stats_file = Path(args.stats)
    last = [0.0]

    def dump():
        tmp = stats_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(harness.stats()), encoding="utf-8")
        os.replace(tmp, stats_file)

    def one(data: bytes) -> None:
        harness.run(*decode_atheris(data))
        now = time.monotonic()
        if now - last[0] > 1.0:
            last[0] = now
            dump()

    dump()
    atheris.Setup([sys.argv[0], *args.libfuzzer], one)
    atheris.Fuzz()


def run_atheris(args, deadline: float) -> dict:
    work = Path(args.crash_dir)
    corpus = work / "corpus"
    if not corpus.exists():
        seed_corpus(corpus)
    total: dict = {"inputs": 0, "modes": Counter(), "refused": 0, "records": 0, "crashes": 0, "violations": 0,
                   "signatures": {}, "slowest": [0.0, ""]}
    run = 0
    while True:
        left = int(deadline - time.time())
        if left < 5:
            break
        run += 1
        stats = work / f"stats-{os.getpid()}-{run}.json"
        libfuzzer = [f"-max_total_time={left}", f"-max_len={args.max_len}", f"-timeout={args.timeout}",
                     "-rss_limit_mb=8192", f"-artifact_prefix={work}/", "-print_final_stats=1", str(corpus)]
        cmd = [sys.executable, __file__, "--worker", "--crash-dir", str(work), "--stats", str(stats),
               "--", *libfuzzer]
        log = work / f"libfuzzer-{os.getpid()}-{run}.log"
        with open(log, "wb") as handle:
            code = subprocess.call(cmd, stdout=handle, stderr=subprocess.STDOUT)
        part = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else None
        tail = log.read_text(encoding="utf-8", errors="replace")
        if part:
            # The child's last dump may be up to a second old: libFuzzer's own count is exact.
            executed = [int(line.split(":")[-1]) for line in tail.splitlines()
                        if line.startswith("stat::number_of_executed_units:")]
            if executed:
                part["inputs"] = max(part["inputs"], executed[-1])
            _merge(total, part)
        if code != 0:
            kind = ("timeout" if "libFuzzer: timeout" in tail else "out-of-memory" if "out-of-memory" in tail
                    else f"child exited {code}")
            artifacts = [line.split("Test unit written to ")[-1].strip() for line in tail.splitlines()
                         if "Test unit written to" in line]
            signature = f"crash: libFuzzer {kind}"
            entry = total["signatures"].setdefault(signature, {"count": 0, "example": None})
            entry["count"] += 1
            entry["example"] = entry["example"] or (artifacts[-1] if artifacts else str(log))
            total["crashes"] += 1
            total["inputs"] += 1  # the input that killed the child was not counted by it
        print(f"[atheris run {run}] exit {code}; {part['inputs'] if part else 0} inputs; log {log}", file=sys.stderr)
    return total


def _merge(total: dict, part: dict) -> None:
    for key in ("inputs", "refused", "records", "crashes", "violations"):
        total[key] += part[key]
    total["modes"].update(part["modes"])
    for sig, entry in part["signatures"].items():
        mine = total["signatures"].setdefault(sig, {"count": 0, "example": entry["example"]})
        mine["count"] += entry["count"]
    if part["slowest"][0] > total["slowest"][0]:
        total["slowest"] = part["slowest"]


# ------------------------------------------------------------ hypothesis at scale

def run_hypothesis(args, deadline: float) -> dict:
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    from hostile_pages import PAGE, chinese_pages

    harness = Harness(Path(args.crash_dir))
    any_page = st.one_of(PAGE, chinese_pages())
    json_line = st.one_of(
        st.builds(lambda i, t: json.dumps({"id": i, "text": t}), st.one_of(st.text(max_size=5), st.integers(), st.none()), PAGE),
        st.builds(lambda t, a: json.dumps({"text": t}, ensure_ascii=a), PAGE, st.booleans()),
        st.sampled_from(["{broken", "[1, 2]", "null", "5", '"text"', '{"text": 5}', '{"id": "x"}', '{"text": null}',
                         '{"text": "a", "text": "b"}', "\ufeff{\"text\": \"bom\"}", '{"text": "\\ud800"}',
                         '{"text": "a\\u0000b"}', '{"id": {"a": 1}, "text": "nested id"}', "[" * 2000 + "]" * 2000,
                         '{"text": "x", "n": ' + "1" * 5000 + "}", "NaN", '{"id": NaN, "text": "nan id"}']),
    ).map(lambda s: s.encode("utf-8", errors="surrogatepass"))
    jsonl = st.one_of(
        st.lists(st.one_of(json_line, st.binary(max_size=40)), max_size=6).map(lambda lines: b"\n".join(lines)),
        st.binary(max_size=300),
    )
    case = st.one_of(
        st.tuples(st.just("bytes"), st.binary(max_size=2000)),
        st.tuples(st.just("bytes"), st.tuples(any_page, st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "utf-16-le"]))
                  .map(lambda p: p[0].encode(p[1], errors="replace"))),
        st.tuples(st.just("str"), any_page),
        st.tuples(st.sampled_from(["utf-8", "utf-16", "gb18030"]), any_page),
        st.tuples(st.just("jsonl-bytes"), jsonl),
        st.tuples(st.just("jsonl-records"), st.lists(any_page, max_size=4)),
        st.tuples(st.just("seed-splice"), st.tuples(st.integers(0, 10**6), PAGE)),
    )

    @settings(max_examples=args.batch, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case)
    def fuzz(pair):
        harness.run(*pair)

    rng = random.Random(args.seed)
    rounds = 0
    next_report = time.time() + 30
    while time.time() < deadline:
        seed(rng.getrandbits(64))(fuzz)()
        rounds += 1
        if time.time() > next_report:
            next_report += 30
            print(f"[hypothesis] {harness.inputs} inputs, {harness.crashes} crashes, {harness.violations} violations",
                  file=sys.stderr)
    return harness.stats()


# ------------------------------------------------------------ main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0, help="how long to fuzz (default 2)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--crash-dir", default=os.path.join(tempfile.gettempdir(), "toolkit-fuzz"),
                        help="where crashing inputs, the corpus and logs go (default: $TMPDIR/toolkit-fuzz)")
    parser.add_argument("--max-len", type=int, default=4096, help="atheris: longest input in bytes (default 4096)")
    parser.add_argument("--timeout", type=int, default=60, help="atheris: seconds one input may take (default 60)")
    parser.add_argument("--batch", type=int, default=200, help="hypothesis: examples per seeded round")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis: seed of the rounds' seeds")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("libfuzzer", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        atheris_worker(args)
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    start = time.time()
    deadline = start + args.minutes * 60
    print(f"fuzzing toolkit.clean and jsonl_records with {engine} for {args.minutes:g} min; "
          f"crashes go to {args.crash_dir}", file=sys.stderr)
    stats = run_atheris(args, deadline) if engine == "atheris" else run_hypothesis(args, deadline)
    elapsed = time.time() - start
    print(f"engine: {engine}")
    print(f"time: {elapsed:.0f} s")
    print(f"inputs tried: {stats['inputs']} ({stats['inputs'] / max(elapsed, 1e-9):.0f}/s)")
    print("by way: " + ", ".join(f"{m} {n}" for m, n in sorted(dict(stats["modes"]).items())))
    print(f"JSONL records read: {stats['records']}")
    print(f"refused with a ToolkitError (allowed): {stats['refused']}")
    print(f"slowest input: {stats['slowest'][0]:.2f} s ({stats['slowest'][1]})")
    print(f"crashes found: {stats['crashes']}")
    print(f"invariant violations found: {stats['violations']}")
    for signature, entry in sorted(stats["signatures"].items(), key=lambda kv: -kv[1]["count"]):
        print(f"  {entry['count']:>6} x {signature}\n         first: {entry['example']}")
    return 1 if stats["crashes"] or stats["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())

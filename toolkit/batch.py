"""Clean many pages: files, directories, JSONL records, in worker processes.

Records stream through: memory stays flat in the number of records (a
bounded window of work is in flight), results come back in input order,
and a record that cannot be cleaned becomes an error record with its
reason while the run goes on. Each worker process holds one Cleaner,
built once when the worker starts.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, ToolkitError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # a page larger than this is refused, not cleaned
CHUNK = 8  # records per task sent to a worker


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    data: str | bytes | None
    error: str | None = None  # set when the record could not even be read
    path: str | None = None  # the relative path a file came from, for --out-dir


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    result: object | None  # toolkit.Result
    error: str | None
    path: str | None = None


# ------------------------------------------------------------ reading

def file_records(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES):
    """Records from files, directories (recursively, in name order) and '-'."""
    for name in paths:
        if name == "-":
            yield _sized(Record("-", sys.stdin.buffer.read(), path="stdin"), max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))):
                yield _read_file(child, str(child.relative_to(path)), max_bytes)
        else:
            yield _read_file(path, path.name, max_bytes)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _read_file(path: Path, relative: str, max_bytes: int) -> Record:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Record(str(path), None, f"too large: {size} bytes (limit {max_bytes}; see --max-bytes)", relative)
        return Record(str(path), path.read_bytes(), path=relative)
    except OSError as exc:
        return Record(str(path), None, f"cannot read: {exc.strerror or exc}", relative)


def _sized(record: Record, max_bytes: int) -> Record:
    if record.data is not None and len(record.data) > max_bytes:
        return Record(record.id, None, f"too large: {len(record.data)} bytes (limit {max_bytes}; see --max-bytes)", record.path)
    return record


def jsonl_records(source: str, text_field: str = "text", id_field: str = "id", max_bytes: int = DEFAULT_MAX_BYTES):
    """Records from a JSON Lines file (or '-'): one object a line, read lazily."""
    handle = sys.stdin.buffer if source == "-" else open(source, "rb")
    try:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            yield _parse_line(raw, number, text_field, id_field, max_bytes)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _parse_line(raw: bytes, number: int, text_field: str, id_field: str, max_bytes: int) -> Record:
    fallback = f"line {number}"
    if len(raw) > max_bytes:
        return Record(fallback, None, f"too large: {len(raw)} bytes (limit {max_bytes}; see --max-bytes)")
    try:
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return Record(fallback, None, f"not a JSON object: {exc}")
    except RecursionError:
        return Record(fallback, None, "not a JSON object: nested too deeply")
    if not isinstance(obj, dict):
        return Record(fallback, None, f"not a JSON object but {type(obj).__name__}")
    rid = obj.get(id_field, fallback)
    rid = rid if isinstance(rid, str) else json.dumps(rid)
    text = obj.get(text_field)
    if not isinstance(text, str):
        return Record(rid, None, f"field {text_field!r} missing or not a string")
    return Record(rid, text, path=rid)


# ------------------------------------------------------------ cleaning

_WORKER_CLEANER = None


def _init_worker(options: dict) -> None:
    global _WORKER_CLEANER
    from .cleaner import Cleaner

    _WORKER_CLEANER = Cleaner(**options)


def _clean_chunk(chunk: list) -> list:
    return [_clean_one(_WORKER_CLEANER, record) for record in chunk]


def _clean_one(cleaner, record: Record) -> Outcome:
    if record.error is not None:
        return Outcome(record.id, None, record.error, record.path)
    try:
        return Outcome(record.id, cleaner.clean(record.data), None, record.path)
    except ToolkitError as exc:
        return Outcome(record.id, None, str(exc), record.path)
    except RecursionError:
        return Outcome(record.id, None, "page too deeply nested", record.path)
    except MemoryError:
        return Outcome(record.id, None, "out of memory on this page", record.path)


def _chunks(records, size: int):
    chunk = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clean_records(records, options: dict, jobs: int = 1, cleaner=None):
    """Yield an Outcome per record, in input order (``cleaner``: one already built, for jobs=1)."""
    if jobs <= 1:
        from .cleaner import Cleaner

        cleaner = cleaner or Cleaner(**options)
        for record in records:
            yield _clean_one(cleaner, record)
        return
    yield from _parallel(records, options, jobs)


def _parallel(records, options: dict, jobs: int):
    window = jobs * 4  # chunks in flight: enough to keep workers busy, bounded for memory
    chunks = _chunks(records, CHUNK)
    pool = _pool(options, jobs)
    pending: deque = deque()
    try:
        while True:
            while len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_clean_chunk, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): what it held is
                # reported as failed; the run goes on with fresh workers.
                yield from (Outcome(r.id, None, "worker process died while cleaning this record", r.path) for r in chunk)
                for chunk_left, _ in pending:
                    yield from (Outcome(r.id, None, "worker process died while cleaning this record", r.path)
                                for r in chunk_left)
                pending.clear()
                pool.shutdown(cancel_futures=True)
                pool = _pool(options, jobs)
    finally:
        pool.shutdown(cancel_futures=True)


def _pool(options: dict, jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    # fork shares what the parent loaded (rules, model) copy-on-write; the
    # parent loads nothing heavy, so forking is also safe.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(options,))


# ------------------------------------------------------------ summary

@dataclass
class Summary:
    pages: int = 0
    failed: int = 0
    kept_blocks: int = 0
    left: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.pages += 1
        if outcome.result is None:
            self.failed += 1
            return
        for block in outcome.result.blocks:
            if block.kept:
                self.kept_blocks += 1
            else:
                self.left[block.label] += 1

    def line(self) -> str:
        left = ", ".join(f"{label} {n}" for label, n in self.left.most_common())
        return (f"toolkit: {self.pages} records: {self.pages - self.failed} cleaned, {self.failed} failed; "
                f"blocks kept {self.kept_blocks}, left {sum(self.left.values())}" + (f" ({left})" if left else ""))


def progress(iterable, enabled: bool):
    """A progress bar with pages/s on a terminal; nothing when piped."""
    if not enabled or not sys.stderr.isatty():
        return iterable
    try:
        from tqdm import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, unit="page", file=sys.stderr, smoothing=0.1)


def output_name(relative: str) -> str:
    """A safe file stem for a record: its relative path, without its extension."""
    stem = relative.rsplit(".", 1)[0] if "." in Path(relative).name else relative
    safe = "".join(ch if ch.isalnum() or ch in "-_./" else "_" for ch in stem).strip("./") or "page"
    return os.path.normpath(safe).lstrip("./") or "page"

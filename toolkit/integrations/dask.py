"""Clean pages on a Dask cluster: ``clean_bag(bag, **options)``.

    import dask.bag as db
    from toolkit.integrations.dask import clean_bag

    pages = db.read_text("s3://bucket/pages/*.jsonl").map(json.loads)
    results = clean_bag(pages, text_field="text", id_field="url", target="en")
    results.map(json.dumps).to_textfiles("s3://bucket/clean/*.jsonl")

Each worker process builds one Cleaner per set of options (rules, target,
tokens, disable) and reuses it for every partition it gets; the result of a
record is the same dict ``toolkit clean --jsonl`` writes, so one machine
and a cluster give identical output. Needs ``pip install 'toolkit[dask]'``.
"""
from __future__ import annotations

from functools import lru_cache

CLEANER_OPTIONS = ("rules", "target", "tokens", "disable")


def _require_dask():
    try:
        import dask.bag  # noqa: F401
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        from ..errors import ToolkitError

        raise ToolkitError("toolkit.integrations.dask needs Dask: pip install 'toolkit[dask]'") from exc


@lru_cache(maxsize=8)
def _cleaner(options: tuple):
    from ..cleaner import Cleaner

    return Cleaner(**dict(options))


def _freeze(options: dict) -> tuple:
    unknown = set(options) - set(CLEANER_OPTIONS)
    if unknown:
        from ..errors import ToolkitError

        raise ToolkitError(f"unknown option(s) {sorted(unknown)}; known: {', '.join(CLEANER_OPTIONS)}")
    frozen = []
    for key in sorted(options):
        value = options[key]
        if isinstance(value, list):
            value = tuple(str(v) for v in value)
        frozen.append((key, value))
    return tuple(frozen)


def clean_record(item, options: tuple, text_field: str = "text", id_field: str = "id") -> dict:
    """One page (str, bytes, or a dict record) to its result dict; errors become error records."""
    from ..errors import ToolkitError

    rid = None
    page = item
    if isinstance(item, dict):
        rid = item.get(id_field)
        page = item.get(text_field)
        if not isinstance(page, (str, bytes)):
            return {"id": rid, "error": f"field {text_field!r} missing or not a string"}
    try:
        result = _cleaner(options).clean(page)
    except ToolkitError as exc:
        return {"id": rid, "error": str(exc)}
    out = result.to_dict()
    return {"id": rid, **out} if isinstance(item, dict) else out


def _clean_partition(items, options: tuple, text_field: str, id_field: str) -> list:
    return [clean_record(item, options, text_field, id_field) for item in items]


def clean_bag(bag, text_field: str = "text", id_field: str = "id", **options):
    """A bag of result dicts, one per page of ``bag`` (pages as str/bytes or dict records).

    ``options`` are the Cleaner's: rules (list of pack directories, which
    every worker must be able to read), target, tokens, disable.
    """
    _require_dask()
    frozen = _freeze(options)
    _cleaner(frozen)  # validate the rule packs here, before any task runs
    return bag.map_partitions(_clean_partition, frozen, text_field, id_field)

"""Plain-text views of a result: the leftovers report and ``explain``."""
from __future__ import annotations

from .result import Result

_META_ORDER = ("source", "published", "author", "editor")


def _metadata_lines(result: Result) -> list[str]:
    keys = [k for k in _META_ORDER if k in result.metadata] + sorted(set(result.metadata) - set(_META_ORDER))
    return [f"  {k}: {result.metadata[k]}  (block {result.metadata_blocks.get(k, '?')})" for k in keys]


def format_report(result: Result, name: str = "") -> str:
    """What was kept, and every left-over block with its label, rule and language."""
    kept = [b for b in result.blocks if b.kept]
    left = [b for b in result.blocks if not b.kept]
    lines = [f"== {name}" if name else "==", f"title: {result.title or '(none found)'}"]
    if result.metadata:
        lines.append("metadata:")
        lines += _metadata_lines(result)
    lines.append(f"kept: {len(kept)} blocks, {sum(len(b.text) for b in kept)} characters")
    counts = ", ".join(f"{label} {len(ix)}" for label, ix in result.leftovers.items())
    lines.append(f"left over: {len(left)} blocks" + (f" ({counts})" if counts else ""))
    for b in left:
        lines.append(f"  #{b.index} [{b.label}] {b.lang} {b.rule} {b.score:.2f}")
        lines.append(f"      {_one_line(b.text)}")
        if b.tokens:
            lines.append(f"      tokens: {' / '.join(b.tokens)}")
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def format_explain(result: Result, name: str = "") -> str:
    """Every block: index, language, label, rule, score and why."""
    lines = [f"== {name}" if name else "==", f"title: {result.title or '(none found)'}"]
    lines += _metadata_lines(result)
    for b in result.blocks:
        mark = "KEEP" if b.kept else "drop"
        lines.append(f"#{b.index:<3} {mark} {b.label:<15} {b.lang:<3} {b.rule} {b.score:.2f}")
        lines.append(f"     {_one_line(b.text)}")
        why = b.why + (f" (first pass: {b.initial})" if b.initial else "")
        if why:
            lines.append(f"     why: {why}")
        if b.losers:
            lines.append(f"     also matched: {', '.join(b.losers)}")
        if b.tokens:
            lines.append(f"     tokens: {' / '.join(b.tokens)}")
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _one_line(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"

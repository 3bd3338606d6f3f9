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
        lines += [f"     {name}: {text}" for name, text in block_notes(b)]
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def block_notes(b) -> list[tuple[str, str]]:
    """Why a block was decided so, the rules that lost, its jieba tokens: (name, text) pairs."""
    notes = []
    why = b.why + (f" (first pass: {b.initial})" if b.initial else "")
    if why:
        notes.append(("why", why))
    if b.losers:
        notes.append(("also matched", ", ".join(b.losers)))
    if b.tokens:
        notes.append(("tokens", " / ".join(b.tokens)))
    return notes


def _one_line(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# Markdown: a table for notebooks and pull requests. Page text is escaped so
# that it renders as the very characters of the page: no stray emphasis,
# links, table breaks or raw HTML (a scraped <script> stays text).
_MD_SPECIAL = set("\\`*_[]<>|&~$")  # $: notebooks render $...$ as maths


def _md(text: str, width: int | None = None) -> str:
    from .palette import visible_controls

    flat = " ".join(visible_controls(str(text)).split())
    if width is not None and len(flat) > width:
        flat = flat[: width - 1] + "…"
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in flat)


def format_explain_markdown(result: Result, name: str = "", width: int = 160) -> str:
    """Every block as a row of a Markdown table, after the title and metadata.

    >>> from toolkit.result import BlockResult, Result
    >>> b = BlockResult(0, "A | B <b>", "en", True, "content", "features.v0", 0.5)
    >>> print(format_explain_markdown(Result("en", None, {}, (b,)), "p.txt"))
    ### p.txt
    <BLANKLINE>
    **Title:** (none found)
    <BLANKLINE>
    | # | kept | label | lang | rule | score | text | why |
    | ---: | :---: | --- | --- | --- | ---: | --- | --- |
    | 0 | ✓ | content | en | `features.v0` | 0.50 | A \\| B \\<b\\> |  |
    <BLANKLINE>
    kept 1 of 1 blocks
    <BLANKLINE>
    """
    lines = [f"### {_md(name)}" if name else "### page", ""]
    lines.append(f"**Title:** {_md(result.title) if result.title else '(none found)'}")
    lines.append("")
    if result.metadata:
        keys = [k for k in _META_ORDER if k in result.metadata] + sorted(set(result.metadata) - set(_META_ORDER))
        lines += ["| field | value | from block |", "| --- | --- | ---: |"]
        for k in keys:
            lines.append(f"| {_md(k)} | {_md(result.metadata[k])} | {_md(result.metadata_blocks.get(k, '?'))} |")
        lines.append("")
    lines += ["| # | kept | label | lang | rule | score | text | why |",
              "| ---: | :---: | --- | --- | --- | ---: | --- | --- |"]
    for b in result.blocks:
        why = b.why + (f" (first pass: {b.initial})" if b.initial else "")
        if b.losers:
            why += f"; also matched: {', '.join(b.losers)}"
        text = _md(b.text, width)
        if b.tokens:
            text += "<br>tokens: " + _md(" / ".join(b.tokens), width)
        rule = b.rule.replace("`", "'").replace("|", "/")
        lines.append(f"| {b.index} | {'✓' if b.kept else ''} | {_md(b.label)} | {_md(b.lang)} | `{rule}` "
                     f"| {b.score:.2f} | {text} | {_md(why, width)} |")
    lines.append("")
    kept = sum(b.kept for b in result.blocks)
    counts = ", ".join(f"{label} {len(ix)}" for label, ix in result.leftovers.items())
    lines.append(f"kept {kept} of {len(result.blocks)} blocks" + (f"; left over: {counts}" if counts else ""))
    for note in result.notes:
        lines.append("")
        lines.append(f"> note: {_md(note)}")
    return "\n".join(lines) + "\n"

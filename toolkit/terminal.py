"""``toolkit explain`` in colour, for a person at a terminal (rich).

Only used when standard output is a terminal (or ``--color always``); piped
output stays the plain text of :func:`toolkit.report.format_explain`. rich is
imported here, lazily, so the rest of the toolkit never pays for it.

Every string from a page goes in as a ``rich.text.Text`` (never as markup,
so ``[bold]`` in a page is just text), with control characters made visible
(an ESC in a scraped page must not repaint the reader's terminal).
"""
from __future__ import annotations

from .palette import style, visible_controls
from .result import Result

_META_ORDER = ("source", "published", "author", "editor")
_TEXT_WIDTH = 240  # characters of a block shown; the rest is cut with "…"


def explain_console(force: bool = False, file=None, width: int | None = None):
    from rich.console import Console

    return Console(file=file, force_terminal=True if force else None, width=width,
                   markup=False, emoji=False, highlight=False, soft_wrap=False)


def _flat(text: str, width: int = _TEXT_WIDTH) -> str:
    flat = " ".join(visible_controls(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _badge(label: str):
    from rich.text import Text

    _, accent, _ = style(label)
    return Text(f" {visible_controls(label)} ", style=f"bold #ffffff on {accent}")


def explain_renderables(result: Result, name: str = ""):
    """The rich renderables for one page: a header panel, the block table, the totals."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(visible_controls(result.title or "(no title found)"), style="bold")
    keys = [k for k in _META_ORDER if k in result.metadata] + sorted(set(result.metadata) - set(_META_ORDER))
    for key in keys:
        head.append("\n")
        head.append(f"{visible_controls(key)}: ", style="bold cyan")
        head.append(visible_controls(str(result.metadata[key])))
        head.append(f"  (block {result.metadata_blocks.get(key, '?')})", style="dim")
    out = [Panel(head, title=Text(visible_controls(name or "page"), style="bold"), title_align="left",
                 border_style="grey50", box=box.ROUNDED, expand=True)]

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, header_style="bold dim")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("block", ratio=1, overflow="fold")
    for b in result.blocks:
        label = Text.assemble(_badge(b.label), "\n", (f"{b.lang} ", "bold"), (f"{b.score:.2f}", "dim"))
        cell = Text()
        cell.append(_flat(b.text), style="bold" if b.kept else "")
        cell.append("\n")
        cell.append(visible_controls(b.rule), style="cyan")
        why = b.why + (f" (first pass: {b.initial})" if b.initial else "")
        if why:
            cell.append(" · ", style="dim")
            cell.append(_flat(why), style="dim italic")
        if b.losers:
            cell.append("\nalso matched: ", style="dim")
            cell.append(visible_controls(", ".join(b.losers)), style="dim")
        if b.tokens:
            _, accent, _ = style(b.label)
            cell.append("\ntokens: ", style="dim")
            cell.append(visible_controls(" / ".join(b.tokens)), style=accent if not b.kept else "")
        table.add_row(str(b.index), label, cell)
    out.append(table)

    counts: dict[str, int] = {}
    for b in result.blocks:
        counts[b.label] = counts.get(b.label, 0) + 1
    kept = sum(b.kept for b in result.blocks)
    summary = Text()
    summary.append(f"kept {kept}", style="bold green")
    summary.append(f" · left over {len(result.blocks) - kept}  ", style="bold")
    for label, n in counts.items():
        summary.append_text(_badge(label))
        summary.append(f" {n}  ")
    out.append(summary)
    for note in result.notes:
        out.append(Text(f"note: {visible_controls(note)}", style="yellow"))
    return out


def print_explain(console, result: Result, name: str = "") -> None:
    for renderable in explain_renderables(result, name):
        console.print(renderable)
    console.print()

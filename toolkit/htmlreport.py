"""A self-contained HTML report a person reads at a glance.

One file, no network, no script: inline CSS only, and a Content-Security-Policy
that forbids scripts, remote fetches, forms and frames. The page's blocks
stand in order; kept blocks read as the article, left-overs are shaded by
label (see the legend), and a side column gives each block's language, rule,
score, reason and, for Chinese, its jieba tokens. Hovering a block shows the
same in its tooltip.

Everything that comes from a page (block text, tokens, reasons, metadata,
file names) goes through :func:`esc`, attribute values included: a scraped
``<script>`` or ``onerror=`` is shown as text, never run.

>>> from toolkit.result import BlockResult, Result
>>> b = BlockResult(0, "<script>alert(1)</script>", "en", False, "ui", "r", 0.9)
>>> html = render_html([("x.txt", Result("en", None, {}, (b,)))])
>>> "<script>" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html
(False, True)
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .labels import Label
from .palette import LABEL_STYLE, css_name, style, visible_controls
from .report import block_notes
from .result import BlockResult, Result

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "base-uri 'none'; form-action 'none'")

_LABEL_ORDER = [label.value for label in Label]
_META_ORDER = ("source", "published", "author", "editor")
_TOKENS_OPEN = 40  # longer token lists start folded


def esc(value) -> str:
    """Escape for HTML text and attribute values alike (quotes included)."""
    return html.escape(visible_controls(str(value)), quote=True)


@dataclass(frozen=True)
class Failure:
    """A page that could not be cleaned, shown in the report as such."""

    name: str
    message: str


def render_html(pages, failures=(), title: str = "toolkit report") -> str:
    """The report for ``pages``, a sequence of (name, Result), as one HTML string."""
    from . import __version__

    pages = list(pages)
    failures = list(failures)
    many = len(pages) + len(failures) > 1
    body = []
    if many:
        body.append(_index(pages, failures))
    elif failures:
        body.append(_failures(failures))
    for n, (name, result) in enumerate(pages, 1):
        body.append(_page(n, name, result, many))
    if not pages and not failures:
        body.append('<p class="empty">No pages.</p>')
    names = ", ".join(name for name, _ in pages) if len(pages) == 1 else f"{len(pages)} pages"
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="toolkit {esc(__version__)}">',
        f"<title>{esc(title)}: {esc(names)}</title>",
        '<link rel="icon" href="data:,">',
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        '<header class="top" id="top">',
        f'<p class="brand">{esc(title)}</p>',
        f'<p class="sub">{esc(_plural(len(pages), "page"))}'
        + (f", {esc(_plural(len(failures), 'failure'))}" if failures else "")
        + f" &middot; toolkit {esc(__version__)} &middot; hover a block, or read the column on its right</p>",
        "</header>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


# -- pieces -----------------------------------------------------------------

def _counts(result: Result) -> dict[str, int]:
    """Blocks per label, labels in the closed set's order (unknown ones last)."""
    seen: dict[str, int] = {}
    for b in result.blocks:
        seen[b.label] = seen.get(b.label, 0) + 1
    return {k: seen[k] for k in sorted(seen, key=_label_key)}


def _label_key(label: str):
    return (_LABEL_ORDER.index(label), "") if label in _LABEL_ORDER else (len(_LABEL_ORDER), label)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _index(pages, failures) -> str:
    totals: dict[str, int] = {}
    for _, result in pages:
        for label, n in _counts(result).items():
            totals[label] = totals.get(label, 0) + n
    labels = sorted(totals, key=_label_key)
    totals = {lb: totals[lb] for lb in labels}
    head = "".join(f'<th class="num"><span class="chip l-{css_name(lb)}">{esc(lb)}</span></th>' for lb in labels)
    rows = []
    for n, (name, result) in enumerate(pages, 1):
        counts = _counts(result)
        cells = "".join(
            f'<td class="num" data-label="{esc(lb)}">{counts.get(lb, 0) or ""}</td>' for lb in labels)
        rows.append(
            f'<tr data-page="{esc(name)}"><td><a href="#page-{n}">{esc(name)}</a></td>'
            f'<td class="ttl">{esc(result.title or "(no title found)")}</td>'
            f'<td class="num">{len(result.blocks)}</td>{cells}</tr>')
    total_cells = "".join(f'<td class="num" data-label="{esc(lb)}">{totals[lb]}</td>' for lb in labels)
    nblocks = sum(len(r.blocks) for _, r in pages)
    out = [
        '<section class="index" id="index">',
        "<h2>Pages</h2>",
        '<div class="scroll"><table class="index-table">',
        f"<thead><tr><th>page</th><th>title</th><th class=\"num\">blocks</th>{head}</tr></thead>",
        "<tbody>", *rows, "</tbody>",
        f'<tfoot><tr class="totals"><th colspan="2">all pages</th><td class="num">{nblocks}</td>{total_cells}</tr></tfoot>',
        "</table></div>",
        _legend(totals, "legend-total"),
    ]
    if failures:
        out.append(_failures(failures))
    out.append("</section>")
    return "\n".join(out)


def _failures(failures) -> str:
    items = "".join(f"<li><b>{esc(f.name)}</b>: {esc(f.message)}</li>" for f in failures)
    return f'<div class="failures"><h3>Could not be cleaned</h3><ul>{items}</ul></div>'


def _legend(counts: dict[str, int], cls: str = "legend") -> str:
    items = []
    for label, n in counts.items():
        _, _, meaning = style(label)
        kind = "kept" if label in (Label.TITLE.value, Label.CONTENT.value) else "left"
        items.append(
            f'<li class="legend-item {kind} l-{css_name(label)}" data-label="{esc(label)}" data-count="{n}"'
            f' title="{esc(meaning)}">'
            f'<span class="swatch"></span><span class="name">{esc(label)}</span>'
            f'<span class="count">{n}</span></li>')
    return f'<ul class="{cls}" aria-label="labels">{"".join(items)}</ul>'


def _page(n: int, name: str, result: Result, many: bool) -> str:
    kept = [b for b in result.blocks if b.kept]
    left = [b for b in result.blocks if not b.kept]
    meta_of: dict[int, list[str]] = {}
    for key, ix in result.metadata_blocks.items():
        meta_of.setdefault(ix, []).append(key)
    summary = (f'<span class="k">kept {_plural(len(kept), "block")}, {sum(len(b.text) for b in kept)} characters</span>'
               f'<span class="l">left over {_plural(len(left), "block")}</span>'
               f'<span>target <b>{esc(result.target_lang)}</b></span>'
               f'<span>read as {esc(result.encoding)}</span>')
    out = [
        f'<section class="page" id="page-{n}" data-page="{esc(name)}">',
        '<header class="page-head">',
        f'<p class="file">{esc(name)}' + (' <a class="up" href="#index">&uarr; all pages</a>' if many else "") + "</p>",
        f'<h1 class="doc-title">{esc(result.title or "(no title found)")}</h1>',
        f'<p class="summary">{summary}</p>',
        '<div class="facts">',
        _metadata(n, result),
        '<div class="legend-box"><h3>Labels on this page</h3>' + _legend(_counts(result))
        + '<p class="hint">White blocks are the article; shaded blocks were left out, coloured by label. '
          'Hover a block for its details.</p></div>',
        "</div>",
        *(f'<p class="note">{esc(note)}</p>' for note in result.notes),
        "</header>",
        '<ol class="blocks">',
        *(_block(n, b, meta_of.get(b.index, ())) for b in result.blocks),
        "</ol>",
        "</section>",
    ]
    if not result.blocks:
        out.insert(-3, '<p class="empty">This page has no blocks.</p>')
    return "\n".join(out)


def _metadata(n: int, result: Result) -> str:
    if not result.metadata:
        return '<div class="meta-box"><h3>Metadata</h3><p class="none">none found</p></div>'
    keys = [k for k in _META_ORDER if k in result.metadata] + sorted(set(result.metadata) - set(_META_ORDER))
    labels = {b.index: b.label for b in result.blocks}
    rows = []
    for key in keys:
        ix = result.metadata_blocks.get(key)
        where = "&mdash;"
        if ix is not None:
            label = labels.get(ix)
            where = f'<a href="#p{n}-b{esc(ix)}">block {esc(ix)}</a>' + (f" ({esc(label)})" if label else "")
        rows.append(f'<tr data-field="{esc(key)}"><th>{esc(key)}</th><td>{esc(result.metadata[key])}</td>'
                    f'<td class="from">{where}</td></tr>')
    return ('<div class="meta-box"><h3>Metadata</h3><table class="meta">'
            '<thead><tr><th>field</th><th>value</th><th>from</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _hover(b: BlockResult, fields) -> str:
    lines = [f"#{b.index} {b.label} ({'kept' if b.kept else 'left over'}) · {b.lang} · {b.rule} · {b.score:.2f}"]
    lines += [f"{'jieba' if name == 'tokens' else name}: {text}" for name, text in block_notes(b)]
    if fields:
        lines.append(f"metadata: {', '.join(fields)}")
    return "\n".join(lines)


def _block(n: int, b: BlockResult, fields) -> str:
    kind = "kept" if b.kept else "left"
    role = " title-block" if b.label == Label.TITLE.value else ""
    pct = max(0, min(100, round(float(b.score) * 100)))
    info = [
        f'<span class="chip l-{css_name(b.label)}">{esc(b.label)}</span>',
        f'<span class="idx">#{b.index}</span>',
        f'<span class="lang" title="language">{esc(b.lang)}</span>',
        f'<span class="score" title="score {b.score:.3f}"><span class="bar"><span style="width:{pct}%"></span></span>{b.score:.2f}</span>',
        f'<div class="rule"><code>{esc(b.rule)}</code></div>',
    ]
    why = b.why + (f" (first pass: {b.initial})" if b.initial else "")
    if why:
        info.append(f'<div class="why">{esc(why)}</div>')
    if b.losers:
        info.append(f'<div class="losers">also matched: {esc(", ".join(b.losers))}</div>')
    if fields:
        info.append('<div class="fields">metadata: '
                    + " ".join(f'<span class="field">{esc(f)}</span>' for f in fields) + "</div>")
    if b.tokens:
        toks = "".join(f'<span class="tok">{esc(t)}</span>' for t in b.tokens)
        opened = " open" if len(b.tokens) <= _TOKENS_OPEN else ""
        info.append(f'<details class="tokens"{opened}><summary>jieba tokens ({len(b.tokens)})</summary>'
                    f'<div class="toks" lang="zh">{toks}</div></details>')
    return (
        f'<li class="block {kind}{role} l-{css_name(b.label)}" id="p{n}-b{b.index}" data-index="{b.index}"'
        f' data-label="{esc(b.label)}" data-kept="{str(b.kept).lower()}" data-lang="{esc(b.lang)}"'
        f' data-rule="{esc(b.rule)}" data-score="{esc(b.score)}" title="{esc(_hover(b, fields))}">'
        f'<div class="text" lang="{esc(b.lang)}">{esc(b.text)}</div>'
        f'<div class="info">{"".join(info)}</div></li>')


# -- style ------------------------------------------------------------------

def _css() -> str:
    per_label = []
    for label, (bg, accent, _) in LABEL_STYLE.items():
        c = css_name(label)
        per_label.append(
            f".l-{c}{{--bg:{bg};--accent:{accent}}}"
            f".chip.l-{c},.legend-item.l-{c} .swatch{{background:{accent}}}")
    return _BASE_CSS + "".join(per_label)


_BASE_CSS = """
:root{color-scheme:light;--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--paper:#fff;--bg:#f3f4f6;--accent:#374151;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif;
--serif:Georgia,"Noto Serif","DejaVu Serif","Times New Roman","Noto Serif CJK SC","WenQuanYi Zen Hei",serif;
--mono:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
html{background:#eef0f3}
body{margin:0;color:var(--ink);font:14px/1.5 var(--sans)}
main{max-width:1180px;margin:0 auto;padding:0 20px 48px}
a{color:#0b5cad}
.top{background:#1f2937;color:#f9fafb;padding:10px 20px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
.top .brand{margin:0;font-weight:700;letter-spacing:.02em}
.top .sub{margin:0;color:#cbd5e1;font-size:13px}
section.page,section.index{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:20px 0;padding:22px 26px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.index h2{margin:0 0 10px;font-size:18px}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
.index-table{width:100%;font-size:13px}
.index-table th,.index-table td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
.index-table .num{text-align:right;font-variant-numeric:tabular-nums}
.index-table .ttl{color:var(--muted)}
.index-table tfoot th,.index-table tfoot td{font-weight:700;border-top:2px solid var(--ink);border-bottom:0}
.failures{margin-top:14px;padding:8px 12px;border-left:4px solid #b91c1c;background:#fef2f2}
.failures h3{margin:0 0 4px;font-size:14px}
.failures ul{margin:0;padding-left:18px}
.page-head .file{margin:0;color:var(--muted);font:12px/1.4 var(--mono)}
.page-head .up{font-family:var(--sans);margin-left:8px}
.doc-title{font:700 28px/1.25 var(--serif);margin:6px 0 8px}
.summary{margin:0 0 14px;display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted)}
.summary .k{color:#166534;font-weight:600}
.summary .l{color:#9a3412;font-weight:600}
.facts{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:18px;margin-bottom:6px}
.facts h3{margin:0 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.meta-box,.legend-box{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#fafbfc}
table.meta{width:100%;font-size:13px}
table.meta th,table.meta td{padding:3px 8px 3px 0;text-align:left;vertical-align:top}
table.meta thead th{color:var(--muted);font-weight:500;font-size:12px;border-bottom:1px solid var(--line)}
table.meta tbody th{font-weight:600;white-space:nowrap}
table.meta .from{white-space:nowrap;font-size:12px}
.none{margin:0;color:var(--muted)}
.hint{margin:10px 0 0;color:var(--muted);font-size:12px}
ul.legend,ul.legend-total{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
ul.legend-total{margin-top:12px}
.legend-item{display:inline-flex;align-items:center;gap:6px;padding:3px 4px 3px 8px;border-radius:999px;background:var(--bg);border:1px solid var(--accent);font-size:13px;cursor:help}
.legend-item.kept{background:#fff}
.legend-item .swatch{width:10px;height:10px;border-radius:3px}
.legend-item .count{min-width:22px;text-align:center;padding:0 6px;border-radius:999px;background:#fff;border:1px solid var(--line);font-weight:700;font-variant-numeric:tabular-nums}
.note{margin:10px 0 0;padding:6px 10px;border-left:4px solid #b45309;background:#fffbeb}
.empty{color:var(--muted)}
ol.blocks{list-style:none;margin:18px 0 0;padding:0;border-top:1px solid var(--line)}
.block{display:grid;grid-template-columns:minmax(0,1fr) 310px;gap:0 18px;border-bottom:1px solid #eceff2;border-left:4px solid transparent;padding:0;cursor:default}
.block.left{background:var(--bg);border-left-color:var(--accent);border-bottom-color:#fff}
.block .text{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext;padding:10px 14px}
.block.kept .text{font:17px/1.65 var(--serif);color:#111}
.block.kept.title-block .text{font:700 23px/1.3 var(--serif);padding-top:14px}
.block.left .text{color:#374151;font-size:14px}
.block:hover{outline:2px solid var(--accent);outline-offset:-2px}
.block:target{outline:3px solid #f59e0b;outline-offset:-3px}
.info{padding:10px 12px 10px 0;font-size:12px;color:var(--muted);display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;align-content:flex-start}
.block.kept .info{opacity:.8}
.chip{display:inline-block;white-space:nowrap;color:#fff;border-radius:4px;padding:0 7px;font-weight:600;font-size:12px;line-height:19px;background:var(--accent)}
.idx{font:12px var(--mono);color:var(--ink)}
.lang{font:600 11px var(--mono);text-transform:uppercase;border:1px solid var(--line);border-radius:3px;padding:0 4px;color:var(--ink)}
.score{display:inline-flex;align-items:center;gap:4px;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:38px;height:6px;border-radius:3px;background:#e5e7eb;overflow:hidden}
.bar>span{display:block;height:100%;background:var(--accent)}
.rule{flex-basis:100%}
.rule code{font:12px var(--mono);color:var(--ink);background:#f6f8fa;border-radius:3px;padding:0 4px;overflow-wrap:anywhere}
.why,.losers{flex-basis:100%;overflow-wrap:anywhere;line-height:1.4}
.fields{flex-basis:100%}
.field{display:inline-block;border:1px dashed #0b5cad;color:#0b5cad;border-radius:3px;padding:0 4px;margin-right:3px}
details.tokens{flex-basis:100%}
details.tokens summary{cursor:pointer;color:var(--ink)}
.toks{display:flex;flex-wrap:wrap;gap:3px;margin-top:4px}
.tok{border:1px solid var(--accent);background:#fff;color:var(--ink);border-radius:3px;padding:0 4px;font-size:13px;line-height:19px}
@media (max-width:820px){.block,.facts{grid-template-columns:1fr}.info{padding:2px 14px 10px}}
@media print{html{background:#fff}.top{display:none}section.page{border:0;box-shadow:none}.block{break-inside:avoid}}
"""

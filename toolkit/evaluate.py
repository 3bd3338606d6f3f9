"""Score results against gold pages (shared/spec/gold-format.md).

The numbers are those of shared/tools/score.py, computed the same way, so
that ``toolkit eval`` and the project's scorer never disagree: article
token P/R/F1 (Han characters and lower-cased words as tokens), block
accuracy (kept or not), label accuracy over the gold's left-over blocks,
title exact match, metadata field accuracy; plus a label confusion matrix.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import regex

_WORD = regex.compile(r"\p{Han}|[\p{L}\p{N}]+")
KEPT_LABELS = frozenset({"title", "content"})
METRICS = ("P", "R", "F1", "block_acc", "label_acc", "title_ok", "meta_acc")


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in _WORD.findall(text or "")]


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    inter = sum((p & g).values())
    precision = inter / max(1, sum(p.values())) if p else (1.0 if not g else 0.0)
    recall = inter / max(1, sum(g.values())) if g else 1.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def _norm(text) -> str:
    return " ".join((text or "").split()).casefold()


def page_text(gold: dict) -> str:
    """The plain-text view of a gold page: its blocks joined by a blank line."""
    return "\n\n".join(b["text"] for b in gold["blocks"])


def page_html(gold: dict) -> str:
    """An HTML view of a gold page built from its regions, as shared/tools/score.py renders it."""
    import html as htmlmod

    parts = {"header": [], "nav": [], "main": [], "aside": [], "footer": [], "overlay": []}
    for n, b in enumerate(gold["blocks"]):
        t = htmlmod.escape(b["text"]).replace("\n", "<br>")
        if b["label"] == "title":
            el = f"<h1>{t}</h1>"
        elif b["label"] in ("navigation", "related", "share") and len(b["text"]) < 120:
            el = f'<p><a href="/x/{n}.html">{t}</a></p>'
        else:
            el = f"<p>{t}</p>"
        parts[b.get("region", "main")].append(el)
    return ("<html><head><meta charset='utf-8'><title>" + htmlmod.escape(gold.get("title") or "") + "</title></head><body>"
            + "<header>" + "".join(parts["header"]) + "</header><nav>" + "".join(parts["nav"]) + "</nav><main><article>"
            + "".join(parts["main"]) + "</article></main><aside>" + "".join(parts["aside"]) + "</aside><footer>"
            + "".join(parts["footer"]) + "</footer><div class='overlay'>" + "".join(parts["overlay"]) + "</div></body></html>")


def load_gold(directory) -> list[dict]:
    pages = []
    for path in sorted(Path(directory).rglob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        page.setdefault("id", path.stem)
        pages.append(page)
    return pages


def score_page(gold: dict, result: dict) -> tuple[dict, Counter]:
    """One page's metrics and its (gold label, predicted label) counts."""
    gold_article = "\n\n".join(b["text"] for b in gold["blocks"] if b["label"] in KEPT_LABELS)
    precision, recall, f1 = prf(result.get("article", ""), gold_article)
    row = {"id": gold["id"], "P": precision, "R": recall, "F1": f1}
    confusion: Counter = Counter()
    by_text: dict = {}
    for b in result.get("blocks", []):
        by_text.setdefault(_norm(b.get("text")), []).append(b)
    right = label_right = label_n = 0
    for g in gold["blocks"]:
        candidates = by_text.get(_norm(g["text"]), [])
        b = candidates.pop(0) if candidates else None
        kept_gold = g["label"] in KEPT_LABELS
        predicted = b.get("label") if b else "(missing)"
        confusion[(g["label"], predicted)] += 1
        if b is not None and bool(b.get("kept")) == kept_gold:
            right += 1
        if not kept_gold:
            label_n += 1
            label_right += int(predicted == g["label"])
    row["block_acc"] = right / len(gold["blocks"]) if gold["blocks"] else 1.0
    row["label_acc"] = label_right / label_n if label_n else 1.0
    row["title_ok"] = float(_norm(result.get("title")) == _norm(gold.get("title")))
    gold_meta, got_meta = gold.get("metadata", {}), result.get("metadata") or {}
    hits = 0
    for key, value in gold_meta.items():
        got = str(got_meta.get(key) or "")
        if key == "published":
            n = 16 if len(value) >= 16 else 10
            hits += int(got.replace(" ", "T")[:n] == value[:n])
        else:
            hits += int(_norm(got) == _norm(value))
    row["meta_acc"] = hits / len(gold_meta) if gold_meta else 1.0
    return row, confusion


def evaluate(golds: list[dict], clean) -> dict:
    """Score ``clean(gold) -> result dict`` on every gold page."""
    rows, confusion = [], Counter()
    for gold in golds:
        row, conf = score_page(gold, clean(gold))
        rows.append(row)
        confusion.update(conf)
    return {"pages": rows, "mean": mean(rows), "confusion": confusion}


def mean(rows: list[dict]) -> dict:
    return {k: sum(r[k] for r in rows) / len(rows) for k in METRICS} if rows else {}


def format_scores(report: dict, per_page: bool = True) -> str:
    lines = []
    if per_page:
        for row in report["pages"]:
            lines.append(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()))
    lines.append(f"mean over {len(report['pages'])} pages: " + " ".join(f"{k}={v:.3f}" for k, v in report["mean"].items()))
    lines.append("")
    lines.append(format_confusion(report["confusion"]))
    return "\n".join(lines)


def format_confusion(confusion: Counter) -> str:
    labels = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    short = {label: label[:6] for label in labels}
    head = "gold \\ got".ljust(16) + " ".join(short[l].rjust(6) for l in labels)
    rows = [head]
    for g in labels:
        if not any(confusion[(g, p)] for p in labels):
            continue
        rows.append(g.ljust(16) + " ".join(str(confusion[(g, p)] or ".").rjust(6) for p in labels))
    return "\n".join(rows)

"""Learn the classifier's weights from gold pages: ``python -m toolkit.training``.

    python -m toolkit.training                     # train, write toolkit/data/model.json
    python -m toolkit.training --cv 5              # cross-validate on corpora/ instead

Training data: the gold pages in corpora/ (every block labelled), and
optionally public pages whose gold is article text only (``--bench DIR``, a
data set laid out as in shared/bench/): their blocks are labelled kept or
not by aligning them with the gold text, and they teach the kept/left-over
passes only. Everything is deterministic: same data, same weights.

Models are logistic, fitted by Newton's method with an L2 penalty (the
problem is small: a few hundred features, some thousand blocks), one
binary model per pass and one-vs-rest models for the boilerplate labels.
Needs numpy (``pip install -e '.[train]'``); cleaning pages does not.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from types import SimpleNamespace

from .classify import label_input, page_vectors, provisional, second_pass_input
from .context import densest_run
from .metadata import body_words, candidate_features, title_candidates
from .prefilter import LITERALS_TABLE, builtin_patterns, write_table
from .cleaner import Cleaner
from .evaluate import evaluate, load_gold, page_html, page_text, tokens
from .labels import KEPT, Label
from .model import BinaryModel, LabelModel, Models
from .page import build_page
from .rules import builtin_pack, load_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "model.json"
DEFAULT_HTML_OUT = Path(__file__).resolve().parent / "data" / "model-html.json"
NOT_INPUTS = {"words"}  # raw counts: kept for explain, scaled versions are the inputs
MIN_FEATURE_ROWS = 3
BOILERPLATE = [label.value for label in Label if label not in KEPT]


@dataclass
class TrainPage:
    id: str
    text: str
    target: str
    kept: list  # bool per block
    labels: list | None  # gold label per block, None for pages with article-only gold
    weight: float = 1.0
    html: bool = False  # text is an HTML page: blocks carry structural evidence


# ------------------------------------------------------------ data

def gold_pages(directory, with_html: bool = True) -> list[TrainPage]:
    """Each gold page as text, and (``with_html``) again as the HTML view its regions render."""
    out = []
    for gold in load_gold(directory):
        labels = [b["label"] for b in gold["blocks"]]
        kept = [label in ("title", "content") for label in labels]
        out.append(TrainPage(gold["id"], page_text(gold), gold.get("target_lang", "en"), kept, labels))
        if with_html:
            out.append(TrainPage(gold["id"] + "#html", page_html(gold), gold.get("target_lang", "en"), kept, labels,
                                 html=True))
    return out


def build_doc(page: TrainPage):
    """The block builder's page, as cleaning builds it (with evidence for HTML)."""
    if not page.html:
        return build_page(page.text)
    from .html import html_blocks

    flat = html_blocks(page.text)
    return build_page(flat.text, evidence=flat.blocks)


def bench_pages(directory, limit: int = 0, weight: float = 1.0) -> list[TrainPage]:
    """Pages of a public set, blocks labelled kept by alignment with the gold text.

    A page counts ``weight`` gold pages at most; a long page is scaled down so
    that a few huge pages do not outweigh the rest.
    """
    directory = Path(directory)
    text_dir = directory.parent / (directory.name + "-text") / "text"
    out = []
    with gzip.open(directory / "gold.jsonl.gz", "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit and n >= limit:
                break
            record = json.loads(line)
            path = text_dir / f"{record['id']}.txt.gz"
            if not path.exists():
                continue
            text = gzip.open(path, "rt", encoding="utf-8").read()
            target = record.get("lang") or "en"
            views = [TrainPage(f"{directory.name}/{record['id']}", text, target, [], None)]
            raw = directory / "html" / f"{record['id']}.html.gz"
            if raw.exists():
                views.append(TrainPage(f"{directory.name}/{record['id']}#html", gzip.open(raw, "rb").read(), target,
                                       [], None, html=True))
            for view in views:
                blocks = build_doc(view).blocks
                if blocks:
                    view.kept = aligned_kept([b.text for b in blocks], record["gold"])
                    view.weight = weight * min(1.0, 40 / len(blocks))
                    out.append(view)
    return out


def aligned_kept(blocks: list[str], gold: str) -> list[bool]:
    """Which blocks are article text: most of their word trigrams occur in the gold."""
    gold_tokens = tokens(gold)
    trigrams = set(zip(gold_tokens, gold_tokens[1:], gold_tokens[2:]))
    joined = " " + " ".join(gold_tokens) + " "
    out = []
    for text in blocks:
        t = tokens(text)
        if len(t) >= 4:
            grams = list(zip(t, t[1:], t[2:]))
            out.append(sum(g in trigrams for g in grams) / len(grams) >= 0.5)
        else:
            out.append(bool(t) and (" " + " ".join(t) + " ") in joined)
    return out


# ------------------------------------------------------------ fitting

def _index(rows: list[dict]) -> dict:
    seen: Counter = Counter()
    for row in rows:
        seen.update(k for k, v in row.items() if v and k not in NOT_INPUTS and k != "bias")
    names = sorted(k for k, c in seen.items() if c >= MIN_FEATURE_ROWS)
    return {name: i for i, name in enumerate(names)}


def _matrix(rows: list[dict], index: dict):
    import numpy as np

    X = np.zeros((len(rows), len(index) + 1))
    X[:, -1] = 1.0  # bias
    for r, row in enumerate(rows):
        for k, v in row.items():
            j = index.get(k)
            if j is not None:
                X[r, j] = v
    return X


def _newton_logistic(X, y, w, l2: float, iterations: int = 25):
    import numpy as np

    beta = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], l2)
    penalty[-1] = 1e-6  # the bias is not shrunk
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(X @ beta, -30, 30)))
        gradient = X.T @ (w * (p - y)) + penalty * beta
        hessian = (X * (w * p * (1 - p))[:, None]).T @ X + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def folds_by_page(pages: list[TrainPage], folds: int) -> dict:
    """Fold of each training page; the views of one page (text, HTML) share a fold."""
    base = {}
    for p in pages:
        base.setdefault(p.id.split("#")[0], len(base))
    return {k: base[p.id.split("#")[0]] % folds for k, p in enumerate(pages)}


def fit_binary(name: str, rows: list[dict], y: list, w: list, l2: float = 1.0) -> BinaryModel:
    import numpy as np

    index = _index(rows)
    beta = _newton_logistic(_matrix(rows, index), np.array(y, float), np.array(w, float), l2)
    weights = {k: round(float(beta[j]), 4) for k, j in index.items() if abs(beta[j]) >= 1e-4}
    return BinaryModel(name, round(float(beta[-1]), 4), weights)


def fit_labels(name: str, rows: list[dict], labels: list, w: list, l2: float = 1.0) -> LabelModel:
    import numpy as np

    index = _index(rows)
    X = _matrix(rows, index)
    weights_np = np.array(w, float)
    classes = sorted(set(labels))
    bias, weights = {}, {}
    for label in classes:
        y = np.array([1.0 if l == label else 0.0 for l in labels])
        beta = _newton_logistic(X, y, weights_np, l2)
        bias[label] = round(float(beta[-1]), 4)
        weights[label] = {k: round(float(beta[j]), 4) for k, j in index.items() if abs(beta[j]) >= 1e-4}
    return LabelModel(name, tuple(classes), bias, weights)


# Chosen by cross-validation on 142 gold pages: 0.5 and 1.0 score alike
# (F1 0.982 / 0.981), 0.5 a little better on metadata.
DEFAULT_L2 = 0.5
# 226 English-target gold pages against 130 Chinese: at 1.0 the Chinese pages of the
# first floors' set came out 0.0003 short of their F1 floor after 54 pages joined (session 10).
DEFAULT_ZH_WEIGHT = 1.3
# Measured on both public tracks (session 5): counting an aligned public page
# as two gold pages at most raised the text pool from 0.830 to 0.839 and left
# the HTML pool level (0.866 -> 0.868), with the same gold pages.
DEFAULT_BENCH_WEIGHT = 2.0


def train(pages: list[TrainPage], folds: int = 5, l2: float = DEFAULT_L2) -> Models:
    """Fit the three models; the second pass learns from cross-fitted first-pass scores."""
    rules = load_rules([builtin_pack()])
    heading_ids = frozenset(r.id for r in rules.rules if r.heading)
    docs = [build_doc(p) for p in pages]
    aligned = [len(d.blocks) == len(p.kept) for p, d in zip(pages, docs)]
    for p, ok in zip(pages, aligned):
        if not ok and not p.html:
            raise ValueError(f"{p.id}: the text's blocks do not match the gold's")
    # An HTML view whose blocks do not line up with its gold is left out.
    pages = [p for p, ok in zip(pages, aligned) if ok]
    docs = [d for d, ok in zip(docs, aligned) if ok]
    fixed_by_page = []
    rows1, y1, w1, owner = [], [], [], []
    for k, (p, doc) in enumerate(zip(pages, docs)):
        vectors = page_vectors(doc, rules, None, p.target, heading_ids, first_probs=[0.5] * len(doc.blocks))
        fixed_by_page.append(vectors)
        for i, d in enumerate(vectors.fixed):
            if d is None:
                rows1.append(vectors.features[i])
                y1.append(p.kept[i])
                w1.append(p.weight)
                owner.append(k)
    first = fit_binary("model.first", rows1, y1, w1, l2)

    # Cross-fitted scores: each page is scored by models that never saw it,
    # so that the passes stacked on them learn from honest inputs.
    fold_of = folds_by_page(pages, folds)

    def fit_without(fold, rows, ys, ws, owners, name):
        keep = [fold_of[o] != fold for o in owners]
        return fit_binary(name, [r for r, m in zip(rows, keep) if m], [y for y, m in zip(ys, keep) if m],
                          [w for w, m in zip(ws, keep) if m], l2)

    first_of_fold = {fold: fit_without(fold, rows1, y1, w1, owner, "fold") for fold in range(folds)}
    probs_by_page = []
    for k, vectors in enumerate(fixed_by_page):
        model = first_of_fold[fold_of[k]]
        probs_by_page.append([(1.0 if d.kept else 0.0) if d is not None else model.probability(f)
                              for d, f in zip(vectors.fixed, vectors.features)])

    rows_t, y_t, w_t, owner_t = [], [], [], []
    for k, (p, doc) in enumerate(zip(pages, docs)):
        if p.labels is None or "title" not in p.labels:
            continue
        vectors = fixed_by_page[k]
        decisions = provisional(vectors.fixed, probs_by_page[k])
        span = densest_run(probs_by_page[k], vectors.features)
        body = body_words(doc, decisions)
        for rank, i in enumerate(title_candidates(doc, decisions)):
            rows_t.append(candidate_features(doc, decisions, vectors.features, i, rank, span[0] if span else None, p.target,
                                             body))
            y_t.append(p.labels[i] == "title")
            w_t.append(1.0)
            owner_t.append(k)
    title = fit_binary("model.title", rows_t, y_t, w_t, l2)
    title_of_fold = {fold: fit_without(fold, rows_t, y_t, w_t, owner_t, "fold") for fold in range(folds)}

    rows2, y2, w2, rows3, y3, w3 = [], [], [], [], [], []
    for k, (p, doc) in enumerate(zip(pages, docs)):
        held_out = SimpleNamespace(title=title_of_fold[fold_of[k]])
        vectors = page_vectors(doc, rules, held_out, p.target, heading_ids, first_probs=probs_by_page[k])
        for i, d in enumerate(vectors.fixed):
            if d is not None:
                continue
            x = second_pass_input(vectors, i)
            rows2.append(x)
            y2.append(p.kept[i])
            w2.append(p.weight)
            if p.labels is not None and p.labels[i] in BOILERPLATE:
                rows3.append(label_input(vectors, i, doc.blocks[i].text))
                y3.append(p.labels[i])
                w3.append(p.weight)
    second = fit_binary("model.second", rows2, y2, w2, l2)
    labels = fit_labels("model.labels", rows3, y3, w3, l2)
    return Models(first, second, labels, title)


def models_to_dict(models: Models, sources: list[str]) -> dict:
    def binary(m):
        return {"name": m.name, "bias": m.bias, "weights": dict(sorted(m.weights.items()))}

    lab = models.labels
    return {"trained_on": sources, "first": binary(models.first), "second": binary(models.second),
            "title": binary(models.title),
            "labels": {"name": lab.name, "classes": list(lab.classes), "bias": lab.bias,
                       "weights": {c: dict(sorted(w.items())) for c, w in lab.weights.items()}}}


# ------------------------------------------------------------ cross-validation

def cross_validate(gold: list[TrainPage], extra: list[TrainPage], golds_raw: list[dict], folds: int, l2: float) -> dict:
    """Each gold page scored by models trained on the other folds (plus ``extra``)."""
    by_id = {g["id"]: g for g in golds_raw}
    rows = {}
    misses = []  # every block whose label came out wrong, for error analysis
    confusion: Counter = Counter()
    fold_of = folds_by_page(gold, folds)
    for fold in range(folds):
        train_pages = [p for n, p in enumerate(gold) if fold_of[n] != fold] + extra
        test_pages = [p for n, p in enumerate(gold) if fold_of[n] == fold and not p.html]
        cleaner = Cleaner(models=train(train_pages, l2=l2))

        def clean(g, cleaner=cleaner):
            result = cleaner.clean(page_text(g), target=g.get("target_lang", "en")).to_dict()
            for n, (want, got) in enumerate(zip(g["blocks"], result["blocks"])):
                if want["label"] != got["label"]:
                    misses.append({"page": g["id"], "block": n, "gold": want["label"], "got": got["label"],
                                   "by": got.get("rule") or "", "text": want["text"][:160]})
            return result

        report = evaluate([by_id[p.id] for p in test_pages], clean)
        for row in report["pages"]:
            rows[row["id"]] = row
        confusion.update(report["confusion"])
    return {"pages": [rows[p.id] for p in gold if not p.html], "confusion": confusion, "misses": misses}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.training", description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", action="append", default=[], help="gold page directory (default: corpora/)")
    parser.add_argument("--bench", action="append", default=[],
                        help="public data set directory with article-only gold (default: ../shared/bench/readability-moz when present)")
    parser.add_argument("--no-bench", action="store_true", help="train on the gold pages only")
    parser.add_argument("--bench-weight", type=float, default=DEFAULT_BENCH_WEIGHT,
                        help=f"how many gold pages one aligned public page counts at most (default {DEFAULT_BENCH_WEIGHT})")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the text model (default: toolkit/data/model.json)")
    parser.add_argument("--html-out", default=str(DEFAULT_HTML_OUT),
                        help="the model for HTML input, trained on HTML views (default: toolkit/data/model-html.json)")
    parser.add_argument("--view", choices=("text", "html", "both"), default="both", help="which model(s) to train")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="cross-validate over K folds instead of training")
    parser.add_argument("--l2", type=float, default=DEFAULT_L2, help=f"ridge penalty (default {DEFAULT_L2})")
    parser.add_argument("--drop", action="append", default=[], metavar="FEATURE",
                        help="leave a feature out of every model (to measure what it brings)")
    parser.add_argument("--cv-json", metavar="FILE", help="with --cv: write each page's scores here")
    parser.add_argument("--zh-weight", type=float, default=DEFAULT_ZH_WEIGHT,
                        help="how many pages one Chinese-target gold page counts (the English pages outnumber them; "
                             f"default {DEFAULT_ZH_WEIGHT})")
    parser.add_argument("--literals-only", action="store_true",
                        help="only refresh the built-in patterns' literal table (after editing rules/), keep the weights")
    parser.add_argument("--cv-misses", metavar="FILE",
                        help="with --cv: write every block whose label came out wrong here (JSON lines)")
    args = parser.parse_args(argv)
    if args.literals_only:
        count = write_table(builtin_patterns())
        print(f"wrote {LITERALS_TABLE} ({count} patterns)", file=sys.stderr)
        return 0
    NOT_INPUTS.update(args.drop)
    gold_dirs = args.gold or [str(ROOT / "corpora")]
    bench_dirs = [] if args.no_bench else (args.bench or [d for d in [str(ROOT.parent / "shared" / "bench" / "readability-moz")]
                                                         if Path(d).is_dir()])
    gold = [p for d in gold_dirs for p in gold_pages(d)]
    for page in gold:
        if page.target == "zh":
            page.weight = args.zh_weight
    extra = [p for d in bench_dirs for p in bench_pages(d, weight=args.bench_weight)]
    sources = [Path(d).name for d in gold_dirs] + [Path(d).name for d in bench_dirs]
    print(f"training pages: {len(gold)} gold ({', '.join(gold_dirs)}), {len(extra)} aligned ({', '.join(bench_dirs) or 'none'})",
          file=sys.stderr)
    if args.cv:
        from .evaluate import format_confusion, mean

        gold = [p for p in gold if not p.html]  # the text model is cross-validated on text views
        extra = [p for p in extra if not p.html]
        golds_raw = [g for d in gold_dirs for g in load_gold(d)]
        report = cross_validate(gold, extra, golds_raw, args.cv, args.l2)
        lang = {g["id"]: g.get("target_lang", "en") for g in golds_raw}
        for target in sorted(set(lang.values())):
            rows = [r for r in report["pages"] if lang[r["id"]] == target]
            print(f"cv target={target} pages={len(rows)} " + " ".join(f"{k}={v:.3f}" for k, v in mean(rows).items()))
        print(f"cv all pages={len(report['pages'])} " + " ".join(f"{k}={v:.3f}" for k, v in mean(report["pages"]).items()))
        print(format_confusion(report["confusion"]))
        if args.cv_json:
            Path(args.cv_json).write_text(json.dumps(report["pages"], indent=1) + "\n", encoding="utf-8")
        if args.cv_misses:
            Path(args.cv_misses).write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in report["misses"]),
                                            encoding="utf-8")
        return 0
    # Retraining follows every edit of rules/: refresh the patterns' literal table with it.
    count = write_table(builtin_patterns())
    print(f"wrote {LITERALS_TABLE} ({count} patterns)", file=sys.stderr)
    # Text and HTML pages get a model each: markup features change what the
    # plain-text measures mean, and one shared set of weights serves both worse.
    for view, out in (("text", args.out), ("html", args.html_out)):
        if args.view not in (view, "both"):
            continue
        pages = [p for p in gold + extra if p.html == (view == "html")]
        models = train(pages, l2=args.l2)
        Path(out).write_text(json.dumps(models_to_dict(models, sources), ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
        print(f"wrote {out} ({view} view, {len(pages)} pages)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

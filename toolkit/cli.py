"""Command line: ``toolkit clean|explain|report|rules ...`` (shared/spec/interface.md).

Exit status: 0 success; 1 some inputs failed (each reported on stderr);
2 usage or rule-pack errors.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import RuleError, ToolkitError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `toolkit clean ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except ToolkitError as exc:
        print(f"toolkit: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description="Clean scraped pages into an article and a labelled report of what was left out.")
    sub = parser.add_subparsers(dest="command")

    def common(p):
        p.add_argument("--target", default="en", help="language of the article to keep (default: en)")
        p.add_argument("--rules", action="append", default=[], metavar="DIR", help="a rule pack to add (repeatable); its rules override built-in ones by id")
        p.add_argument("--disable", action="append", default=[], metavar="ID", help="switch off a rule by id (repeatable)")
        p.add_argument("--input", choices=("auto", "text", "html"), default="auto", dest="kind",
                       help="what the pages are: plain text, HTML, or auto (HTML when it looks like HTML)")

    clean = sub.add_parser("clean", help="print the clean article (or JSON, or a leftovers report)")
    clean.add_argument("pages", nargs="*", metavar="PAGE", help="files or directories to clean, or - for standard input")
    clean.add_argument("--format", choices=("text", "json", "report"), default="text")
    clean.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")
    clean.add_argument("--jsonl", metavar="FILE", help="read JSON Lines records (- for standard input); write one result per record")
    clean.add_argument("--text-field", default="text", help="the records' page field (default: text)")
    clean.add_argument("--id-field", default="id", help="the records' id field (default: id)")
    clean.add_argument("--out-dir", metavar="DIR", help="write an article .txt and a report .json per page into DIR")
    clean.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    clean.add_argument("--max-bytes", type=int, default=None, metavar="N",
                       help="refuse pages larger than this (default: 64 MiB); each is reported as failed")
    clean.add_argument("--tokens", choices=("leftovers", "all", "none"), default="leftovers",
                       help="which Chinese blocks carry jieba tokens in JSON (default: left-over ones)")
    common(clean)
    clean.set_defaults(run=_run_clean)

    explain = sub.add_parser("explain", help="every block with its language, label, rule, score and why")
    explain.add_argument("pages", nargs="+", metavar="PAGE")
    explain.add_argument("--format", choices=("text", "markdown"), default="text",
                         help="text (in colour on a terminal, plain when piped) or a Markdown table")
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help="colour the text format: auto (only on a terminal), always, never")
    common(explain)
    explain.set_defaults(run=_run_explain)

    report = sub.add_parser("report", help="a self-contained HTML report of one or more pages")
    report.add_argument("pages", nargs="+", metavar="PAGE", help="files to clean, or - for standard input")
    report.add_argument("-o", "--output", metavar="FILE.html", help="write here (default: standard output)")
    report.add_argument("--tokens", choices=("leftovers", "all", "none"), default="all",
                        help="which Chinese blocks show jieba tokens (default: all)")
    common(report)
    report.set_defaults(run=_run_report)

    ev = sub.add_parser("eval", help="score the cleaner against gold pages (shared/spec/gold-format.md)")
    ev.add_argument("gold_dir", metavar="GOLD_DIR")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--lang", help="only gold pages with this target language")
    ev.add_argument("--quiet", action="store_true", help="means and confusion only, no per-page lines")
    ev.add_argument("--rules", action="append", default=[], metavar="DIR")
    ev.set_defaults(run=_run_eval)

    rules = sub.add_parser("rules", help="list, check or test rule packs")
    rules.add_argument("action", choices=("list", "check", "test"))
    rules.add_argument("dirs", nargs="*", metavar="DIR", help="rule packs (default: the built-in pack)")
    rules.set_defaults(run=_run_rules)
    return parser


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise ToolkitError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _cleaner(args):
    from .cleaner import Cleaner

    return Cleaner(rules=args.rules, target=args.target, tokens=getattr(args, "tokens", "leftovers"), disable=args.disable,
                   kind=getattr(args, "kind", "auto"))


def _each_result(args, cleaner):
    """Yield (name, result or None) per page, reporting failures on stderr."""
    for name in args.pages:
        try:
            yield name, cleaner.clean(_read(name))
        except ToolkitError as exc:
            print(f"toolkit: {name}: {exc}", file=sys.stderr)
            yield name, None


def _run_clean(args) -> int:
    from .batch import DEFAULT_MAX_BYTES, Summary, clean_records, file_records, jsonl_records, progress
    from .cleaner import Cleaner

    if not args.pages and not args.jsonl:
        print("toolkit clean: give PAGE..., - for standard input, or --jsonl FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print("toolkit clean: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    options = {"rules": args.rules, "target": args.target, "tokens": args.tokens, "disable": args.disable,
               "kind": args.kind}
    cleaner = Cleaner(**options)  # a broken rule pack stops the run here, with exit 2, before any worker starts
    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    if args.jsonl:
        records = jsonl_records(args.jsonl, args.text_field, args.id_field, max_bytes)
    else:
        records = file_records(args.pages, max_bytes)
    batch = bool(args.jsonl or args.out_dir or args.jobs > 1 or len(args.pages) > 1
                 or any(Path(p).is_dir() for p in args.pages if p != "-"))
    outcomes = progress(clean_records(records, options, args.jobs, cleaner), enabled=batch)
    summary = Summary()
    if args.out_dir:
        _write_out_dir(outcomes, Path(args.out_dir), summary)
    else:
        _write_stream(args, outcomes, summary, batch)
    if batch:
        print(summary.line(), file=sys.stderr)
    return EXIT_INPUT if summary.failed else EXIT_OK


def _report_failure(outcome) -> None:
    print(f"toolkit: {outcome.id}: {outcome.error}", file=sys.stderr)


def _write_out_dir(outcomes, out_dir: Path, summary) -> None:
    from .batch import output_name
    from .io import write_atomic

    for outcome in outcomes:
        summary.add(outcome)
        if outcome.result is None:
            _report_failure(outcome)
            continue
        stem = out_dir / output_name(outcome.path or outcome.id)
        write_atomic(stem.with_name(stem.name + ".txt"), outcome.result.article + "\n")
        data = {"id": outcome.id, **outcome.result.to_dict()}
        write_atomic(stem.with_name(stem.name + ".json"), json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _write_stream(args, outcomes, summary, batch: bool) -> None:
    from .io import AtomicOutput
    from .report import format_report

    as_lines = bool(args.jsonl) or (args.format == "json" and batch)
    sink = AtomicOutput(args.output) if args.output else None
    write = sink.write if sink else sys.stdout.write
    try:
        first = True
        for outcome in outcomes:
            summary.add(outcome)
            if outcome.result is None:
                _report_failure(outcome)
                if as_lines:
                    write(json.dumps({"id": outcome.id, "error": outcome.error}, ensure_ascii=False) + "\n")
                continue
            if as_lines:
                write(json.dumps({"id": outcome.id, **outcome.result.to_dict()}, ensure_ascii=False) + "\n")
                continue
            if args.format == "json":
                chunk = json.dumps(outcome.result.to_dict(), ensure_ascii=False, indent=1)
            elif args.format == "report":
                chunk = format_report(outcome.result, outcome.id)
            else:
                chunk = outcome.result.article
            write(("" if first else ("\n\n" if args.format != "json" else "\n")) + chunk)
            first = False
        if not as_lines and not first:
            write("\n")
    except BaseException:
        if sink:
            sink.__exit__(RuntimeError, None, None)
        raise
    if sink:
        sink.__exit__(None, None, None)


def _run_explain(args) -> int:
    from .report import format_explain, format_explain_markdown

    cleaner = _cleaner(args)
    colour = args.format == "text" and (args.color == "always" or (args.color == "auto" and sys.stdout.isatty()))
    console = None
    if colour:
        from .terminal import explain_console

        console = explain_console(force=args.color == "always")
    failed = 0
    first = True
    for name, result in _each_result(args, cleaner):
        if result is None:
            failed += 1
            continue
        if console is not None:
            from .terminal import print_explain

            print_explain(console, result, name)
        elif args.format == "markdown":
            sys.stdout.write(("" if first else "\n") + format_explain_markdown(result, name))
        else:
            sys.stdout.write(format_explain(result, name) + "\n")
        first = False
    return EXIT_INPUT if failed else EXIT_OK


def _run_report(args) -> int:
    from .htmlreport import Failure, render_html

    cleaner = _cleaner(args)
    pages, failures = [], []
    for name in args.pages:
        shown = "standard input" if name == "-" else name
        try:
            pages.append((shown, cleaner.clean(_read(name))))
        except ToolkitError as exc:
            print(f"toolkit: {name}: {exc}", file=sys.stderr)
            message = str(exc)
            failures.append(Failure(shown, message[len(name) + 2:] if message.startswith(f"{name}: ") else message))
    text = render_html(pages, failures)
    if args.output and args.output != "-":
        from .io import write_atomic

        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_INPUT if failures else EXIT_OK


def _run_rules(args) -> int:
    from .rulecheck import check_rules
    from .rules import builtin_pack, load_rules

    dirs = [Path(d) for d in args.dirs] or [builtin_pack()]
    loaded = load_rules(dirs, check_builtin=True)  # a malformed pack raises RuleError: every problem, exit 2
    if args.action == "check":
        print(f"{len(loaded.rules)} rules OK in {', '.join(map(str, dirs))}")
        return EXIT_OK
    if args.action == "list":
        for rule in sorted(loaded.rules, key=lambda r: r.id):
            kinds = [e.expect for e in rule.examples]
            counts = f"{kinds.count('match')} match, {kinds.count('no-match')} no-match"
            todo = sum(k.startswith("todo") for k in kinds)
            print(f"{rule.id:<40} {rule.label.value:<15} {counts}" + (f", {todo} todo" if todo else ""))
        return EXIT_OK
    results = check_rules(loaded.rules)
    bad = [r for r in results if not r.ok]
    for r in bad:
        print(r.describe(), end="\n\n")
    xfail = sum(r.status == "xfail" for r in results)
    print(f"{len(results) - len(bad) - xfail} passed, {len(bad)} failed" + (f", {xfail} xfailed" if xfail else ""))
    return EXIT_INPUT if bad else EXIT_OK


def _run_eval(args) -> int:
    from .cleaner import Cleaner
    from .evaluate import evaluate, format_scores, load_gold, page_text

    golds = load_gold(args.gold_dir)
    if args.lang:
        golds = [g for g in golds if g.get("target_lang") == args.lang]
    if not golds:
        print(f"toolkit: {args.gold_dir}: no gold pages (*.json)", file=sys.stderr)
        return EXIT_USAGE
    cleaner = Cleaner(rules=args.rules)
    report = evaluate(golds, lambda g: cleaner.clean(page_text(g), target=g.get("target_lang", "en")).to_dict())
    if args.json:
        out = {"mean": report["mean"], "pages": report["pages"],
               "confusion": [{"gold": g, "got": p, "n": n} for (g, p), n in sorted(report["confusion"].items())]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(format_scores(report, per_page=not args.quiet))
    return EXIT_OK

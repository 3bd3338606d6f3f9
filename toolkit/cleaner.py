"""The Cleaner: loads rules and the model once, then cleans page after page.

Stages are plain functions over the list of blocks (see the flow in the
README); the Cleaner only wires them and holds what is costly to load. It
pickles cheaply, so a worker process or a Dask task can hold one.
"""
from __future__ import annotations

from pathlib import Path

from .classify import classify
from .decision import Decision
from .decode import decode_page
from .errors import ToolkitError
from .labels import Label
from .language import shared_detector
from .metadata import collect_metadata
from .model import Models
from .page import build_page
from .result import BlockResult, Result
from .rules import builtin_pack, load_rules

TOKEN_MODES = ("leftovers", "all", "none")


class Cleaner:
    """Clean pages with one set of rule packs and options.

    >>> cleaner = Cleaner()
    >>> page = ("Home > News\\n\\nCity Council Approves New Riverside Park\\n\\n"
    ...         "The city council voted on Tuesday to turn the old rail yard into a park, ending a debate "
    ...         "that had lasted for more than a decade.\\n\\nWork is expected to begin next spring.")
    >>> result = cleaner.clean(page)
    >>> result.title
    'City Council Approves New Riverside Park'
    >>> result.leftovers
    {'navigation': [0]}
    """

    def __init__(self, rules=None, target: str = "en", tokens: str = "leftovers", disable=(), builtin: bool = True,
                 models: Models | None = None):
        if tokens not in TOKEN_MODES:
            raise ToolkitError(f"tokens must be one of {', '.join(TOKEN_MODES)}, not {tokens!r}")
        if isinstance(rules, (str, Path)):
            rules = [rules]
        self.packs = ([builtin_pack()] if builtin else []) + [Path(p) for p in (rules or [])]
        self.target = target
        self.tokens = tokens
        self.disable = frozenset(disable)
        self.rules = load_rules(self.packs, self.disable)
        self.heading_ids = frozenset(r.id for r in self.rules.rules if r.heading)
        self.models = models or Models.load()

    def clean(self, page, target: str | None = None, tokens: str | None = None) -> Result:
        target = target or self.target
        tokens = tokens or self.tokens
        decoded = decode_page(page)
        doc = build_page(decoded.text, shared_detector())
        decisions, title_index = classify(doc, self.rules, self.models, target, self.heading_ids)
        decisions = _other_language(doc, decisions, target)
        meta = collect_metadata(doc, decisions)
        blocks = tuple(_block_result(doc, b, d, tokens) for b, d in zip(doc.blocks, decisions))
        notes = []
        if doc.blocks and not any(b.lang == target for b in doc.blocks):
            notes.append(f"no block is in the target language {target!r}: the article is empty")
        return Result(
            target_lang=target,
            title=doc.blocks[title_index].text if title_index is not None else None,
            metadata={k: v for k, (v, _) in meta.items()},
            metadata_blocks={k: i for k, (_, i) in meta.items()},
            blocks=blocks,
            encoding=decoded.encoding,
            notes=tuple(notes),
        )


def _other_language(doc, decisions: list[Decision], target: str) -> list[Decision]:
    """Article text in another language is set aside, not called boilerplate."""
    out = []
    for block, d in zip(doc.blocks, decisions):
        if d.kept and block.lang not in (target, "und"):
            d = d.revised(Label.OTHER_LANGUAGE, "language", 0.9,
                          f"article text in {block.lang} ({block.lang_how}), target {target}")
        out.append(d)
    return out


def _block_result(doc, block, d: Decision, tokens: str) -> BlockResult:
    show_tokens = block.has_han and (tokens == "all" or (tokens == "leftovers" and not d.kept))
    return BlockResult(
        index=block.index, text=block.text, lang=block.lang, kept=d.kept, label=d.label.value,
        rule=d.rule, score=round(float(d.score), 3), why=d.why,
        tokens=tuple(doc.tokens(block)) if show_tokens else None,
        initial=d.initial.value if d.initial is not None else None,
        losers=d.losers,
    )

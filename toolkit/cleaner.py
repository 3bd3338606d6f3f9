"""The Cleaner: loads rules and the model once, then cleans page after page.

Stages are plain functions over the list of blocks (see the flow in the
README); the Cleaner only wires them and holds what is costly to load. It
pickles cheaply, so a worker process or a Dask task can hold one.
"""
from __future__ import annotations

import re
from pathlib import Path

from .classify import classify
from .decision import Decision
from .decode import decode_page
from .errors import ToolkitError
from .labels import Label
from .language import in_target_language, shared_detector
from .metadata import collect_metadata
from .model import HTML_MODEL_FILE, Models
from .page import build_page
from .result import BlockResult, Result
from .rules import builtin_pack, load_rules

TOKEN_MODES = ("leftovers", "all", "none")
KINDS = ("auto", "text", "html")


_DOCTYPE = re.compile(rb"\s*(?:\xef\xbb\xbf)?\s*<!doctype\s+html", re.I)
_CLOSING = re.compile(rb"</(?:html|head|body)\s*>", re.I)
# Comments are matched up to their own "-->" only, so the scan stays linear.
_OPENING = re.compile(rb"\s*(?:\xef\xbb\xbf)?\s*(?:<!--(?:(?!-->).)*-->\s*|<\?xml[^>]*>\s*)*<(?:html|head)[\s>]", re.I | re.S)
# Markup that lays a page out: many of these make a fragment HTML, as in
# CleanEval's "<text ...><table>...<p>..." pages that have no <html> at all.
_LAYOUT_TAG = re.compile(rb"<(?:p|div|table|tr|td|th|br|a|span|li|ul|ol|h[1-6]|font|img|b|i|center|tbody)(?:\s[^<>]{0,500})?/?>", re.I)
_LAYOUT_TAGS_MIN = 20
_SNIFF = 65536


def _bytes(part) -> bytes:
    return part.encode("utf-8", "surrogatepass") if isinstance(part, str) else bytes(part)


def _looks_like_html(page) -> bool:
    """HTML for auto-detection: a doctype or an opening <html>/<head>; or the look of
    HTML with </html>, </head> or </body> (at the start or the end of the page),
    or with twenty layout tags (<p>, <td>, <br>, <a ...>...) in its first 64 KB.

    A text page that quotes some markup ("<script>...</script>", "<head>")
    stays text, since every one of its blocks must come back; a small
    fragment of HTML is cleaned as HTML when forced (kind="html", --input html).
    """
    if not isinstance(page, (str, bytes, bytearray, memoryview)):
        return False
    from .htmldecode import looks_like_html

    head = _bytes(page[:_SNIFF])
    doctype = _DOCTYPE.match(head)
    if (doctype and b"<" in head[doctype.end():]) or (_OPENING.match(head) and b"</" in head):
        # a doctype and a tag after it, or <html>/<head> as the first tag of a page that
        # closes a tag; a bare "<!DOCTYPE html" holds no element and stays text, whole
        return True
    if not looks_like_html(page):
        return False
    # A big page's </head> and </body> may lie past the first 64 KB: look at its end too.
    if _CLOSING.search(head) is not None or _CLOSING.search(_bytes(page[-_SNIFF:])) is not None:
        return True
    return len(_LAYOUT_TAG.findall(head)) >= _LAYOUT_TAGS_MIN


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _title_from_markup(doc, html) -> int | None:
    """The block whose text is the headline the markup names, when the text gave none."""
    names = [html.jsonld.get("headline"), html.meta.get("og:title"), html.title]
    wanted = {_norm(n) for n in names if isinstance(n, str) and n.strip()}
    for block in doc.blocks[:40]:
        if _norm(block.text) in wanted:
            return block.index
    return None


def markup_metadata(html) -> dict:
    """Fields from <meta> and JSON-LD, used where the page's text states none."""
    from .credits import parse_credits

    out = {}
    published = html.jsonld.get("datePublished") or html.meta.get("article:published_time")
    if isinstance(published, str):
        found = parse_credits("Published: " + published.replace("T", " ")[:19])
        if "published" in found:
            out["published"] = found["published"]
    author = html.jsonld.get("author") or html.meta.get("author")
    if isinstance(author, str) and author.strip() and len(author) < 100:
        out["author"] = author.strip()
    return out


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
                 models: Models | None = None, kind: str = "auto"):
        if tokens not in TOKEN_MODES:
            raise ToolkitError(f"tokens must be one of {', '.join(TOKEN_MODES)}, not {tokens!r}")
        if isinstance(rules, (str, Path)):
            rules = [rules]
        self.packs = ([builtin_pack()] if builtin else []) + [Path(p) for p in (rules or [])]
        if kind not in KINDS:
            raise ToolkitError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        self.target = target
        self.tokens = tokens
        self.kind = kind
        self.disable = frozenset(disable)
        self.rules = load_rules(self.packs, self.disable)
        self.heading_ids = frozenset(r.id for r in self.rules.rules if r.heading)
        self.models = models or Models.load()
        self._html_models = models  # loaded on the first HTML page

    @property
    def html_models(self) -> Models:
        """The model trained on HTML views, whose features include the markup's evidence."""
        if self._html_models is None:
            self._html_models = Models.load(HTML_MODEL_FILE)
        return self._html_models

    def clean(self, page, target: str | None = None, tokens: str | None = None, kind: str | None = None) -> Result:
        """Clean one page: ``kind`` is "text", "html", or "auto" (HTML when it looks like HTML)."""
        target = target or self.target
        tokens = tokens or self.tokens
        kind = kind or self.kind
        if kind not in KINDS:
            raise ToolkitError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        html = None
        if kind == "html" or (kind == "auto" and _looks_like_html(page)):
            from .html import html_blocks

            html = html_blocks(page)
            text, encoding = html.text, html.encoding
        else:
            decoded = decode_page(page)
            text, encoding = decoded.text, decoded.encoding
        doc = build_page(text, shared_detector(), evidence=html.blocks if html is not None else None)
        models = self.models if html is None else self.html_models
        decisions, title_index = classify(doc, self.rules, models, target, self.heading_ids)
        if title_index is None and html is not None:
            title_index = _title_from_markup(doc, html)
            if title_index is not None:
                decisions[title_index] = decisions[title_index].revised(
                    Label.TITLE, "html.title", 0.8, "the block the page's <title>/og:title/JSON-LD headline names")
        decisions = _other_language(doc, decisions, target)
        meta = collect_metadata(doc, decisions, title_index)
        if html is not None:
            for key, value in markup_metadata(html).items():
                meta.setdefault(key, (value, None))  # the page's own lines win over its markup
        blocks = tuple(_block_result(doc, b, d, tokens) for b, d in zip(doc.blocks, decisions))
        notes = []
        if doc.blocks and not any(b.lang == target for b in doc.blocks):
            notes.append(f"no block is in the target language {target!r}: the article is empty")
        return Result(
            target_lang=target,
            # The headline only when it stayed the title (not set aside as another language).
            title=doc.blocks[title_index].text
            if title_index is not None and decisions[title_index].label is Label.TITLE else None,
            metadata={k: v for k, (v, _) in meta.items()},
            metadata_blocks={k: i for k, (_, i) in meta.items()},
            blocks=blocks,
            encoding=encoding,
            notes=tuple(notes),
        )


def _other_language(doc, decisions: list[Decision], target: str) -> list[Decision]:
    """Article text in another language is set aside, not called boilerplate."""
    out = []
    for block, d in zip(doc.blocks, decisions):
        if d.kept and not in_target_language(block.lang, block.counts, target):
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

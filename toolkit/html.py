"""Raw HTML in: recognise it, decode it, and flatten it into toolkit blocks.

    from toolkit.html import looks_like_html, decode_html, html_blocks

    if looks_like_html(data):              # str or bytes; a cheap look at the first 4 KB
        page = html_blocks(data)           # bytes are decoded with decode_html first
        page.texts                         # block texts, in page order
        page.text                          # "\\n\\n".join(page.texts): toolkit's plain-text input
        page.blocks[0].path, .heading, .link_share, .tokens, .in_nav, ...
        page.title, page.meta, page.jsonld, page.lang, page.encoding

``page.text`` splits back into exactly ``page.texts`` with
:func:`toolkit.blocks.split_blocks`, so block *i* of the text pipeline is
``page.blocks[i]`` here and its structural evidence can be joined by index.
How bytes are decoded: :mod:`toolkit.htmldecode`. How the tree is flattened
(innerText-like, which elements are dropped or hidden, what makes a block or
a line): :mod:`toolkit.htmlparse`.

Parser: selectolax (lexbor backend), measured against lxml.html with
``benchmarks/html_parsers.py`` on all 3,675 pages of shared/bench/*/html
(73 K characters on average; both parsers feed the same flattening code;
one core, Python 3.11, selectolax 1.0.2, lxml 6.1.3; a shared machine, so
take the ratios rather than the absolute times)::

    parser             parse ms/page (median)   parse+flatten ms/page (median)   failed
    selectolax/lexbor       0.74  (0.28)                5.9  (3.3)                  0
    lxml.html               1.89  (1.03)                7.3  (4.8)                  6

Both give the same blocks on 3,552 of 3,669 pages. Lexbor parses 2.5-3.5
times faster; flattening in Python then dominates, so a whole page is about
20-30% faster. On broken input lexbor is an HTML5 parser: it builds the
tree a browser builds (misnested and unclosed tags, stray end tags, a <p>
inside a table moved before it, ``</br>`` read as ``<br>``, ``&#151;`` read
as an em dash) and accepts any string. lxml.html (libxml2's HTML 4 parser)
raised on 6 of the pages (a str with an XML encoding declaration), raises on
an empty or white-space-only document, keeps NUL bytes as U+FFFD, and
silently drops everything nested deeper than 256 elements (a page wrapped
in 300 divs comes back empty). Faster, never failing and browser-faithful:
lexbor. Its one weakness, time quadratic in nesting depth (5 MB of nested
<div> would take minutes), is covered by
:func:`toolkit.htmlparse.tame_nesting`, which drops the tags nested deeper
than 512 (Blink's limit) before parsing (none of the 3,675 pages is touched).
An unclosed ``<title>`` (7 l3s-gn1 pages: a browser shows them empty) is
closed at the end of its line.
"""
from __future__ import annotations

import re

from .errors import InputError
from .htmldecode import decode_html, declared_charset, looks_like_html
from .htmlparse import VOCABULARY, Flattener, HtmlBlock, HtmlPage, parse_jsonld, read_meta, tame_nesting, walk_lexbor

__all__ = ["looks_like_html", "decode_html", "html_blocks", "parse_html", "HtmlPage", "HtmlBlock", "VOCABULARY",
           "declared_charset"]

# Below this much visible text, a page that hid more than four times as much
# is taken to hide its body until a script runs, and is read with it shown.
_SHOWN_MIN = 200


def parse_html(html: str):
    """The selectolax lexbor tree of ``html`` (tamed if pathologically deep)."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: toolkit works without it for text input

    return LexborHTMLParser(tame_nesting(_close_title(html)))


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title[\s/>]", re.I)
_TITLE_END = re.compile(r"[<\n]")


def _close_title(html: str) -> str:
    """Close a <title> that is never closed at the end of its line.

    A browser reads everything after an unclosed <title> as the title, so the
    page comes out empty; scraped pages cut inside the head (7 pages of
    l3s-gn1 in shared/bench) would be lost whole.
    """
    opened = _TITLE_OPEN.search(html)
    if opened is None or _TITLE_CLOSE.search(html, opened.end()):
        return html
    end = _TITLE_END.search(html, opened.end())
    cut = end.start() if end else len(html)
    return html[:cut] + "</title>" + html[cut:]


def html_blocks(html: str | bytes | bytearray | memoryview) -> HtmlPage:
    """Flatten an HTML page into blocks with structural evidence, title and metadata.

    >>> page = html_blocks("<title>T</title><nav><a href=/>Home</a></nav><article><h1>Head</h1><p>Body text.</p></article>")
    >>> page.title, page.texts
    ('T', ['Home', 'Head', 'Body text.'])
    >>> [(b.tag, b.heading, b.link_share, b.in_nav, b.in_article) for b in page.blocks]
    [('nav', 0, 1.0, True, False), ('h1', 1, 0.0, False, True), ('p', 0, 0.0, False, True)]
    """
    if isinstance(html, str):
        encoding = "str"
    elif isinstance(html, (bytes, bytearray, memoryview)):
        html, encoding = decode_html(html)
    else:
        raise InputError(f"an HTML page is str or bytes, not {type(html).__name__}")
    tree = parse_html(html)
    top = tree.root
    blocks: list[HtmlBlock] = []
    if top is not None:
        flat = Flattener()
        walk_lexbor(top, flat)
        blocks = flat.finish()
        if flat.shown_chars < _SHOWN_MIN and flat.hidden_chars > 4 * max(flat.shown_chars, 1):
            again = Flattener(show_hidden=True)
            walk_lexbor(top, again)
            blocks = again.finish()
    return HtmlPage(
        blocks=tuple(blocks),
        title=_title(tree),
        meta=_meta(tree),
        jsonld=_jsonld(tree),
        lang=_lang(top),
        encoding=encoding,
    )


def _title(tree) -> str | None:
    try:
        for node in tree.css("title"):
            parent = node.parent
            inside_svg = False
            while parent is not None:
                if parent.tag == "svg":
                    inside_svg = True
                    break
                parent = parent.parent
            if inside_svg:
                continue
            text = " ".join((node.text(deep=True) or "").split())
            if text:
                return text
    except Exception:
        return None
    return None


def _meta(tree) -> dict[str, str]:
    pairs = []
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        pairs.append((key, attrs.get("content")))
    return read_meta(pairs)


def _jsonld(tree) -> dict[str, str]:
    sources = []
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").strip().lower()
        if kind == "application/ld+json":
            sources.append(node.text(deep=True) or "")
    return parse_jsonld(sources)


def _lang(top) -> str | None:
    if top is None or top.tag != "html":
        return None
    lang = (top.attributes.get("lang") or top.attributes.get("xml:lang") or "").strip()
    return lang or None

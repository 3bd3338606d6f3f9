"""Flatten a parsed HTML tree into blocks, innerText-style, with structural evidence.

The flattener (:class:`Flattener`) does not know the parser: a walker feeds
it ``start(tag, attrs)`` / ``text(str)`` / ``end()`` events in document
order. :func:`walk_lexbor` drives it from selectolax's lexbor tree (what
:func:`toolkit.html.html_blocks` uses); :func:`walk_lxml` from lxml.html,
kept so that ``benchmarks/html_parsers.py`` can re-measure the choice on
the same flattening code.

Flattening rules (a browser's ``innerText``, cut into blocks):

- dropped with everything inside: script, style, noscript, template, svg,
  iframe, head, title and the other elements a browser never draws (object,
  embed, canvas, audio, video, select, textarea, datalist, dialog without
  ``open``...), and hidden elements: the ``hidden`` attribute,
  ``aria-hidden="true"``, an inline style with ``display:none`` or
  ``visibility:hidden|collapse``. (Not on <html> or <body>: pages hide
  those until a script has run; and when hiding would leave less visible
  text than it hid, the page is read again with hidden elements shown.)
- block-level elements (p, div, h1-h6, ul/ol/dl, table, tr, section,
  article, header, footer, nav, aside, main, blockquote, pre, figure,
  figcaption, form, address, ...; also any element whose inline style says
  ``display:block|flex|grid|table|list-item``) end the block before them and
  start a new one;
- list items (li, dt, dd) are lines of their list's block, and a list
  nested in an item stays in that block (a menu and its submenu); an item
  that holds block elements (a teaser's <h3> and <p>) gives those blocks;
  ``<br>`` ends a line; two ``<br>`` in a row (an empty line) end the
  block, as the blank line would in the text view; a table row is a block
  whose cells are joined by one tab;
- inline elements (a, span, em, strong, b, i, ...) join text; runs of
  ASCII white space collapse to one space and vanish at line ends, as in a
  browser (NBSP stays); <pre>, <listing>, <xmp> keep their white space.
  One departure from innerText: links side by side with nothing between
  them (``<a>Home</a><a>News</a>``, menus spaced by CSS) get one space.

Every block comes out trimmed and free of blank lines, so the page's text
(``"\\n\\n".join(texts)``) splits back into exactly these blocks with
:func:`toolkit.blocks.split_blocks`; a page that would be one block of
several lines is given one block per line, since that is how
:func:`~toolkit.blocks.split_blocks` reads text without a blank line.

Evidence per block: ``tag`` and ``path`` of the nearest element holding all
its text (paths deeper than 28 keep their head and tail around "..."),
``heading`` (1-6 inside h1-h6, else 0), ``link_share`` (non-space characters
inside ``<a href>`` over all), ``tokens`` (:data:`VOCABULARY` words found in
the class and id of that element and its ancestors, split at punctuation and
camelCase, with aliases such as navigation/navbar -> nav, ads -> ad, and
compounds such as mainNav, sidebarleft, articleBody), and ``in_article``,
``in_main``, ``in_aside``, ``in_nav``, ``in_footer``, ``in_header`` for
those elements or their ARIA roles (article, main, complementary,
navigation, contentinfo, banner) among the ancestors, and ``ancestry``, the
page-wide numbers of the elements holding the block (what
:mod:`toolkit.containers` groups blocks by).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace

__all__ = [
    "HtmlBlock", "HtmlPage", "Flattener", "walk_lexbor", "walk_lxml", "tame_nesting",
    "class_tokens", "VOCABULARY",
]

# ------------------------------------------------------------------ element kinds

_DROP = frozenset(
    "script style noscript template svg iframe head title object embed canvas audio video select textarea "
    "datalist frame frameset noframes noembed param source track map area base basefont link meta rp "
    "img input picture".split()
)
_BLOCK = frozenset(
    "html body address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend listing main menu nav ol p plaintext "
    "pre search section summary table caption thead tbody tfoot tr ul xmp optgroup option".split()
)
_LINE = frozenset(("li", "dt", "dd"))
_CELL = frozenset(("td", "th"))
_PRE = frozenset(("pre", "listing", "xmp", "plaintext"))
_LISTS = frozenset(("ul", "ol", "dl", "menu", "dir"))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# kinds
_INLINE, _BLOCKK, _LINEK, _CELLK, _BR = 0, 1, 2, 3, 4

# region flags
ARTICLE, MAIN, ASIDE, NAV, FOOTER, HEADER = 1, 2, 4, 8, 16, 32
_TAG_FLAGS = {"article": ARTICLE, "main": MAIN, "aside": ASIDE, "nav": NAV, "footer": FOOTER, "header": HEADER}
_ROLE_FLAGS = {"article": ARTICLE, "main": MAIN, "complementary": ASIDE, "navigation": NAV,
               "contentinfo": FOOTER, "banner": HEADER}

_WS = re.compile(r"[ \t\n\r\f]+")
_ASCII_WS = " \t\n\r\f"
_DISPLAY = re.compile(r"(?:^|;)\s*display\s*:\s*([a-z-]+)")
_VISIBILITY = re.compile(r"(?:^|;)\s*visibility\s*:\s*(hidden|collapse)")
_BLOCK_DISPLAYS = frozenset(("block", "flex", "grid", "table", "list-item", "flow-root"))
_INLINE_DISPLAYS = frozenset(("inline", "inline-block", "inline-flex", "inline-grid", "contents"))

# ------------------------------------------------------------------ class/id vocabulary

VOCABULARY = (
    "nav", "menu", "footer", "sidebar", "breadcrumb", "share", "social", "comment", "related", "recommend",
    "cookie", "consent", "banner", "ad", "advert", "sponsor", "copyright", "header", "widget", "popup",
    "modal", "subscribe", "newsletter", "login", "tag", "pagination", "author", "byline", "date",
    "caption", "content", "article", "main", "post", "entry", "body", "text",
)
_VOCAB = frozenset(VOCABULARY)
# Spellings that mean a vocabulary word.
_ALIASES = {
    "navigation": "nav", "navbar": "nav", "navi": "nav", "navs": "nav", "menus": "menu", "menubar": "menu",
    "foot": "footer", "sidebars": "sidebar", "breadcrumbs": "breadcrumb", "crumb": "breadcrumb",
    "crumbs": "breadcrumb", "bread": "breadcrumb", "sharing": "share", "shares": "share",
    "sharebar": "share", "comments": "comment", "disqus": "comment", "recommended": "recommend",
    "recommendation": "recommend", "recommendations": "recommend", "recommends": "recommend",
    "cookies": "cookie", "gdpr": "consent", "banners": "banner", "ads": "ad", "adv": "ad", "advs": "ad",
    "adsense": "ad", "adslot": "ad", "adunit": "ad", "adsbygoogle": "ad", "adbox": "ad", "adwrap": "ad",
    "adcontainer": "ad", "adzone": "ad", "adspace": "ad", "adbanner": "ad", "adarea": "ad", "adholder": "ad",
    "admodule": "ad", "adblock": "ad", "advertise": "advert", "advertisement": "advert",
    "advertising": "advert", "adverts": "advert", "sponsored": "sponsor", "sponsors": "sponsor",
    "masthead": "header", "widgets": "widget", "pop": "popup", "popups": "popup", "lightbox": "modal",
    "overlay": "modal", "dialog": "modal", "subscription": "subscribe", "signin": "login",
    "signup": "subscribe", "logon": "login", "tags": "tag", "tagcloud": "tag", "pager": "pagination",
    "paging": "pagination", "paginator": "pagination", "pages": "pagination", "authors": "author",
    "dateline": "date", "pubdate": "date", "publishdate": "date", "timestamp": "date", "time": "date",
    "posted": "date", "captions": "caption", "figcaption": "caption", "contents": "content",
    "articles": "article", "posts": "post", "entries": "entry", "texts": "text", "story": "article",
}
# Words that may stand before or after a vocabulary word in one run ("mainnav", "sidebarleft").
_FILLERS = frozenset(
    "bar box list wrap wrapper container cont area block item items inner outer link links title info top "
    "bottom left right section panel holder module s es sub site page global primary secondary side mobile "
    "footer header".split()
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_token_cache: dict[str, frozenset] = {}


_part_cache: dict[str, tuple[str, ...]] = {}


def _compound():
    # "mainnav", "sidebarleft", "articlebody": a vocabulary word (3+ letters) run together
    # with a filler, another vocabulary word or an alias.
    words = "|".join(sorted((w for w in _VOCAB if len(w) >= 3), key=len, reverse=True))
    others = "|".join(sorted(set(_FILLERS) | _VOCAB | set(_ALIASES), key=len, reverse=True))
    return (re.compile(rf"({words})({others})"), re.compile(rf"({others})({words})"))


_HEAD_WORD, _TAIL_WORD = _compound()


def _word(part: str) -> tuple[str, ...]:
    found = _part_cache.get(part)
    if found is not None:
        return found
    key = part
    part = part.rstrip("0123456789")
    if part in _VOCAB:
        found = (part,)
    elif part in _ALIASES:
        found = (_ALIASES[part],)
    else:
        words = set()
        for pattern in (_HEAD_WORD, _TAIL_WORD):
            m = pattern.fullmatch(part)
            if m:
                for piece in m.groups():
                    word = piece if piece in _VOCAB else _ALIASES.get(piece)
                    if word:
                        words.add(word)
        found = tuple(sorted(words))
    if len(_part_cache) < 50_000:
        _part_cache[key] = found
    return found


def class_tokens(value: str) -> frozenset:
    """Vocabulary words in a class or id value.

    >>> sorted(class_tokens("site-navigation mainNav"))
    ['main', 'nav']
    >>> sorted(class_tokens("article-body share_buttons"))
    ['article', 'body', 'share']
    >>> sorted(class_tokens("address shadow header2"))
    ['header']
    """
    found = _token_cache.get(value)
    if found is not None:
        return found
    words: set[str] = set()
    for part in _SPLIT.split(_CAMEL.sub(" ", value).lower()):
        if part:
            words.update(_word(part))
    found = frozenset(words)
    if len(_token_cache) < 20_000:
        _token_cache[value] = found
    return found


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """One block of an HTML page with the structural evidence behind it.

    ``tag``/``path`` name the nearest element holding all of the block's text
    (a list's block is the <ul>, a table row's the <tr>); ``tokens`` are the
    :data:`VOCABULARY` words in the class and id of that element and its
    ancestors; ``link_share`` is the share of the block's non-space
    characters that sit inside an ``<a href>``.
    """

    index: int
    text: str
    tag: str
    path: str
    heading: int
    link_share: float
    tokens: tuple[str, ...]
    in_article: bool
    in_main: bool
    in_aside: bool
    in_nav: bool
    in_footer: bool
    in_header: bool
    # The elements holding the block, outermost first, each by a page-wide
    # number: blocks that share a number sit in the same element, which
    # ``path`` (tag names only) cannot tell.
    ancestry: tuple[int, ...] = ()

    @property
    def region(self) -> str:
        """The landmark the block sits in, first found of nav, aside, footer, header, main (<main> or
        <article>); "" when none (an overlay, a page without landmarks)."""
        for name, inside in (("nav", self.in_nav), ("aside", self.in_aside), ("footer", self.in_footer),
                             ("header", self.in_header)):
            if inside:
                return name
        return "main" if (self.in_main or self.in_article) else ""


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What :func:`toolkit.html.html_blocks` reads from a page."""

    blocks: tuple[HtmlBlock, ...]
    title: str | None = None
    meta: dict = field(default_factory=dict)
    jsonld: dict = field(default_factory=dict)
    lang: str | None = None
    encoding: str = "str"

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def text(self) -> str:
        """The page as toolkit's plain-text input: blocks joined by a blank line."""
        return "\n\n".join(b.text for b in self.blocks)


# ------------------------------------------------------------------ the flattener


class _Frame:
    __slots__ = ("tag", "kind", "tokens", "flags", "heading", "link", "pre", "list", "serial")

    def __init__(self, tag, kind, tokens, flags, heading, link, pre, list_, serial=0):
        self.serial = serial  # which element this is, page-wide: two sibling <div>s differ
        self.tag = tag
        self.kind = kind
        self.tokens = tokens
        self.flags = flags
        self.heading = heading
        self.link = link
        self.pre = pre
        self.list = list_


_EMPTY = frozenset()
_PATH_HEAD, _PATH_TAIL = 3, 24


class Flattener:
    """Turns start/text/end events into :class:`HtmlBlock` records."""

    def __init__(self, show_hidden: bool = False):
        self.show_hidden = show_hidden
        root = _Frame("#root", _BLOCKK, _EMPTY, 0, 0, False, False, False)
        self.stack: list[_Frame] = [root]
        self._serial = 0
        self.blocks: list[HtmlBlock] = []
        self.hidden_chars = 0
        self.shown_chars = 0
        # the block being built: finished lines, the line being built
        self._lines: list[tuple[str, int, int]] = []
        self._cur: list[str] = []
        self._cur_link = 0
        self._cur_total = 0
        self._ws = True  # the line being built is empty or ends in white space
        self._cur_pre = False  # the line being built holds preformatted text
        self._after_link = False  # nothing since the last </a>
        self._mind = 0  # lowest stack depth since the block's first text (0: no text yet)

    # -- events ---------------------------------------------------------------

    def start(self, tag: str, attrs) -> int:
        """Open an element. Returns 0 to descend, 1 to skip it (dropped), 2 to skip it (hidden)."""
        if tag in _DROP:
            return 1
        parent = self.stack[-1]
        kind = _INLINE
        if tag in _BLOCK:
            kind = _BLOCKK
        elif tag in _LINE:
            kind = _LINEK
        elif tag in _CELL:
            kind = _CELLK
        elif tag == "br":
            self._hard_break()
            return 1
        elif tag == "wbr":
            return 1
        tokens = parent.tokens
        flags = parent.flags | _TAG_FLAGS.get(tag, 0)
        if attrs:
            if not self.show_hidden and tag != "html" and tag != "body":
                if "hidden" in attrs:
                    return 2
                aria = attrs.get("aria-hidden")
                if aria and aria.strip().lower() == "true":
                    return 2
                if tag == "dialog" and "open" not in attrs:
                    return 2
            style = attrs.get("style")
            if style and "display" in style.lower() or style and "visibility" in style.lower():
                style = style.lower()
                displays = _DISPLAY.findall(style)
                display = displays[-1] if displays else ""
                if not self.show_hidden and tag != "html" and tag != "body" and (
                        display == "none" or _VISIBILITY.search(style)):
                    return 2
                if display:
                    if display in _BLOCK_DISPLAYS and kind == _INLINE:
                        kind = _BLOCKK
                    elif display in _INLINE_DISPLAYS and kind == _BLOCKK and tag not in ("html", "body"):
                        kind = _INLINE
            cls = attrs.get("class")
            ident = attrs.get("id")
            if cls or ident:
                own = class_tokens(cls) if cls else _EMPTY
                if ident:
                    own = own | class_tokens(ident)
                if own and not own <= tokens:
                    tokens = tokens | own
            role = attrs.get("role")
            if role:
                flags |= _ROLE_FLAGS.get(role.strip().lower(), 0)
        elif tag == "dialog" and not self.show_hidden:
            return 2
        if tag == "a" and self._after_link and not self._ws:
            # Menus put links side by side with no space and let CSS part them:
            # "<a>Home</a><a>News</a>" reads "Home News", not "HomeNews".
            self._cur.append(" ")
            self._ws = True
        heading = _HEADINGS.get(tag, parent.heading)
        link = parent.link or (tag == "a" and attrs is not None and "href" in attrs)
        pre = parent.pre or tag in _PRE
        in_list = parent.list
        if tag in _LISTS:
            if not in_list:
                self._block_break()  # a list nested in a list item stays in its list's block
            in_list = True
        elif kind == _BLOCKK:
            self._block_break()
            in_list = False
        elif kind == _LINEK:
            self._soft_break()
        elif kind == _CELLK:
            cur = self._cur
            while cur and cur[-1].endswith(" ") and not self._cur_pre:  # the space between two cells
                last = cur[-1].rstrip(" ")
                if last:
                    cur[-1] = last
                    break
                cur.pop()
            if cur and cur[-1][-1] != "\t":
                cur.append("\t")
                self._ws = True
        self._serial += 1
        self.stack.append(_Frame(tag, kind, tokens, flags, heading, link, pre, in_list, self._serial))
        return 0

    def end(self) -> None:
        stack = self.stack
        frame = stack[-1]
        if frame.kind == _BLOCKK:
            if frame.tag not in _LISTS or not stack[-2].list:
                self._block_break()
        elif frame.kind == _LINEK:
            self._soft_break()
        stack.pop()
        if frame.tag == "a":
            self._after_link = True
        depth = len(stack)
        if self._mind > depth:
            self._mind = depth

    def text(self, text: str) -> None:
        if not text:
            return
        if "\ufeff" in text:
            text = text.replace("\ufeff", "")
            if not text:
                return
        frame = self.stack[-1]
        if frame.pre:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._hard_break()
                if part:
                    self._cur_pre = True
                    self._add(part, frame, len(part) - part.count(" ") - part.count("\t"))
            return
        text = _WS.sub(" ", text)
        if text[0] == " " and self._ws:
            text = text[1:]
            if not text:
                return
        self._add(text, frame, len(text) - text.count(" "))

    def hidden(self, chars: int) -> None:
        self.hidden_chars += chars

    # -- building ---------------------------------------------------------------

    def _add(self, piece: str, frame: _Frame, chars: int) -> None:
        if not self._mind or self._mind > len(self.stack):
            self._mind = len(self.stack)
        self._cur.append(piece)
        self._after_link = False
        self._cur_total += chars
        if frame.link:
            self._cur_link += chars
        self._ws = piece[-1] in _ASCII_WS

    def _end_line(self, hard: bool) -> None:
        if self._cur:
            line = "".join(self._cur)
            line = line.rstrip(_ASCII_WS) if self._cur_pre else line.strip(_ASCII_WS)
            if line or hard:
                self._lines.append((line, self._cur_link, self._cur_total))
        elif hard:
            self._lines.append(("", 0, 0))
        self._cur = []
        self._cur_link = self._cur_total = 0
        self._ws = True
        self._cur_pre = False

    def _soft_break(self) -> None:
        if self._cur:
            self._end_line(False)

    def _hard_break(self) -> None:
        self._end_line(True)

    def _block_break(self) -> None:
        """End the block being built (before a block element opens, or before it is popped)."""
        self._end_line(False)
        lines = self._lines
        if not lines:
            self._mind = 0
            return
        self._lines = []
        mind = self._mind or len(self.stack)
        self._mind = 0
        stack = self.stack
        if mind > len(stack):
            mind = len(stack)
        holder = stack[mind - 1]
        group: list[tuple[str, int, int]] = []
        for line in lines:
            if not line[0] or line[0].isspace():
                self._emit(group, holder, mind)
                group = []
            else:
                group.append(line)
        self._emit(group, holder, mind)

    def _emit(self, group, holder: _Frame, mind: int) -> None:
        if not group:
            return
        text = "\n".join(line[0] for line in group).strip()
        if not text:
            return
        total = sum(line[2] for line in group)
        link = sum(line[1] for line in group)
        stack = self.stack
        if mind <= _PATH_HEAD + _PATH_TAIL + 1:
            path = ">".join(f.tag for f in stack[1:mind])
        else:
            path = ">".join(f.tag for f in stack[1:1 + _PATH_HEAD]) + ">...>" + ">".join(
                f.tag for f in stack[mind - _PATH_TAIL:mind])
        flags = holder.flags
        self.shown_chars += len(text)
        self.blocks.append(HtmlBlock(
            index=len(self.blocks),
            text=text,
            tag=holder.tag if holder.tag != "#root" else "",
            path=path,
            heading=holder.heading,
            link_share=round(link / total, 4) if total else 0.0,
            tokens=tuple(sorted(holder.tokens)),
            in_article=bool(flags & ARTICLE),
            in_main=bool(flags & MAIN),
            in_aside=bool(flags & ASIDE),
            in_nav=bool(flags & NAV),
            in_footer=bool(flags & FOOTER),
            in_header=bool(flags & HEADER),
            ancestry=tuple(f.serial for f in stack[1:mind]),
        ))

    def finish(self) -> list[HtmlBlock]:
        while len(self.stack) > 1:
            self.end()
        self._block_break()
        blocks = self.blocks
        if len(blocks) == 1 and "\n" in blocks[0].text:
            # One block of several lines would read back as one block per line
            # (split_blocks' rule for text without blank lines): give it that way.
            only = blocks[0]
            blocks = [
                HtmlBlock(i, line.strip(), only.tag, only.path, only.heading, only.link_share, only.tokens,
                          only.in_article, only.in_main, only.in_aside, only.in_nav, only.in_footer,
                          only.in_header, only.ancestry)
                for i, line in enumerate(x for x in only.text.split("\n") if x.strip())
            ]
            self.blocks = blocks
        blocks = self.blocks = _drop_page_wide_tokens(blocks)
        return blocks


# A class token on nearly every block ("widget" from a page builder's wrapper,
# "content" on <body>) says nothing about any one block, and a model that
# learned it on nav or footer blocks would throw out the article with it.
_PAGE_WIDE_SHARE = 0.6
_PAGE_WIDE_MIN_BLOCKS = 5


def _drop_page_wide_tokens(blocks: list[HtmlBlock]) -> list[HtmlBlock]:
    if len(blocks) < _PAGE_WIDE_MIN_BLOCKS:
        return blocks
    counts = Counter(t for b in blocks for t in b.tokens)
    wide = {t for t, c in counts.items() if c >= _PAGE_WIDE_SHARE * len(blocks)}
    if not wide:
        return blocks
    return [replace(b, tokens=tuple(t for t in b.tokens if t not in wide)) if wide & set(b.tokens) else b
            for b in blocks]


# ------------------------------------------------------------------ walkers


def walk_lexbor(top, sink: Flattener) -> None:
    """Feed ``sink`` the subtree of a selectolax lexbor node, iteratively (no recursion limit)."""
    start, end, text, hidden = sink.start, sink.end, sink.text, sink.hidden
    node = top
    depth = 0
    while True:
        tag = node.tag
        if tag == "-text":
            text(node.text_content)
        elif tag and tag[0] not in "-!#_":
            verdict = start(tag, node.attributes)
            if verdict == 0:
                child = node.child
                if child is not None:
                    node = child
                    depth += 1
                    continue
                end()
            elif verdict == 2:
                hidden(len(node.text(deep=True, separator="") or ""))
        # next sibling, or climb and close the parents that are done
        while True:
            if depth == 0:
                return
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            node = node.parent
            depth -= 1
            end()


def walk_lxml(root, sink: Flattener) -> None:
    """Feed ``sink`` an lxml.html element tree (for the parser benchmark), iteratively.

    Children are read with ``iter(element)``, which, unlike ``etree.iterwalk``,
    also yields comments, so the text after a comment (its ``tail``) is kept.
    """
    tag = root.tag
    if not isinstance(tag, str) or sink.start(tag.lower(), root.attrib) != 0:
        return
    if root.text:
        sink.text(root.text)
    stack = [(root, iter(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            sink.end()
            if stack and el.tail:
                sink.text(el.tail)
            continue
        tag = child.tag
        if isinstance(tag, str):
            verdict = sink.start(tag.lower(), child.attrib)
            if verdict == 0:
                if child.text:
                    sink.text(child.text)
                stack.append((child, iter(child)))
                continue
            if verdict == 2:
                sink.hidden(len(child.text_content() or ""))
        if child.tail:  # after a comment, a processing instruction or a skipped element
            sink.text(child.tail)


# ------------------------------------------------------------------ pathological nesting

_NEST_LIMIT = 512  # what Blink's parser allows; lexbor's tree builder is quadratic in depth
_NEST_CHECK_TAGS = 4000  # fewer tags than this cannot nest deep enough to be slow
_TAG_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>",
    re.S | re.I,
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_SELF_CLOSING = frozenset("p li dt dd option tr td th".split())


def tame_nesting(html: str, limit: int = _NEST_LIMIT) -> str:
    """Drop the tags that would nest deeper than ``limit`` (their text stays).

    Browsers stop nesting at a fixed depth too; lexbor does not, and its tree
    builder spends time proportional to the depth on every block-level tag,
    so 5 MB of nested <div> would take minutes. Pages with fewer than 4000
    tags come back unchanged at once.
    """
    if html.count("<") < _NEST_CHECK_TAGS:
        return html
    stack: list[str] = []
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    deep = False
    for m in _TAG_SCAN.finditer(html):
        name = m.group(3)
        if name is None:
            continue
        name = name.lower()
        if m.group(2):  # end tag
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append(m.span())
                continue
            for i in range(len(stack) - 1, max(-1, len(stack) - 33), -1):
                if stack[i] == name:
                    del stack[i:]
                    break
            continue
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if stack and stack[-1] == "p" and (name == "p" or name in _BLOCK):
            stack.pop()  # a block start closes an open <p>
        elif name in _SELF_CLOSING and stack and stack[-1] == name:
            stack.pop()
        if len(stack) >= limit:
            deep = True
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append(m.span())
            continue
        stack.append(name)
    if not deep:
        return html
    out: list[str] = []
    pos = 0
    for a, b in cuts:
        out.append(html[pos:a])
        pos = b
    out.append(html[pos:])
    return "".join(out)


# ------------------------------------------------------------------ metadata

META_KEYS = (
    "og:title", "og:site_name", "og:description", "og:type", "og:url", "article:published_time",
    "article:modified_time", "article:author", "article:section", "author", "description", "keywords",
    "publishdate", "pubdate",
)
_META_KEYS = frozenset(META_KEYS)
ARTICLE_TYPES = frozenset((
    "Article", "NewsArticle", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "ScholarlyArticle", "TechArticle", "Report",
))
_JSONLD_FIELDS = ("headline", "datePublished", "dateModified")


def _clean_value(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", value).strip()
    return value or None


def read_meta(pairs) -> dict[str, str]:
    """From (name-or-property, content) pairs, the first value of each key in :data:`META_KEYS`."""
    found: dict[str, str] = {}
    for key, content in pairs:
        if not key:
            continue
        key = key.strip().lower()
        if key in _META_KEYS and key not in found:
            value = _clean_value(content)
            if value:
                found[key] = value
    return found


def _names(value, depth: int = 0) -> list[str]:
    """Names in a schema.org author/publisher value: a string, an object with a name, or a list of those."""
    if depth > 4:
        return []
    if isinstance(value, str):
        v = _clean_value(value)
        return [v] if v else []
    if isinstance(value, dict):
        return _names(value.get("name"), depth + 1)
    if isinstance(value, list):
        out: list[str] = []
        for item in value[:20]:
            for name in _names(item, depth + 1):
                if name not in out:
                    out.append(name)
        return out
    return []


def _is_article(node: dict) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    for k in kinds:
        if isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] in ARTICLE_TYPES:
            return True
    return False


def _json_nodes(value, budget: list[int], depth: int = 0):
    """Dicts in a JSON-LD value, breadth of @graph and lists, at most ``budget[0]`` of them."""
    if depth > 8 or budget[0] <= 0:
        return
    if isinstance(value, list):
        for item in value:
            yield from _json_nodes(item, budget, depth + 1)
    elif isinstance(value, dict):
        budget[0] -= 1
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            inner = value.get(key)
            if isinstance(inner, (list, dict)):
                yield from _json_nodes(inner, budget, depth + 1)


_JSON_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def parse_jsonld(sources) -> dict[str, str]:
    """The first Article-like JSON-LD node among ``sources`` (script bodies): headline, dates, author, publisher.

    >>> parse_jsonld(['{"@type": "NewsArticle", "headline": "H", "author": [{"name": "A"}, "B"]}'])
    {'@type': 'NewsArticle', 'headline': 'H', 'author': 'A, B'}
    """
    for source in sources:
        if not source or len(source) > 2_000_000:
            continue
        source = _JSON_WRAPPER.sub("", source).strip().rstrip(";")
        try:
            data = json.loads(source, strict=False)
        except (ValueError, RecursionError):
            continue
        budget = [500]
        for node in _json_nodes(data, budget):
            if not _is_article(node):
                continue
            out: dict[str, str] = {}
            kind = node.get("@type")
            kind = kind if isinstance(kind, str) else next((k for k in kind if isinstance(k, str)), "")
            out["@type"] = kind
            for key in _JSONLD_FIELDS:
                value = _clean_value(node.get(key))
                if value:
                    out[key] = value
            authors = _names(node.get("author"))
            if authors:
                out["author"] = ", ".join(authors)
            publisher = _names(node.get("publisher"))
            if publisher:
                out["publisher"] = publisher[0]
            return out
    return {}

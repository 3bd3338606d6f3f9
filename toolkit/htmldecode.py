"""Recognise HTML and decode its bytes the way a careful browser would.

:func:`looks_like_html` tells raw HTML from the plain text the toolkit
cleans today, cheaply (a look at the first 4 KB) and without misfiring on
text that mentions ``<b>`` once.

:func:`decode_html` reads bytes in this order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) is final; so is UTF-16 without
   one (every other byte NUL);
2. the charset declared by ``<meta charset>`` or ``<meta http-equiv=
   "Content-Type" content="...; charset=...">`` in the first 4 KB (comments
   skipped; an XML declaration if there is no meta), its label mapped as the
   WHATWG Encoding Standard does: gb2312 and gbk read as gb18030, big5 as
   big5hkscs, latin-1 and ascii as windows-1252, a declared UTF-16 as UTF-8;
   labels of no web encoding (utf-7, hz, EBCDIC...) are ignored. Pure ASCII
   bytes are read with it as they are;
3. **except** that bytes which are valid UTF-8 and hold non-ASCII characters
   are UTF-8 whatever the page declares, and so are bytes with at least 20
   well-formed non-ASCII characters for each broken sequence (a truncated
   download): scraped pages are often re-encoded to UTF-8 on save and keep
   their old ``<meta charset=gb2312>`` (a zh-cwced page and
   ``readability-moz/qq.html`` in shared/bench; 118 pages there declared
   iso-8859-1 are UTF-8), while GBK, Big5 or Latin-1 text practically never
   forms valid UTF-8;
4. the declared charset, if the bytes decode with it;
5. detection with charset-normalizer (the same supersets).

Nothing here raises on bad bytes: when no candidate decodes cleanly, the
one with the fewest undecodable sequences wins (the declared one on a tie)
and only those become U+FFFD.
"""
from __future__ import annotations

import codecs
import re

from .errors import InputError

__all__ = ["looks_like_html", "decode_html", "declared_charset", "html_codec"]

_HEAD = 4096

# ---------------------------------------------------------------- recognition

_LEAD = re.compile(
    r"\A(?:\s|\ufeff)*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.I | re.S,
)
_ROOT_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,9})(?=[\s/>])")
_KNOWN_TAGS = frozenset(
    "a abbr article aside b blockquote body br button center code dd div dl dt em font footer form "
    "h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav noscript ol "
    "option p pre script section select small span strong style sub sup table tbody td textarea tfoot "
    "th thead title tr u ul".split()
)


def looks_like_html(data: str | bytes | bytearray | memoryview) -> bool:
    """True when ``data`` is an HTML document (or a sizeable HTML fragment).

    A doctype, or ``<html``/``<head``/``<body`` opening the text, decides at
    once; otherwise the first 4 KB must hold at least three different common
    tags and four tags in all, so plain text quoting a tag or two is not HTML.

    >>> looks_like_html(b"<!DOCTYPE html><title>x</title>")
    True
    >>> looks_like_html("Use <b> to make text bold.")
    False
    """
    sample = _sample_text(data)
    if not sample:
        return False
    if _LEAD.match(sample):
        return True
    names: list[str] = []
    closed = False
    for m in _TAG.finditer(sample):
        name = m.group(2).lower()
        if name in _KNOWN_TAGS:
            names.append(name)
            closed = closed or bool(m.group(1))
    distinct = set(names)
    if _ROOT_TAG.search(sample) and len(distinct) >= 2:
        return True
    if len(distinct) >= 3 and len(names) >= 4:
        return True
    # A short fragment that opens with a tag: "<p>Hello <b>world</b></p>".
    return bool(sample.lstrip().startswith("<") and len(distinct) >= 2 and closed and len(names) >= 3)


def _sample_text(data) -> str:
    if isinstance(data, str):
        return data[:_HEAD]
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return ""
    head = bytes(data[:_HEAD])
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    wide = _utf16_without_bom(head)
    if wide:
        return head.decode(wide, errors="ignore")
    return head.decode("latin-1")  # tags are ASCII; any byte maps to something


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG labels -> the Python codec that decodes what pages carrying them hold.
_LABELS: dict[str, str] = {}
for _codec, _names in {
    "gb18030": "gb2312 gbk gb18030 x-gbk cp936 ms936 windows-936 chinese csgb2312 csiso58gb231280 "
               "gb_2312 gb_2312-80 iso-ir-58 euc-cn x-euc-cn",
    "big5hkscs": "big5 big5-hkscs big5hkscs cn-big5 csbig5 x-x-big5 cp950 ms950 windows-950",
    "cp1252": "windows-1252 cp1252 iso-8859-1 iso8859-1 iso_8859-1 iso88591 iso8859_1 latin1 latin-1 l1 "
              "ascii us-ascii ansi_x3.4-1968 cp819 csisolatin1 ibm819 iso-ir-100 x-cp1252 "
              "x-user-defined iso-1252",
    "cp1254": "iso-8859-9 iso8859-9 latin5 l5 windows-1254 cp1254",
    "cp874": "tis-620 iso-8859-11 windows-874 dos-874 cp874",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian mac-cyrillic",
    "iso8859-8": "iso-8859-8 iso-8859-8-i iso8859-8 visual logical csiso88598i hebrew",
    "cp949": "euc-kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949 cp949 "
             "csksc56011987 iso-ir-149",
    "cp932": "shift_jis shift-jis sjis x-sjis ms932 ms_kanji windows-31j csshiftjis cp932",
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8 "
             # a meta tag readable as ASCII cannot be UTF-16/32: WHATWG reads such pages as UTF-8
             "utf-16 utf-16le utf-16be utf-32 utf-32le utf-32be unicode ucs-2 csunicode iso-10646-ucs-2",
}.items():
    for _name in _names.split():
        _LABELS[_name] = _codec

# The other encodings of the WHATWG Encoding Standard, as Python names them: a label outside
# these (utf-7, hz, idna, base64, EBCDIC...) is no web page's encoding and is ignored.
_WEB_CODECS = frozenset(codecs.lookup(name).name for name in (
    "utf-8 cp866 iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10 "
    "iso8859-13 iso8859-14 iso8859-15 iso8859-16 koi8-r koi8-u mac-roman mac-cyrillic cp874 cp1250 cp1251 "
    "cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 gb18030 big5hkscs euc-jp iso2022-jp cp932 cp949"
).split())

_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"<meta[\s/]([^>]*)>?", re.I)
_ATTR = re.compile(rb"""([a-zA-Z_:-]+)\s*(?:=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>]+)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)


def html_codec(label: str | bytes | None) -> str | None:
    """The Python codec to read a page declared ``label`` with, or None.

    >>> html_codec("GB2312"), html_codec("big5"), html_codec("ISO-8859-1"), html_codec("nonsense")
    ('gb18030', 'big5hkscs', 'cp1252', None)
    """
    if label is None:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="ignore")
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    codec = _LABELS.get(label)
    if codec:
        return codec
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError, TypeError):
        return None
    codec = _LABELS.get(codec, codec)
    return codec if codec in _WEB_CODECS else None


def declared_charset(data: bytes) -> str | None:
    """The codec named by the first charset ``<meta>`` in the first 4 KB (or an XML declaration)."""
    head = _COMMENT.sub(b" ", bytes(data[:_HEAD]))
    for m in _META.finditer(head):
        attrs: dict[bytes, bytes] = {}
        for a in _ATTR.finditer(m.group(1)):
            key = a.group(1).lower()
            if key not in attrs:
                attrs[key] = a.group(2) or a.group(3) or a.group(4) or b""
        if b"charset" in attrs:
            codec = html_codec(attrs[b"charset"])
            if codec:
                return codec
            continue
        if attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CONTENT_CHARSET.search(attrs.get(b"content", b""))
            if found:
                codec = html_codec(found.group(1))
                if codec:
                    return codec
    xml = _XML_DECL.match(head)
    return html_codec(xml.group(1)) if xml else None


def _c1_controls(exc):
    # windows-1252 as WHATWG reads it: the five bytes cp1252 leaves undefined are C1 controls.
    if isinstance(exc, UnicodeDecodeError):
        return "".join(chr(b) for b in exc.object[exc.start:exc.end]), exc.end
    raise exc


codecs.register_error("toolkit-html-c1", _c1_controls)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        if codec == "cp1252":
            return data.decode("cp1252", errors="toolkit-html-c1")
        return data.decode(codec)
    except Exception:  # UnicodeDecodeError, or a codec that cannot decode at all
        return None


def _lenient(data: bytes, codec: str) -> tuple[int, str]:
    """Decode with U+FFFD for bad bytes; return (number of U+FFFD in the result, text)."""
    try:
        if codec == "cp1252":
            return 0, data.decode("cp1252", errors="toolkit-html-c1")
        text = data.decode(codec, errors="replace")
    except Exception:  # a codec without error handling: never the choice
        return len(data) + 1, ""
    return text.count("\ufffd"), text


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of the sample is NUL (a page saved as UTF-16, no BOM)."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(text: str, bad: int) -> bool:
    """At least 20 well-formed non-ASCII characters for every broken byte run.

    Legacy double-byte text (GBK, Big5) read as UTF-8 breaks far more often than it
    fits, so this only holds for real UTF-8 with a little damage.
    """
    if bad == 0:
        return True
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # non-ASCII characters, U+FFFD excluded
    return good >= 20 * bad


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes  # heavy; only for pages that say nothing and are not UTF-8

        best = from_bytes(data[:200_000]).best()
    except Exception:  # a detector failure must not take the page down
        return None
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    return _LABELS.get(name, name)


def decode_html(data: str | bytes | bytearray | memoryview) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, codec name)``. ``str`` comes back as ``(data, "str")``.

    >>> decode_html('<meta charset="gb2312"><p>镕</p>'.encode("gb18030"))
    ('<meta charset="gb2312"><p>镕</p>', 'gb18030')
    """
    if isinstance(data, str):
        return data, "str"
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"an HTML page is str or bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            text = _strict(body, codec)
            return (text if text is not None else _lenient(body, codec)[1]), codec
    wide = _utf16_without_bom(data[:_HEAD])
    if wide:
        text = _strict(data, wide)
        if text is not None:
            return text, wide
    declared = declared_charset(data)
    if data.isascii():
        # the same text in any ASCII-compatible encoding; ISO-2022-JP is 7-bit too
        text = _strict(data, declared) if declared else None
        return (text, declared) if text is not None else (data.decode("ascii"), declared or "utf-8")
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    bad, text = _lenient(data, "utf-8")
    if _mostly_utf8(text, bad):  # UTF-8 with a few broken bytes (a truncated download, a bad splice)
        return text, "utf-8"
    candidates: list[str] = []
    if declared and declared != "utf-8":
        text = _strict(data, declared)
        if text is not None:
            return text, declared
        candidates.append(declared)
    detected = _detect(data)
    if detected and detected not in candidates:
        text = _strict(data, detected)
        if text is not None:
            return text, detected
        candidates.append(detected)
    # Last resort: whichever reading loses the fewest bytes (declared first on a tie);
    # windows-1252, the web's default for unlabelled pages, only when UTF-8 fails badly.
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    best_bad, best_text, best_codec = None, "", "utf-8"
    for codec in candidates:
        bad, text = _lenient(data, codec)
        if best_bad is None or bad < best_bad:
            best_bad, best_text, best_codec = bad, text, codec
    if best_codec == "utf-8" and len(candidates) == 1 and best_bad > len(data) // 100:
        return _lenient(data, "cp1252")[1], "cp1252"
    return best_text, best_codec

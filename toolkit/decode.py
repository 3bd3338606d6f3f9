"""Turn what a scraper saved (str or bytes) into one normalised string.

Bytes are decoded by their byte-order mark, then as UTF-8, then by
detection (charset-normalizer): Chinese sites often serve GBK, GB18030 or
Big5 without saying so. Line endings become ``\\n``.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Detectors name the narrowest legacy charset that fits the sample; the
# supersets decode everything the narrow one does, plus the characters
# real pages use anyway (a "gb2312" page with 镕 or 𠮷 in it).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
}

# Magic numbers of files that are certainly not a web page.
_BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "gzip-compressed data",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "an executable",
}


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str  # what the bytes were read as ("str" when given text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM character is dropped.

    A lone surrogate (a str made from broken UTF-16, or read with
    surrogateescape) is no character and cannot be written as UTF-8: it
    becomes U+FFFD, the replacement character, so that the result can
    always be written out.
    """
    if text.startswith("\N{ZERO WIDTH NO-BREAK SPACE}"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)
    return text


def decode_page(page: str | bytes | bytearray) -> DecodedPage:
    """Decode ``page`` and normalise its line endings.

    Raises :class:`InputError` for data that is not text (an image, an
    archive) and for types that are neither str nor bytes.
    """
    if isinstance(page, str):
        return DecodedPage(normalise_newlines(page), "str")
    if not isinstance(page, (bytes, bytearray, memoryview)):
        raise InputError(f"a page is str or bytes, not {type(page).__name__}")
    data = bytes(page)
    text, encoding = _decode_bytes(data)
    # As for a str page, a leading U+FEFF after the byte-order mark is dropped:
    # codecs that write a BOM (utf-16, utf-8-sig) then give the page's own text.
    return DecodedPage(normalise_newlines(text), encoding)


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"byte-order mark says {encoding}, but the bytes are not: {exc}") from None
    kind = _binary_kind(data, strict=False)
    if kind:
        raise InputError(f"not a text page: the bytes look like {kind}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"not a text page: the bytes look like {kind}")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed, "utf-8+gb18030"
    if _reads_as_chinese(data, "gb18030"):
        return data.decode("gb18030"), "gb18030"
    encoding = _detect_encoding(data)
    if encoding is None:
        raise InputError("not a text page: no character encoding decodes these bytes")
    return data.decode(encoding, errors="replace"), encoding


def _binary_kind(data: bytes, strict: bool = True) -> str | None:
    """What a file is when it is no text page, or None.

    Not ``strict`` (the bytes may still be valid UTF-8): only a file's magic
    number or a sample of 64 bytes or more that is a tenth NUL convicts it;
    a text that merely holds a NUL stays text.
    """
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    sample = data[:4096]
    if not strict and len(sample) < 64:
        return None
    if sample.count(0) > len(sample) // 10:
        return "binary data (NUL bytes: UTF-16 without a byte-order mark is not read either)"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a pasted GBK line, a cut-off character).

    When at most one character in a thousand is broken and the rest has
    real multi-byte UTF-8 in it, the page is UTF-8: the broken bytes become
    U+FFFD rather than the whole page being misread as a legacy charset.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\N{REPLACEMENT CHARACTER}") - data.count("\N{REPLACEMENT CHARACTER}".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    if broken <= max(1, len(text) // 1000) and multibyte >= 4 * broken:
        return text
    return None


def _mixed_lines(data: bytes) -> str | None:
    """A UTF-8 page with some lines in GBK/GB18030 (a pasted credit, a footer).

    When most lines are UTF-8, each other line is read as GB18030 if it
    reads as ordinary Chinese that way, else as UTF-8 with U+FFFD for its
    broken bytes: no line is lost to one misread encoding for the page.
    """
    lines = data.split(b"\n")
    good = 0
    for line in lines:
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            pass
    if good < 0.8 * len(lines):
        return None
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("gb18030") if _reads_as_chinese(line, "gb18030")
                       else line.decode("utf-8", errors="replace"))
    return "\n".join(out)


def _reads_as_chinese(data: bytes, encoding: str) -> bool:
    """Bytes that decode as ordinary simplified Chinese in ``encoding``.

    Detectors misread short GB18030 pages (as Korean cp949, say); a strict
    decode whose non-ASCII characters are nearly all common Chinese (in
    GB2312) and CJK punctuation is a safer answer for these pages.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if len(wide) < 2:
        return False
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.95 * len(wide)


def _detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # heavy; only for non-UTF-8 bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return _SUPERSETS.get(name, name)

"""Turn what a scraper saved (str or bytes) into one normalised string.

Bytes are decoded by their byte-order mark, then as UTF-8, then by
detection (charset-normalizer): Chinese sites often serve GBK, GB18030 or
Big5 without saying so. Line endings become ``\\n``.
"""
from __future__ import annotations

import codecs
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


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM character is dropped."""
    if text.startswith("\N{ZERO WIDTH NO-BREAK SPACE}"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    return DecodedPage(normalise_newlines(text), encoding)


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"byte-order mark says {encoding}, but the bytes are not: {exc}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"not a text page: the bytes look like {kind}")
    encoding = _detect_encoding(data)
    if encoding is None:
        raise InputError("not a text page: no character encoding decodes these bytes")
    return data.decode(encoding, errors="replace"), encoding


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    sample = data[:4096]
    if sample.count(0) > len(sample) // 10:
        return "binary data (NUL bytes)"
    return None


def _detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # heavy; only for non-UTF-8 bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return _SUPERSETS.get(name, name)

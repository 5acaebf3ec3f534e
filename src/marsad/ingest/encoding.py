"""Decode bytes whose encoding nobody told us: UTF-8, UTF-16 (with or without BOM), Windows-1256.

Detected, not assumed: byte-order marks first, then the NUL-byte pattern of UTF-16, then strict
UTF-8, then charset-normalizer limited to the encodings Arabic text is found in.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from marsad.errors import InputError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
    b"\x7fELF": "an executable (ELF)",
    b"MZ": "a Windows executable",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LEGACY = ["cp1256", "iso8859_6", "utf_8", "cp1252"]


def sniff_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    # Arabic in UTF-16 has 0x06 as its high byte, ASCII has 0x00: check both patterns.
    even_06 = sample[0::2].count(6) / len(sample[0::2])
    odd_06 = sample[1::2].count(6) / len(sample[1::2])
    if odd_nul + odd_06 > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul + even_06 > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, label: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming ``label`` and the reason."""
    if not data.strip():
        raise InputError(label, "empty input")
    what = sniff_binary(data)
    if what:
        raise InputError(label, f"binary input ({what}), not text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(label, f"invalid {name} after its byte-order mark: {exc.reason}") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(label, "binary input (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # Truncated in the middle of a character (a cut download): keep what is whole.
            return data[: exc.start].decode("utf-8"), "utf-8 (truncated)"
        repaired = data.decode("utf-8", "replace")
        if repaired.count("\ufffd") <= max(1, len(repaired) // 1000):
            # A few corrupt bytes in otherwise valid UTF-8: decoding as a legacy code page would
            # turn the whole text into mojibake, so mark the bad bytes instead.
            return repaired, "utf-8 (with invalid bytes replaced)"
    best = from_bytes(data, cp_isolation=_ARABIC_LEGACY).best()
    if best is None:
        raise InputError(label, "undecodable bytes: not UTF-8, UTF-16 or Windows-1256 text")
    return str(best), best.encoding


def control_ratio(text: str) -> float:
    """Share of characters that are control codes other than whitespace (a sign of binary)."""
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)

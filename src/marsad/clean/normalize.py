"""Arabic normalisation as a *view*: a matching-friendly copy of the text with a map back.

The user always sees the cleaned text unchanged; stages that match (gazetteers, triggers,
search) work on ``NormalizedView.text`` and translate every span back with ``to_original``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from marsad.clean.codepoints import CodePointTable, code_points

TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = set(map(chr, range(0x064B, 0x0660))) | {"\u0670"} | set(map(chr, range(0x06D6, 0x06EE)))
# Zero-width and directional controls: invisible, and used to defeat matching.
_INVISIBLE = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u061c",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}
_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ڪ": "ك",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Characters inserted inside a word to dodge filters: `استـ.ـشهد`, `قـ*ـصف`.
_OBFUSCATORS = set(".*_-•·")


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    if ch in _DIACRITICS or ch in _INVISIBLE or ch == TATWEEL:
        return ""
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    if ch in _DIGITS:
        return _DIGITS[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF or 0xFF00 <= code <= 0xFFEF:
        # Presentation forms and full-width: decompose, then normalise each part.
        return "".join(_map_char(c) for c in unicodedata.normalize("NFKC", ch))
    if ch.isascii():
        return ch.lower()
    return ch.casefold() if ch.isalpha() and not _is_arabic(ch) else ch


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def _obfuscating_positions(text: str) -> set[int]:
    """Positions of punctuation used with tatweel to split a word (`استـ.ـشهد`)."""
    found: set[int] = set()
    for m in re.finditer(r"(?<=[\u0620-\u064A]\u0640)[.*_\-•·]+(?=\u0640?[\u0620-\u064A])|"
                         r"(?<=[\u0620-\u064A])[.*_\-•·]+(?=\u0640[\u0620-\u064A])", text):
        found.update(range(m.start(), m.end()))
    return found


@dataclass(frozen=True, slots=True)
class NormalizedView:
    """``text`` is the normalised string; ``offsets[i]`` is the original index of ``text[i]``.

    ``offsets`` (a NumPy integer array) has one extra entry, the original length, so that end
    offsets map too.
    """

    original: str
    text: str
    offsets: np.ndarray

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the smallest original span covering it."""
        if end <= start:
            pos = int(self.offsets[start])
            return pos, pos
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def spans_to_original(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``to_original`` of each non-empty span, in two array lookups instead of two per span."""
        if not spans:
            return []
        bounds = np.array(spans, dtype=np.int64)
        starts = self.offsets[bounds[:, 0]].tolist()
        ends = (self.offsets[bounds[:, 1] - 1] + 1).tolist()
        return list(zip(starts, ends, strict=True))

    def original_text(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


def _without_obfuscators(text: str) -> str:
    if TATWEEL not in text:
        return text
    skip = _obfuscating_positions(text)
    return "".join(ch for i, ch in enumerate(text) if i not in skip) if skip else text


class _Table(dict[int, str]):
    """A str.translate table that fills itself from ``_map_char`` the first time it sees a character."""

    def __missing__(self, code: int) -> str:
        mapped = self[code] = _map_char(chr(code))
        return mapped


_TABLE = _Table()
# Per code point: the length of its normalised form and, where that is one character, the
# character. A text's lengths and (when no character expands) its normalised form are then array
# lookups instead of a loop per character.
_LENGTHS = CodePointTable(lambda ch: len(_map_char(ch)))
_SINGLE = CodePointTable(lambda ch: ord(m) if len(m := _map_char(ch)) == 1 else 0, np.uint32, 0xFFFFFFFF)


# From this length on, the array gather beats str.translate (which looks each character up in a dict).
_GATHER_FROM = 300


def _codes_and_lengths(source: str) -> tuple[np.ndarray, np.ndarray]:
    """The code points of ``source`` and the length of each one's normalised form."""
    codes = code_points(source)
    return codes, _LENGTHS(codes)


def _gather(codes: np.ndarray) -> str:
    return _SINGLE(codes).tobytes().decode("utf-32-le", "surrogatepass")


def normalize_text(text: str) -> str:
    """The normalised string alone (for keys, dictionaries and queries), without the offset map."""
    source = _without_obfuscators(text)
    if len(source) >= _GATHER_FROM:
        codes, lengths = _codes_and_lengths(source)
        if lengths.max() <= 1:  # no character expands: a gather of the characters kept
            return _gather(codes[lengths > 0])
    return source.translate(_TABLE)


def normalize(text: str) -> NormalizedView:
    """The normalised view of ``text`` with its offset map (vectorised: no per-character Python loop)."""
    skip = _obfuscating_positions(text) if TATWEEL in text else set()
    kept = np.array([i for i in range(len(text)) if i not in skip], dtype=np.int64) if skip else None
    source = "".join(text[i] for i in kept) if kept is not None else text
    if not source:
        return NormalizedView(original=text, text="", offsets=np.array([len(text)], dtype=np.int64))
    codes, lengths = _codes_and_lengths(source)
    # index: the source position of each output character.
    if lengths.max() <= 1:  # each character maps to one or none: the output is a gather of those kept
        index = np.flatnonzero(lengths)
        normalized = _gather(codes[index])
    else:  # some expand (presentation forms, `ß`): their positions repeat, and translate
        index = np.repeat(np.arange(len(source), dtype=np.int64), lengths)
        normalized = source.translate(_TABLE)
    if kept is not None:
        index = kept[index]
    return NormalizedView(original=text, text=normalized, offsets=np.append(index, len(text)))

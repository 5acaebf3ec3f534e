"""Sentence segmentation for Arabic news prose.

Sentences end at a paragraph break, or at `.`, `!`, `?`, `؟`, `…` (with any closing quote or
bracket) followed by whitespace, except after one-letter abbreviations (`د.`, `م.`) and
inside numbers (`3.5`).
"""

from __future__ import annotations

import re

from marsad.document import Span

_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")
_ABBREVIATION = re.compile(r"(?:^|\s)\w[.]$")
_PARAGRAPH = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    for para in _PARAGRAPH.finditer(text):
        cursor, para_end = para.span()
        # Searched in place (``endpos``, not a copy of the paragraph): the lookahead cannot see past it.
        for end in _END.finditer(text, cursor, para_end):
            # Only the last three characters can match (`$`). At a paragraph's start, the newline
            # before it is the `\s` (`^` holds only at the text's start, whatever the pos).
            if _ABBREVIATION.search(text, max(0, end.end() - 3), end.end()):
                continue
            _append(spans, text, cursor, end.end())
            cursor = end.end()
        _append(spans, text, cursor, para_end)
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    """The span [start, end) without the whitespace at either end, if anything is left."""
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append(Span(start=start, end=start + len(kept)))

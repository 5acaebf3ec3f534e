"""Sentence segmentation for Arabic news prose.

Sentences end at a paragraph break, or at `.`, `!`, `?`, `؟`, `…` (with any closing quote or
bracket) followed by whitespace, except after one-letter abbreviations (`د.`, `م.`) and
inside numbers (`3.5`).
"""

from __future__ import annotations

import re

from marsad.document import Span, trusted

_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")
_ABBREVIATION = re.compile(r"(?:^|\s)\w[.]$")


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        cursor = 0
        for end in _END.finditer(chunk):
            # Only the last three characters can match (`$`; `^` holds only at the real start even with pos).
            if _ABBREVIATION.search(chunk, max(0, end.end() - 3), end.end()):
                continue
            _append(spans, text, start + cursor, start + end.end())
            cursor = end.end()
        _append(spans, text, start + cursor, para.end())
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(trusted(Span, start=start, end=end))

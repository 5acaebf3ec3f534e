"""The clean stage: from extracted text to the article body the user sees, and its title.

Removes control characters, a repeated headline, page furniture (leading, trailing and inline)
and "related articles" lists, and records every removed string with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.clean.furniture import (
    furniture_reason,
    is_prose,
    is_related_header,
    normalized_line,
    prepare_lines,
    prose_furniture_reason,
    strip_inline_markers,
    words,
)

# C0/C1 controls (not tab/newline) and directional overrides that can spoof what is displayed.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TITLE_MAX_WORDS = 30
_HEADLINE_SHAPE = re.compile(r"\s*([^\n]+)\r?\n[ \t]*\r?\n")


@dataclass
class Cleaned:
    title: str | None
    text: str
    furniture: list[tuple[str, str]] = field(default_factory=list)


_NON_WORD = re.compile(r"\W+")


@lru_cache(maxsize=1024)  # the title and the first lines are compared several times
def _key(line: str) -> str:
    return _NON_WORD.sub("", normalized_line(line))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _take_title(lines: list[str], given: str | None, headline_shaped: bool,
                removed: list[tuple[str, str]]) -> tuple[str | None, list[str]]:
    title = given.strip() if given and given.strip() else None
    if title is None and len(lines) >= 2:
        first = lines[0]
        repeated = any(_key(first) == _key(line) for line in lines[1:4])
        if repeated and len(words(first)) <= _TITLE_MAX_WORDS:
            title = first
        elif headline_shaped and not furniture_reason(first) and any(is_prose(line) for line in lines[1:3]):
            # A first line set apart by a blank line, without sentence punctuation, before the
            # body (possibly after a dateline): the headline.
            title = first
    if title is None:
        return None, lines
    key = _key(title)
    kept: list[str] = []
    for i, line in enumerate(lines):
        # The headline repeated at the top of the body (also with a site suffix: `… - CNN`).
        if i < 4 and key and (_key(line) == key or (_key(line).startswith(key) and not is_prose(line))):
            removed.append((line, "repeated headline"))
            continue
        kept.append(line)
    return title, kept


def _strip_edges(lines: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """Leading and trailing blocks of furniture; a trailing block takes short lines with it."""
    start = 0
    while start < len(lines) and not is_prose(lines[start]):
        reason = furniture_reason(lines[start])
        if not reason:
            break
        removed.append((lines[start], reason))
        start += 1
    # The trailing region is everything after the last prose line; from its first furniture
    # line on, it all goes (widget titles and teasers travel with the widgets).
    last_prose = next((i for i in range(len(lines) - 1, start - 1, -1) if is_prose(lines[i])), start - 1)
    cut = len(lines)
    for i in range(last_prose + 1, len(lines)):
        if furniture_reason(lines[i]):
            cut = i
            break
    for line in lines[cut:]:
        removed.append((line, furniture_reason(line) or "trailing page element"))
    return lines[start:cut]


def _strip_inside(lines: list[str], removed: list[tuple[str, str]]) -> list[str]:
    kept: list[str] = []
    in_related = False
    for line in lines:
        prose = is_prose(line)  # a related-articles header is short, never prose
        if not prose and is_related_header(line):
            removed.append((line, "related-articles list"))
            in_related = True
            continue
        if in_related and not prose:
            removed.append((line, "related-articles list"))
            continue
        in_related = False
        # A prose line stays unless it is a caption or a policy notice (ALWAYS_FURNITURE).
        reason = prose_furniture_reason(line) if prose else furniture_reason(line)
        if reason:
            removed.append((line, reason))
            continue
        line, markers = strip_inline_markers(line)
        if markers:
            removed.extend((m, "advertisement marker") for m in markers)
        if line:
            kept.append(line)
    return kept


def clean_text(text: str, title: str | None = None) -> Cleaned:
    removed: list[tuple[str, str]] = []
    controls = _CONTROLS.findall(text)
    if controls:
        text = _CONTROLS.sub("", text)
        removed.append(("".join(f"U+{ord(c):04X} " for c in controls[:50]).strip(), "control characters"))
    lines = _paragraphs(text)
    prepare_lines(lines)  # every rule below reads the lines' word counts and normalised forms
    first = _HEADLINE_SHAPE.match(text)
    headline_shaped = bool(first) and len(words(first.group(1))) <= _TITLE_MAX_WORDS \
        and not re.search(r"[!?؟:،]\s*$|(?<!\.)\.(?!\.)", first.group(1))  # `..` is a headline device
    title, lines = _take_title(lines, title, headline_shaped, removed)
    lines = _strip_edges(lines, removed)
    lines = _strip_inside(lines, removed)
    if title is not None:
        title = _CONTROLS.sub("", title).strip() or None
    return Cleaned(title=title, text="\n\n".join(lines), furniture=removed)

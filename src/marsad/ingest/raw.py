"""RawArticle: what a reader hands to the pipeline, before any cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class RawArticle:
    label: str  # names the input in errors: a path, `file.jsonl:12`, `stdin`
    text: str  # extracted text, not yet cleaned
    title: str | None = None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    raw: bytes | str | None = None  # the input as received, kept so it can be re-analysed
    content_type: str = "text"  # text | html
    encoding: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, reason) dropped by the reader

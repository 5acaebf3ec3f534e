"""One settings object, passed explicitly to every layer (no module-level globals)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    # Inputs larger than this are refused (and quarantined) before being read.
    max_bytes: int = 20 * 1024 * 1024
    # Cleaned text longer than this (about 500 pages) is quarantined rather than analysed: no news
    # article is that long, and analysis memory grows with the text.
    max_text_chars: int = 1_000_000
    # A text is Arabic when at least this share of its letters is Arabic script.
    min_arabic_ratio: float = 0.5
    # Fewer Arabic letters than this is not an article.
    min_arabic_letters: int = 20
    # Seconds one document may take in the pipeline before it is quarantined.
    document_timeout: float = 60.0
    # Pipeline stages to run, in order (names registered in marsad.pipeline).
    stages: tuple[str, ...] = field(default=("clean", "segment", "gazetteer", "ner", "link", "events"))


DEFAULT_SETTINGS = Settings()

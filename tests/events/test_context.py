"""The event context's word offsets are the tokens of the regex ``\\w+|[^\\w\\s]``, found with array lookups."""

from __future__ import annotations

import random
import re

from marsad.clean.normalize import normalize
from marsad.events.context import word_spans

from .helpers import FIXTURES

EXAMPLES = FIXTURES.parents[2] / "examples"
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _regex_spans(text: str) -> tuple[list[int], list[int], list[int]]:
    found = list(_TOKEN.finditer(text))
    words = [i for i, m in enumerate(found) if m.group()[0].isalnum() or m.group()[0] == "_"]
    return [m.start() for m in found], [m.end() for m in found], words


def test_word_spans_of_an_arabic_sentence() -> None:
    text = "قصفت قوات النظام، صباح الأحد 12/3، بلدة كفرنبل_الغربية."
    starts, ends, word_tokens = word_spans(text)
    words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    assert words == ["قصفت", "قوات", "النظام", "،", "صباح", "الأحد", "12", "/", "3", "،", "بلدة",
                     "كفرنبل_الغربية", "."]
    assert word_tokens == [0, 1, 2, 4, 5, 6, 8, 10, 11]


def test_word_spans_match_the_regex_on_articles_and_odd_characters() -> None:
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(EXAMPLES.glob("*.txt"))]
    assert texts
    # Eastern digits, tatweel, harakat, zero-width and no-break spaces, a line separator, an emoji, a lone surrogate.
    alphabet = "ab_ 1٣\n\t\u00a0\u200bا،.-\ud800\U0001f600ـ\u064e\u2028x"
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    texts.append("".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000))
    for text in texts:
        assert word_spans(text) == _regex_spans(text), repr(text[:40])

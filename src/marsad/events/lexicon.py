"""The event lexicon: triggers and cues expanded to their inflections, compiled into one automaton.

Every surface form (normalised) is a key of one Aho-Corasick automaton that runs once over the
normalised view of a document. A hit counts when the letters before it in its word are a
proclitic (`و`, `ف`, `ب`, `ل`, `ال`, `س` …) and the letters after it a pronoun suffix; of the
hits in one word the longest wins. No per-token regular expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from marsad.clean.normalize import normalize_text
from marsad.nlp.tokens import PROCLITICS

# Proclitics allowed before a trigger: the tokeniser's (conjunction + preposition + article),
# plus the future `س` and `ل` of purpose before verbs.
_PREFIXES = frozenset({"", *PROCLITICS, "س", "وس", "فس", "ول", "فل", "لي", "ولي"})
# Pronoun suffixes allowed after a trigger (`قصفوه`, `اعتقالهم`, `سيطرتها`).
_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ي", "ني", "نا", "كم", "ك"})
_MAX_PREFIX = max(map(len, _PREFIXES))
_PREFIX_ENDS = frozenset(p[-1] for p in _PREFIXES if p)
_MAX_SUFFIX = max(map(len, _SUFFIXES))

_PERFECT_SUFFIXES = ("", "ت", "وا", "و", "ا", "تا", "ن", "تم", "نا")
_IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
_IMPERFECT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "و", "ين", "ا")


@dataclass(frozen=True, slots=True)
class Payload:
    """What a surface form means: an event trigger, a status cue, a weapon or a speech verb."""

    kind: str                 # "trigger", "status", "weapon", "attribution"
    label: str                # PLOVER type, status cue kind, weapon mode, or "say"
    mode: str | None = None
    pos: str = "noun"         # "verb", "noun", "passive", "form"
    conf: float = 0.8
    cameo: str | None = None
    casualty: str | None = None
    after: frozenset[str] = frozenset()
    block_before: frozenset[str] = frozenset()
    lemma: str = ""
    plover: str = field(init=False, repr=False, compare=False)  # the label of a trigger (read very often)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plover", self.label)


# Not frozen: a frozen dataclass sets each field through object.__setattr__ (5x slower to build), and
# these are built many times per document; never changed after construction (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """A lexicon hit in the normalised text: [start, end) covers the whole word(s), clitics included."""

    start: int
    end: int
    key_start: int
    key_end: int
    prefix: str
    payloads: tuple[Payload, ...]


def _verb_forms(spec: str) -> list[str]:
    """`قصف/يقصف` -> perfect and imperfect conjugations (un-normalised Arabic in, strings out)."""
    head, _, rest = spec.partition(" ")
    perfect, _, imperfect = head.partition("/")
    tail = f" {rest}" if rest else ""
    out: list[str] = []
    if perfect.endswith("ى"):  # defective: استولى -> استولت، استولوا
        base = perfect[:-1]
        out += [perfect, base + "ت", base + "وا", base + "يا", base + "تا"]
    elif perfect.endswith("ا") and len(perfect) > 2:  # دعا -> دعت، دعوا
        base = perfect[:-1]
        out += [perfect, base + "ت", base + "وا", base + "وت"]
    else:
        out += [perfect + s for s in _PERFECT_SUFFIXES]
    if imperfect:
        stem = imperfect[1:] if imperfect[0] in "يت" else imperfect
        if stem.endswith(("ي", "و")):  # يستولي، يدعو
            base = stem[:-1]
            forms = [stem, base + "ون", base + "ين", base + "وا", base + "يان", base + "وان"]
        else:
            forms = [stem + s for s in _IMPERFECT_SUFFIXES]
        out += [p + f for p in _IMPERFECT_PREFIXES for f in forms]
    return [f + tail for f in dict.fromkeys(out)]


def _noun_forms(noun: str) -> list[str]:
    """Singular -> with sound plural, dual, accusative alif and construct `ت` (first word only inflects)."""
    head, _, rest = noun.partition(" ")
    tail = f" {rest}" if rest else ""
    if rest:
        return [noun]
    if head.endswith("ة"):
        base = head[:-1]
        forms = [head, base + "ات", base + "تين", base + "تان", base + "ت"]
    elif head.endswith(("ات", "ون", "ين")) or len(head) <= 2:
        forms = [head]
    else:
        forms = [head, head + "ات", head + "ين", head + "ان", head + "ون", head + "ا"]
    return [f + tail for f in forms]


def _expand(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(surface form, pos) pairs of one lexicon entry."""
    out: list[tuple[str, str]] = []
    for spec in entry.get("verbs", []):
        out += [(f, "verb") for f in _verb_forms(spec)]
    for noun in entry.get("nouns", []):
        out += [(f, "noun") for f in _noun_forms(noun)]
    out += [(f, "form") for f in entry.get("forms", [])]
    out += [(f, "passive") for f in entry.get("passive", [])]
    return out


def _norm_set(words: list[str] | None) -> frozenset[str]:
    return frozenset(normalize_text(w) for w in words or [])


def _load(name: str) -> Any:
    text = resources.files("marsad.events").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the C loader: start-up time


@dataclass(frozen=True)
class Lexicon:
    automaton: Any
    entries: tuple[dict[str, Any], ...]
    size: int
    stop: frozenset[str] = frozenset()


@cache
def lexicon() -> Lexicon:
    """The compiled lexicon (built once per process, ~10 ms)."""
    forms: dict[str, list[Payload]] = {}

    def add(form: str, payload: Payload) -> None:
        key = normalize_text(form).strip()
        if len(key) >= 2:
            bucket = forms.setdefault(key, [])
            if payload not in bucket:
                bucket.append(payload)

    entries = tuple(_load("triggers.yaml"))
    for entry in entries:
        lemma = (entry.get("verbs") or entry.get("nouns") or entry.get("forms") or entry.get("passive"))[0]
        for form, pos in _expand(entry):
            add(form, Payload("trigger", entry["plover"], entry.get("mode"), pos, float(entry.get("conf", 0.8)),
                              entry.get("cameo"), entry.get("casualty"), _norm_set(entry.get("after")),
                              _norm_set(entry.get("block_before")), lemma))
    cues = _load("cues.yaml")
    for label, entry in cues["status"].items():
        for form, pos in _expand(entry):
            add(form, Payload("status", label, pos=pos))
    for mode, words in cues["weapons"].items():
        for word in words:
            for form in _noun_forms(word):
                add(form, Payload("weapon", mode, mode))
    for form, pos in _expand(cues["attribution"]):
        add(form, Payload("attribution", "say", pos=pos))

    stop = frozenset(normalize_text(w) for w in cues.get("stop", []))
    automaton = ahocorasick.Automaton()
    for key, payloads in forms.items():
        automaton.add_word(key, (key, tuple(payloads)))
    automaton.make_automaton()
    return Lexicon(automaton, entries, len(forms), stop)


def scan(text: str) -> list[Hit]:
    """All lexicon hits in a normalised text, longest per word start, in text order."""
    lex = lexicon()
    stop = lex.stop
    best: dict[int, Hit] = {}
    n = len(text)
    for end_index, (key, payloads) in lex.automaton.iter(text):
        k_end = end_index + 1
        k_start = k_end - len(key)
        # Walk over the letters around the key no further than the longest clitic (+1: a longer run
        # of letters is no clitic, and the lookup below rejects it).
        if k_start and text[k_start - 1] not in _PREFIX_ENDS and text[k_start - 1].isalpha():
            continue  # inside a word, after a letter no clitic ends with (`لا` in `الا`)
        w_start = k_start
        floor = max(k_start - _MAX_PREFIX - 1, 0)
        while w_start > floor and text[w_start - 1].isalpha():
            w_start -= 1
        prefix = text[w_start:k_start]
        if prefix not in _PREFIXES:
            continue
        w_end = k_end
        ceiling = min(k_end + _MAX_SUFFIX + 1, n)
        while w_end < ceiling and text[w_end].isalpha():
            w_end += 1
        if text[k_end:w_end] not in _SUFFIXES or text[w_start:w_end] in stop:
            continue
        current = best.get(w_start)
        if current is None or (k_end - k_start) > (current.key_end - current.key_start):
            best[w_start] = Hit(w_start, w_end, k_start, k_end, prefix, payloads)
    # A shorter key inside a longer multi-word hit (`النار` inside `إطلاق النار`) is dropped.
    out: list[Hit] = []
    for start in sorted(best):
        hit = best[start]
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out

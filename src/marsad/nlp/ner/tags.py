"""Tag sets: the model's labels, each corpus's mapping onto them, BIO spans and scoring.

The model predicts marsad mention types plus MISC (names of events, works, products,
vehicles, weapons: the corpora tag them, marsad has no type for them, and learning them keeps
them out of the other types). Every corpus tag maps onto these labels; the table is the one
documented in docs/models/ner.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress, count

# The model's entity labels (BIO-encoded in training). MISC is never emitted as a mention.
MODEL_TYPES = ("PERSON", "ORG", "STATE", "LOCATION", "FACILITY", "NORP", "MISC")

ANERCORP = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOCATION", "MISC": "MISC"}
# Loader glitches in ANERcorp's tags (see ../shared/data/README.md).
ANERCORP_FIXES = {"o": "O", "B-ERS": "B-PERS", "I-ERS": "I-PERS"}

_FANE_GROUPS = {
    "PERSON": ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
               "Businessperson", "Police", "Lawyer", "Engineer"),
    "NORP": ("Group",),  # peoples and communities: العرب, المسلمين, اليهود
    "ORG": ("Government", "Non-Governmental", "Media", "Sports", "Commercial", "Educational",
            "Religious_ORG", "Medical-Science", "Entertainment"),
    "STATE": ("Nation",),
    "LOCATION": ("Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster",
                 "Continent", "Water-Body", "Land-Region-Natural"),
    "FACILITY": ("Building-Grounds", "Airport", "Subarea-Facility", "Path"),
    # Works, products, vehicles (Land/Air/Water), weapons, celestial bodies.
    "MISC": ("Book", "Movie", "Software", "Hardware", "Food", "Drug", "Plant", "Sound", "Celestial",
             "Land", "Air", "Water", "Projectile", "Shooting", "Blunt", "Exploding", "Nuclear",
             "Chemical", "Sharp"),
}
FANE = {fine: coarse for coarse, fines in _FANE_GROUPS.items() for fine in fines}

AQMAR = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION", "MIS": "MISC"}  # MIS0..MIS3 and typos

WOJOOD = {"PERS": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "FACILITY",
          "NORP": "NORP", "EVENT": "MISC", "PRODUCT": "MISC", "LAW": "MISC"}  # the rest: not names

# Model label -> ANERcorp label, to score the model on ANERcorp's scheme (NORP is not tagged there).
TO_ANERCORP = {"PERSON": "PERS", "ORG": "ORG", "STATE": "LOC", "LOCATION": "LOC", "FACILITY": "LOC",
               "MISC": "MISC"}

Span = tuple[int, int, str]  # token start, token end (exclusive), type


def spans(tags: Sequence[str]) -> list[Span]:
    """Chunks of a BIO sequence with conlleval semantics: an I- after O or another type opens a chunk."""
    out: list[Span] = []
    start, kind, last = -1, "", -1
    # Only the tags other than O matter: an O (or a gap of them) closes the open chunk.
    for i in compress(count(), map("O".__ne__, tags)):
        prefix, _, label = tags[i].partition("-")
        if kind and (i != last + 1 or prefix != "I" or label != kind):
            out.append((start, last + 1, kind))
            kind = ""
        if prefix in ("B", "I") and not kind:
            start, kind = i, label
        last = i
    if kind:
        out.append((start, last + 1, kind))
    return out


def to_bio(n: int, chunks: Iterable[Span]) -> list[str]:
    tags = ["O"] * n
    for start, end, kind in chunks:
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


def relabel(tags: Sequence[str], mapping: dict[str, str]) -> list[str]:
    """Map chunk types through ``mapping``; unmapped types become O (conlleval chunks kept whole)."""
    return to_bio(len(tags), [(s, e, mapping[k]) for s, e, k in spans(tags) if k in mapping])

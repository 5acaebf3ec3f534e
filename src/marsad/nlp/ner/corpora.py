"""Readers for the NER corpora in ../shared/data/ner, each mapped onto the model's labels.

Every reader returns sentences as (tokens, BIO tags). The files are read as they are; their
known glitches are repaired here (never in the files): ANERcorp's empty tokens, stray tags and
one line holding two tokens, AQMAR's misspelt tags, Wojood's nested layers and `$#$` masks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import InputError
from marsad.nlp.ner import tags as T


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    corpus: str = ""


_BIO = re.compile(r"^(?:O|[BI]-[A-Za-z0-9_\-]+)$")
_GLUED = re.compile(r"^(O|[BI]-(?:PERS|LOC|ORG|MISC))(\S+)$")


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    """Blank-line separated blocks of whitespace-split lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read NER corpus file ({exc})") from exc
    block: list[list[str]] = []
    for line in text.splitlines():
        fields = line.split("\t") if "\t" in line else line.split(" ")
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        block.append(fields)
    if block:
        yield block


def read_anercorp(path: Path, *, raw: bool = False) -> list[Sentence]:
    """ANERcorp `token TAG` lines. ``raw`` keeps ANERcorp's own tags (for scoring on its scheme)."""
    out = []
    for block in _blocks(path):
        tokens: list[str] = []
        tags: list[str] = []
        for fields in block:
            tag = T.ANERCORP_FIXES.get(fields[-1], fields[-1])
            words = [f for f in fields[:-1] if f]
            glued = _GLUED.match(words[1]) if len(words) == 2 else None
            if glued:  # `. Oالإصابة O`: a line break lost after a tag
                tokens += [words[0], glued[2]]
                tags += [glued[1], tag]
                continue
            if not words:
                words = [","]  # an empty token: the comma lost in ANERcorp's release
            for i, word in enumerate(words):  # `الصالحية ونايفة O`: two tokens on one line
                tokens.append(word)
                tags.append(tag if i == 0 or tag == "O" else "I-" + tag[2:])
        tags = [t if _BIO.match(t) else "O" for t in tags]
        out.append(Sentence(tokens, tags if raw else T.relabel(tags, T.ANERCORP), "anercorp"))
    return out


def read_fane(path: Path, *, raw: bool = False) -> list[Sentence]:
    """NewsFANE / WikiFANE gold: `token<TAB>TAG` with about 45 fine-grained types."""
    out = []
    for block in _blocks(path):
        pairs = [(f[0], f[-1]) for f in block if len(f) >= 2 and f[0]]
        tokens = [w for w, _ in pairs]
        tags = [t if _BIO.match(t) else "O" for _, t in pairs]
        if tokens:
            out.append(Sentence(tokens, tags if raw else T.relabel(tags, T.FANE), path.parent.name))
    return out


def _aqmar_tag(tag: str) -> str:
    tag = tag.replace("--", "-").rstrip("`")
    if tag in ("OO", "IO") or not _BIO.match(tag):
        return "O"
    prefix, _, label = tag.partition("-")
    label = "MIS" if label.startswith("MIS") else label
    return f"{prefix}-{label}" if label in T.AQMAR else "O"


def read_aqmar(path: Path) -> list[Sentence]:
    """AQMAR: one article per file, `token TAG`, PER/LOC/ORG and MIS0..MIS3 (plus a few typos)."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    out = []
    for file in files:
        for block in _blocks(file):
            pairs = [(f[0], _aqmar_tag(f[-1])) for f in block if len(f) >= 2 and f[0]]
            if pairs:
                tags = T.relabel([t for _, t in pairs], T.AQMAR)
                out.append(Sentence([w for w, _ in pairs], tags, "aqmar"))
    return out


def read_wojood(path: Path) -> list[Sentence]:
    """Wojood (nested): the outermost chunk of a type marsad keeps, nested ones where no outer is kept."""
    out = []
    for block in _blocks(path):
        rows = [f for f in block if f and f[0] and f[0] != "$#$"]
        tokens = [f[0] for f in rows]
        layers = max((len(f) - 1 for f in rows), default=0)
        chunks: list[T.Span] = []
        for layer in range(layers):
            column = [f[1 + layer] if len(f) > 1 + layer and _BIO.match(f[1 + layer]) else "O" for f in rows]
            # A nested tag sits in the column of its depth, so the layers line up by position.
            chunks += [(s, e, T.WOJOOD[k]) for s, e, k in T.spans(column) if k in T.WOJOOD]
        kept: list[T.Span] = []
        for chunk in sorted(chunks, key=lambda c: (c[0] - c[1], c[0])):  # longest first
            if all(chunk[1] <= k[0] or chunk[0] >= k[1] for k in kept):
                kept.append(chunk)
        if tokens:
            out.append(Sentence(tokens, T.to_bio(len(tokens), kept), "wojood"))
    return out


def default_data_dir() -> Path:
    """`<repo>/../shared/data`: from the working directory (a checkout), else from this source tree."""
    here = Path.cwd() / ".." / "shared" / "data"
    if here.is_dir():
        return here.resolve()
    return Path(__file__).resolve().parents[4].parent / "shared" / "data"


CORPUS_DIRS = {"anercorp": "anercorp", "newsfane": "newsfane", "wikifane": "wikifane", "aqmar": "aqmar",
               "wojood": "wojood-sample"}
ALL_CORPORA = tuple(CORPUS_DIRS)


def locate(dirs: Sequence[Path]) -> dict[str, Path]:
    """Corpus folders found under ``dirs`` (the data root, its `ner/` folder, or corpus folders)."""
    found: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            raise InputError(str(d), "not a directory")
        d = d / "ner" if (d / "ner").is_dir() else d
        for name, folder in CORPUS_DIRS.items():
            if d.name == folder:
                found.setdefault(name, d)
            elif (d / folder).is_dir():
                found.setdefault(name, d / folder)
    if not found:
        raise InputError(", ".join(map(str, dirs)), "no NER corpora here (expected ner/anercorp, ner/newsfane …)")
    return found


def training_corpora(data: Path | Sequence[Path], *, include: Sequence[str] = ALL_CORPORA) -> list[Sentence]:
    """Every training sentence; never ANERcorp's test split or NewsFANE's ANERcorp-test documents."""
    where = locate([data] if isinstance(data, Path) else data)
    readers = {
        "anercorp": lambda p: read_anercorp(p / "train.txt"),
        "newsfane": lambda p: read_fane(p / "train.tsv"),
        "wikifane": lambda p: read_fane(p / "wikifane_gold.tsv"),
        "aqmar": read_aqmar,
        "wojood": lambda p: [s for f in ("train.txt", "val.txt", "test.txt") for s in read_wojood(p / f)],
    }
    from marsad.nlp.ner.syria import held_out_keys

    out: list[Sentence] = []
    for name in include:
        if name in where:
            found = readers[name](where[name])
            if name == "wojood":  # its Syria-related sentences are the Syria evaluation set
                held = held_out_keys(where[name].parent)
                found = [s for s in found if " ".join(s.tokens) not in held]
            out += found
    return out

"""The Syria evaluation set: 40 sentences of Syria-related conflict news picked from the corpora.

Selection is a rule, not a copy: gold-annotated sentences of the news corpora (Wojood's sample,
then NewsFANE's ANERcorp-test documents) that name a Syrian place or a party to the Syrian war
as a whole word, in file order, until 40. Training leaves these sentences out, so the score is
on unseen text.
"""

from __future__ import annotations

from pathlib import Path

from marsad.clean.normalize import normalize_text
from marsad.nlp.ner.corpora import Sentence, read_fane, read_wojood
from marsad.nlp.tokens import stem_candidates

SIZE = 40
# Normalised whole words (after clitic stripping): Syria, its cities and the war's parties.
KEYWORDS = frozenset({
    "سوريا", "سوريه", "السوري", "السوريه", "السوريين", "السوريون", "دمشق", "حلب", "حمص", "ادلب", "درعا",
    "اللاذقيه", "الرقه", "القامشلي", "الحسكه", "منبج", "عفرين", "داعش", "قسد", "الجولان",
    "البوكمال", "الركبان", "الهول", "كوباني",
})

# …and at least one word of war reporting, so that archive letters and captions stay out.
CONFLICT = frozenset({
    "داعش", "قسد", "الاسد", "النظام", "المعارضه", "هجوم", "الهجوم", "الهجمات", "قوات", "القوات", "المعارك",
    "المعركه", "النزاع", "القتال", "مقاتلو", "مقاتلي", "محتجزين", "المحتجزين", "الميليشيات", "عسكريا",
    "العسكريه", "ضحايا", "السجون", "مخيم", "المخيمات", "الحرب", "اللاجئين", "غارات", "الغارات", "مستشفيات",
    "انتهاكات", "الانتهاكات", "المسلحه", "تنظيم", "التنظيم", "الارهاب", "مساعدات", "الاحتجاز", "المشتبه",
    "الجيش", "هجوما", "التهديد", "للحرب", "المقابر", "الاستخبارات",
})


def _stems(sentence: Sentence) -> set[str]:
    return {stem for t in sentence.tokens for stem in stem_candidates(normalize_text(t))}


def is_syrian(sentence: Sentence) -> bool:
    """A Syria keyword and a war-reporting word, and no 20th-century year (archive documents)."""
    stems = _stems(sentence)
    old = any(t.isdigit() and len(t) == 4 and t < "2000" for t in sentence.tokens)
    return bool(stems & KEYWORDS) and bool(stems & CONFLICT) and not old


def _key(sentence: Sentence) -> str:
    return " ".join(sentence.tokens)


def select(ner_dir: Path) -> list[Sentence]:
    """The 40 sentences (gold tags mapped to the model's labels)."""
    pool: list[Sentence] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        path = ner_dir / "wojood-sample" / name
        if path.is_file():
            pool += read_wojood(path)
    fane = ner_dir / "newsfane" / "test_anercorp_docs.tsv"
    if fane.is_file():
        pool += read_fane(fane)
    seen: set[str] = set()
    out = []
    for s in pool:
        if is_syrian(s) and _key(s) not in seen and len(s.tokens) >= 6:
            seen.add(_key(s))
            out.append(s)
        if len(out) == SIZE:
            break
    return out


def held_out_keys(ner_dir: Path) -> set[str]:
    """Sentences training must skip (they form the Syria evaluation set)."""
    return {_key(s) for s in select(ner_dir)}

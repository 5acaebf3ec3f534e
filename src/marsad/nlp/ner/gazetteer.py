"""Gazetteers as features: normalised, clitic-free forms -> type, from two sources.

- `kb`: the knowledge base's names (`marsad.kb.gazetteer_forms()`), loaded at run time;
- `lx`: a name lexicon the training script collects from the corpora (shipped in the model).

Single words are looked up through their clitic-stripped stems (`وللأسد` finds `اسد`/`الاسد`);
multi-word names match as token tuples, clitics stripped on the first word only; the words of
multi-word names also count as name parts (`جورج` of `جورج بوش`).
"""

from __future__ import annotations

from collections.abc import Mapping

from marsad.clean.normalize import normalize_text

Single = dict[str, str]
Multi = dict[tuple[str, ...], str]


def _add(table: dict, key, tag: str) -> None:
    have = table.get(key)
    if have is None:
        table[key] = tag
    elif tag not in have.split("|"):
        table[key] = have + "|" + tag


def combine(sources: Mapping[str, Mapping[str, str] | None],
            common: frozenset[str] = frozenset()) -> tuple[Single, Multi, Single]:
    """(single words, multi-word names, name parts); values "source:TYPE" joined by "|"."""
    single: Single = {}
    multi: Multi = {}
    parts: Single = {}
    for source, forms in sorted(sources.items()):
        for form, kind in sorted((forms or {}).items()):
            # The corpora's lexicon is stored normalised already; the KB's forms are normalised here.
            words = (form if source == "lx" else normalize_text(form)).split()
            tag = f"{source}:{kind}"
            if len(words) == 1:
                _add(single, words[0], tag)
            elif len(words) > 1:
                _add(multi, tuple(words), tag)
                for w in words:
                    if len(w) > 2 and w not in common:
                        _add(parts, w, tag)
    return single, multi, parts


def kb_forms() -> dict[str, str] | None:
    """The KB's forms, or None when this install has no KB gazetteer."""
    try:
        from marsad.kb import gazetteer_forms
    except ImportError:
        return None
    return dict(gazetteer_forms())

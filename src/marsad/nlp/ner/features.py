"""Features of a token for the CRF: the word, its clitic-stripped stems, affixes, shape,
word cluster and gazetteer membership, and the same for its neighbours.

Features are strings `"{offset}:{attr}"`. Nearly all of them depend on one word only (the
token's or a neighbour's), so the runtime tagger sums cached per-word weight rows instead of
building strings per token; only gazetteer spans and the bigram look at two words at once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import compress

from marsad.nlp.tokens import clitic_splits, stem_candidates

OFFSETS = (-2, -1, 0, 1, 2)
# Which attribute kinds a neighbour contributes (the token itself contributes all of them).
CONTEXT_KINDS = {1: ("w", "s", "x2", "x3", "c", "cc", "g", "G", "np", "sh"), 2: ("w", "c", "cc", "g", "G")}
GAZ_MAX_TOKENS = 6


def _shape(word: str) -> str:
    if word.isdigit():
        return "num"
    if word.isascii() and word.isalpha():
        return "latin"
    if not word[:1].isalpha():
        return "punct"
    return "ar" if len(word) < 8 else "ar-long"


def word_attrs(word: str, clusters: Mapping[str, str] | None = None,
               gazetteer: Mapping[str, str] | None = None, parts: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Attributes of one normalised word."""
    shape = _shape(word)
    out = [f"w={word}", f"sh={shape}"]
    if shape not in ("ar", "ar-long"):
        return tuple(out)
    stems = stem_candidates(word)
    core = clitic_splits(word)[-1][1]
    out += [f"s={s}" for s in stems[1:]]
    out += (f"p1={word[:1]}", f"p2={word[:2]}", f"p3={word[:3]}",
            f"x1={word[-1:]}", f"x2={word[-2:]}", f"x3={word[-3:]}")
    if core != word:
        out += (f"cp2={core[:2]}", f"cx2={core[-2:]}", f"cx3={core[-3:]}", f"pre={word[:len(word) - len(core)]}")
    out.append(f"len={min(len(core), 9)}")
    if clusters is not None:
        for form in (word, core):
            cid = clusters.get(form)
            if cid is not None:
                out += (f"c={cid}", f"cc={cid.partition('.')[0]}")
                break
    # Gazetteer values are "source:TYPE|source:TYPE" (the KB, the corpora's name lexicon); most
    # words are in neither table.
    if gazetteer is not None and (found := [gazetteer[s] for s in stems if s in gazetteer]):
        out += [f"g={k}" for k in sorted({k for v in found for k in v.split("|")})]
    # A word of a known multi-word name (`جورج` of `جورج بوش`).
    if parts is not None and (found := [parts[s] for s in stems if s in parts]):
        out += [f"np={k}" for k in sorted({k for v in found for k in v.split("|")})]
    return tuple(out)


# A trie of multi-word names after their first word: word -> [the value of the name that ends
# there ("" when none does), the same for the words that can come next].
Trie = dict[str, list]


def first_words(multi: Mapping[tuple[str, ...], str]) -> tuple[dict[str, int], Trie, dict[str, frozenset[str]]]:
    """First word of each multi-word name -> the longest name it starts; the trie of the names of up
    to ``GAZ_MAX_TOKENS`` words (its root: first words); first word -> the words that follow it in
    a name. Memoised per table."""
    cached = _FIRSTS.get(id(multi))
    if cached is None or cached[0] is not multi:
        firsts: dict[str, int] = {}
        trie: Trie = {}
        seconds: dict[str, set[str]] = {}
        for key, kind in multi.items():
            firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
            seconds.setdefault(key[0], set()).add(key[1])
            node = trie.setdefault(key[0], ["", {}])
            for word in key[1:GAZ_MAX_TOKENS]:
                node = node[1].setdefault(word, ["", {}])
            if len(key) <= GAZ_MAX_TOKENS:
                node[0] = kind
        cached = _FIRSTS[id(multi)] = (multi, firsts, trie, {f: frozenset(s) for f, s in seconds.items()})
    return cached[1], cached[2], cached[3]


_FIRSTS: dict[int, tuple[Mapping, dict[str, int], Trie, dict[str, frozenset[str]]]] = {}
# word -> ((stem, longest name) of each stem that starts a name, the words that can follow it), or ()
_STARTS: dict[int, dict[str, tuple]] = {}
_TAGS: dict[str, tuple[str, str]] = {}  # gazetteer value -> its B and I feature strings


def _name_starts(word: str, firsts: dict[str, int], seconds: dict[str, frozenset[str]]) -> tuple:
    starts = [(f, firsts[f]) for f in stem_candidates(word) if f in firsts]
    if not starts:
        return ()
    # One first word (the usual case) shares its set; several are merged.
    return starts, seconds[starts[0][0]] if len(starts) == 1 else frozenset().union(*(seconds[f] for f, _ in starts))


def name_starts(word: str, multi: Mapping[tuple[str, ...], str]) -> tuple:
    """((stem, longest name) of each stem of ``word`` that starts a multi-word name, the words that
    can follow it), or () when none does. Memoised per table (bounded)."""
    firsts, _, seconds = first_words(multi)
    memo = _STARTS.setdefault(id(firsts), {})
    found = memo.get(word)
    if found is None:
        if len(memo) > 100_000:
            memo.clear()
        found = memo[word] = _name_starts(word, firsts, seconds)
    return found


def gazetteer_matches(words: Sequence[str], multi: Mapping[tuple[str, ...], str] | None,
                      ends: Sequence[int] = (), openers: Sequence[int] | None = None) -> list[tuple[int, int, str]]:
    """(first token, tokens, gazetteer value) of the longest multi-word gazetteer matches (clitics
    stripped on the first word), left to right without overlap. ``ends``: where the sentences in
    ``words`` end (exclusive, ascending), so that no match runs into the next one. ``openers``: the
    tokens whose word has a stem that starts a name (``name_starts``), ascending, when known."""
    if not multi:
        return []
    firsts, trie, _ = first_words(multi)
    memo = _STARTS.setdefault(id(firsts), {})
    last = len(words) - 1
    if openers is None:
        starts = list(map(memo.get, words))
        if None in starts:
            starts = [name_starts(w, multi) for w in words]
        openers = compress(range(last), starts)
    else:
        starts = {}
        for i in openers:
            found = memo.get(words[i])
            starts[i] = name_starts(words[i], multi) if found is None else found  # None: memo bound reached
    out: list[tuple[int, int, str]] = []
    after = 0  # tokens before this are inside a match already
    # Only a word with a stem that starts a name, followed by a word that can continue it, can
    # open a match: the rest are skipped in C.
    for i, opening in [(i, st) for i in openers if i < last and (st := starts[i]) and words[i + 1] in st[1]]:
        if i < after:
            continue
        best = 0
        kind = ""
        room = min((ends[bisect_right(ends, i)] if ends else len(words)) - i, GAZ_MAX_TOKENS)
        for first, _ in opening[0]:
            # The longest name of this first word that fits, found by walking the trie.
            children = trie[first][1]
            n = 1
            while n < room:
                found = children.get(words[i + n])
                if found is None:
                    break
                n += 1
                if found[0] and n > best:
                    best, kind = n, found[0]
                children = found[1]
        if best:
            out.append((i, best, kind))
            after = i + best
    return out


def gazetteer_tags(words: Sequence[str], multi: Mapping[tuple[str, ...], str] | None,
                   ends: Sequence[int] = ()) -> list[tuple[int, str]]:
    """(token index, `G=B-TYPE` / `G=I-TYPE` tags) of the tokens inside the longest multi-word
    gazetteer matches (see ``gazetteer_matches``), in token order."""
    out: list[tuple[int, str]] = []
    for i, n, kind in gazetteer_matches(words, multi, ends):
        first, inside = gazetteer_feature_tags(kind)
        out.append((i, first))
        out += [(j, inside) for j in range(i + 1, i + n)]
    return out


def gazetteer_feature_tags(kind: str) -> tuple[str, str]:
    """The tags of a match's first token and of the others: `G=B-kb:ORG G=B-lx:ORG`, `G=I-…`."""
    tags = _TAGS.get(kind)
    if tags is None:
        tags = _TAGS[kind] = (" ".join(f"G=B-{k}" for k in kind.split("|")),
                              " ".join(f"G=I-{k}" for k in kind.split("|")))
    return tags


def gazetteer_spans(words: Sequence[str], multi: Mapping[tuple[str, ...], str] | None) -> list[str]:
    """`G=B-TYPE` / `G=I-TYPE` per token from the longest multi-word gazetteer match (clitics stripped
    on the first word), or "" where none matches."""
    out = [""] * len(words)
    for i, tags in gazetteer_tags(words, multi):
        out[i] = tags
    return out


def _kind(attr: str) -> str:
    return attr.partition("=")[0]


class Featurizer:
    """Word attributes with their resources (clusters, gazetteer), memoised per word."""

    def __init__(self, clusters: Mapping[str, str] | None = None, gazetteer: Mapping[str, str] | None = None,
                 multi: Mapping[tuple[str, ...], str] | None = None, parts: Mapping[str, str] | None = None) -> None:
        self.clusters, self.gazetteer, self.multi, self.parts = clusters, gazetteer, multi, parts
        self._memo: dict[str, tuple[str, ...]] = {}

    def attrs(self, word: str) -> tuple[str, ...]:
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) > 500_000:
                self._memo.clear()
            found = self._memo[word] = word_attrs(word, self.clusters, self.gazetteer, self.parts)
        return found


def sentence_features(words: Sequence[str], fz: Featurizer) -> list[list[str]]:
    """Training-time feature strings for each token of a sentence of normalised words."""
    attrs = [list(fz.attrs(w)) for w in words]
    for i, g in enumerate(gazetteer_spans(words, fz.multi)):
        if g:
            attrs[i] += g.split(" ")
    n = len(words)
    out = []
    for i in range(n):
        feats = ["bias"]
        for k in OFFSETS:
            j = i + k
            if not 0 <= j < n:
                if abs(k) == 1:
                    feats.append(f"{k}:edge")
                continue
            kinds = CONTEXT_KINDS.get(abs(k))
            feats += [f"{k}:{a}" for a in attrs[j] if kinds is None or _kind(a) in kinds]
        if i > 0:
            feats.append(f"b-={words[i - 1]}|{words[i]}")
        if i + 1 < n:
            feats.append(f"b+={words[i]}|{words[i + 1]}")
        out.append(feats)
    return out

"""The segment stage: sentences on the Document, tokens and the normalised view in its cache."""

from __future__ import annotations

from marsad.clean.normalize import NormalizedView, normalize
from marsad.document import Document
from marsad.nlp.sentences import split_sentences
from marsad.nlp.tokens import Token, tokenize
from marsad.settings import Settings


def segment(doc: Document, settings: Settings) -> None:
    doc.sentences = split_sentences(doc.text)


def tokens_of(doc: Document) -> list[Token]:
    """The document's tokens, computed once and shared by every later stage."""
    cached = doc._cache.get("tokens")
    if cached is None:
        cached = doc._cache["tokens"] = tokenize(doc.text)
    return cached


def normalized_of(doc: Document) -> NormalizedView:
    cached = doc._cache.get("normalized")
    if cached is None:
        cached = doc._cache["normalized"] = normalize(doc.text)
    return cached

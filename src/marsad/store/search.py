"""Arabic full-text search: what is indexed and how a query becomes a safe match expression.

Both sides go through ``normalize_text`` (hamza, taa marbuta, alef maqsura, diacritics, tatweel,
Eastern digits), and every indexed word also contributes its clitic-free stems, so `حلب` finds
`وبحلب` and `الحلبي` does not. Queries are turned into quoted terms, never spliced as syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from marsad.clean.normalize import normalize_text
from marsad.nlp.tokens import stem_candidates

_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")
# A tsvector holds at most 1 MB; keep the indexed text well under it.
MAX_SEARCH_CHARS = 400_000


@lru_cache(maxsize=200_000)
def _expand(word: str) -> str:
    if word.isdigit():
        return word
    return " ".join(stem_candidates(word))


def search_text(title: str | None, normalized_body: str) -> str:
    """The indexed form of an article: normalised words, each followed by its stems."""
    words = _WORD_OR_NUMBER.findall(normalize_text(title or "") + " " + normalized_body)
    out = " ".join(_expand(w) for w in words)
    return out[:MAX_SEARCH_CHARS]


def query_terms(query: str) -> list[str]:
    """The normalised words of a user query (each must occur: AND)."""
    return _WORD_OR_NUMBER.findall(normalize_text(query))


def match_condition(session: Session, query: str, id_column: ColumnElement[int]) -> ColumnElement[bool]:
    """A WHERE condition selecting articles whose text matches every word of ``query``."""
    terms = query_terms(query)
    if not terms:
        return literal_column("1") == literal_column("1")
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # Each term quoted: FTS5 then treats it as a string, whatever characters it holds.
        expression = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        matching = select(literal_column("rowid")).select_from(text("articles_fts")).where(
            literal_column("articles_fts").op("MATCH")(expression))
        return id_column.in_(matching)
    # PostgreSQL: the generated, GIN-indexed tsvector column.
    vector = literal_column("articles.search_vector")
    return vector.op("@@")(func.plainto_tsquery("simple", " ".join(terms)))

"""The corpus schema (SQLAlchemy 2 ORM). Migrations in ``migrations/versions`` create it.

One row per distinct input in ``articles`` (with the input as received, so it can be
re-analysed), its layers in ``mentions`` / ``relations`` / ``event_sources``, the shared
entities (``actors``, ``people``, ``places``) upserted by canonical id, and ``events``: corpus
events, each backed by one or more ``event_sources`` (one per article that tells it).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # sha256 of the input as received plus its url/outlet: the same input twice is one row.
    input_key: Mapped[str] = mapped_column(String(64), unique=True)
    # Document.id: the hash of the cleaned title and text (exact duplicates share it).
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    # Near-duplicates (one wire story, several outlets) share a story id: the first article's id.
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    story_similarity: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # Normalised text with clitic-split stems: what full-text search indexes.
    search_text: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    raw_is_text: Mapped[bool] = mapped_column(Boolean, default=False)
    raw_html: Mapped[bool] = mapped_column(Boolean, default=False)
    raw_meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    stages: Mapped[str] = mapped_column(String(400), default="")
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    analyzed_at: Mapped[datetime] = mapped_column(DateTime)


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_article", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    mention_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32), index=True)
    ref: Mapped[str | None] = mapped_column(String(200), index=True)
    origin: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    framing: Mapped[str | None] = mapped_column(String(200))


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    inter_code: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(64))
    in_kb: Mapped[bool] = mapped_column(Boolean)
    wikidata: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Document's Actor, as last seen


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    in_kb: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Place(Base):
    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    governorate: Mapped[str | None] = mapped_column(String(200), index=True)
    country: Mapped[str | None] = mapped_column(String(64))
    parent: Mapped[str | None] = mapped_column(String(200), index=True)
    in_kb: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ArticleEntity(Base):
    """Which article carries which actor / person / place layer entry."""

    __tablename__ = "article_entities"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    ref: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # actor | person | place


class Event(Base):
    """A corpus event: one happening, told by one or more sources (articles)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plover: Mapped[str] = mapped_column(String(64), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    acled_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(200), index=True)
    place_precision: Mapped[str | None] = mapped_column(String(32))
    date_value: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32), index=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    summary_en: Mapped[str] = mapped_column(Text)
    num_sources: Mapped[int] = mapped_column(Integer, index=True)
    num_articles: Mapped[int] = mapped_column(Integer)
    num_outlets: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class EventSource(Base):
    """One article's telling of an event: the Document's Event, kept whole."""

    __tablename__ = "event_sources"
    __table_args__ = (Index("ix_event_sources_article", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    doc_event_id: Mapped[str] = mapped_column(String(64))
    plover: Mapped[str] = mapped_column(String(64), index=True)
    acled_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Document's Event
    # Why this source joined its event: which fields matched, and with which source.
    merge: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Set when a person split this source off: automatic merging leaves it alone.
    merge_locked: Mapped[bool] = mapped_column(Boolean, default=False)


class EventActor(Base):
    __tablename__ = "event_actors"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("event_sources.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    side: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1 or 2, as actor1 / actor2


class Relation(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    target: Mapped[str] = mapped_column(String(200), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)


class Quarantine(Base):
    """An input that could not be analysed, kept with the reason."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    input_key: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)

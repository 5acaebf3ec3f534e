"""The Document: the one object every stage fills and every consumer reads.

This model is the contract between the pipeline, the store, the API and the exports.
All offsets are character offsets into ``Document.text`` (the cleaned text the user sees);
normalised views used for matching keep their own map back to these offsets.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.0"


class MentionType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    ARMED_GROUP = "ARMED_GROUP"
    STATE = "STATE"
    LOCATION = "LOCATION"
    FACILITY = "FACILITY"
    DATE = "DATE"
    NORP = "NORP"


class EventStatus(StrEnum):
    occurred = "occurred"
    attempted = "attempted"
    failed = "failed"
    planned = "planned"
    promised = "promised"
    threatened = "threatened"
    denied = "denied"
    conditional = "conditional"
    reported_claim = "reported_claim"


class RelationType(StrEnum):
    backs = "backs"
    leads = "leads"
    member_of = "member_of"
    hostile_to = "hostile_to"
    allied_with = "allied_with"
    alias_of = "alias_of"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A half-open character range [start, end) in ``Document.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Source(_Model):
    path: str | None = None
    url: str | None = None
    outlet: str | None = None


class Furniture(_Model):
    """A string removed from the input while cleaning, and why."""

    text: str
    reason: str


class Mention(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: MentionType
    ref: str | None = Field(None, description="canonical id (actor:, person:, place:) or null")
    origin: Literal["kb", "model", "rule"] = "rule"
    confidence: float = Field(1.0, ge=0, le=1)
    framing: str | None = Field(None, description="framing carried by the surface form, e.g. opposition")


class Framing(_Model):
    surface: str
    framing: str


class Actor(_Model):
    id: str
    name_en: str
    name_ar: str | None = None
    kind: str
    inter_code: int | None = Field(None, ge=0, le=8, description="ACLED-style interaction code")
    country: str | None = None
    in_kb: bool = True
    framings: list[Framing] = []
    backed_by: list[str] = []
    member_of: list[str] = []
    wikidata: str | None = None


class Role(_Model):
    title: str | None = None
    actor: str | None = None


class Person(_Model):
    id: str
    name_en: str
    name_ar: str | None = None
    aliases: list[str] = []
    rank: str | None = None
    roles: list[Role] = []
    in_kb: bool = True


class Place(_Model):
    id: str
    name_en: str
    name_ar: str | None = None
    kind: str
    lat: float | None = None
    lon: float | None = None
    governorate: str | None = None
    country: str | None = None
    direction: str | None = Field(None, description="for directional regions: north, south-west …")
    parent: str | None = None
    confidence: float = Field(1.0, ge=0, le=1)
    in_kb: bool = True


class EventDate(_Model):
    value: str | None = Field(None, description="ISO-like value; unknown parts as X, e.g. XXXX-07")
    precision: Literal["day", "week", "month", "year", "unknown"] = "unknown"
    text: str | None = None


class Attribution(_Model):
    text: str
    ref: str | None = None
    outlet: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(_Model):
    sentence: Span
    trigger: Span


class Event(_Model):
    id: str
    plover: str
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: list[str] = []
    actor2: list[str] = []
    place: str | None = None
    place_precision: str | None = None
    date: EventDate = EventDate()
    status: EventStatus = EventStatus.occurred
    attributed_to: Attribution | None = None
    sentence: Span
    trigger: Span
    evidence: list[Evidence] = Field(default_factory=list, description="every span telling this event")
    fatalities: int | None = None
    injured: int | None = None
    confidence: float = Field(ge=0, le=1)
    summary_en: str = ""


class Relation(_Model):
    type: RelationType
    source: str
    target: str
    evidence: Span
    confidence: float = Field(1.0, ge=0, le=1)


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str = ""
    source: Source = Source()
    title: str | None = None
    text: str
    published: date | None = None
    language: str | None = None
    furniture: list[Furniture] = []
    sentences: list[Span] = []
    mentions: list[Mention] = []
    actors: list[Actor] = []
    people: list[Person] = []
    places: list[Place] = []
    events: list[Event] = []
    relations: list[Relation] = []

    # Working state shared by stages, never serialised (tokens, normalised views, caches).
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    def assign_id(self) -> str:
        """A stable content hash of what the user sees: the title and the cleaned text."""
        digest = hashlib.sha256(f"{self.title or ''}\n{self.text}".encode()).hexdigest()
        self.id = f"doc:{digest[:20]}"
        return self.id

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_json(self, **kwargs: Any) -> str:
        return self.model_dump_json(**kwargs)


def json_schema() -> dict[str, Any]:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://marsad.dev/schema/document.schema.json"
    return schema


def write_json_schema(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

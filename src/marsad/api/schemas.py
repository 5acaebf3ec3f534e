"""Response models of the API: the Document's field names, plus corpus fields (sources, counts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from marsad.document import Actor, Document, Event, EventDate, Place


class ArticleSummary(BaseModel):
    id: int = Field(description="the article's id in this corpus")
    doc_id: str = Field(description="Document.id: hash of the cleaned title and text")
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    story_id: int | None = Field(description="articles of one story (near-duplicates) share it")
    duplicate_of: int | None = Field(description="set when the text is identical to an earlier article")
    label: str = Field(description="the input it came from (file, file.jsonl:12, feed entry, WARC record)")


class StoryMember(BaseModel):
    article_id: int
    outlet: str | None
    url: str | None
    duplicate_of: int | None
    similarity: float | None


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleOut(BaseModel):
    article_id: int
    story_id: int | None
    duplicate_of: int | None
    story: list[StoryMember] = Field(description="every article of the same story, with its outlet")
    document: Document


class CorpusEvent(BaseModel):
    id: int = Field(description="the corpus event id (one event, possibly told by several sources)")
    plover: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor1: list[str]
    actor2: list[str]
    place: str | None
    place_precision: str | None
    lat: float | None = Field(None, description="the place's latitude (so a map needs no extra request)")
    lon: float | None = Field(None, description="the place's longitude")
    date: EventDate
    date_start: date | None = Field(description="first day the date can denote (null when unknown)")
    date_end: date | None = Field(description="last day the date can denote")
    status: str
    fatalities: int | None
    injured: int | None
    confidence: float
    summary_en: str
    num_sources: int = Field(description="sources (article events) merged into this event, like GDELT NumSources")
    num_articles: int
    num_outlets: int
    outlets: list[str]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CorpusEvent]


class MergeInfo(BaseModel):
    with_source: int = Field(description="the source this one matched when it joined the event")
    with_article: int
    matched: dict[str, str] = Field(description="field -> how it matched (type, status, date, place, actors, story)")


class EventSourceOut(BaseModel):
    source_id: int
    article_id: int
    event: Event = Field(description="the event as this article's Document tells it")
    outlet: str | None
    url: str | None
    title: str | None
    published: date | None
    sentence_text: str
    trigger_text: str
    evidence_text: list[str]
    merge: MergeInfo | None = Field(description="null for the source that started the event")
    merge_locked: bool = Field(description="split off by hand: automatic merging leaves it alone")


class EventDetail(CorpusEvent):
    sources: list[EventSourceOut]
    entities: dict[str, dict[str, Any]] = Field(description="actor and place records for the ids used above")


class ActorSummary(BaseModel):
    id: str
    name_en: str
    name_ar: str | None
    kind: str
    inter_code: int | None
    country: str | None
    in_kb: bool
    num_events: int


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActorSummary]


class Alias(BaseModel):
    text: str
    count: int


class FramingSeen(BaseModel):
    surface: str
    framing: str
    outlets: list[str]


class ActorLink(BaseModel):
    id: str
    relation: str
    articles: int


class RelationCount(BaseModel):
    type: str
    source: str
    target: str
    articles: int


class Counterpart(BaseModel):
    id: str
    events: int


class ActorDetail(Actor):
    aliases: list[Alias]
    framings_seen: list[FramingSeen]
    patrons: list[str]
    clients: list[str]
    people: list[ActorLink]
    relations: list[RelationCount]
    num_events: int
    events: list[CorpusEvent]
    counterparts: list[Counterpart]


class NetworkNode(BaseModel):
    id: str
    name_en: str
    name_ar: str | None
    kind: str


class NetworkEdge(BaseModel):
    source: str
    target: str
    type: str = Field(description="a relation type (backs, hostile_to…) or event:<PLOVER type>")
    weight: int = Field(description="events, or articles stating the relation")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class PlaceDetail(Place):
    ancestors: list[str]
    children: list[str]
    num_articles: int
    num_events: int
    events: list[CorpusEvent]


class Stats(BaseModel):
    articles: int
    duplicates: int
    stories: int
    quarantined: int
    events: int
    event_sources: int
    merged_events: int
    actors: int
    people: int
    places: int
    by_plover: dict[str, int]
    by_acled_event_type: dict[str, int]
    by_status: dict[str, int]
    by_month: dict[str, int]
    by_governorate: dict[str, int]
    by_outlet: dict[str, int]

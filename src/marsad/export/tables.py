"""Corpus events as JSON Lines (one event per line, with its sources) and as Parquet (flat columns)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from marsad.store import queries as q


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def write_jsonl(session: Session, f: q.EventFilter, out: Path) -> int:
    events = q.event_payloads(session, q.all_events(session, f))
    with out.open("w", encoding="utf-8") as handle:
        for e in events:
            record = {k: _plain(v) for k, v in e.items()}
            record["sources"] = [{k: _plain(v) for k, v in s.items()} for s in q.event_sources(session, e["id"])]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(events)


SCHEMA = pa.schema([
    ("id", pa.int64()), ("plover", pa.string()), ("mode", pa.string()), ("acled_event_type", pa.string()),
    ("acled_sub_event_type", pa.string()), ("actor1", pa.list_(pa.string())), ("actor2", pa.list_(pa.string())),
    ("place", pa.string()), ("place_precision", pa.string()), ("place_name_en", pa.string()),
    ("governorate", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("date_value", pa.string()), ("date_precision", pa.string()), ("date_text", pa.string()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("status", pa.string()),
    ("fatalities", pa.int64()), ("injured", pa.int64()), ("confidence", pa.float64()), ("summary_en", pa.string()),
    ("num_sources", pa.int64()), ("num_articles", pa.int64()), ("num_outlets", pa.int64()),
    ("outlets", pa.list_(pa.string())),
])


def write_parquet(session: Session, f: q.EventFilter, out: Path) -> int:
    events = q.event_payloads(session, q.all_events(session, f))
    places = q.entity_lookup(session, {e["place"] for e in events if e["place"]})
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for e in events:
        place = places.get(e["place"] or "", {})
        flat = {**e, "date_value": e["date"]["value"], "date_precision": e["date"]["precision"],
                "date_text": e["date"]["text"], "place_name_en": place.get("name_en"),
                "governorate": place.get("governorate"), "latitude": place.get("lat"), "longitude": place.get("lon")}
        for name in SCHEMA.names:
            columns[name].append(flat.get(name))
    pq.write_table(pa.table(columns, schema=SCHEMA), out)
    return len(events)

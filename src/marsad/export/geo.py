"""GeoJSON of corpus events for GIS: a Point at the event's place, null geometry when it has none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from marsad.store import queries as q


def feature_collection(session: Session, f: q.EventFilter) -> dict[str, Any]:
    events = q.event_payloads(session, q.all_events(session, f))
    places = q.entity_lookup(session, {e["place"] for e in events if e["place"]})
    features = []
    for e in events:
        place = places.get(e["place"] or "", {})
        has_point = place.get("lat") is not None and place.get("lon") is not None
        properties = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in e.items()}
        properties["place_name_en"] = place.get("name_en")
        properties["place_name_ar"] = place.get("name_ar")
        properties["governorate"] = place.get("governorate")
        features.append({
            "type": "Feature", "id": e["id"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if has_point else None,
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}


def write(session: Session, f: q.EventFilter, out: Path) -> int:
    collection = feature_collection(session, f)
    out.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(collection["features"])

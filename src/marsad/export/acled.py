"""ACLED-style CSV: ACLED's own column names and conventions, so acledR or pandas scripts read it unchanged.

Conventions followed (ACLED codebook): ``time_precision`` 1 = day, 2 = week, 3 = month; ``geo_precision``
1 = the exact town, 2 = near it or a part of a region, 3 = a province or larger; ``fatalities`` 0 when
no figure is reported; ``interaction`` the two inter codes, lower first (sole actor: inter1 * 10);
``iso`` the numeric ISO 3166 code. One row per corpus event; ``source`` lists every outlet that told it.
Events whose year is unknown keep an empty ``event_date``/``year`` rather than a guessed one.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from marsad.store import queries as q

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

# name, ISO3, ISO numeric, ACLED region — for the countries marsad's sources cover.
COUNTRIES: dict[str, tuple[str, str, int, str]] = {
    "SY": ("Syria", "SYR", 760, "Middle East"), "IQ": ("Iraq", "IRQ", 368, "Middle East"),
    "LB": ("Lebanon", "LBN", 422, "Middle East"), "JO": ("Jordan", "JOR", 400, "Middle East"),
    "PS": ("Palestine", "PSE", 275, "Middle East"), "IL": ("Israel", "ISR", 376, "Middle East"),
    "YE": ("Yemen", "YEM", 887, "Middle East"), "SA": ("Saudi Arabia", "SAU", 682, "Middle East"),
    "TR": ("Turkey", "TUR", 792, "Middle East"), "IR": ("Iran", "IRN", 364, "Middle East"),
    "EG": ("Egypt", "EGY", 818, "Northern Africa"), "LY": ("Libya", "LBY", 434, "Northern Africa"),
    "SD": ("Sudan", "SDN", 729, "Northern Africa"), "TN": ("Tunisia", "TUN", 788, "Northern Africa"),
    "DZ": ("Algeria", "DZA", 12, "Northern Africa"), "MA": ("Morocco", "MAR", 504, "Northern Africa"),
    "RU": ("Russia", "RUS", 643, "Europe"), "US": ("United States", "USA", 840, "North America"),
}
_BY_NAME = {v[0].lower(): k for k, v in COUNTRIES.items()} | {v[1].lower(): k for k, v in COUNTRIES.items()}

DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
GEO_EXACT = {"city", "town", "village", "neighbourhood", "neighborhood", "facility", "camp", "district_city",
             "airport", "checkpoint", "site"}
GEO_PROVINCE = {"governorate", "province", "country", "state", "region_large"}


def country_of(value: str | None) -> tuple[str, str, int, str] | None:
    if not value:
        return None
    code = value.upper() if value.upper() in COUNTRIES else _BY_NAME.get(value.lower())
    return COUNTRIES.get(code) if code else None


def _geo_precision(place: dict[str, Any], event_precision: str | None) -> int | str:
    if event_precision in ("1", "2", "3"):
        return int(event_precision)
    kind = (place.get("kind") or "").lower()
    if kind in GEO_EXACT:
        return 1
    if kind in GEO_PROVINCE:
        return 3
    return 2 if kind else ""


def _admin_levels(place_id: str | None, lookup: dict[str, dict[str, Any]]) -> list[str]:
    """Names from the top down (governorate, district, subdistrict) above the event's place."""
    chain: list[dict[str, Any]] = []
    current = lookup.get(place_id or "")
    while current and len(chain) < 8:
        chain.append(current)
        current = lookup.get(current.get("parent") or "")
    admins = [p["name_en"] for p in reversed(chain)
              if (p.get("kind") or "") in ("governorate", "province", "district", "subdistrict", "nahiya")]
    return admins


def _interaction(inter1: int | None, inter2: int | None) -> int | str:
    if inter1 is None:
        return ""
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def rows(session: Session, f: q.EventFilter) -> list[dict[str, Any]]:
    events = q.event_payloads(session, q.all_events(session, f))
    ids = {e["place"] for e in events if e["place"]} | {a for e in events for a in e["actor1"] + e["actor2"]}
    lookup = q.entity_lookup(session, ids)
    # Parents of places too, for admin1..admin3.
    frontier = {p.get("parent") for p in lookup.values() if p.get("parent")}
    while frontier - lookup.keys():
        found = q.entity_lookup(session, {x for x in frontier - lookup.keys() if x})
        if not found:
            break
        lookup |= found
        frontier = {p.get("parent") for p in found.values() if p.get("parent")}
    out = []
    stamp = int(time.time())
    for e in events:
        place = lookup.get(e["place"] or "", {})
        country = country_of(place.get("country"))
        a1 = [lookup.get(a, {"name_en": a}) for a in e["actor1"]]
        a2 = [lookup.get(a, {"name_en": a}) for a in e["actor2"]]
        inter1, inter2 = (a1[0].get("inter_code") if a1 else None), (a2[0].get("inter_code") if a2 else None)
        admins = [*_admin_levels(e["place"], lookup), "", "", ""]
        start, precision = e["date_start"], e["date"]["precision"]
        known_day = start is not None and precision in TIME_PRECISION
        civilian = e["acled_event_type"] == "Violence against civilians" or any(
            (a.get("kind") or "") == "civilians" or a.get("inter_code") == 7 for a in a2)
        out.append({
            "event_id_cnty": f"{country[1] if country else 'XXX'}{e['id']}",
            "event_date": start.isoformat() if known_day else "",
            "year": start.year if start is not None else "",
            "time_precision": TIME_PRECISION.get(precision, "") if start is not None else "",
            "disorder_type": DISORDER.get(e["acled_event_type"] or "", ""),
            "event_type": e["acled_event_type"] or "",
            "sub_event_type": e["acled_sub_event_type"] or "",
            "actor1": a1[0]["name_en"] if a1 else "",
            "assoc_actor_1": "; ".join(a["name_en"] for a in a1[1:]),
            "inter1": inter1 if inter1 is not None else "",
            "actor2": a2[0]["name_en"] if a2 else "",
            "assoc_actor_2": "; ".join(a["name_en"] for a in a2[1:]),
            "inter2": inter2 if inter2 is not None else "",
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if civilian else "",
            "iso": country[2] if country else "",
            "region": country[3] if country else "",
            "country": country[0] if country else (place.get("country") or ""),
            "admin1": admins[0] or (place.get("governorate") or ""),
            "admin2": admins[1], "admin3": admins[2],
            "location": place.get("name_en") or "",
            "latitude": place.get("lat") if place.get("lat") is not None else "",
            "longitude": place.get("lon") if place.get("lon") is not None else "",
            "geo_precision": _geo_precision(place, e["place_precision"]) if place else "",
            "source": "; ".join(e["outlets"]),
            "source_scale": "",
            "notes": _notes(e),
            "fatalities": e["fatalities"] or 0,
            "tags": "; ".join(t for t in (f"status: {e['status']}" if e["status"] != "occurred" else "",
                                          f"sources: {e['num_sources']}", f"marsad_event: {e['id']}") if t),
            "timestamp": stamp,
        })
    return out


def _notes(e: dict[str, Any]) -> str:
    parts = [e["summary_en"]] if e["summary_en"] else []
    if e["date"]["text"] and not e["date_start"]:
        parts.append(f"date as reported: {e['date']['text']}")
    return ". ".join(parts)


# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection):
# outlet names and reported dates come from scraped pages, so such cells get a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def write(session: Session, f: q.EventFilter, out: Path) -> int:
    data = rows(session, f)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({k: inert(v) for k, v in row.items()} for row in data)
    return len(data)

"""Exports of the corpus: ACLED CSV, JSON Lines, GeoJSON, GEXF / GraphML, Parquet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.store.queries import EventFilter

Writer = Callable[[Session, EventFilter, Path], int]
FORMATS = ("acled", "jsonl", "geojson", "gexf", "graphml", "parquet")


def writer(fmt: str) -> Writer:
    from marsad.export import acled, geo, graph, tables

    return {"acled": acled.write, "jsonl": tables.write_jsonl, "geojson": geo.write, "gexf": graph.write_gexf,
            "graphml": graph.write_graphml, "parquet": tables.write_parquet}[fmt]


def export(session: Session, fmt: str, out: Path, f: EventFilter | None = None) -> int:
    """Write the events (or, for gexf/graphml, the actor network) matching ``f``; returns rows/edges written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(fmt)(session, f or EventFilter(), out)

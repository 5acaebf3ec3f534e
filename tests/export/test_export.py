"""Exports read back with the tools analysts use: pandas, networkx, pyarrow, json."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest

from marsad.export import FORMATS, export
from marsad.export.acled import COLUMNS
from marsad.store.queries import EventFilter

# ACLED's public data export, column for column (the issue lists the same set).
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]


@pytest.fixture
def session(shared_corpus):
    with shared_corpus[0]() as s:
        yield s


def test_acled_columns_are_acleds():
    assert COLUMNS == ACLED_COLUMNS


def test_acled_csv_of_the_reference_article_loads_with_pandas(session, tmp_path):
    out = tmp_path / "acled.csv"
    written = export(session, "acled", out, EventFilter(outlet=["Orient Net"], status=["reported_claim", "failed",
                                                                                       "occurred"]))
    frame = pd.read_csv(out)
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) == written
    capture = frame[frame["sub_event_type"] == "Non-state actor overtakes territory"].iloc[0]
    assert capture["event_type"] == "Strategic developments" and capture["disorder_type"] == "Strategic developments"
    assert capture["actor1"] == "Military Forces of Syria" and capture["inter1"] == 1
    assert (capture["country"], capture["iso"], capture["region"]) == ("Syria", 760, "Middle East")
    assert capture["admin1"] == "Idlib Governorate" and capture["location"] == "Khan Shaykhun"
    assert capture["time_precision"] == 3 and capture["event_date"] == "2019-08-01" and capture["year"] == 2019
    assert capture["geo_precision"] == 1 and capture["latitude"] == pytest.approx(35.4417)
    assert capture["event_id_cnty"].startswith("SYR")
    # The clash in Aleppo: no date in the article, so no date is invented.
    clash = frame[(frame["event_type"] == "Battles") & (frame["location"] == "Aleppo")].iloc[0]
    assert pd.isna(clash["event_date"]) and pd.isna(clash["year"])
    assert clash["interaction"] == 33 and "status: reported_claim" in clash["tags"]


def test_acled_csv_of_a_multi_source_event(session, tmp_path):
    out = tmp_path / "acled.csv"
    export(session, "acled", out, EventFilter(min_sources=2))
    (row,) = pd.read_csv(out).to_dict("records")
    assert row["source"] == "Orient Net; Enab Baladi" and row["event_date"] == "2019-07-03"
    assert row["time_precision"] == 1 and row["location"] == "Aleppo International Airport"
    assert row["admin1"] == "Aleppo Governorate" and row["fatalities"] == 0
    strike_out = tmp_path / "strike.csv"
    export(session, "acled", strike_out, EventFilter(plover=["ATTACK"]))
    (strike,) = pd.read_csv(strike_out).to_dict("records")
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["fatalities"] == 5
    assert strike["interaction"] == 78 and strike["sub_event_type"] == "Air/drone strike"


def test_gexf_and_graphml_open_with_networkx(session, tmp_path):
    export(session, "gexf", tmp_path / "net.gexf")
    graph = nx.read_gexf(tmp_path / "net.gexf")
    assert graph.nodes["actor:russia-backed-militias"]["label"] == "Russia-backed militias"
    types = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert {"event:FIGHT", "backs", "hostile_to", "leads"} <= types
    fight = [d for u, v, d in graph.edges(data=True) if (u, v) == ("actor:russia-backed-militias",
                                                                   "actor:iran-backed-militias")
             and d["relation"] == "event:FIGHT"]
    assert fight[0]["weight"] == 2
    export(session, "graphml", tmp_path / "net.graphml")
    again = nx.read_graphml(tmp_path / "net.graphml")
    assert set(again.nodes) == set(graph.nodes) and again.number_of_edges() == graph.number_of_edges()


def test_geojson_points_at_event_places(session, tmp_path):
    export(session, "geojson", tmp_path / "events.geojson")
    collection = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 6
    strike = next(f for f in collection["features"] if f["properties"]["plover"] == "ATTACK")
    assert strike["geometry"] == {"type": "Point", "coordinates": [36.6508, 35.4417]}  # lon, lat
    assert strike["properties"]["place_name_ar"] == "خان شيخون" and strike["properties"]["fatalities"] == 5


def test_parquet_and_jsonl(session, tmp_path):
    export(session, "parquet", tmp_path / "events.parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 6
    rows = {r["plover"]: r for r in table.to_pylist() if r["plover"] in ("ATTACK", "SEIZE")}
    assert rows["ATTACK"]["actor2"] == ["actor:civilians"] and rows["ATTACK"]["governorate"] == "Idlib"
    assert str(rows["SEIZE"]["date_start"]) == "2019-08-01" and rows["SEIZE"]["date_precision"] == "month"
    export(session, "jsonl", tmp_path / "events.jsonl", EventFilter(min_sources=2))
    (line,) = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["num_sources"] == 2 and len(record["sources"]) == 2
    assert record["sources"][0]["trigger_text"] == "المناوشات"


def test_unknown_format_is_refused(session, tmp_path):
    assert "acled" in FORMATS
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export(session, "xlsx", tmp_path / "x.xlsx")

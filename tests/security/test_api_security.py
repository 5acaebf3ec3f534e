"""The API under attack, on SQLite and PostgreSQL: read-only by default, token-guarded writes, closed CORS,
size and rate limits, SQL injection through every parameter of every endpoint, no stack traces."""

from __future__ import annotations

import inspect
import warnings

import pytest
from sqlalchemy import func, select, text

from marsad.api.app import create_app
from marsad.api.security import ConfigError, RateLimiter, SecurityConfig
from marsad.store import models as m

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = ("قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم الخميس، وقالت مصادر محلية إن القصف "
           "أدى إلى مقتل مدنيين اثنين وإصابة خمسة آخرين بجروح متفاوتة.")
SECURITY_ENV = ("MARSAD_API_TOKEN", "MARSAD_API_CORS_ORIGINS", "MARSAD_API_MAX_BODY", "MARSAD_API_RATE_LIMIT",
                "MARSAD_API_WRITE_RATE_LIMIT")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in SECURITY_ENV:
        monkeypatch.delenv(name, raising=False)


def client_for(sessions, **env: str) -> TestClient:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        return TestClient(create_app(sessions=sessions), raise_server_exceptions=False)


def table_counts(sessions) -> dict[str, int]:
    with sessions() as s:
        return {model.__tablename__: s.scalar(select(func.count()).select_from(model)) for model in
                (m.Article, m.Event, m.EventSource, m.EventActor, m.Mention, m.Relation, m.Actor, m.Place,
                 m.Person, m.Quarantine, m.ArticleEntity)}


def fingerprint(sessions) -> tuple:
    with sessions() as s:
        return (table_counts(sessions),
                tuple(s.execute(select(m.Article.id, m.Article.title, m.Article.outlet).order_by(m.Article.id))),
                tuple(s.execute(select(m.Event.id, m.Event.plover, m.Event.num_sources).order_by(m.Event.id))))


# -- read-only by default ----------------------------------------------------------------------------

def test_without_a_token_no_write_route_exists(sessions, corpus):
    client = client_for(sessions)
    before = fingerprint(sessions)
    assert client.post("/ingest", json={"articles": [{"text": ARTICLE}]}).status_code in (404, 405)
    assert client.post("/events/1/merge", json={"into": 2}).status_code in (404, 405)
    assert client.post("/event-sources/1/split").status_code in (404, 405)
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)("/events/1").status_code == 405
    schema = client.get("/openapi.json").json()
    assert {method for path in schema["paths"].values() for method in path} == {"get"}
    assert fingerprint(sessions) == before


def test_write_endpoints_need_the_configured_token(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN)
    before = fingerprint(sessions)
    body = {"articles": [{"text": ARTICLE, "outlet": "Test"}]}
    for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
                    {"X-Api-Token": TOKEN}):
        response = client.post("/ingest", json=body, headers=headers)
        assert response.status_code in (401, 403), (headers, response.text)
        assert client.post("/events/1/merge", json={"into": 2}, headers=headers).status_code in (401, 403)
        assert client.post("/event-sources/1/split", headers=headers).status_code in (401, 403)
    assert fingerprint(sessions) == before
    response = client.post("/ingest", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "new" and result["article_id"]
    # Idempotent: the same input again is a duplicate, nothing is stored twice.
    again = client.post("/ingest", json=body, headers=AUTH).json()["results"][0]
    assert again["status"] == "duplicate"
    assert table_counts(sessions)["articles"] == before[0]["articles"] + 1
    stored = client.get(f"/articles/{result['article_id']}").json()
    assert stored["document"]["source"]["outlet"] == "Test" and "كفرنبل" in stored["document"]["text"]
    # The schema documents them once a token is set.
    assert "post" in client.get("/openapi.json").json()["paths"]["/ingest"]


def test_bad_input_over_http_is_quarantined_with_its_reason(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN)
    results = client.post("/ingest", headers=AUTH, json={"articles": [
        {"text": "hello world, this is not Arabic at all, sorry"}, {"html": "<html><body></body></html>"}]}
    ).json()["results"]
    assert [r["status"] for r in results] == ["quarantined", "quarantined"]
    assert "not Arabic" in results[0]["detail"]
    assert client.post("/ingest", headers=AUTH, json={"articles": [{"text": "x", "html": "y"}]}).status_code == 422
    assert client.post("/ingest", headers=AUTH, json={"articles": []}).status_code == 422


def test_merge_and_split_by_hand(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN)
    with sessions() as s:
        airstrike = s.scalar(select(m.EventSource.event_id).where(m.EventSource.article_id == corpus["airstrike"]))
        clash = s.scalar(select(m.EventSource.event_id).where(m.EventSource.article_id == corpus["clash_orient"]))
    merged = client.post(f"/events/{airstrike}/merge", json={"into": clash}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert client.get(f"/events/{airstrike}").status_code == 404
    detail = client.get(f"/events/{clash}").json()
    assert detail["num_sources"] == 3
    moved = merged.json()["moved_sources"]
    assert [s["merge"]["matched"]["manual"] for s in detail["sources"] if s["source_id"] in moved]
    split = client.post(f"/event-sources/{moved[0]}/split", headers=AUTH)
    assert split.status_code == 200, split.text
    assert client.get(f"/events/{clash}").json()["num_sources"] == 2
    alone = client.get(f"/events/{split.json()['event_id']}").json()
    assert alone["plover"] == "ATTACK" and alone["sources"][0]["merge_locked"] is True
    assert client.post(f"/events/{clash}/merge", json={"into": clash}, headers=AUTH).status_code == 422
    assert client.post("/events/999999/merge", json={"into": clash}, headers=AUTH).status_code == 404
    assert client.post("/event-sources/999999/split", headers=AUTH).status_code == 404


def test_token_settings_are_checked():
    with pytest.raises(ConfigError, match="at least 16"):
        SecurityConfig(api_token="short")
    with pytest.raises(ConfigError, match="CORS origin"):
        SecurityConfig(api_token=TOKEN, cors_origins=("*",))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MARSAD_API_RATE_LIMIT", "many")
        with pytest.raises(ConfigError, match="MARSAD_API_RATE_LIMIT"):
            SecurityConfig.from_env()


def test_server_binds_loopback_unless_told_otherwise():
    from marsad import cli
    from marsad.api import app as api_app

    assert inspect.signature(api_app.serve).parameters["host"].default == "127.0.0.1"
    option = inspect.signature(cli.serve).parameters["host"].default
    assert option == "127.0.0.1"


# -- CORS, limits, headers, errors ---------------------------------------------------------------------

def test_cors_is_closed_by_default_and_follows_the_allow_list(sessions, corpus):
    closed = client_for(sessions)
    response = closed.get("/stats", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    preflight = closed.options("/events", headers={"Origin": "https://evil.example",
                                                   "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    opened = client_for(sessions, MARSAD_API_CORS_ORIGINS="https://analysts.example, https://other.example")
    good = opened.get("/stats", headers={"Origin": "https://analysts.example"})
    assert good.headers["access-control-allow-origin"] == "https://analysts.example"
    bad = opened.get("/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in bad.headers


def test_request_body_size_is_limited_even_without_content_length(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN, MARSAD_API_MAX_BODY="4096")
    before = table_counts(sessions)
    big = {"articles": [{"text": ARTICLE * 40}]}
    response = client.post("/ingest", json=big, headers=AUTH)
    assert response.status_code == 413 and "4096" in response.json()["detail"]

    def chunks():  # chunked transfer: no Content-Length to check up front
        for _ in range(100):
            yield b" " * 1000

    streamed = client.post("/ingest", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert table_counts(sessions) == before


def test_rate_limits_reads_and_writes_separately(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN, MARSAD_API_RATE_LIMIT="5",
                        MARSAD_API_WRITE_RATE_LIMIT="2")
    statuses = [client.get("/stats").status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    limited = client.get("/stats")
    assert int(limited.headers["retry-after"]) >= 1 and "too many" in limited.json()["detail"]
    writes = [client.post("/event-sources/999999/split", headers=AUTH).status_code for _ in range(3)]
    assert writes == [404, 404, 429]


def test_rate_limiter_refills_and_forgets_old_clients():
    limiter = RateLimiter(60, max_clients=3)
    assert all(limiter.allow("a", now=0.0)[0] for _ in range(60))
    allowed, wait = limiter.allow("a", now=0.0)
    assert not allowed and wait == pytest.approx(1.0)
    assert limiter.allow("a", now=1.0)[0]  # one token back after a second
    for client in "bcde":
        limiter.allow(client, now=2.0)
    assert len(limiter._buckets) == 3 and "a" not in limiter._buckets


def test_responses_carry_no_sniffing_and_no_active_content_headers(sessions, corpus):
    client = client_for(sessions)
    for path in ("/events", "/stats", "/articles/999999", "/events?limit=0"):
        response = client.get(path)
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"


def test_errors_never_leak_a_stack_trace(shared_corpus):
    def broken_sessions():
        raise RuntimeError(f"secret detail from {__file__}")

    client = TestClient(create_app(sessions=broken_sessions), raise_server_exceptions=False)
    for path in ("/events", "/stats", "/articles/1", "/network"):
        response = client.get(path)
        assert response.status_code == 500
        assert response.json() == {"detail": "internal server error"}
        assert "Traceback" not in response.text and "secret" not in response.text and ".py" not in response.text


def test_an_exhausted_connection_pool_sheds_load_with_503(shared_corpus):
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    def exhausted():
        raise PoolTimeout("QueuePool limit of size 10 overflow 30 reached")

    client = TestClient(create_app(sessions=exhausted), raise_server_exceptions=False)
    response = client.get("/events")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.json() == {"detail": "server busy; retry later"}


def test_file_databases_pool_as_many_connections_as_handler_threads(tmp_path):
    from marsad.store.db import make_engine

    engine = make_engine(str(tmp_path / "pool.db"))
    # anyio runs FastAPI's sync handlers on 40 threads: each can hold a connection (regression: 5 + 10
    # connections made 50 concurrent /network clients wait 30 s for one and get 500s).
    assert engine.pool.size() + engine.pool._max_overflow >= 40


def test_article_text_is_data_not_markup(sessions, corpus):
    client = client_for(sessions, MARSAD_API_TOKEN=TOKEN)
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    result = client.post("/ingest", headers=AUTH, json={"articles": [
        {"text": ARTICLE + script, "title": script, "outlet": script}]}).json()["results"][0]
    assert result["status"] == "new"
    for path in (f"/articles/{result['article_id']}", f"/articles?outlet={script}"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert script in str(response.json())  # kept exactly as written: data, served as JSON


# -- SQL injection through every parameter -------------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1", "' OR 1=1 --", "1; DROP TABLE events; --", "actor:ndf') OR ('1'='1",
    "%' UNION SELECT sqlite_version() --", "'; DELETE FROM articles; --", "'; SELECT pg_sleep(10); --",
    "a\x00b", "99999999999999999999999", "-1", "1e309", "حلب' OR '1'='1", "%",
]


def get_routes(schema: dict) -> list[tuple[str, list[dict]]]:
    return [(path, ops["get"].get("parameters", [])) for path, ops in schema["paths"].items() if "get" in ops]


def concrete(path: str, value: str) -> str:
    from urllib.parse import quote

    out = path
    for name in ("article_id", "event_id", "actor_id", "place_id"):
        out = out.replace("{" + name + "}", quote(value, safe=""))
    return out


def test_sql_injection_through_every_parameter_of_every_endpoint(shared_corpus, monkeypatch):
    sessions = shared_corpus[0]
    monkeypatch.setenv("MARSAD_API_RATE_LIMIT", "0")
    client = TestClient(create_app(sessions=sessions), raise_server_exceptions=False)
    before = fingerprint(sessions)
    events_total = client.get("/events").json()["total"]
    routes = get_routes(client.get("/openapi.json").json())
    assert {p for p, _ in routes} >= {"/events", "/network", "/articles", "/actors", "/events/{event_id}"}
    failures, tried = [], 0
    for path, parameters in routes:
        query_params = [p["name"] for p in parameters if p["in"] == "query"]
        has_path_param = any(p["in"] == "path" for p in parameters)
        for payload in INJECTIONS:
            attempts = [(concrete(path, payload), {})] if has_path_param else []
            sample = concrete(path, "1")
            attempts += [(sample, {name: payload}) for name in query_params]
            for url, params in attempts:
                tried += 1
                response = client.get(url, params=params)
                allowed = {200, 422} | ({404} if has_path_param else set())
                if response.status_code not in allowed:
                    failures.append((url, params, response.status_code, response.text[:200]))
                elif response.status_code == 200 and path == "/events" and params and \
                        next(iter(params)) in {"plover", "acled_event_type", "actor", "actor_kind", "outlet",
                                               "place", "governorate"}:
                    # A tautology spliced into SQL would return every event; a bound value matches none.
                    assert response.json()["total"] == 0, (params, response.json()["total"], events_total)
    assert not failures, failures
    assert tried > 250
    assert fingerprint(sessions) == before
    with sessions() as s:  # the schema is whole too
        assert s.execute(text("SELECT count(*) FROM articles")).scalar() == before[0]["articles"]

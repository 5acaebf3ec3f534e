"""Shared fixtures: corpus databases (SQLite and PostgreSQL) and Documents annotated by hand.

`store_url` is parametrised over both backends. PostgreSQL comes from MARSAD_TEST_POSTGRES_URL,
which `scripts/with-postgres.sh` (run by `make test`) sets after starting a throwaway server.
Without it the PostgreSQL cases skip, unless MARSAD_REQUIRE_POSTGRES=1 (set by that script and
by CI), where a missing or unreachable server fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from marsad.document import (
    Actor,
    Document,
    Event,
    EventDate,
    Evidence,
    Mention,
    MentionType,
    Person,
    Place,
    Relation,
    Span,
)
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import from_text
from marsad.pipeline import analyze
from marsad.settings import Settings

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "samples" / "orient-aleppo-militias.txt"
# Fixture documents get their layers by hand, so they only need cleaning and sentences.
HAND = Settings(stages=("clean", "segment"))
BACKENDS = ["sqlite", "postgresql"]
Built = tuple[RawArticle, Document]
TABLES = ["event_actors", "event_sources", "events", "relations", "mentions", "article_entities",
          "quarantine", "articles", "actors", "people", "places"]


def _postgres_url() -> str | None:
    url = os.environ.get("MARSAD_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("MARSAD_REQUIRE_POSTGRES") == "1":
        pytest.fail("MARSAD_REQUIRE_POSTGRES=1 but MARSAD_TEST_POSTGRES_URL is not set "
                    "(run the suite through scripts/with-postgres.sh, as `make test` does)")
    pytest.skip("no PostgreSQL for this run (set MARSAD_TEST_POSTGRES_URL or use `make test`)")


@pytest.fixture(scope="session", params=BACKENDS)
def _migrated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    from marsad.store.db import make_engine, migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'corpus.db'}" if request.param == "sqlite" else _postgres_url()
    engine = make_engine(url)
    try:
        with engine.begin() as conn:  # a fresh schema for this run
            if request.param == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        migrate(engine)
    except Exception as exc:
        pytest.fail(f"{request.param}: cannot prepare the test database {url}: {exc}")
    yield url, engine
    engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in TABLES:
                conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def store_url(_migrated: tuple[str, Engine]) -> str:
    """The URL of an empty, migrated corpus database (each backend in turn)."""
    _empty(_migrated[1])
    return _migrated[0]


@pytest.fixture
def sessions(store_url: str, _migrated: tuple[str, Engine]) -> sessionmaker[Session]:
    return sessionmaker(_migrated[1], expire_on_commit=False)


# -- Documents with hand-made layers ---------------------------------------------------------------

ACTORS = {
    "actor:russia-backed-militias": Actor(id="actor:russia-backed-militias", name_en="Russia-backed militias",
                                          name_ar="ميليشيات روسيا", kind="militia", inter_code=3,
                                          country="SY", backed_by=["actor:russia"]),
    "actor:iran-backed-militias": Actor(id="actor:iran-backed-militias", name_en="Iran-backed militias",
                                        name_ar="ميليشيات إيران", kind="militia", inter_code=3, country="SY",
                                        backed_by=["actor:iran"]),
    "actor:syrian-government": Actor(id="actor:syrian-government", name_en="Military Forces of Syria",
                                     name_ar="قوات النظام", kind="state_forces", inter_code=1, country="SY"),
    "actor:russia": Actor(id="actor:russia", name_en="Military Forces of Russia", name_ar="روسيا",
                          kind="external_state", inter_code=8, country="RU"),
    "actor:iran": Actor(id="actor:iran", name_en="Iran", name_ar="إيران", kind="external_state",
                        inter_code=8, country="IR"),
    "actor:civilians": Actor(id="actor:civilians", name_en="Civilians (Syria)", name_ar="المدنيين",
                             kind="civilians", inter_code=7, country="SY"),
}
PLACES = {
    "place:aleppo-governorate": Place(id="place:aleppo-governorate", name_en="Aleppo Governorate",
                                      name_ar="محافظة حلب", kind="governorate", lat=36.2, lon=37.16,
                                      governorate="Aleppo", country="SY"),
    "place:aleppo": Place(id="place:aleppo", name_en="Aleppo", name_ar="حلب", kind="city", lat=36.2021,
                          lon=37.1343, governorate="Aleppo", country="SY", parent="place:aleppo-governorate"),
    "place:aleppo-airport": Place(id="place:aleppo-airport", name_en="Aleppo International Airport",
                                  name_ar="مطار حلب الدولي", kind="facility", lat=36.1807, lon=37.2244,
                                  governorate="Aleppo", country="SY", parent="place:aleppo"),
    "place:idlib-governorate": Place(id="place:idlib-governorate", name_en="Idlib Governorate",
                                     name_ar="محافظة إدلب", kind="governorate", lat=35.93, lon=36.63,
                                     governorate="Idlib", country="SY"),
    "place:khan-shaykhun": Place(id="place:khan-shaykhun", name_en="Khan Shaykhun", name_ar="خان شيخون",
                                 kind="town", lat=35.4417, lon=36.6508, governorate="Idlib", country="SY",
                                 parent="place:idlib-governorate"),
}
PEOPLE = {
    "person:abd-al-malik-berri": Person(id="person:abd-al-malik-berri", name_en="Abd al-Malik Berri",
                                        name_ar="عبد الملك بري", aliases=["عبد الملك بري"]),
}


def annotate(doc: Document, *, mentions: list[tuple[str, str, MentionType]] = (),
             events: list[dict[str, Any]] = (), relations: list[tuple[str, str, str, str]] = ()) -> Document:
    """Add layers by hand. Spans are located in the text, so a wrong surface fails loudly.

    mentions: (surface, ref, type); events: dicts with `trigger` plus Event fields;
    relations: (type, source, target, evidence surface).
    """
    refs: set[str] = set()
    for n, (surface, ref, mtype) in enumerate(mentions, start=1):
        start = doc.text.index(surface)
        doc.mentions.append(Mention(id=f"m{n}", text=surface, start=start, end=start + len(surface), type=mtype,
                                    ref=ref, origin="kb", framing="opposition" if "أسد" in surface else None))
        refs.add(ref)
    for n, spec in enumerate(events, start=1):
        spec = dict(spec)
        trigger = spec.pop("trigger")
        start = doc.text.index(trigger)
        sentence = next((s for s in doc.sentences if s.start <= start < s.end), Span(start=0, end=len(doc.text)))
        span = Span(start=start, end=start + len(trigger))
        date = spec.pop("date", None)
        doc.events.append(Event(id=f"e{n}", sentence=sentence, trigger=span,
                                evidence=[Evidence(sentence=sentence, trigger=span)],
                                date=EventDate(value=date, precision=_precision(date), text=date) if date
                                else EventDate(), confidence=spec.pop("confidence", 0.8), **spec))
        refs.update(spec.get("actor1", []) + spec.get("actor2", []))
        if spec.get("place"):
            refs.add(spec["place"])
    for rtype, source, target, surface in relations:
        start = doc.text.index(surface)
        doc.relations.append(Relation(type=rtype, source=source, target=target,
                                      evidence=Span(start=start, end=start + len(surface))))
        refs.update([source, target])
    for ref in sorted(refs):
        if ref in ACTORS:
            doc.actors.append(ACTORS[ref])
            for parent in ACTORS[ref].backed_by:
                if parent not in refs and parent in ACTORS:
                    refs.add(parent)
        elif ref in PEOPLE:
            doc.people.append(PEOPLE[ref])
    # Places with their ancestors, so nesting is known to the store.
    wanted = [r for r in refs if r in PLACES]
    while wanted:
        ref = wanted.pop()
        if ref not in {p.id for p in doc.places}:
            doc.places.append(PLACES[ref])
            if PLACES[ref].parent:
                wanted.append(PLACES[ref].parent)
    doc.actors = list({a.id: a for a in doc.actors}.values())
    return doc


def _precision(value: str) -> str:
    if "XX" in value or value.count("-") == 1:
        return "month"
    return "day" if value.count("-") == 2 else "year"


def make_raw(text: str, *, outlet: str | None = None, title: str | None = None, published: str | None = None,
             url: str | None = None, label: str = "fixture") -> RawArticle:
    return from_text(text, label, HAND, outlet=outlet, title=title, published=published, url=url)


def build_article(text: str, *, outlet: str | None = None, title: str | None = None, published: str | None = None,
                  url: str | None = None, label: str = "fixture", **layers: Any) -> Built:
    raw = make_raw(text, outlet=outlet, title=title, published=published, url=url, label=label)
    return raw, annotate(analyze(raw, HAND), **layers)


@pytest.fixture
def make_article() -> Callable[..., Built]:
    """(raw, document) for a text, with hand layers given as in `annotate`."""
    return build_article


CLASH = ("عادت المناوشات بين ميليشيات روسيا وميليشيات إيران في مدينة حلب مساء الأربعاء بعد هدوء استمر شهراً، "
         "وقالت مصادر محلية إن الاشتباكات استخدمت فيها الأسلحة الخفيفة والمتوسطة قرب مطار حلب الدولي. "
         "وأضافت المصادر أن قوات النظام لم تتدخل لفض الاشتباك حتى صباح اليوم التالي.")


def build_clash(outlet: str = "Orient Net", *, prefix: str = "", suffix: str = "", date: str = "2019-07-03",
                published: str | None = "2019-07-04", title: str = "اشتباكات بين الميليشيات في حلب",
                place: str = "place:aleppo-airport", text: str | None = None) -> Built:
    """The Aleppo clash story, as one outlet tells it (furniture and date vary by call)."""
    return build_article(
        prefix + (text or CLASH) + suffix, outlet=outlet, title=title, published=published,
        url=f"https://{outlet.lower().replace(' ', '')}.example/clash",
        mentions=[("ميليشيات روسيا", "actor:russia-backed-militias", MentionType.ARMED_GROUP),
                  ("ميليشيات إيران", "actor:iran-backed-militias", MentionType.ARMED_GROUP),
                  ("حلب", "place:aleppo", MentionType.LOCATION),
                  ("قوات النظام", "actor:syrian-government", MentionType.ARMED_GROUP)],
        events=[{"trigger": "المناوشات", "plover": "FIGHT", "mode": "small arms",
                 "acled_event_type": "Battles", "acled_sub_event_type": "Armed clash",
                 "actor1": ["actor:russia-backed-militias"], "actor2": ["actor:iran-backed-militias"],
                 "place": place, "date": date, "summary_en": "Russia- and Iran-backed militias clashed"}],
        relations=[("hostile_to", "actor:russia-backed-militias", "actor:iran-backed-militias", "ميليشيات إيران")],
    )


@pytest.fixture
def clash_article() -> Callable[..., Built]:
    return build_clash


def reference_article(make_article: Callable[..., Built]) -> Built:
    """The reference article with the layers an analyst expects for three of its events (by hand)."""
    return make_article(
        REFERENCE.read_text(encoding="utf-8"), outlet="Orient Net", label=str(REFERENCE),
        url="https://orient-news.example/aleppo-militias",
        mentions=[("ميليشيات روسيا", "actor:russia-backed-militias", MentionType.ARMED_GROUP),
                  ("الميليشيات الإيرانية", "actor:iran-backed-militias", MentionType.ARMED_GROUP),
                  ("ميليشيات أسد", "actor:syrian-government", MentionType.ARMED_GROUP),
                  ("الجانب الروسي", "actor:russia", MentionType.STATE),
                  ("خان شيخون", "place:khan-shaykhun", MentionType.LOCATION),
                  ("مطار حلب الدولي", "place:aleppo-airport", MentionType.FACILITY),
                  ("عبد الملك بري", "person:abd-al-malik-berri", MentionType.PERSON)],
        events=[
            {"trigger": "المناوشات", "plover": "FIGHT", "acled_event_type": "Battles",
             "acled_sub_event_type": "Armed clash", "actor1": ["actor:russia-backed-militias"],
             "actor2": ["actor:iran-backed-militias"], "place": "place:aleppo", "status": "reported_claim",
             "summary_en": "Russia- and Iran-backed militias clashed in Aleppo"},
            {"trigger": "استيلاء", "plover": "SEIZE", "acled_event_type": "Strategic developments",
             "acled_sub_event_type": "Non-state actor overtakes territory", "actor1": ["actor:syrian-government"],
             "place": "place:khan-shaykhun", "date": "2019-08", "summary_en": "Government forces took Khan Shaykhun"},
            {"trigger": "حاولت", "plover": "ASSAULT", "acled_event_type": "Battles",
             "acled_sub_event_type": "Armed clash", "actor1": ["actor:russia-backed-militias"],
             "actor2": ["actor:iran-backed-militias"], "place": "place:aleppo-airport", "status": "failed",
             "summary_en": "Russia-backed militias failed to advance on the airport"},
            {"trigger": "وعد", "plover": "AGREE", "actor1": ["actor:russia"], "actor2": ["actor:iran-backed-militias"],
             "place": "place:aleppo", "status": "promised", "summary_en": "Russia promised to oust the Iranians"},
        ],
        relations=[("backs", "actor:russia", "actor:russia-backed-militias", "ميليشيات أخرى مشكلة من قبل روسيا"),
                   ("hostile_to", "actor:russia-backed-militias", "actor:iran-backed-militias",
                    "المناوشات بين ميليشيات روسيا وإيران"),
                   ("leads", "person:abd-al-malik-berri", "actor:russia-backed-militias", "عبد الملك بري")],
    )


AIRSTRIKE = ("قتل خمسة مدنيين وجرح عشرة آخرون جراء غارة جوية نفذتها الطائرات الروسية على مدينة خان شيخون "
             "في ريف إدلب الجنوبي صباح اليوم، بحسب ما أفاد به الدفاع المدني السوري الذي انتشل الضحايا من تحت الأنقاض.")


def build_corpus(sessions: sessionmaker[Session]) -> dict[str, int]:
    """A small corpus: one clash told by three outlets, an airstrike, and the reference article."""
    from marsad.store.repository import CorpusWriter

    make_article, clash_article = build_article, build_clash

    items = {
        "clash_orient": clash_article("Orient Net"),
        "clash_enab": clash_article("Enab Baladi", prefix="عنب بلدي - حلب: ", suffix=" تابعونا على تلغرام.",
                                    date="2019-07-04", title="مناوشات جديدة بين ميليشيات روسيا وإيران"),
        "clash_exact": clash_article("Zaman al-Wasl"),  # the same text as Orient's: an exact duplicate
        "airstrike": make_article(
            AIRSTRIKE, outlet="SMART", published="2019-08-20", title="غارة روسية على خان شيخون",
            mentions=[("الطائرات الروسية", "actor:russia", MentionType.STATE),
                      ("مدنيين", "actor:civilians", MentionType.NORP),
                      ("خان شيخون", "place:khan-shaykhun", MentionType.LOCATION)],
            events=[{"trigger": "غارة جوية", "plover": "ATTACK", "mode": "air",
                     "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Air/drone strike",
                     "actor1": ["actor:russia"], "actor2": ["actor:civilians"], "place": "place:khan-shaykhun",
                     "date": "2019-08-20", "fatalities": 5, "injured": 10,
                     "summary_en": "Russian aircraft struck Khan Shaykhun, killing five civilians"}]),
        "reference": reference_article(make_article),
    }
    ids: dict[str, int] = {}
    with sessions() as session:
        writer = CorpusWriter(session)
        for name, (raw, doc) in items.items():
            outcome = writer.add(raw, doc)
            assert outcome.article_id is not None, (name, outcome)
            ids[name] = outcome.article_id
        session.commit()
    return ids


@pytest.fixture
def corpus(sessions: sessionmaker[Session]) -> dict[str, int]:
    return build_corpus(sessions)


@pytest.fixture(scope="module")
def shared_corpus(_migrated: tuple[str, Engine]) -> tuple[sessionmaker[Session], dict[str, int], str]:
    """The same corpus built once per test module (for tests that only read): sessions, ids, url."""
    url, engine = _migrated
    _empty(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return sessions, build_corpus(sessions), url

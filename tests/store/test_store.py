"""The corpus store on SQLite and PostgreSQL: writing, duplicates, search, merging, reanalysis."""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from marsad.document import EventStatus
from marsad.errors import InputError
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.db import downgrade, make_engine, migrate
from marsad.store.ingest import reanalyze
from marsad.store.merge import remerge_all, split_source
from marsad.store.queries import ArticleFilter, list_articles
from marsad.store.repository import DUPLICATE, NEW, QUARANTINED, CorpusWriter


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def events_after_storing(sessions, *articles) -> int:
    """Corpus events after writing these (raw, document) pairs in one writer."""
    with sessions() as s:
        writer = CorpusWriter(s)
        for raw, doc in articles:
            writer.add(raw, doc)
        s.commit()
        return count(s, m.Event)


def test_migrations_create_every_table_and_downgrade_cleanly(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "mentions", "actors", "people", "places", "events", "event_sources", "relations",
            "quarantine", "articles_fts"} <= tables
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)  # and up again
    assert "articles_fts" in set(inspect(engine).get_table_names())


def test_article_is_stored_whole_with_raw_input_and_layers(sessions, corpus):
    with sessions() as s:
        article = s.get(m.Article, corpus["reference"])
        assert article.raw.decode("utf-8").startswith("التوتر يعود للواجهة")  # the input as received
        assert article.document["title"].startswith("التوتر يعود للواجهة")
        assert count(s, m.Mention, m.Mention.article_id == article.id) == 7
        assert count(s, m.Relation, m.Relation.article_id == article.id) == 3
        assert count(s, m.EventSource, m.EventSource.article_id == article.id) == 4
        mention = s.scalars(select(m.Mention).where(m.Mention.ref == "place:khan-shaykhun",
                                                    m.Mention.article_id == article.id)).one()
        assert article.text[mention.start:mention.end] == "خان شيخون"
        assert s.get(m.Place, "place:khan-shaykhun").parent == "place:idlib-governorate"
        assert s.get(m.Actor, "actor:russia").inter_code == 8


def test_exact_and_near_duplicates_form_one_story(sessions, corpus):
    with sessions() as s:
        orient, enab, exact = (s.get(m.Article, corpus[k]) for k in ("clash_orient", "clash_enab", "clash_exact"))
        assert exact.duplicate_of == orient.id and exact.outlet == "Zaman al-Wasl"
        assert enab.duplicate_of is None and 0.7 <= enab.story_similarity < 1.0
        assert orient.story_id == enab.story_id == exact.story_id == orient.id
        # The exact duplicate adds an outlet but no second set of layers.
        assert count(s, m.EventSource, m.EventSource.article_id == exact.id) == 0
        airstrike = s.get(m.Article, corpus["airstrike"])
        assert airstrike.story_id == airstrike.id


def test_same_input_twice_adds_nothing(sessions, clash_article):
    raw, doc = clash_article("Orient Net")
    with sessions() as s:
        assert CorpusWriter(s).add(raw, doc).status == NEW
        s.commit()
    with sessions() as s:  # a new run: the writer reloads what is stored
        assert CorpusWriter(s).add(raw, doc).status == DUPLICATE
        s.commit()
        assert count(s, m.Article) == 1 and count(s, m.Event) == 1


def test_quarantine_keeps_input_and_reason_once(sessions, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "حلب"}\n{not json\n', encoding="utf-8")
    error = InputError(f"{bad}:2", "invalid JSON (Expecting property name at column 2)")
    with sessions() as s:
        writer = CorpusWriter(s)
        assert writer.quarantine_error(error).status == QUARANTINED
        assert writer.quarantine_error(error).status == DUPLICATE
        s.commit()
        row = s.scalars(select(m.Quarantine)).one()
        assert row.raw == b"{not json\n" and row.reason.startswith("invalid JSON") and row.label.endswith(":2")


def search(sessions, query):
    with sessions() as s:
        return {r.id for r in list_articles(s, ArticleFilter(q=query))[1]}


def test_full_text_search_ignores_hamza_taa_marbuta_diacritics_and_clitics(sessions, corpus):
    clash = {corpus["clash_orient"], corpus["clash_enab"], corpus["reference"]}
    assert search(sessions, "ميليشيات") == clash
    assert search(sessions, "ايران") == clash  # written إيران
    assert search(sessions, "مِيلِيشِيَاتُ إِيرَانَ") == clash  # with diacritics
    assert search(sessions, "مدينه خان شيخون") == {corpus["airstrike"], corpus["reference"]}  # taa marbuta
    assert search(sessions, "اجتماع") == {corpus["reference"]}  # stored as `اجتماعاً` and `الاجتماع`
    assert search(sessions, "طائرات") == {corpus["airstrike"]}  # stored as `الطائرات`
    assert search(sessions, "دمشق حماة") == {corpus["reference"]}  # every word must occur
    assert search(sessions, "بغداد") == set()
    assert search(sessions, '") OR 1=1 --') == set()  # query syntax is data, never SQL or FTS syntax


def test_reports_of_one_clash_merge_with_explanation(sessions, corpus):
    with sessions() as s:
        sources = s.scalars(select(m.EventSource).where(
            m.EventSource.article_id.in_([corpus["clash_orient"], corpus["clash_enab"]]))).all()
        assert len({x.event_id for x in sources}) == 1
        event = s.get(m.Event, sources[0].event_id)
        assert (event.num_sources, event.num_articles, event.num_outlets) == (2, 2, 2)
        joined = next(x for x in sources if x.merge)
        assert set(joined.merge["matched"]) == {"type", "status", "date", "place", "actors", "story"}
        assert joined.merge["matched"]["date"].startswith("1 day")
        # The reference article's clash has no date and is another story: not merged.
        ref = s.scalars(select(m.EventSource).where(m.EventSource.article_id == corpus["reference"],
                                                    m.EventSource.plover == "FIGHT")).one()
        assert ref.event_id != event.id


def test_merge_needs_window_nested_place_and_shared_actors(sessions, clash_article):
    stories = [
        clash_article("A", text="تجددت المناوشات بين ميليشيات روسيا وميليشيات إيران في حلب ليلاً وسط استنفار أمني."
                      " وقالت مصادر إن قوات النظام انتشرت في الأحياء.", date="2019-07-03", place="place:aleppo"),
        # Another outlet, different wording, the airport (inside Aleppo), one day later: merges.
        clash_article("B", text="اندلعت المناوشات قرب المطار بين ميليشيات روسيا وميليشيات إيران في حلب وفق ناشطين."
                      " ولم تتدخل قوات النظام.", date="2019-07-04"),
        # Three days later: outside the default window of one day.
        clash_article("C", text="سجلت المناوشات مجدداً بين ميليشيات روسيا وميليشيات إيران في حلب بحسب مراسلنا."
                      " وتحدث سكان عن قوات النظام.", date="2019-07-07"),
        # Same day, but in Khan Shaykhun: not the same or a nested place.
        clash_article("D", text="وقعت المناوشات بين ميليشيات روسيا وميليشيات إيران في حلب ثم امتدت إلى إدلب."
                      " وانسحبت قوات النظام.", date="2019-07-03", place="place:khan-shaykhun"),
    ]
    with sessions() as s:
        writer = CorpusWriter(s)
        ids = [writer.add(raw, doc).article_id for raw, doc in stories]
        s.commit()
        event_of = {a: s.scalar(select(m.EventSource.event_id).where(m.EventSource.article_id == a)) for a in ids}
        assert event_of[ids[0]] == event_of[ids[1]]
        assert len({event_of[ids[0]], event_of[ids[2]], event_of[ids[3]]}) == 3
        b = s.scalars(select(m.EventSource).where(m.EventSource.article_id == ids[1])).one()
        assert b.merge["matched"]["place"] == "place:aleppo-airport is within place:aleppo"
        assert "story" not in b.merge["matched"]  # different texts: merged on the fields alone
        # A wider window merges C too; the merge is recomputed from the sources.
        remerge_all(s, window_days=4)
        s.commit()
        assert s.scalar(select(m.Event.num_sources).where(m.Event.id == s.scalar(
            select(m.EventSource.event_id).where(m.EventSource.article_id == ids[2])))) == 3


def test_a_merge_can_be_undone_and_stays_undone(sessions, corpus):
    with sessions() as s:
        joined = s.scalars(select(m.EventSource).where(m.EventSource.article_id == corpus["clash_enab"])).one()
        old_event = joined.event_id
        new_event = split_source(s, joined.id)
        s.commit()
        assert new_event.id != old_event and new_event.num_sources == 1
        assert s.get(m.Event, old_event).num_sources == 1
        assert s.get(m.EventSource, joined.id).merge is None
        remerge_all(s)  # automatic merging respects the split
        s.commit()
        events = {x.event_id for x in s.scalars(select(m.EventSource).where(
            m.EventSource.article_id.in_([corpus["clash_orient"], corpus["clash_enab"]])))}
        assert len(events) == 2


def test_month_dates_are_too_coarse_to_merge_different_stories(sessions, clash_article):
    one = clash_article("A", date="2019-07")
    other = clash_article("B", text="تجددت المناوشات بين ميليشيات روسيا وميليشيات إيران في حلب ليلاً وسط استنفار أمني."
                          " وقالت مصادر إن قوات النظام انتشرت في الأحياء.", date="2019-07")
    assert events_after_storing(sessions, one, other) == 2


def test_unreal_events_do_not_merge_with_real_ones(sessions, clash_article):
    occurred = clash_article("A", date="2019-07-03")
    promised = clash_article("B", text="هددت ميليشيات روسيا بشن المناوشات ضد ميليشيات إيران في حلب إذا لم تنسحب."
                             " وقالت قوات النظام إنها ستتدخل.", date="2019-07-03")
    promised[1].events[0].status = EventStatus.threatened
    assert events_after_storing(sessions, occurred, promised) == 2


def test_merged_event_takes_most_specific_place_and_lowest_fatalities(sessions, make_article):
    from marsad.document import MentionType

    text = "قتل {n} مدنيين في غارة جوية على خان شيخون في ريف إدلب الجنوبي اليوم بحسب مصادر محلية ومراسلين في المنطقة."
    reports = []
    for outlet, n, place in (("A", "ثلاثة", "place:idlib-governorate"), ("B", "سبعة", "place:khan-shaykhun")):
        reports.append(make_article(
            text.format(n=n), outlet=outlet, mentions=[("خان شيخون", "place:khan-shaykhun", MentionType.LOCATION)],
            events=[{"trigger": "غارة جوية", "plover": "ATTACK", "acled_event_type": "Explosions/Remote violence",
                     "actor1": ["actor:russia"], "actor2": ["actor:civilians"], "place": place, "date": "2019-08-20",
                     "fatalities": 3 if outlet == "A" else 7}]))
    with sessions() as s:
        writer = CorpusWriter(s)
        for raw, doc in reports:
            writer.add(raw, doc)
        s.commit()
        event = s.scalars(select(m.Event)).one()
        assert event.place == "place:khan-shaykhun" and event.fatalities == 3 and event.num_sources == 2


def test_reanalyze_rebuilds_layers_from_the_raw_input(sessions, corpus, tmp_path):
    with sessions() as s:
        before = count(s, m.Article)
        assert count(s, m.Mention) > 0
    counts = reanalyze(sessions, Settings(stages=("clean", "segment")))
    assert counts.failed == 0 and counts.reanalyzed == before
    with sessions() as s:
        # Clean + segment only: the hand-made layers are gone, the articles and their raw inputs are not.
        assert count(s, m.Article) == before and count(s, m.Mention) == 0 and count(s, m.Event) == 0
        article = s.get(m.Article, corpus["reference"])
        assert article.document["sentences"] and article.text.startswith("عادت المناوشات")
        assert search(sessions, "خان شيخون") == {corpus["airstrike"], corpus["reference"]}

"""Dashboard load time and responsiveness, measured in Debian's Chromium (headless).

    .venv/bin/python benchmarks/dashboard.py                 # examples, then 10,000 events
    .venv/bin/python benchmarks/dashboard.py --events 2000   # a smaller synthetic corpus
    .venv/bin/python benchmarks/dashboard.py --workdir /tmp/bench   # keep the 10,000-event corpus for reruns

1. The examples (and the reference article) are ingested with the real pipeline and the dashboard is
   opened on them: the time from navigation to the map drawn with every event is printed.
2. A synthetic corpus of N events (hand-built Documents written through the store's own writer,
   so the API serves them exactly as ingested ones) is served, and the figures printed are: the
   first load, applying a time brush, filtering by an actor, opening the network, and the longest
   main-thread task seen while doing so (what decides whether the page feels stuck).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.web.browser import launch  # noqa: E402
from tests.web.server import serving  # noqa: E402

from marsad.document import Actor, Event, EventDate, Evidence, Place, Span  # noqa: E402
from marsad.ingest.readers import from_text  # noqa: E402
from marsad.pipeline import analyze  # noqa: E402
from marsad.settings import Settings  # noqa: E402

HAND = Settings(stages=("clean", "segment"))

# Places with approximate public coordinates: (id, English, Arabic, governorate, lat, lon).
PLACES = [
    ("aleppo", "Aleppo", "حلب", "Aleppo", 36.202, 37.134), ("idlib", "Idlib", "إدلب", "Idlib", 35.931, 36.634),
    ("maarat", "Maarat al-Numan", "معرة النعمان", "Idlib", 35.644, 36.671),
    ("khan-shaykhun", "Khan Shaykhun", "خان شيخون", "Idlib", 35.442, 36.651),
    ("saraqib", "Saraqib", "سراقب", "Idlib", 35.864, 36.806), ("hama", "Hama", "حماة", "Hama", 35.132, 36.757),
    ("homs", "Homs", "حمص", "Homs", 34.731, 36.710), ("palmyra", "Palmyra", "تدمر", "Homs", 34.560, 38.267),
    ("damascus", "Damascus", "دمشق", "Damascus", 33.513, 36.292),
    ("douma", "Douma", "دوما", "Rif Dimashq", 33.572, 36.402), ("daraa", "Daraa", "درعا", "Daraa", 32.626, 36.106),
    ("suwayda", "As-Suwayda", "السويداء", "As-Suwayda", 32.709, 36.566),
    ("quneitra", "Quneitra", "القنيطرة", "Quneitra", 33.126, 35.824),
    ("latakia", "Latakia", "اللاذقية", "Latakia", 35.523, 35.792),
    ("tartus", "Tartus", "طرطوس", "Tartus", 34.889, 35.887),
    ("raqqa", "Raqqa", "الرقة", "Raqqa", 35.952, 39.009), ("tabqa", "Tabqa", "الطبقة", "Raqqa", 35.836, 38.548),
    ("deir-ez-zor", "Deir ez-Zor", "دير الزور", "Deir ez-Zor", 35.336, 40.141),
    ("albukamal", "Albu Kamal", "البوكمال", "Deir ez-Zor", 34.453, 40.918),
    ("mayadin", "Al-Mayadin", "الميادين", "Deir ez-Zor", 35.020, 40.450),
    ("hasakah", "Al-Hasakah", "الحسكة", "Al-Hasakah", 36.507, 40.747),
    ("qamishli", "Qamishli", "القامشلي", "Al-Hasakah", 37.052, 41.231),
    ("manbij", "Manbij", "منبج", "Aleppo", 36.527, 37.955), ("afrin", "Afrin", "عفرين", "Aleppo", 36.512, 36.869),
    ("al-bab", "Al-Bab", "الباب", "Aleppo", 36.371, 37.517),
]
ACTORS = [
    ("syrian-army", "Military Forces of Syria", "قوات النظام", "state_forces"),
    ("russia", "Russia", "روسيا", "state"), ("iran-backed", "Iran-backed militias", "الميليشيات الإيرانية", "militia"),
    ("hts", "Hayat Tahrir al-Sham", "هيئة تحرير الشام", "armed_group"),
    ("sna", "Syrian National Army", "الجيش الوطني السوري", "armed_group"),
    ("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "armed_group"),
    ("isis", "Islamic State", "تنظيم الدولة", "armed_group"),
    ("ndf", "National Defence Forces", "الدفاع الوطني", "militia"),
    ("turkey", "Turkey", "تركيا", "state"), ("civilians", "Civilians", "المدنيين", "collective"),
]
TYPES = [("ASSAULT", "Battles", "قصفت"), ("ASSAULT", "Explosions/Remote violence", "استهدفت"),
         ("COERCE", "Violence against civilians", "اعتقلت"), ("PROTEST", "Protests", "تظاهر"),
         ("MOBILIZE", "Strategic developments", "حشدت"), ("CONSULT", "Strategic developments", "اجتمعت")]
OUTLETS = ["Orient Net", "Enab Baladi", "SANA", "Syria TV", "Step News", "Al-Watan"]


def synthetic_corpus(url: str, n: int, per_article: int = 5, seed: int = 7) -> int:
    """Write ``n`` events, ``per_article`` to an article, through the store's writer; returns the
    number of corpus events (a few merge, as the store merges compatible reports)."""
    from sqlalchemy import func, select

    from marsad.store import models as m
    from marsad.store.db import open_store
    from marsad.store.repository import CorpusWriter

    rnd = random.Random(seed)
    sessions = open_store(url)
    start = date(2019, 1, 1)
    with sessions() as session:
        writer = CorpusWriter(session)
        for i in range(0, n, per_article):
            specs = []
            sentences = []
            for j in range(min(per_article, n - i)):
                place = rnd.choice(PLACES)
                a1, a2 = rnd.sample(ACTORS, 2)
                kind = rnd.choice(TYPES)
                day = start + timedelta(days=rnd.randrange(5 * 365))
                k = rnd.randint(0, 30)
                specs.append((place, a1, a2, kind, day, k))
                sentences.append(
                    f"وأفادت مصادر محلية بأن {a1[2]} {kind[2]} مواقع {a2[2]} في {place[2]} يوم {day.day} "
                    f"من الشهر، ما أدى إلى سقوط {k} من العناصر بحسب الحصيلة رقم {i + j} "
                    f"والتقرير {rnd.randint(100, 99999)}.")
            body = "\n".join(sentences)
            first = specs[0]
            raw = from_text(body, f"synthetic-{i}", HAND, outlet=rnd.choice(OUTLETS), published=first[4].isoformat(),
                            url=f"https://example.org/{i}", title=f"{first[1][2]} في {first[0][2]} ({i})")
            doc = analyze(raw, HAND)
            cursor = 0
            actors, places = {}, {}
            for j, ((pid, pen, par, gov, lat, lon), a1, a2, (plover, acled, verb), day, k) in enumerate(specs):
                trig = doc.text.index(verb, cursor)
                cursor = trig + len(verb)
                sentence = next((s for s in doc.sentences if s.start <= trig < s.end),
                                Span(start=0, end=len(doc.text)))
                span = Span(start=trig, end=trig + len(verb))
                status = rnd.choices(["occurred", "attempted", "promised", "denied", "reported_claim"],
                                     [80, 6, 5, 4, 5])[0]
                doc.events.append(Event(
                    id=f"e{j + 1}", plover=plover, acled_event_type=acled, actor1=[f"actor:{a1[0]}"],
                    actor2=[f"actor:{a2[0]}"], place=f"place:bench-{pid}",
                    date=EventDate(value=day.isoformat(), precision="day"), status=status, sentence=sentence,
                    trigger=span, evidence=[Evidence(sentence=sentence, trigger=span)], fatalities=k or None,
                    confidence=round(rnd.uniform(0.5, 1.0), 2), summary_en=f"{a1[1]} vs {a2[1]} in {pen} ({acled})"))
                for a in (a1, a2):
                    actors[a[0]] = Actor(id=f"actor:{a[0]}", name_en=a[1], name_ar=a[2], kind=a[3])
                places[pid] = Place(id=f"place:bench-{pid}", name_en=pen, name_ar=par, kind="city", lat=lat,
                                    lon=lon, governorate=gov, country="SY")
            doc.actors = list(actors.values())
            doc.places = list(places.values())
            writer.add(raw, doc)
            if (i // per_article) % 100 == 99:
                session.commit()
        session.commit()
        return session.scalar(select(func.count()).select_from(m.Event)) or 0


LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest,
  e.duration); }).observe({ type: "longtask", buffered: true });
"""

# Runs an action in the page and resolves when the view has been redrawn (two frames after the
# dashboard reports the new state), returning milliseconds.
TIMED = """async ([action, arg]) => {
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const until = async (test) => { while (!test()) await new Promise((r) => setTimeout(r, 5)); };
  const count = () => document.querySelector('#event-count');
  const t0 = performance.now();
  if (action === 'brush') {
    const from = document.querySelector('#brush-from'); const to = document.querySelector('#brush-to');
    from.value = arg[0]; to.value = arg[1];
    to.dispatchEvent(new Event('change'));
    await until(() => Number(count().dataset.count) < window.marsad.state.events.length);
  } else if (action === 'unbrush') {
    document.querySelector('#brush-reset').click();
    await until(() => Number(count().dataset.count) === window.marsad.state.events.length);
  } else if (action === 'actor') {
    const before = window.marsad.state.loadMs; count().dataset.loading = 'wait';
    window.marsad.state.filters.actor = { id: arg, name_en: arg };
    window.marsad.reload();
    await until(() => !count().dataset.loading);
  } else if (action === 'network') {
    location.hash = '#/network';
    await until(() => document.querySelector('#network-graph').dataset.nodes);
  }
  await frames();
  return performance.now() - t0;
}"""


def open_and_wait(page, base: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from navigation to (events listed and drawn, map drawn with every place)."""
    t0 = time.perf_counter()
    page.goto(f"{base}/ui/#/map")
    page.wait_for_selector("body[data-load-ms]", timeout=120_000)
    events = (time.perf_counter() - t0) * 1000
    # Drawn: every event loaded and every place's coordinates fetched (the map's data-drawn).
    page.wait_for_selector("#map[data-drawn]", timeout=120_000)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return events, (time.perf_counter() - t0) * 1000


def measure_examples(browser, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from marsad.store.db import open_store
    from marsad.store.ingest import ingest

    url = f"sqlite:///{folder / 'examples.db'}"
    ingest([str(REPO / "examples"), str(REPO.parent / "shared" / "samples" / "orient-aleppo-militias.txt")],
           open_store(url), Settings())
    with serving(url) as base:
        cold, warm = [], []
        for _ in range(5):
            context = browser.new_context(viewport={"width": 1366, "height": 820}, bypass_csp=True)
            page = context.new_page()
            cold.append(open_and_wait(page, base))
            events = page.evaluate("window.marsad.state.events.length")
            places = page.evaluate("Object.keys(JSON.parse(localStorage.getItem('marsad.places.v1') || '{}')).length")
            page.close()
            page = context.new_page()  # a second visit: place coordinates come from the browser's cache
            warm.append(open_and_wait(page, base))
            context.close()
    med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
    print(f"examples: {events} events at {places} places shown; cold load (new browser profile): events drawn "
          f"{med(cold, 0):.0f} ms, map drawn with every place {med(cold, 1):.0f} ms "
          f"(max {max(x[1] for x in cold):.0f}); "
          f"second visit: {med(warm, 1):.0f} ms (medians of {len(cold)})")


def measure_large(browser, folder: Path, n: int) -> None:  # type: ignore[no-untyped-def]
    path = folder / f"synthetic-{n}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        print(f"synthetic corpus: reusing {path}")
    else:
        t0 = time.perf_counter()
        events = synthetic_corpus(url, n)
        print(f"synthetic corpus: {n} events in {n // 5} articles -> {events} corpus events, "
              f"written in {time.perf_counter() - t0:.0f} s")
    with serving(url) as base:
        page = browser.new_page(viewport={"width": 1366, "height": 820}, bypass_csp=True)
        page.add_init_script(LONG_TASKS)
        t0 = time.perf_counter()
        page.goto(f"{base}/ui/#/map")
        page.wait_for_function("Number(document.querySelector('#map').dataset.markers || 0) > 0", timeout=120_000)
        markers = (time.perf_counter() - t0) * 1000
        page.wait_for_selector("#map[data-drawn]", timeout=120_000)
        first = (time.perf_counter() - t0) * 1000
        shown = page.evaluate("window.marsad.state.events.length")
        print(f"{shown} events (promised/denied hidden): first markers on the map {markers:.0f} ms; "
              f"every event drawn {first:.0f} ms (events fetched and drawn in "
              f"{page.evaluate('window.marsad.state.loadMs')} ms)")
        page.evaluate("window.__longest = 0")
        brush = [page.evaluate(TIMED, ["brush", [f"{y}-03-01", f"{y}-05-31"]]) for y in (2019, 2020, 2021, 2022)]
        longest_brush = page.evaluate("window.__longest")
        unbrush = page.evaluate(TIMED, ["unbrush", None])
        print(f"time brush (3 months): median {statistics.median(brush):.0f} ms, max {max(brush):.0f} ms; "
              f"reset {unbrush:.0f} ms; longest main-thread task {longest_brush:.0f} ms")
        page.evaluate("window.__longest = 0")
        actor = page.evaluate(TIMED, ["actor", "actor:hts"])
        print(f"actor filter (reload from the API): {actor:.0f} ms -> "
              f"{page.evaluate('window.marsad.state.events.length')} events; "
              f"longest task {page.evaluate('window.__longest'):.0f} ms")
        page.evaluate("window.marsad.state.filters.actor = null")
        page.evaluate(TIMED, ["actor", None])
        page.evaluate("window.__longest = 0")
        network = page.evaluate(TIMED, ["network", None])
        print(f"network view ({page.get_attribute('#network-graph', 'data-nodes')} actors, "
              f"{page.get_attribute('#network-graph', 'data-edges')} edges): {network:.0f} ms; "
              f"longest task {page.evaluate('window.__longest'):.0f} ms")
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events (five to an article)")
    parser.add_argument("--skip-examples", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the synthetic corpus here and reuse it on later runs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        browser = launch(p)
        if not args.skip_examples:
            measure_examples(browser, Path(tmp))
        measure_large(browser, work, args.events)
        browser.close()


if __name__ == "__main__":
    main()

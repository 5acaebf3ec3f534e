"""The dashboard in a real browser (Debian's Chromium, headless) over the real API and store."""

from __future__ import annotations

import re

import httpx
import pytest
from tests.web.conftest import HOSTILE_BODY, REFERENCE, shot

# The four people of the reference article (see orient-aleppo-militias.expected.md).
PEOPLE = {
    "عبد الملك بري": "Abd al-Malik Berri",
    "خالد الحسن العلوش": "Khalid al-Hassan al-Allush",
    "علي ديوب حسن": "Ali Dayoub Hassan",
    "أكرم الكعبي": "Akram al-Kaabi",
}


# The statuses shown by default (promised and denied are hidden until the analyst asks for them).
SHOWN = ["occurred", "attempted", "failed", "planned", "threatened", "conditional", "reported_claim"]


def open_ui(page, api: str, route: str = "map") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{api}/ui/#/{route}")
    page.wait_for_selector("body[data-load-ms]")
    page.wait_for_selector("#event-count:not([data-loading])")


def count(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.get_attribute("#event-count", "data-count"))


def reference_article_id(api: str) -> int:
    title = REFERENCE.read_text(encoding="utf-8").splitlines()[0].strip()
    items = httpx.get(f"{api}/articles", params={"limit": 500}).json()["items"]
    ids = [a["id"] for a in items if (a["title"] or "").strip() == title]
    assert ids, "the reference article is not in the corpus"
    return ids[0]


def stats(api: str) -> dict:
    return httpx.get(f"{api}/stats").json()


def test_map_shows_markers_and_basemap(page, api):  # type: ignore[no-untyped-def]
    events = stats(api)["events"]
    if events == 0:
        pytest.skip("waits on the event-extraction stage: ingesting the examples produced no events")
    open_ui(page, api)
    page.wait_for_selector("#map[data-basemap=ready]")
    # Promised and denied events are hidden by default; the rest are counted and mapped.
    shown = httpx.get(f"{api}/events", params={"limit": 1, "status": SHOWN}).json()["total"]
    assert count(page) == shown > 0
    page.wait_for_function("Number(document.querySelector('#map').dataset.markers || 0) > 0")
    visible = page.locator(".leaflet-marker-pane .event-marker, .leaflet-marker-pane .cluster-icon")
    assert visible.count() > 0
    # Every governorate is labelled on the offline basemap.
    assert page.locator(".gov-label").count() == 14
    assert page.locator(".gov-label", has_text="Aleppo").count() == 1
    shot(page, "map")
    # A marker opens its event card, with the mouse and with the keyboard.
    for _ in range(6):
        if page.locator(".leaflet-marker-pane .event-marker").count():
            break
        page.locator(".leaflet-marker-pane .cluster-icon").first.click()
        page.wait_for_timeout(600)
    marker = page.locator(".leaflet-marker-pane .event-marker").first
    event_id = marker.get_attribute("data-event-id")
    marker.click()
    page.wait_for_selector("#event-fields")
    assert page.url.endswith(f"#/event/{event_id}")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#event-fields")
    page.keyboard.press("Escape")
    # The toggle shows the promised and denied events too.
    page.check("#show-hidden")
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.count) === {events}")


def test_filter_by_actor_changes_the_count(page, api):  # type: ignore[no-untyped-def]
    actors = [a for a in httpx.get(f"{api}/actors", params={"limit": 500}).json()["items"] if a["num_events"] > 0]
    if not actors:
        pytest.skip("waits on actor linking and event extraction: no actor takes part in any event")
    open_ui(page, api)
    before = count(page)
    # An actor in some events but not all, searched by its Arabic name.
    actor = next((a for a in actors if a["name_ar"]), actors[0])
    expected = httpx.get(f"{api}/events", params={"limit": 1, "actor": actor["id"], "status": SHOWN}).json()["total"]
    page.fill("#actor-search", actor["name_ar"] or actor["name_en"])
    page.wait_for_selector(f"#actor-options li[data-id='{actor['id']}']")
    page.click(f"#actor-options li[data-id='{actor['id']}']")
    page.wait_for_selector("#actor-chip")
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.count) === {expected}"
                           " && !document.querySelector('#event-count').dataset.loading")
    assert count(page) == expected
    if expected != before:
        assert count(page) < before
    shot(page, "filtered")
    # Clearing the actor brings every event back.
    page.click("#actor-chip")
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.count) === {before}")


def test_free_text_narrows_the_events(page, api):  # type: ignore[no-untyped-def]
    events = httpx.get(f"{api}/events", params={"limit": 500, "status": SHOWN}).json()["items"]
    if not events:
        pytest.skip("waits on the event-extraction stage: no events in the corpus")
    actors = {a["id"]: a for a in httpx.get(f"{api}/actors", params={"limit": 500}).json()["items"]}
    places = {p: httpx.get(f"{api}/places/{p}").json() for p in {e["place"] for e in events if e["place"]}}

    def mentions_aleppo(e: dict) -> bool:
        names = [e["summary_en"], *(e["outlets"] or [])]
        for a in e["actor1"] + e["actor2"]:
            names += [a, actors.get(a, {}).get("name_en"), actors.get(a, {}).get("name_ar")]
        p = places.get(e["place"], {})
        names += [p.get("name_en"), p.get("name_ar"), p.get("governorate")]
        return any(n and ("aleppo" in n.lower() or "حلب" in n) for n in names)

    expected = sum(mentions_aleppo(e) for e in events)
    open_ui(page, api)
    page.wait_for_selector("#map[data-drawn]")
    page.fill("#text-search", "Aleppo")
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.count) === {expected}")
    assert 0 < expected < len(events)
    # Arabic names are matched too.
    page.fill("#text-search", "حلب")
    page.wait_for_function("Number(document.querySelector('#event-count').dataset.count) > 0")
    assert count(page) < len(events)
    page.fill("#text-search", "")
    page.wait_for_function(f"Number(document.querySelector('#event-count').dataset.count) === {len(events)}")


def test_actor_search_folds_arabic_spelling(page, api):  # type: ignore[no-untyped-def]
    actors = httpx.get(f"{api}/actors", params={"limit": 500}).json()["items"]
    target = next((a for a in actors if a["name_ar"] and "إ" in a["name_ar"]), None)
    if target is None:
        pytest.skip("no actor with a hamza-carrying Arabic name in this corpus")
    open_ui(page, api)
    # Typed without the hamza, as people often do: the actor is still offered.
    page.fill("#actor-search", target["name_ar"].replace("إ", "ا"))
    page.wait_for_selector(f"#actor-options li[data-id='{target['id']}']")


def test_actor_search_finds_an_alias(page, api):  # type: ignore[no-untyped-def]
    actors = [a for a in httpx.get(f"{api}/actors", params={"limit": 500}).json()["items"] if a["num_events"]]
    for actor in actors:
        detail = httpx.get(f"{api}/actors/{actor['id']}").json()
        names = " ".join(filter(None, [actor["name_en"], actor["name_ar"]]))
        aliases = [x["text"] for x in detail["aliases"] if x["text"] not in names and len(x["text"]) > 3]
        if aliases:
            break
    else:
        pytest.skip("waits on linking: no actor in an event is named in an article other than by its name")
    open_ui(page, api)
    page.wait_for_selector("#filters[data-aliases=ready]")
    # A surface form an article used, not the actor's name: the actor is still offered.
    page.fill("#actor-search", aliases[0])
    page.wait_for_selector(f"#actor-options li[data-id='{actor['id']}']")


def test_reference_article_highlights_the_four_people(page, api):  # type: ignore[no-untyped-def]
    article = reference_article_id(api)
    doc = httpx.get(f"{api}/articles/{article}").json()["document"]
    open_ui(page, api, f"article/{article}")
    page.wait_for_selector("#article-text")
    # Every mention the pipeline found is highlighted once, with its type and canonical record.
    shown = page.evaluate("""() => {
      const out = {};
      for (const el of document.querySelectorAll('#article-text [data-mention-id]')) {
        const m = out[el.dataset.mentionId] ??= { text: '', cls: el.className, ref: el.dataset.ref };
        m.text += el.textContent;
      }
      return out;
    }""")
    for mention in doc["mentions"]:
        el = shown.get(mention["id"])
        assert el is not None, mention
        assert mention["text"] in el["text"]
        assert "m-" + mention["type"] in el["cls"]
        assert el["ref"] == (mention["ref"] or "")
    # The text reads right to left, and the page furniture that was removed can be shown.
    assert page.get_attribute("#article-text", "dir") == "rtl"
    shot(page, "reader")
    page.click("#furniture summary")
    assert page.locator("#furniture li").count() == len(doc["furniture"]) > 0
    assert page.locator("#furniture li", has_text="الأكثر قراءة").count() >= 1
    people = page.locator("#article-text .m-PERSON")
    texts = [people.nth(i).inner_text() for i in range(people.count())]
    missing = [surface for surface in PEOPLE if not any(surface in t for t in texts)]
    found = {m["text"] for m in doc["mentions"] if m["type"] == "PERSON"}
    if missing and not any(surface in f for surface in missing for f in found):
        pytest.xfail(f"waits on person recognition/linking: the pipeline does not find {missing}")
    assert not missing, f"{missing} not highlighted"
    refs = {people.nth(i).get_attribute("data-ref") for i in range(people.count())}
    assert len({r for r in refs if r and r.startswith("person:")}) >= 4
    # A highlighted person leads to its canonical record.
    page.locator("#article-text .m-PERSON.linked").first.click()
    page.wait_for_selector("#person-fields")


def test_reader_opens_the_event_card_of_each_event(page, api):  # type: ignore[no-untyped-def]
    article = reference_article_id(api)
    doc = httpx.get(f"{api}/articles/{article}").json()["document"]
    if not doc["events"]:
        pytest.skip("waits on the event-extraction stage: the reference article has no events")
    open_ui(page, api, f"article/{article}")
    for ev in (doc["events"][0], doc["events"][-1]):
        page.click(f".event-card-btn[data-event-id='{ev['id']}']")
        page.wait_for_selector(f"#event-sources li[data-article='{article}']")
        assert ev["plover"] in page.inner_text("#event-fields")
        page.keyboard.press("Escape")
        page.wait_for_selector("#panel", state="hidden")
        assert page.url.endswith(f"#/article/{article}")


def test_network_has_russia_backing_liwa_al_baqir(page, api):  # type: ignore[no-untyped-def]
    edges = httpx.get(f"{api}/network", params={"status": SHOWN}).json()["edges"]
    open_ui(page, api, "network")
    page.wait_for_selector("#edge-list li")
    # Every edge of the API's network is listed (parallel event edges of one kind are summed).
    for e in edges:
        assert page.locator(f"#edge-list li[data-source='{e['source']}'][data-target='{e['target']}']").count() >= 1
    shot(page, "network")
    if not any(e["type"] == "backs" and e["source"] == "actor:russia" and e["target"] == "actor:liwa-al-baqir"
               for e in edges):
        backers = [e["source"] for e in edges if e["type"] == "backs" and e["target"] == "actor:liwa-al-baqir"]
        pytest.xfail(f"waits on relation extraction: no `backs` edge Russia -> Liwa al-Baqir (backers: {backers})")
    edge = page.locator("#edge-list li[data-type=backs][data-source='actor:russia'][data-target='actor:liwa-al-baqir']")
    assert edge.count() == 1
    assert re.search(r"Russia\s*—backs→\s*Liwa al-Baqir", edge.inner_text())
    # The same edge is drawn in the graph.
    assert page.evaluate("window.marsad.cy.edges().filter(e => e.data('type') === 'backs'"
                         " && e.data('source') === 'actor:russia' && e.data('target') === 'actor:liwa-al-baqir')"
                         ".length") == 1
    page.click("#node-list a[data-id='actor:liwa-al-baqir']")
    page.wait_for_selector("#actor-fields")
    assert "Russia" in page.inner_text("#panel")


def test_event_card_shows_sources_with_evidence(page, api):  # type: ignore[no-untyped-def]
    items = httpx.get(f"{api}/events", params={"limit": 1, "sort": "-sources"}).json()["items"]
    if not items:
        pytest.skip("waits on the event-extraction stage: no events in the corpus")
    event = httpx.get(f"{api}/events/{items[0]['id']}").json()
    open_ui(page, api, f"event/{event['id']}")
    page.wait_for_selector("#event-sources li")
    assert page.locator("#event-sources li").count() == len(event["sources"])
    first = event["sources"][0]
    assert first["sentence_text"].strip()[:20] in page.inner_text("#event-sources li >> nth=0")
    assert page.locator("#event-sources .ev-trigger").first.inner_text() == first["trigger_text"]
    fields = page.inner_text("#event-fields")
    assert event["plover"] in fields
    shot(page, "event")
    # Escape closes the card and goes back to the map.
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")


def test_untrusted_article_text_never_runs(page, api):  # type: ignore[no-untyped-def]
    items = httpx.get(f"{api}/articles", params={"q": "كفر حلب", "limit": 10}).json()["items"]
    hostile = next(a for a in items if a["url"] and a["url"].startswith("javascript:"))
    open_ui(page, api, f"article/{hostile['id']}")
    page.wait_for_selector("#article-text")
    # The markup shows as text ...
    assert "<script>" in page.inner_text("#article-title")
    body = page.inner_text("#article-text")
    assert '<img src="x" onerror=' in body and "javascript:" in body
    # ... and creates no element, link or handler.
    assert page.locator("#view-article script, #view-article img, #panel img").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("#source-link").evaluate("el => el.tagName") != "A"
    page.click("#furniture summary")
    # Every surface where article text appears: the list, the reader, the event cards, the filters.
    open_ui(page, api, "articles")
    page.wait_for_selector("#article-list li")
    assert page.locator("#outlet-filter option", has_text="Evil <img").count() == 1
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.strip().lower().startswith("javascript:"), href
    events = httpx.get(f"{api}/events", params={"outlet": hostile["outlet"], "limit": 50}).json()["items"]
    for ev in events:
        page.goto(f"{api}/ui/#/event/{ev['id']}")
        page.wait_for_selector("#event-fields")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []
    assert HOSTILE_BODY[:30] in body


def test_arabic_interface_is_right_to_left(page, api):  # type: ignore[no-untyped-def]
    open_ui(page, api)
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.inner_text("#tab-map") == "الخريطة"
    page.wait_for_selector("#map[data-basemap=ready]")
    assert page.locator(".gov-label", has_text="حلب").count() >= 1
    shot(page, "map-ar")
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "ltr"


def test_keyboard_reaches_filters_views_and_markers(page, api):  # type: ignore[no-untyped-def]
    open_ui(page, api)
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
    for target in ("tab-network", "actor-search", "type-filter", "show-hidden", "lang-toggle"):
        assert target in focused, f"{target} is not reachable with Tab"
    # The network tab opens from the keyboard.
    page.focus("#tab-network")
    page.keyboard.press("Enter")
    page.wait_for_selector("#view-network:not([hidden])")


def test_tablet_layout_keeps_every_view_usable(browser, api):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True, bypass_csp=True)
    page = context.new_page()
    try:
        open_ui(page, api)
        box = page.locator("#map").bounding_box()
        assert box["width"] > 700 and box["height"] > 300
        assert page.locator("#filters").is_visible()
        shot(page, "tablet")
    finally:
        context.close()

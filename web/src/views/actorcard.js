// Actor, person and place cards: names and aliases, the framings outlets use, patrons, people,
// counterparts and recent events.
import { getJson, itemsOf, record } from "../api.js";
import { h, replace } from "../dom.js";
import { getLang, nameOf, t, tv } from "../i18n.js";
import { field, loadingInto, panelFrame, refChip } from "./cards.js";

const idOf = (x) => (typeof x === "string" ? x : x?.id ?? x?.actor ?? x?.ref);

function eventRow(ev) {
  return h("li", null, h("a", { href: `#/event/${encodeURIComponent(ev.id)}` },
    h("span", { class: `status-badge s-${ev.status}`, text: tv(ev.status) }), " ",
    [ev.date?.value ?? ev.date_value, ev.acled_event_type || ev.plover].filter(Boolean).join(" · "), " ",
    h("span", { class: "muted", text: ev.summary_en ?? "" })));
}

function framingRows(framings) {
  return (framings ?? []).map((f) => h("li", null, h("bdi", { dir: "rtl", text: f.surface ?? f.text ?? "" }),
    f.framing ? ` — ${f.framing}` : "", f.outlets?.length ? ` (${f.outlets.join(", ")})` : "",
    f.count ? h("span", { class: "n", text: ` ×${f.count}` }) : null));
}

export async function showActor(panel, id) {
  const kind = id.split(":")[0];
  if (kind === "person") return showPerson(panel, id);
  if (kind === "place") return showPlace(panel, id);
  const { body, title } = panelFrame(panel, id, t("actor"));
  panel.dataset.actorId = id;
  loadingInto(body);
  let a;
  try {
    a = await getJson(`actors/${encodeURIComponent(id)}`);
  } catch (err) {
    replace(body, h("p", { class: "status error", role: "alert", text: t("error", { msg: err.message }) }));
    return;
  }
  if (panel.dataset.actorId !== id) return;
  title.textContent = nameOf(a);
  const aliasText = (x) => (typeof x === "string" ? x : x?.text);
  const names = [a.name_en, a.name_ar, ...(a.aliases ?? []).map(aliasText)].filter(Boolean);
  const patrons = (a.patrons ?? a.backed_by ?? []).map(idOf);
  const people = a.people ?? [];
  const events = itemsOf(a.events ?? a.recent_events ?? []);
  const counterparts = a.counterparts ?? [];
  const clients = a.clients ?? [];
  const framings = a.framings_seen ?? a.framings ?? [];
  replace(body,
    h("dl", { class: "fields", id: "actor-fields" },
      field(t("names"), h("ul", { class: "names" }, [...new Set(names)].map((n) => h("li", { dir: "auto", text: n })))),
      field(t("kind"), tv(a.kind)),
      field(t("country"), a.country),
      field(t("patrons"), patrons.map(refChip)),
      field(t("members"), (a.member_of ?? []).map(idOf).map(refChip)),
      field("Wikidata", a.wikidata)),
    framings.length ? [h("h3", { text: t("framings") }), h("ul", { class: "framings", id: "actor-framings" },
      framingRows(framings))] : null,
    people.length ? [h("h3", { text: t("people") }), h("ul", { id: "actor-people" }, people.map((p) => h("li", null,
      refChip(idOf(p)), p.relation || p.role ? ` — ${tv(p.relation ?? p.role)}` : "")))] : null,
    clients.length ? [h("h3", { text: getLang() === "ar" ? "يدعم" : "Backs" }),
      h("ul", null, clients.map((c) => h("li", null, refChip(idOf(c)))))] : null,
    counterparts.length ? [h("h3", { text: t("counterparts") }), h("ul", null, counterparts.map((c) => h("li", null,
      refChip(idOf(c)), c.events ?? c.count ? h("span", { class: "n", text: ` ×${c.events ?? c.count}` }) : null)))]
      : null,
    events.length ? [h("h3", { text: t("recentEvents") }), h("ol", { class: "events" }, events.slice(0, 20).map(eventRow))]
      : null,
  );
}

async function showPerson(panel, id) {
  const { body, title } = panelFrame(panel, id, getLang() === "ar" ? "شخص" : "Person");
  loadingInto(body);
  let p;
  try {
    p = await record("people", id);
  } catch {
    replace(body, h("p", { class: "status", text: id }));
    return;
  }
  title.textContent = nameOf(p);
  replace(body, h("dl", { class: "fields", id: "person-fields" },
    field(t("names"), h("ul", { class: "names" }, [p.name_en, p.name_ar, ...(p.aliases ?? [])].filter(Boolean)
      .map((n) => h("li", { dir: "auto", text: n })))),
    field("", p.rank),
    field(t("roles"), (p.roles ?? []).map((r) => h("div", null, r.title ?? "", " ", refChip(r.actor))))));
}

async function showPlace(panel, id) {
  const { body, title } = panelFrame(panel, id, t("place"));
  loadingInto(body);
  let p;
  try {
    p = await record("places", id);
  } catch (err) {
    replace(body, h("p", { class: "status error", text: t("error", { msg: err.message }) }));
    return;
  }
  title.textContent = nameOf(p);
  replace(body, h("dl", { class: "fields", id: "place-fields" },
    field(t("names"), [p.name_en, p.name_ar].filter(Boolean).join(" · ")),
    field(t("kind"), p.kind),
    field(t("governorate"), p.governorate),
    field(t("country"), p.country),
    field("lat, lon", typeof p.lat === "number" ? `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}` : null),
    field("", p.parent ? refChip(p.parent) : null)));
}

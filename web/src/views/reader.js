// The article reader: the cleaned text right to left, mentions highlighted by type and linked to
// their canonical records, each event's sentence and trigger highlighted, the removed furniture
// and the source link. All article text goes into text nodes (see dom.js).
import { getJson, itemsOf, remember } from "../api.js";
import { h, replace, safeUrl } from "../dom.js";
import { t, tv } from "../i18n.js";

const MENTION_TYPES = ["PERSON", "ARMED_GROUP", "STATE", "ORG", "NORP", "LOCATION", "FACILITY", "DATE"];

export function refLink(ref) {
  if (!ref) return null;
  const kind = ref.split(":")[0];
  if (kind === "actor") return `#/actor/${encodeURIComponent(ref)}`;
  if (kind === "person") return `#/person/${encodeURIComponent(ref)}`;
  if (kind === "place") return `#/place/${encodeURIComponent(ref)}`;
  return null;
}

// Split the text at every span boundary; each piece knows the spans covering it.
export function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start < s.end && s.end <= text.length) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    out.push({ start: a, end: b, covers: spans.filter((s) => s.start <= a && s.end >= b && s.start < s.end) });
  }
  return out;
}

function renderText(doc) {
  const text = doc.text;
  const spans = [];
  for (const m of doc.mentions ?? []) spans.push({ kind: "mention", start: m.start, end: m.end, m });
  for (const ev of doc.events ?? []) {
    const tellings = [{ sentence: ev.sentence, trigger: ev.trigger }, ...(ev.evidence ?? [])];
    for (const tel of tellings) {
      if (tel.sentence) spans.push({ kind: "sentence", start: tel.sentence.start, end: tel.sentence.end, ev });
      if (tel.trigger) spans.push({ kind: "trigger", start: tel.trigger.start, end: tel.trigger.end, ev });
    }
  }
  const root = h("div", { class: "article-text", dir: "rtl", lang: "ar", id: "article-text" });
  let group = null; // the mention element being filled, and its mention
  for (const seg of segments(text, spans)) {
    const piece = text.slice(seg.start, seg.end);
    const mentions = seg.covers.filter((s) => s.kind === "mention").sort((a, b) => (a.end - a.start) - (b.end - b.start));
    const inner = mentions[0]?.m ?? null;
    const sentences = seg.covers.filter((s) => s.kind === "sentence");
    const triggers = seg.covers.filter((s) => s.kind === "trigger");
    let node;
    if (sentences.length || triggers.length) {
      const evs = [...new Set([...sentences, ...triggers].map((s) => s.ev.id))];
      node = h("span", { class: ["ev-sentence", triggers.length && "ev-trigger"],
        dataset: { events: evs.join(" ") }, title: triggers.length ? t("trigger") : null }, piece);
      if (triggers.length && !inner) {
        // A trigger opens its event's card (through the button in the events list below).
        const ev = triggers[0].ev;
        const open = () => document.querySelector(`.event-card-btn[data-event-id="${CSS.escape(ev.id)}"]`)?.click();
        node.title = `${ev.plover} · ${tv(ev.status)}`;
        node.tabIndex = 0;
        node.setAttribute("role", "button");
        node.addEventListener("click", open);
        node.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); }
        });
      }
    } else node = document.createTextNode(piece);
    if (inner) {
      if (!group || group.m !== inner) {
        const href = refLink(inner.ref);
        const el = h(href ? "a" : "span", {
          class: ["m", `m-${inner.type}`, inner.ref ? "linked" : "unlinked"], href,
          dataset: { mentionId: inner.id, type: inner.type, ref: inner.ref ?? "" },
          title: [tv(inner.type), inner.ref, inner.framing].filter(Boolean).join(" · "),
        });
        root.append(el);
        group = { m: inner, el };
      }
      group.el.append(node);
    } else {
      group = null;
      root.append(node);
    }
  }
  return root;
}

function legend(doc) {
  const counts = {};
  for (const m of doc.mentions ?? []) counts[m.type] = (counts[m.type] ?? 0) + 1;
  return h("ul", { class: "mention-legend", "aria-label": t("mentions") },
    MENTION_TYPES.filter((ty) => counts[ty]).map((ty) => h("li", null,
      h("span", { class: `m m-${ty}` }, tv(ty)), ` ${counts[ty]}`)),
    (doc.events ?? []).length ? h("li", null, h("span", { class: "ev-sentence ev-trigger" }, t("trigger")),
      ` ${doc.events.length}`) : null);
}

// The corpus event (/events/{id}) that holds this article's event: the API lists events by type,
// actor and place, and each one's sources name their article and Document event.
async function corpusEventOf(articleId, ev) {
  const params = { plover: ev.plover, limit: 50, actor: ev.actor1?.[0] ?? ev.actor2?.[0], place: ev.place };
  const candidates = itemsOf(await getJson("events", params));
  for (const c of candidates) {
    const detail = await getJson(`events/${c.id}`);
    if ((detail.sources ?? []).some((s) => String(s.article_id) === String(articleId) && s.event?.id === ev.id)) {
      return c.id;
    }
  }
  return null;
}

function eventButton(articleId, ev, eventLinks) {
  const button = h("button", { type: "button", class: "btn small event-card-btn", dataset: { eventId: ev.id },
    text: t("event") });
  button.addEventListener("click", async () => {
    if (!eventLinks.has(ev.id)) {
      button.disabled = true;
      button.textContent = t("loading");
      try {
        const id = await corpusEventOf(articleId, ev);
        if (id !== null) eventLinks.set(ev.id, `#/event/${encodeURIComponent(id)}`);
      } catch { /* shown below */ }
      button.disabled = false;
      button.textContent = t("event");
    }
    if (eventLinks.has(ev.id)) location.hash = eventLinks.get(ev.id);
    else button.textContent = `${t("event")}: ${t("unknown")}`;
  });
  return button;
}

export async function showReader(root, id) {
  if (root.dataset.articleId === id && root.firstChild) return;
  root.dataset.articleId = id;
  document.body.dataset.articleId = id;
  replace(root, h("p", { class: "status", role: "status", text: t("loading") }));
  root.setAttribute("aria-busy", "true");
  let body;
  try {
    body = await getJson(`articles/${encodeURIComponent(id)}`);
  } catch (err) {
    replace(root, h("p", { class: "status error", role: "alert", text: t("error", { msg: err.message }) }));
    return;
  } finally {
    root.removeAttribute("aria-busy");
  }
  if (root.dataset.articleId !== id) return;
  const doc = body.document ?? body;
  for (const p of doc.people ?? []) remember("people", p);
  for (const a of doc.actors ?? []) remember("actors", a);
  for (const p of doc.places ?? []) remember("places", p);
  // Document events map to corpus events (/events/{id}) when the API says which.
  const eventLinks = new Map();
  const corpus = body.event_ids ?? body.events_map ?? {};
  for (const ev of doc.events ?? []) {
    const cid = ev.event_id ?? corpus[ev.id];
    if (cid !== undefined && cid !== null) eventLinks.set(ev.id, `#/event/${encodeURIComponent(cid)}`);
  }
  const url = safeUrl(doc.source?.url ?? body.url);
  const outlet = doc.source?.outlet ?? body.outlet;
  const furniture = doc.furniture ?? [];
  replace(root,
    h("article", { class: "reader", "aria-labelledby": "article-title" },
      h("h1", { id: "article-title", dir: "rtl", lang: "ar", text: doc.title ?? "" }),
      h("div", { class: "meta" },
        outlet ? h("span", { dir: "auto", text: outlet }) : null,
        doc.published ? h("span", { text: `${t("published")}: ${doc.published}` }) : null,
        h("span", null, `${t("sourceLink")}: `, url
          ? h("a", { href: url, id: "source-link", target: "_blank", rel: "noopener noreferrer nofollow",
            dir: "ltr", text: url })
          : h("span", { id: "source-link", dir: "ltr", text: doc.source?.url ?? t("noSourceLink") }))),
      legend(doc),
      renderText(doc),
      (doc.events ?? []).length ? h("section", { class: "reader-events" }, h("h2", { text: t("eventsHeading") }),
        h("ol", null, doc.events.map((ev) => h("li", { dataset: { eventId: ev.id } },
          h("span", { class: `status-badge s-${ev.status}`, text: tv(ev.status) }), " ",
          h("strong", { text: [ev.plover, ev.acled_event_type].filter(Boolean).join(" / ") }), " ",
          h("span", { text: ev.summary_en ?? "" }), " ",
          h("button", { type: "button", class: "btn small", text: t("sentence"), onclick: () => {
            const el = root.querySelector(`[data-events~="${CSS.escape(ev.id)}"]`);
            el?.scrollIntoView({ block: "center" });
            el?.classList.add("flash");
            setTimeout(() => el?.classList.remove("flash"), 1500);
          } }),
          eventButton(body.article_id ?? id, ev, eventLinks))))) : null,
      h("details", { class: "furniture", id: "furniture" },
        h("summary", { text: t("removedFurniture", { n: furniture.length }) }),
        h("ul", null, furniture.map((f) => h("li", null,
          h("span", { class: "furniture-text", dir: "auto", text: f.text }),
          h("span", { class: "reason", text: ` (${f.reason})` })))))),
  );
}

// The event card: coded fields, summary, status and confidence, and every source article with its
// evidence sentence and the framing its outlet used for the actors.
import { getJson, itemsOf } from "../api.js";
import { h, replace, safeUrl } from "../dom.js";
import { t, tv } from "../i18n.js";
import { field, loadingInto, panelFrame, refChip } from "./cards.js";

const articles = new Map();
const articleDoc = (id) => {
  if (!articles.has(id)) articles.set(id, getJson(`articles/${encodeURIComponent(id)}`).then((b) => b.document ?? b));
  return articles.get(id);
};

function dateText(d) {
  if (!d) return null;
  if (typeof d === "string") return d;
  return [d.value ?? t("unknown"), d.precision ? `(${t("precision")}: ${d.precision})` : null, d.text ? `«${d.text}»` : null]
    .filter(Boolean).join(" ");
}

function sourceItem(src, ev) {
  const data = src.data ?? src.event ?? src;
  const articleId = src.article_id ?? src.article?.id ?? src.article;
  const sentence = h("blockquote", { class: "evidence", dir: "rtl", lang: "ar" }, src.sentence_text ?? src.evidence_text ?? "");
  const framing = h("div", { class: "framing" });
  const outlet = src.outlet ?? src.article?.outlet;
  const url = safeUrl(src.url ?? src.article?.url);
  const title = src.title ?? src.article?.title;
  const li = h("li", { class: "source", dataset: { article: articleId ?? "" } },
    h("div", { class: "source-head" },
      h("strong", { dir: "auto", text: outlet ?? t("unknown") }), " ",
      title ? h("span", { dir: "rtl", lang: "ar", text: title }) : null, " ",
      articleId !== undefined ? h("a", { href: `#/article/${encodeURIComponent(articleId)}`, class: "btn small",
        text: t("openArticle") }) : null, " ",
      url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", text: t("sourceLink") }) : null,
      data.status ? h("span", { class: `status-badge s-${data.status}`, text: tv(data.status) }) : null),
    h("div", { class: "label", text: t("evidence") }), sentence, framing);
  if (articleId !== undefined && (!sentence.textContent || !src.framing)) {
    articleDoc(articleId).then((doc) => {
      const s = data.sentence ?? src.sentence;
      const tr = data.trigger ?? src.trigger;
      if (!sentence.textContent && s) {
        const before = doc.text.slice(s.start, tr ? tr.start : s.end);
        const trig = tr ? doc.text.slice(tr.start, tr.end) : "";
        const after = tr ? doc.text.slice(tr.end, s.end) : "";
        replace(sentence, before, h("mark", { class: "ev-trigger", text: trig }), after);
      }
      const actorsOfEvent = new Set([...(data.actor1 ?? ev.actor1 ?? []), ...(data.actor2 ?? ev.actor2 ?? [])]);
      const seen = new Map();
      for (const m of doc.mentions ?? []) {
        if (m.ref && actorsOfEvent.has(m.ref) && !seen.has(m.text)) seen.set(m.text, m);
      }
      if (seen.size) {
        replace(framing, h("span", { class: "label", text: `${t("framing")}: ` }),
          [...seen.values()].map((m) => h("span", { class: "frame" }, h("bdi", { text: m.text }),
            m.framing ? ` (${m.framing})` : "", " → ", refChip(m.ref))));
      }
    }).catch(() => {});
  }
  if (src.framing) replace(framing, h("span", { class: "label", text: `${t("framing")}: ` }), JSON.stringify(src.framing));
  return li;
}

export async function showEvent(panel, id) {
  const { body, title } = panelFrame(panel, `${t("event")} ${id}`, t("event"));
  panel.dataset.eventId = id;
  loadingInto(body);
  let ev;
  try {
    ev = await getJson(`events/${encodeURIComponent(id)}`);
  } catch (err) {
    replace(body, h("p", { class: "status error", role: "alert", text: t("error", { msg: err.message }) }));
    return;
  }
  if (panel.dataset.eventId !== id) return;
  title.textContent = [ev.acled_event_type || ev.plover, tv(ev.status)].filter(Boolean).join(" · ");
  const place = typeof ev.place === "object" && ev.place ? ev.place.id : ev.place;
  const sources = itemsOf(ev.sources ?? []);
  replace(body,
    ev.summary_en ? h("p", { class: "summary", id: "event-summary", text: ev.summary_en }) : null,
    h("dl", { class: "fields", id: "event-fields" },
      field(t("status"), h("span", { class: `status-badge s-${ev.status}`, text: tv(ev.status) })),
      field(t("plover"), ev.plover, ev.mode ? ` (${ev.mode})` : null),
      field(t("acled"), ev.acled_event_type ? tv(ev.acled_event_type) : null),
      field(t("subType"), ev.acled_sub_event_type),
      field(t("actor1"), (ev.actor1 ?? []).map(refChip)),
      field(t("actor2"), (ev.actor2 ?? []).map(refChip)),
      field(t("place"), place ? refChip(place) : null, ev.place_precision ? ` (${ev.place_precision})` : null),
      field(t("date"), dateText(ev.date ?? ev.date_value)),
      field(t("fatalities"), ev.fatalities ?? null),
      field(t("injured"), ev.injured ?? null),
      field(t("confidence"), typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : null),
      field(t("attributedTo"), ev.attributed_to ? h("bdi", { text: ev.attributed_to.text }) : null)),
    h("h3", { text: `${t("sources")} (${sources.length || ev.num_sources || 0})` }),
    h("ol", { class: "sources", id: "event-sources" }, sources.map((s) => sourceItem(s, ev))),
  );
}

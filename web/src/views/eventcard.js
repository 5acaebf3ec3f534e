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

// The sentence with its trigger marked, from the source's own offsets.
function evidenceNodes(sentenceText, data) {
  const s = data.sentence;
  const tr = data.trigger;
  if (!s || !tr || tr.start < s.start || tr.end > s.end) return [sentenceText];
  const a = tr.start - s.start;
  const b = tr.end - s.start;
  return [sentenceText.slice(0, a), h("mark", { class: "ev-trigger", text: sentenceText.slice(a, b) }),
    sentenceText.slice(b)];
}

function sourceItem(src, ev) {
  const data = src.event ?? src.data ?? src;
  const articleId = src.article_id ?? src.article?.id ?? src.article;
  const sentence = h("blockquote", { class: "evidence", dir: "rtl", lang: "ar" });
  const framing = h("div", { class: "framing" });
  const outlet = src.outlet ?? src.article?.outlet;
  const url = safeUrl(src.url ?? src.article?.url);
  const title = src.title ?? src.article?.title;
  const li = h("li", { class: "source", dataset: { article: articleId ?? "" } },
    h("div", { class: "source-head" },
      h("strong", { dir: "auto", text: outlet ?? t("unknown") }), " ",
      title ? h("span", { dir: "rtl", lang: "ar", text: title }) : null),
    h("div", { class: "source-meta" },
      data.status ? h("span", { class: `status-badge s-${data.status}`, text: tv(data.status) }) : null, " ",
      src.published ? h("span", { class: "muted", text: src.published }) : null, " ",
      articleId !== undefined ? h("a", { href: `#/article/${encodeURIComponent(articleId)}`, class: "btn small",
        text: t("openArticle") }) : null, " ",
      url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", class: "btn small",
        text: t("sourceLink") }) : null),
    h("div", { class: "label", text: t("evidence") }), sentence,
    (src.evidence_text ?? []).filter((e) => e !== src.sentence_text).map((e) => h("blockquote", { class: "evidence more", dir: "rtl", lang: "ar", text: e })),
    data.attributed_to ? h("div", { class: "muted" }, `${t("attributedTo")}: `, h("bdi", { text: data.attributed_to.text }))
      : null,
    framing);
  if (typeof src.sentence_text === "string") replace(sentence, evidenceNodes(src.sentence_text, data));
  if (articleId !== undefined) {
    articleDoc(articleId).then((doc) => {
      if (!sentence.textContent && data.sentence) {
        replace(sentence, evidenceNodes(doc.text.slice(data.sentence.start, data.sentence.end), data));
      }
      // The outlet's framing: how this article names the event's actors.
      const actorsOfEvent = new Set([...(data.actor1 ?? ev.actor1 ?? []), ...(data.actor2 ?? ev.actor2 ?? [])]);
      const seen = new Map();
      for (const m of doc.mentions ?? []) {
        if (m.ref && actorsOfEvent.has(m.ref) && !seen.has(m.text)) seen.set(m.text, m);
      }
      if (seen.size) {
        replace(framing, h("span", { class: "label", text: `${t("framing")}: ` }),
          [...seen.values()].map((m) => h("span", { class: "frame" }, h("bdi", { dir: "rtl", text: m.text }),
            m.framing ? ` (${m.framing})` : "", " → ", refChip(m.ref), " ")));
      }
    }).catch(() => {});
  }
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

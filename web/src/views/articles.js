// The article list: search and outlet from the filters, newest first, paged.
import { getJson, itemsOf, totalOf } from "../api.js";
import { h, replace, fmtNumber } from "../dom.js";
import { getLang, t } from "../i18n.js";
import { on, state } from "../state.js";

const PAGE = 50;

export function mountArticles(root) {
  const list = h("ol", { class: "article-list", id: "article-list" });
  const status = h("p", { class: "status", role: "status" });
  const more = h("button", { type: "button", class: "btn", hidden: true });
  replace(root, status, list, more);
  let offset = 0;
  let stale = true;

  async function load(append = false) {
    if (!append) offset = 0;
    status.textContent = t("loading");
    root.setAttribute("aria-busy", "true");
    try {
      const f = state.filters;
      const body = await getJson("articles", { q: f.q.trim() || null, outlet: f.outlet, limit: PAGE, offset });
      const items = itemsOf(body);
      const total = totalOf(body);
      const rows = items.map((a) => h("li", null,
        h("a", { href: `#/article/${encodeURIComponent(a.id)}`, class: "article-link", dir: "auto",
          lang: a.language || "ar", text: a.title || (a.text || "").slice(0, 120) || String(a.id) }),
        h("div", { class: "meta" }, [a.outlet ?? a.source?.outlet, a.published].filter(Boolean).join(" · "))));
      if (append) rows.forEach((r) => list.append(r));
      else replace(list, rows);
      offset += items.length;
      status.textContent = items.length || append ? `${fmtNumber(offset, getLang())} / ${fmtNumber(total, getLang())}`
        : t("noArticles");
      more.hidden = offset >= total || items.length < PAGE;
      stale = false;
    } catch (err) {
      status.textContent = t("error", { msg: err.message });
    } finally {
      root.removeAttribute("aria-busy");
    }
  }
  more.addEventListener("click", () => load(true));
  const labels = () => { more.textContent = "…"; more.setAttribute("aria-label", "more"); };
  labels();
  on("events", () => { stale = true; if (!root.hidden) load(); });
  // The free text searches the articles' text (the API's full-text index) here.
  let timer = null;
  on("brush", () => { stale = true; clearTimeout(timer); if (!root.hidden) timer = setTimeout(load, 250); });
  on("lang", labels);
  return { shown: () => { if (stale) load(); } };
}

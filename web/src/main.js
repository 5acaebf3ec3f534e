// The dashboard shell: header, filters, the three views, the side panel, and hash routing.
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "./styles.css";

import { getJson, loadEvents } from "./api.js";
import { h, replace, fmtNumber } from "./dom.js";
import { applyDirection, getLang, onLang, setLang, t } from "./i18n.js";
import { apiParams, emit, on, state, visibleEvents } from "./state.js";
import { mountFilters } from "./views/filters.js";
import { mountMap } from "./views/map.js";
import { mountTimeline } from "./views/timeline.js";
import { mountNetwork } from "./views/network.js";
import { mountArticles } from "./views/articles.js";
import { showReader } from "./views/reader.js";
import { showEvent } from "./views/eventcard.js";
import { showActor } from "./views/actorcard.js";
import { showSettings } from "./views/settings.js";

applyDirection();

const app = document.getElementById("app");
const views = {};
const ui = {};

function shell() {
  ui.count = h("span", { id: "event-count", class: "count", "aria-live": "polite" });
  ui.status = h("span", { id: "load-status", class: "status", role: "status", "aria-live": "polite" });
  ui.progress = h("div", { class: "progress", id: "progress", hidden: true },
    h("div", { class: "progress-bar" }));
  ui.tabs = {};
  const tab = (name) => (ui.tabs[name] = h("a", { href: `#/${name}`, class: "tab", id: `tab-${name}` }));
  ui.langBtn = h("button", { type: "button", id: "lang-toggle", class: "btn", onclick: () =>
    setLang(getLang() === "ar" ? "en" : "ar") });
  ui.settingsBtn = h("button", { type: "button", id: "settings-btn", class: "btn", onclick: () => showSettings(ui.panel) });
  ui.skip = h("a", { href: "#main", class: "skip", onclick: (e) => { e.preventDefault(); ui.main.focus(); } });
  ui.brand = h("div", { class: "brand" });
  ui.filters = h("aside", { id: "filters", class: "filters", "aria-label": "filters" });
  ui.main = h("main", { id: "main", tabindex: "-1" });
  ui.panel = h("aside", { id: "panel", class: "panel", hidden: true, tabindex: "-1" });
  ui.sections = {
    map: h("section", { id: "view-map", class: "view" }),
    network: h("section", { id: "view-network", class: "view", hidden: true }),
    articles: h("section", { id: "view-articles", class: "view", hidden: true }),
    article: h("section", { id: "view-article", class: "view", hidden: true }),
  };
  ui.timeline = h("section", { id: "timeline", class: "timeline" });
  replace(ui.main, Object.values(ui.sections), ui.timeline);
  replace(app, ui.skip,
    h("header", { class: "top" }, ui.brand, h("nav", { class: "tabs" }, tab("map"), tab("network"), tab("articles")),
      h("div", { class: "meter" }, ui.count, ui.status), ui.settingsBtn, ui.langBtn),
    ui.progress,
    h("div", { class: "layout" }, ui.filters, ui.main, ui.panel));
  labels();
}

function labels() {
  replace(ui.brand, h("strong", { text: t("title") }), h("span", { class: "sub", text: t("subtitle") }));
  for (const [name, el] of Object.entries(ui.tabs)) el.textContent = t(name);
  ui.langBtn.textContent = t("language");
  ui.langBtn.setAttribute("lang", getLang() === "ar" ? "en" : "ar");
  ui.settingsBtn.textContent = t("settings");
  ui.skip.textContent = t("skip");
  ui.filters.setAttribute("aria-label", t("filters"));
  if (state.loadMs !== null && !state.loading && !ui.status.classList.contains("error")) {
    ui.status.textContent = t("loaded", { ms: fmtNumber(state.loadMs, getLang()) });
  }
  updateCount();
}

function updateCount() {
  const shown = visibleEvents().length;
  const total = state.events.length;
  ui.count.dataset.count = String(shown);
  ui.count.textContent = shown === total ? t("eventsShown", { n: fmtNumber(shown, getLang()) })
    : `${t("eventsShown", { n: fmtNumber(shown, getLang()) })} ${t("of")} ${fmtNumber(total, getLang())}`;
}

export function progress(done, total, label) {
  ui.progress.hidden = done >= total;
  ui.progress.firstChild.style.width = `${total ? Math.round((100 * done) / total) : 0}%`;
  if (label) ui.status.textContent = label;
}

let controller = null;
let generation = 0;

async function reload() {
  controller?.abort();
  controller = new AbortController();
  const mine = ++generation;
  state.loading = true;
  document.body.setAttribute("aria-busy", "true");
  ui.count.dataset.loading = "true";
  progress(0, 1, t("loading"));
  const started = performance.now();
  try {
    let shownAt = 0;
    const events = await loadEvents(apiParams(), (n, total, soFar) => {
      progress(n, total, t("loadingEvents", { n: fmtNumber(n, getLang()), total: fmtNumber(total, getLang()) }));
      // Draw what has arrived every half second while a large result is still loading.
      if (n < total && performance.now() - shownAt > 500 && mine === generation) {
        shownAt = performance.now();
        state.events = soFar();
        emit("partial", state.events);
        updateCount();
      }
    }, controller.signal);
    if (mine !== generation) return;
    state.events = events;
    emit("events", events);
    // Let the views draw before the figure is taken, so it is what the analyst waits for.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    state.loadMs = Math.round(performance.now() - started);
    progress(1, 1, t("loaded", { ms: fmtNumber(state.loadMs, getLang()) }));
    document.body.dataset.loadMs = String(state.loadMs);
  } catch (err) {
    if (err.name === "AbortError") return;
    progress(1, 1, t("error", { msg: err.message }));
    ui.status.classList.add("error");
  } finally {
    if (mine === generation) {
      state.loading = false;
      document.body.removeAttribute("aria-busy");
      delete ui.count.dataset.loading;
      updateCount();
      emit("loaded");
    }
  }
}

function route() {
  const [, name = "map", ...rest] = (location.hash || "#/map").slice(1).split("/");
  const id = decodeURIComponent(rest.join("/"));
  const mainView = ["map", "network", "articles", "article"].includes(name) ? name : null;
  if (mainView) {
    for (const [key, el] of Object.entries(ui.sections)) el.hidden = key !== mainView;
    for (const [key, el] of Object.entries(ui.tabs)) {
      const current = key === mainView || (key === "articles" && mainView === "article");
      el.classList.toggle("active", current);
      if (current) el.setAttribute("aria-current", "page");
      else el.removeAttribute("aria-current");
    }
    ui.timeline.hidden = !(mainView === "map" || mainView === "network");
    document.body.dataset.view = mainView;
    if (mainView === "article") showReader(ui.sections.article, id);
    views[mainView]?.shown?.();
    closePanel(false);
  } else if (name === "event") {
    openPanel(() => showEvent(ui.panel, id));
  } else if (name === "actor" || name === "person" || name === "place") {
    openPanel(() => showActor(ui.panel, id.includes(":") ? id : `${name}:${id}`));
  }
}

function openPanel(render) {
  ui.panel.hidden = false;
  document.body.classList.add("panel-open");
  render();
  ui.panel.focus();
}

export function closePanel(back = true) {
  if (ui.panel.hidden) return;
  ui.panel.hidden = true;
  document.body.classList.remove("panel-open");
  if (back) {
    const view = document.body.dataset.view || "map";
    history.replaceState(null, "", view === "article" ? location.hash : `#/${view}`);
  }
  views.map?.shown?.();
}

shell();
views.map = mountMap(ui.sections.map);
views.network = mountNetwork(ui.sections.network);
views.articles = mountArticles(ui.sections.articles);
mountTimeline(ui.timeline);
mountFilters(ui.filters, () => reload());

on("brush", () => updateCount());
on("events", () => updateCount());
on("close-panel", () => closePanel());
onLang(() => {
  labels();
  emit("lang");
  route();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !ui.panel.hidden) {
    e.preventDefault();
    // Leave the panel's route so the view it covered is current again.
    const view = document.body.dataset.view || "map";
    location.hash = view === "article" ? `#/article/${document.body.dataset.articleId || ""}` : `#/${view}`;
    closePanel(false);
  }
});
window.addEventListener("hashchange", route);
if (!location.hash) history.replaceState(null, "", "#/map");
route();
reload();
// Exposed for the end-to-end tests and the benchmark (read-only use).
window.marsad = { state, reload, getJson };

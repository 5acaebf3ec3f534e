// The filter sidebar. Changing a filter reloads the events from the API; the actor box searches
// Arabic and English names and aliases and offers a keyboard-navigable list of matches.
import { getJson, itemsOf, totalOf } from "../api.js";
import { ACLED_TYPES, PLOVER_TYPES } from "../constants.js";
import { h, replace } from "../dom.js";
import { getLang, nameOf, t, tv } from "../i18n.js";
import { actorNames, matchesActor } from "../normalize.js";
import { actorsById } from "../names.js";
import { emit, on, state } from "../state.js";
import { basemap as loadBasemap } from "../basemap.js";

let actors = null; // every actor, for search and the kind list
let outlets = [];
let governorates = [];

// Every actor, 500 a page (the API's largest page).
async function allActors() {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const body = await getJson("actors", { limit: 500, offset });
    const items = itemsOf(body);
    out.push(...items);
    if (items.length < 500 || out.length >= totalOf(body)) return out;
  }
}

async function loadLists() {
  const [actorBody, stats, basemap] = await Promise.all([
    allActors().catch(() => []),
    getJson("stats").catch(() => ({})),
    loadBasemap().catch(() => null),
  ]);
  actors = actorBody;
  for (const a of actors) actorsById.set(a.id, a);
  outlets = statKeys(stats, ["by_outlet", "outlets", "outlet"]);
  const fromStats = statKeys(stats, ["by_governorate", "governorates", "governorate"]);
  const fromMap = (basemap?.governorates.features ?? []).map((f) => f.properties.name_en);
  // The store's own governorate values when it has any (they are what the API filters on).
  governorates = [...new Set(fromStats.length ? fromStats : fromMap)].filter(Boolean).sort();
  governorateNames = Object.fromEntries((basemap?.governorates.features ?? [])
    .map((f) => [f.properties.name_en, f.properties.name_ar]));
}
let governorateNames = {};

// /stats gives counts as {key: n} or [{key|name|value, count}]; take the keys.
function statKeys(stats, names) {
  for (const name of names) {
    const v = stats?.[name];
    if (Array.isArray(v)) return v.map((x) => x.key ?? x.name ?? x.value ?? x.outlet ?? x.governorate).filter(Boolean);
    if (v && typeof v === "object") return Object.keys(v).filter((k) => k !== "unknown");
  }
  return [];
}

// Aliases: the surface forms articles use for an actor (and the KB's framed forms) come with its
// detail record. They are fetched in the background, most active actors first, once the events
// have loaded, so the actor box also finds an actor by an alias.
const ALIAS_ACTORS = 150;

async function loadAliases() {
  const queue = actors.filter((a) => (a.num_events ?? 0) > 0)
    .sort((a, b) => b.num_events - a.num_events).slice(0, ALIAS_ACTORS);
  const worker = async () => {
    while (queue.length) {
      const a = queue.shift();
      try {
        const d = await getJson(`actors/${encodeURIComponent(a.id)}`);
        a.aliases = (d.aliases ?? []).map((x) => (typeof x === "string" ? x : x.text)).filter(Boolean);
        a.framings = [...(d.framings ?? []), ...(d.framings_seen ?? [])];
      } catch { /* the names still match */ }
    }
  };
  await Promise.all([worker(), worker()]);
}

export function mountFilters(root, changed) {
  const f = state.filters;
  let debounce = null;
  const fire = () => changed();

  function select(id, label, anyLabel, options, value, set) {
    const el = h("select", { id, onchange: (e) => { set(e.target.value); fire(); } },
      h("option", { value: "", text: anyLabel }),
      options.map(([v, text]) => h("option", { value: v, text, selected: v === value })));
    return h("label", { class: "field", for: id }, h("span", { text: label }), el);
  }

  function actorBox() {
    const input = h("input", {
      id: "actor-search", type: "search", autocomplete: "off", placeholder: t("actorPlaceholder"),
      role: "combobox", "aria-expanded": "false", "aria-controls": "actor-options", "aria-autocomplete": "list",
      value: f.actor ? nameOf(f.actor) : "",
    });
    const list = h("ul", { id: "actor-options", role: "listbox", class: "options", hidden: true });
    let matches = [];
    let active = -1;
    const choose = (actor) => {
      f.actor = actor;
      input.value = actor ? nameOf(actor) : "";
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      renderChip();
      fire();
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
      if (i >= 0) input.setAttribute("aria-activedescendant", list.children[i].id);
    };
    const suggest = () => {
      const q = input.value;
      matches = q.trim() ? (actors ?? []).filter((a) => matchesActor(a, q)).slice(0, 12) : [];
      replace(list, matches.map((a, i) => h("li", {
        id: `actor-opt-${i}`, role: "option", class: "option", dataset: { id: a.id },
        onmousedown: (e) => { e.preventDefault(); choose(a); },
      }, h("span", { text: nameOf(a) }),
      h("span", { class: "alt", lang: getLang() === "ar" ? "en" : "ar",
        text: getLang() === "ar" ? a.name_en : (a.name_ar ?? actorNames(a)[1] ?? "") }))));
      list.hidden = matches.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      highlight(matches.length ? 0 : -1);
    };
    input.addEventListener("input", suggest);
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && matches.length) { e.preventDefault(); highlight((active + 1) % matches.length); }
      else if (e.key === "ArrowUp" && matches.length) {
        e.preventDefault(); highlight((active - 1 + matches.length) % matches.length);
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (active >= 0 && matches[active]) choose(matches[active]);
        else if (!input.value.trim()) choose(null);
      } else if (e.key === "Escape" && !list.hidden) {
        e.stopPropagation(); list.hidden = true; input.setAttribute("aria-expanded", "false");
      }
    });
    input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 100));
    const chip = h("div", { class: "chip-row" });
    const renderChip = () => replace(chip, f.actor ? h("button", {
      type: "button", class: "chip", id: "actor-chip", "aria-label": `${t("clear")}: ${nameOf(f.actor)}`,
      onclick: () => choose(null),
    }, nameOf(f.actor), " ×") : null);
    renderChip();
    return h("div", { class: "field combo" }, h("label", { for: "actor-search", text: t("actor") }), input, list, chip);
  }

  function render() {
    const kinds = [...new Set((actors ?? []).map((a) => a.kind).filter(Boolean))].sort();
    const types = [
      ...ACLED_TYPES.map((x) => [`acled:${x}`, `ACLED · ${tv(x)}`]),
      ...PLOVER_TYPES.map((x) => [`plover:${x}`, `PLOVER · ${x}`]),
    ];
    const q = h("input", { id: "text-search", type: "search", value: f.q, placeholder: t("searchPlaceholder"),
      oninput: (e) => {
        // Matched in the browser against the loaded events; the Articles view searches the
        // article text through the API's full-text index.
        f.q = e.target.value;
        clearTimeout(debounce);
        debounce = setTimeout(() => emit("brush", state.brush), 200);
      } });
    replace(root,
      h("h2", { text: t("filters") }),
      h("label", { class: "field", for: "text-search" }, h("span", { text: t("search") }), q),
      select("type-filter", t("eventType"), t("anyType"), types, f.type, (v) => (f.type = v)),
      actorBox(),
      select("kind-filter", t("actorKind"), t("anyKind"), kinds.map((k) => [k, tv(k)]), f.actorKind,
        (v) => (f.actorKind = v)),
      select("governorate-filter", t("governorate"), t("anyGovernorate"),
        governorates.map((g) => [g, getLang() === "ar" ? governorateNames[g] ?? g : g]), f.governorate,
        (v) => (f.governorate = v)),
      select("outlet-filter", t("outlet"), t("anyOutlet"), outlets.map((o) => [o, o]), f.outlet,
        (v) => (f.outlet = v)),
      h("fieldset", { class: "field" }, h("legend", { text: t("status") }),
        h("label", { class: "check" }, h("input", { type: "checkbox", id: "show-hidden", checked: f.showHidden,
          onchange: (e) => { f.showHidden = e.target.checked; fire(); } }), t("showHidden"))),
      h("fieldset", { class: "field" }, h("legend", { text: t("colourBy") }),
        ["acled", "plover"].map((by) => h("label", { class: "check" },
          h("input", { type: "radio", name: "colour-by", value: by, checked: state.colourBy === by,
            onchange: () => { state.colourBy = by; emit("colour"); } }), by.toUpperCase()))),
      h("button", { type: "button", class: "btn", id: "clear-filters", text: t("clear"), onclick: () => {
        Object.assign(f, { type: "", actor: null, actorKind: "", governorate: "", outlet: "", q: "",
          showHidden: false });
        render();
        fire();
      } }),
    );
  }

  render();
  const lists = loadLists().then(render);
  let aliasesLoaded = false;
  on("loaded", () => {
    if (aliasesLoaded) return;
    aliasesLoaded = true;
    lists.then(loadAliases).then(() => { root.dataset.aliases = "ready"; });
  });
  on("lang", render);
}

export const actorList = () => actors ?? [];

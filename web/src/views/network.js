// The actor network: nodes are actors (colour by kind, size by events), edges are relations
// (backs, leads, member of) and event interactions (hostile, cooperative), weighted by count.
// Cytoscape is loaded only when the view first opens, so the map starts faster.
// It follows the filters and the time brush; a list beside the graph gives keyboard access.
import { getJson } from "../api.js";
import { EDGE_COLOURS, OTHER, kindColour } from "../constants.js";
import { h, replace } from "../dom.js";
import { getLang, nameOf, t, tv } from "../i18n.js";
import { apiParams, on, state, visibleEvents } from "../state.js";

const DIRECTED = new Set(["backs", "leads", "member_of"]);
// Event interactions come as "event:<PLOVER type>"; conflictual types are hostile, the rest cooperative.
const HOSTILE = new Set(["ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REJECT", "SANCTION", "PROTEST", "MOBILIZE"]);

export function edgeClass(type) {
  if (!type.startsWith("event:")) return type;
  return HOSTILE.has(type.slice(6)) ? "hostile" : "cooperative";
}

export function mountNetwork(root) {
  const graph = h("div", { id: "network-graph", class: "graph", role: "img" });
  const side = h("div", { class: "network-side" });
  const hint = h("p", { class: "hint" });
  const status = h("p", { class: "status", role: "status", id: "network-status" });
  replace(root, h("div", { class: "network" }, graph, side), hint, status);

  let cy = null;
  let data = { nodes: [], edges: [] };
  let stale = true;
  let controller = null;
  const shownTypes = new Set(Object.keys(EDGE_COLOURS));

  let cytoscapeLib = null;

  async function load() {
    cytoscapeLib ??= (await import("cytoscape")).default;
    controller?.abort();
    controller = new AbortController();
    status.textContent = t("loading");
    root.setAttribute("aria-busy", "true");
    try {
      const body = await getJson("network", apiParams(state.filters, true), controller.signal);
      data = { nodes: body.nodes ?? [], edges: body.edges ?? [] };
      stale = false;
      status.textContent = t("networkCounts", { nodes: data.nodes.length, edges: data.edges.length });
      draw();
    } catch (err) {
      if (err.name !== "AbortError") status.textContent = t("error", { msg: err.message });
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  const label = (n) => (getLang() === "ar" ? n.name_ar || n.name_en : n.name_en || n.name_ar) || n.id;
  let counts = new Map();
  const eventsOf = (n) => counts.get(n.id) ?? n.events ?? n.num_events ?? 0;
  const edgeType = (e) => edgeClass(e.type ?? "interaction");

  // Events per actor among the loaded events inside the time brush.
  function countEvents() {
    counts = new Map();
    for (const ev of visibleEvents()) {
      for (const a of new Set([...(ev.actor1 ?? []), ...(ev.actor2 ?? [])])) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
  }

  function draw() {
    countEvents();
    const types = new Set(data.edges.map(edgeType));
    const merged = new Map();
    for (const e of data.edges) {
      const key = `${e.source}|${e.target}|${edgeType(e)}`;
      const prev = merged.get(key);
      if (prev) prev.weight += e.weight ?? 1;
      else merged.set(key, { ...e, weight: e.weight ?? 1, types: [] });
      merged.get(key).types.push(e.type);
    }
    const edges = [...merged.values()].filter((e) => shownTypes.has(edgeType(e)) || !(edgeType(e) in EDGE_COLOURS));
    const maxEvents = Math.max(1, ...data.nodes.map(eventsOf));
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: label(n), kind: n.kind,
        colour: kindColour(n.kind), size: 16 + 34 * Math.sqrt(eventsOf(n) / maxEvents) } })),
      ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, type: edgeType(e),
        weight: e.weight, colour: EDGE_COLOURS[edgeType(e)] ?? OTHER,
        arrow: DIRECTED.has(edgeType(e)) ? "triangle" : "none" } })),
    ];
    cy?.destroy();
    cy = cytoscapeLib({
      container: graph, elements, minZoom: 0.2, maxZoom: 4,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 12, "text-wrap": "ellipsis", "text-max-width": 160, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
          "text-outline-color": "#fff", "text-outline-width": 2 } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "data(arrow)", "curve-style": "bezier", opacity: 0.8,
          width: "mapData(weight, 1, 10, 1.5, 7)" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
      ],
      layout: elements.length > 600 ? { name: "concentric", animate: false, concentric: (n) => n.data("size"),
        levelWidth: () => 8, minNodeSpacing: 12 }
        : { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 600000, idealEdgeLength: () => 110,
          nodeOverlap: 40, gravity: 0.6, numIter: 1500, componentSpacing: 80, padding: 24 },
    });
    cy.on("tap", "node", (e) => { location.hash = `#/actor/${encodeURIComponent(e.target.id())}`; });
    window.marsad && (window.marsad.cy = cy);
    graph.setAttribute("aria-label", `${t("network")}: ${data.nodes.length} / ${edges.length}`);
    graph.dataset.nodes = String(data.nodes.length);
    graph.dataset.edges = String(edges.length);
    drawSide(types, edges);
  }

  function drawSide(types, edges) {
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const name = (id) => (byId.has(id) ? label(byId.get(id)) : id);
    replace(side,
      h("fieldset", { class: "field" }, h("legend", { text: t("edgeTypes") }),
        [...new Set([...Object.keys(EDGE_COLOURS).filter((k) => types.has(k)), ...types])].map((type) =>
          h("label", { class: "check" }, h("input", { type: "checkbox", checked: shownTypes.has(type) ||
            !(type in EDGE_COLOURS), value: type, onchange: (e) => {
            if (e.target.checked) shownTypes.add(type); else shownTypes.delete(type);
            draw();
          } }), h("span", { class: "swatch", style: `background:${EDGE_COLOURS[type] ?? OTHER}` }), tv(type)))),
      h("h3", { text: t("actorsList") }),
      h("ul", { class: "node-list", id: "node-list" }, [...data.nodes].sort((a, b) => eventsOf(b) - eventsOf(a))
        .map((n) => h("li", null, h("a", { href: `#/actor/${encodeURIComponent(n.id)}`, dataset: { id: n.id } },
          h("span", { class: "swatch", style: `background:${kindColour(n.kind)}` }), label(n),
          h("span", { class: "n", text: ` (${eventsOf(n)})` }))))),
      h("h3", { text: t("edgeTypes") }),
      h("ul", { class: "edge-list", id: "edge-list" }, edges.map((e) => h("li", {
        dataset: { source: e.source, target: e.target, type: edgeType(e) } },
      h("bdi", { text: name(e.source) }), DIRECTED.has(edgeType(e)) ? ` —${tv(edgeType(e))}→ ` : ` —${tv(edgeType(e))}— `,
      h("bdi", { text: name(e.target) }),
      h("span", { class: "n", text: ` ×${e.weight ?? 1}` })))));
  }

  let timer = null;
  const refresh = () => {
    stale = true;
    if (root.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  };
  on("events", refresh);
  on("brush", refresh);
  on("lang", () => { hint.textContent = t("networkHint"); if (!stale) draw(); });
  hint.textContent = t("networkHint");
  return {
    shown: () => {
      if (stale) load();
      else setTimeout(() => cy?.resize(), 0);
    },
  };
}

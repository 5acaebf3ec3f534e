// The actor network: nodes are actors (colour by kind, size by events), edges are relations
// (backs, leads, member of) and event interactions (hostile, cooperative), weighted by count.
// It follows the filters and the time brush; a list beside the graph gives keyboard access.
import cytoscape from "cytoscape";
import { getJson } from "../api.js";
import { EDGE_COLOURS, OTHER, kindColour } from "../constants.js";
import { h, replace } from "../dom.js";
import { getLang, nameOf, t, tv } from "../i18n.js";
import { apiParams, on, state } from "../state.js";

const DIRECTED = new Set(["backs", "leads", "member_of"]);

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

  async function load() {
    controller?.abort();
    controller = new AbortController();
    status.textContent = t("loading");
    root.setAttribute("aria-busy", "true");
    try {
      const body = await getJson("network", apiParams(state.filters, true), controller.signal);
      data = { nodes: body.nodes ?? [], edges: body.edges ?? [] };
      stale = false;
      status.textContent = `${data.nodes.length} · ${data.edges.length}`;
      draw();
    } catch (err) {
      if (err.name !== "AbortError") status.textContent = t("error", { msg: err.message });
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  const label = (n) => (getLang() === "ar" ? n.name_ar || n.name_en : n.name_en || n.name_ar) || n.id;
  const eventsOf = (n) => n.events ?? n.event_count ?? n.count ?? n.weight ?? 0;
  const edgeType = (e) => e.type ?? e.kind ?? "interaction";

  function draw() {
    const types = new Set(data.edges.map(edgeType));
    const edges = data.edges.filter((e) => shownTypes.has(edgeType(e)) || !(edgeType(e) in EDGE_COLOURS));
    const maxEvents = Math.max(1, ...data.nodes.map(eventsOf));
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: label(n), kind: n.kind,
        colour: kindColour(n.kind), size: 18 + 42 * Math.sqrt(eventsOf(n) / maxEvents) } })),
      ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, type: edgeType(e),
        weight: e.weight ?? 1, colour: EDGE_COLOURS[edgeType(e)] ?? OTHER,
        arrow: DIRECTED.has(edgeType(e)) ? "triangle" : "none" } })),
    ];
    cy?.destroy();
    cy = cytoscape({
      container: graph, elements, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 4,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
          "text-outline-color": "#fff", "text-outline-width": 2 } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "data(arrow)", "curve-style": "bezier", opacity: 0.8,
          width: "mapData(weight, 1, 10, 1.5, 7)" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
      ],
      layout: { name: elements.length > 400 ? "grid" : "cose", animate: false, nodeRepulsion: 9000,
        idealEdgeLength: 90, randomize: false },
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
      h("bdi", { text: name(e.source) }), ` —${tv(edgeType(e))}→ `, h("bdi", { text: name(e.target) }),
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

// The map: offline basemap (country borders, Syrian governorates), one marker per event at its
// place, clustered, coloured by ACLED or PLOVER type and sized by the number of sources.
import L from "leaflet";
import "leaflet.markercluster";
import { record } from "../api.js";
import { eventColour, legendEntries } from "../constants.js";
import { h, replace } from "../dom.js";
import { getLang, t, tv } from "../i18n.js";
import { placesById } from "../names.js";
import { on, state, visibleEvents } from "../state.js";
import { basemap as loadBasemap } from "../basemap.js";

export const TILE_SETTING = "marsad.tiles";

// place id -> {lat, lon, names, governorate} from /places/{id}, kept in localStorage between visits.
// Events carry their coordinates, so markers never wait for these; the records supply the names
// that the free-text filter and the cards show.
const PLACE_CACHE = "marsad.places.v1";
const places = placesById;
for (const [id, p] of Object.entries(JSON.parse(localStorage.getItem(PLACE_CACHE) || "{}"))) places.set(id, p);

function savePlaces() {
  const keep = {};
  for (const [id, p] of places) {
    if (p) keep[id] = { lat: p.lat, lon: p.lon, name_en: p.name_en, name_ar: p.name_ar, governorate: p.governorate };
  }
  try {
    localStorage.setItem(PLACE_CACHE, JSON.stringify(keep));
  } catch { /* storage full: the cache is only a speed-up */ }
}

export function sourcesOf(ev) {
  return ev.num_sources ?? ev.sources?.length ?? 1;
}

// Coordinates of an event: embedded by the API when it does, else its place's.
function coordsOf(ev) {
  const p = typeof ev.place === "object" && ev.place ? ev.place : ev.place_detail ?? places.get(ev.place);
  const lat = ev.lat ?? ev.latitude ?? p?.lat;
  const lon = ev.lon ?? ev.longitude ?? p?.lon;
  return typeof lat === "number" && typeof lon === "number" ? [lat, lon] : null;
}

export function placeId(ev) {
  return typeof ev.place === "object" && ev.place ? ev.place.id : ev.place;
}

// Fetch the places not known yet, a few at a time; `batch` is called as they arrive.
async function fetchPlaces(events, batch) {
  const queue = [...new Set(events.filter((ev) => placeId(ev)).map(placeId))]
    .filter((id) => !places.has(id));
  if (!queue.length) return;
  const worker = async () => {
    while (queue.length) {
      const id = queue.shift();
      try {
        places.set(id, await record("places", id));
      } catch {
        places.set(id, null);
      }
      batch();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  savePlaces();
}

export function mountMap(root) {
  const mapEl = h("div", { id: "map", class: "map", role: "region", "aria-label": t("map") });
  const legend = h("div", { class: "legend", id: "map-legend" });
  const empty = h("div", { class: "empty", hidden: true, id: "map-empty" });
  replace(root, mapEl, legend, empty);

  const map = L.map(mapEl, { zoomControl: true, preferCanvas: false, minZoom: 3, maxZoom: 14,
    attributionControl: true, keyboard: true }).setView([35.0, 38.5], 7);
  map.attributionControl.setPrefix(false);
  map.createPane("basemap").style.zIndex = 250;
  map.getPane("basemap").style.pointerEvents = "none";
  const renderer = L.canvas({ pane: "basemap", padding: 0.2 });

  const tiles = localStorage.getItem(TILE_SETTING);
  if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: "tiles: user setting" }).addTo(map);

  let govLabels = null;
  loadBasemap().then((basemap) => {
    L.geoJSON(basemap.countries, { renderer, interactive: false, style: {
      color: "#8a8f94", weight: 1, fill: !tiles, fillColor: "#f3f1ec", fillOpacity: 1 } }).addTo(map);
    L.geoJSON(basemap.governorates, { renderer, interactive: false, style: {
      color: "#b08d57", weight: 1.2, dashArray: "4 3", fill: !tiles, fillColor: "#fbf7ee", fillOpacity: 1 } })
      .addTo(map);
    govLabels = L.layerGroup(basemap.governorates.features.map((f) => {
      const [lon, lat] = f.properties.label;
      const label = h("span", { class: "gov-label", dataset: { en: f.properties.name_en, ar: f.properties.name_ar } });
      label.textContent = getLang() === "ar" ? f.properties.name_ar : f.properties.name_en;
      return L.marker([lat, lon], { interactive: false, keyboard: false,
        icon: L.divIcon({ className: "gov-label-icon", html: label, iconSize: null }) });
    })).addTo(map);
    map.attributionControl.addAttribution(basemap.attribution);
    mapEl.dataset.basemap = "ready";
  });

  const cluster = L.markerClusterGroup({
    chunkedLoading: true, chunkInterval: 50, chunkDelay: 16, showCoverageOnHover: false, maxClusterRadius: 45,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
      // The ring takes the colour of the commonest event type inside.
      const tally = new Map();
      for (const m of c.getAllChildMarkers()) tally.set(m.colour, (tally.get(m.colour) ?? 0) + 1);
      const ring = [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "#1f5f8b";
      const el = h("div", { class: "cluster",
        style: `width:${size}px;height:${size}px;line-height:${size}px;box-shadow:0 0 0 4px ${ring}` });
      el.textContent = String(n);
      return L.divIcon({ html: el, className: "cluster-icon", iconSize: [size, size] });
    },
  }).addTo(map);

  const markers = new Map(); // event id -> marker (kept across brushing)
  function markerFor(ev) {
    const key = `${ev.id}|${state.colourBy}|${getLang()}`;
    if (markers.has(key)) return markers.get(key);
    const ll = coordsOf(ev);
    if (!ll) return null;
    const n = sourcesOf(ev);
    const size = Math.min(34, 12 + 5 * Math.sqrt(n));
    const dot = h("div", { class: "dot", style: `width:${size}px;height:${size}px;background:${eventColour(ev, state.colourBy)}` });
    const label = [tv(ev.acled_event_type || ev.plover), ev.date?.value, ev.summary_en].filter(Boolean).join(" · ");
    const marker = L.marker(ll, { keyboard: true, title: label, alt: label,
      icon: L.divIcon({ html: dot, className: "event-marker", iconSize: [size, size] }) });
    marker.eventId = ev.id;
    marker.colour = eventColour(ev, state.colourBy);
    const open = () => { location.hash = `#/event/${encodeURIComponent(ev.id)}`; };
    marker.on("click", open);
    // Leaflet makes markers focusable but only opens popups on Enter: open the card on Enter or Space.
    marker.on("keypress", (e) => {
      if (e.originalEvent.key === "Enter" || e.originalEvent.key === " ") {
        e.originalEvent.preventDefault();
        open();
      }
    });
    marker.on("add", () => {
      const el = marker.getElement();
      if (el) {
        el.dataset.eventId = String(ev.id);
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", label);
      }
    });
    markers.set(key, marker);
    return marker;
  }

  let pending = null;
  function draw() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      const evs = visibleEvents();
      const layer = evs.map(markerFor).filter(Boolean);
      cluster.clearLayers();
      cluster.addLayers(layer);
      mapEl.dataset.markers = String(layer.length);
      if (complete) mapEl.dataset.drawn = String(Date.now());
      empty.hidden = state.loading || evs.length > 0;
      empty.textContent = t("noEvents");
    });
  }

  function drawLegend() {
    replace(legend, h("strong", { text: `${t("legend")} (${state.colourBy.toUpperCase()})` }),
      h("ul", null, legendEntries(state.colourBy).map(([name, colour]) =>
        h("li", null, h("span", { class: "swatch", style: `background:${colour}` }), tv(name)))));
  }

  let placesPending = false;
  let complete = false; // every event of the current load is in and every place is known
  on("partial", (events) => {
    complete = false;
    delete mapEl.dataset.drawn;
    draw();
    let timer = null;
    fetchPlaces(events, () => { clearTimeout(timer); timer = setTimeout(draw, 200); });
  });
  on("events", async (events) => {
    markers.clear();
    complete = false;
    delete mapEl.dataset.drawn;
    placesPending = true;
    mapEl.dataset.placesPending = "true";
    draw();
    let timer = null;
    await fetchPlaces(events, () => { clearTimeout(timer); timer = setTimeout(draw, 120); });
    clearTimeout(timer);
    placesPending = false;
    complete = true;
    delete mapEl.dataset.placesPending;
    draw();
  });
  on("brush", draw);
  on("colour", () => { draw(); drawLegend(); });
  on("lang", () => {
    drawLegend();
    mapEl.setAttribute("aria-label", t("map"));
    govLabels?.eachLayer((m) => {
      const el = m.options.icon.options.html;
      el.textContent = getLang() === "ar" ? el.dataset.ar : el.dataset.en;
    });
    draw();
  });
  drawLegend();
  return { shown: () => setTimeout(() => map.invalidateSize(), 0), map };
}

import { fold } from "./normalize.js";
import { actorsById, placesById } from "./names.js";

// Application state: filters sent to the API, the time brush applied in the browser, and the
// events currently loaded. Views subscribe to changes; nothing here touches the DOM.

export const HIDDEN_STATUSES = ["promised", "denied"];
export const STATUSES = ["occurred", "attempted", "failed", "planned", "promised", "threatened", "denied",
  "conditional", "reported_claim"];

export const state = {
  filters: { type: "", actor: null, actorKind: "", governorate: "", outlet: "", q: "", showHidden: false },
  brush: null, // [Date, Date] or null
  colourBy: "acled",
  events: [], // as loaded from the API for the filters
  loading: false,
  loadMs: null,
};

const listeners = new Map();

export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(fn);
}

export function emit(topic, payload) {
  listeners.get(topic)?.forEach((fn) => fn(payload));
}

// Query parameters for /events (and /network, /stats) from the filters.
export function apiParams(filters = state.filters, withBrush = false) {
  const f = filters;
  const params = {
    actor: f.actor?.id,
    actor_kind: f.actorKind,
    governorate: f.governorate,
    outlet: f.outlet,
  };
  if (f.type.startsWith("acled:")) params.acled_event_type = f.type.slice(6);
  else if (f.type.startsWith("plover:")) params.plover = f.type.slice(7);
  if (!f.showHidden) params.status = STATUSES.filter((s) => !HIDDEN_STATUSES.includes(s));
  if (withBrush && state.brush) {
    params.date_from = isoDay(state.brush[0]);
    params.date_to = isoDay(state.brush[1]);
  }
  return params;
}

export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

// The day an event happened, when its date is known to the day, week or month; else null.
export function eventDay(ev) {
  if (ev._day !== undefined) return ev._day;
  const value = ev.date?.value ?? ev.date_start ?? null;
  let day = null;
  const m = typeof value === "string" && /^(\d{4})-(\d{2}|XX)(?:-(\d{2}|XX))?/.exec(value);
  if (m && m[2] !== "XX") day = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] && m[3] !== "XX" ? +m[3] : 1));
  else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(ev.date_start ?? "")) {
    day = new Date(`${ev.date_start}T00:00:00Z`);
  }
  if (!day && ev.published) day = new Date(`${ev.published}T00:00:00Z`);
  ev._day = day && !Number.isNaN(day.getTime()) ? day : null;
  return ev._day;
}

// What the free text is matched against: the summary, the coded types, the outlets, and the
// English and Arabic names of the event's actors and place (folded like the actor search).
function haystack(ev) {
  const parts = [ev.summary_en, ev.plover, ev.acled_event_type, ev.acled_sub_event_type, ...(ev.outlets ?? [])];
  for (const id of [...(ev.actor1 ?? []), ...(ev.actor2 ?? [])]) {
    const a = actorsById.get(id);
    parts.push(id, a?.name_en, a?.name_ar);
  }
  const p = placesById.get(typeof ev.place === "object" && ev.place ? ev.place.id : ev.place);
  parts.push(p?.name_en, p?.name_ar, p?.governorate);
  return fold(parts.filter(Boolean).join(" "));
}

// The loaded events within the brush and matching the free text (events with no usable date
// stay when no brush is set).
export function visibleEvents() {
  const words = fold(state.filters.q).split(" ").filter(Boolean);
  if (!state.brush && !words.length) return state.events;
  const [a, b] = state.brush ?? [];
  return state.events.filter((ev) => {
    if (state.brush) {
      const d = eventDay(ev);
      if (!d || d < a || d > b) return false;
    }
    if (words.length) {
      const hay = haystack(ev);
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

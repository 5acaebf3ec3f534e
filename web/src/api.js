// The marsad API client. The dashboard is served at <root>/ui/ and the API at <root>/;
// `?api=URL` in the page address points it elsewhere (e.g. while developing with vite).

const PAGE = 500;

export function apiBase() {
  const override = new URLSearchParams(location.search).get("api");
  if (override) return override.replace(/\/?$/, "/");
  const path = location.pathname;
  const at = path.lastIndexOf("/ui/");
  return location.origin + (at >= 0 ? path.slice(0, at + 1) : "/");
}

export class ApiError extends Error {}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => q.append(key, v));
    else q.append(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function getJson(path, params, signal) {
  const url = apiBase() + path.replace(/^\//, "") + query(params);
  const res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = await res.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch { /* not JSON */ }
    throw new ApiError(`${path}: ${res.status} ${detail}`);
  }
  return res.json();
}

// List endpoints answer either a bare list or a page object; read both.
export function itemsOf(body) {
  if (Array.isArray(body)) return body;
  return body.items ?? body.results ?? body.events ?? body.articles ?? body.actors ?? body.data ?? [];
}

export function totalOf(body) {
  if (Array.isArray(body)) return body.length;
  return body.total ?? body.count ?? itemsOf(body).length;
}

// Every event matching the server-side filters: the first page says how many there are, the
// rest are fetched a few at a time; progress is reported as pages arrive.
export async function loadEvents(params, onProgress, signal) {
  const first = await getJson("events", { ...params, limit: PAGE, offset: 0 }, signal);
  const pages = [itemsOf(first)];
  if (Array.isArray(first)) return pages[0];
  const total = totalOf(first);
  let loaded = pages[0].length;
  // The third argument gives the events so far, so the views can draw while the rest arrive.
  const soFar = () => pages.filter(Boolean).flat();
  onProgress?.(loaded, total, soFar);
  const offsets = [];
  for (let offset = PAGE; offset < total; offset += PAGE) offsets.push(offset);
  const worker = async () => {
    while (offsets.length) {
      const offset = offsets.shift();
      const items = itemsOf(await getJson("events", { ...params, limit: PAGE, offset }, signal));
      pages[offset / PAGE] = items;
      loaded += items.length;
      onProgress?.(loaded, total, soFar);
    }
  };
  await Promise.all(Array.from({ length: 3 }, worker));
  return pages.flat();
}

const cache = new Map();

// Records fetched once per session (actors, places, people) keyed by canonical id.
export async function record(kind, id, signal) {
  const key = `${kind}/${id}`;
  if (!cache.has(key)) {
    cache.set(key, getJson(`${kind}/${encodeURIComponent(id)}`, null, signal).catch((e) => {
      cache.delete(key);
      throw e;
    }));
  }
  return cache.get(key);
}

export function remember(kind, rec) {
  if (rec && rec.id && !cache.has(`${kind}/${rec.id}`)) cache.set(`${kind}/${rec.id}`, Promise.resolve(rec));
}

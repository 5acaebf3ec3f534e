import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Built files go into the Python package, where `marsad serve` serves them at /ui/.
export default defineConfig({
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../src/marsad/web/dist", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: { proxy: { "^/(events|articles|actors|network|places|stats|people)": "http://127.0.0.1:8000" } },
});

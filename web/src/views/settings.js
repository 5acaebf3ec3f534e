// Settings: an optional tile server for the map (the built-in basemap needs no network).
import { h, replace, safeUrl } from "../dom.js";
import { t } from "../i18n.js";
import { panelFrame } from "./cards.js";
import { TILE_SETTING } from "./map.js";

export function showSettings(panel) {
  panel.hidden = false;
  document.body.classList.add("panel-open");
  const { body } = panelFrame(panel, t("settings"), t("settings"));
  const input = h("input", { id: "tile-url", type: "url", value: localStorage.getItem(TILE_SETTING) ?? "",
    placeholder: "http://localhost:8080/tiles/{z}/{x}/{y}.png" });
  const message = h("p", { class: "status", role: "status" });
  replace(body, h("form", { onsubmit: (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (value && !safeUrl(value.replace(/\{[xyzs]\}/g, "0"))) {
      message.textContent = "http(s) URL only";
      return;
    }
    if (value) localStorage.setItem(TILE_SETTING, value);
    else localStorage.removeItem(TILE_SETTING);
    location.reload();
  } }, h("label", { class: "field", for: "tile-url" }, h("span", { text: t("tiles") }), input),
  h("button", { type: "submit", class: "btn", text: t("save") }), message));
  panel.focus();
}

// Small helpers shared by the side-panel cards.
import { record } from "../api.js";
import { h, replace } from "../dom.js";
import { nameOf, t } from "../i18n.js";
import { refLink } from "./reader.js";

export function panelFrame(panel, titleText, kind) {
  const body = h("div", { class: "card-body" });
  const title = h("h2", { id: "panel-title", dir: "auto", text: titleText });
  replace(panel,
    h("div", { class: "card-head" }, h("span", { class: "card-kind", text: kind }), title,
      h("button", { type: "button", class: "btn close", id: "panel-close", "aria-label": t("close"), text: "×",
        onclick: () => document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })) })),
    body);
  panel.setAttribute("aria-labelledby", "panel-title");
  return { body, title };
}

export function field(label, ...value) {
  const content = value.flat().filter((v) => v !== null && v !== undefined && v !== "");
  if (!content.length) return null;
  return [h("dt", { text: label }), h("dd", null, content)];
}

// A link to a canonical record, labelled with its name once it is known.
export function refChip(ref) {
  if (!ref) return null;
  const href = refLink(ref);
  const el = h(href ? "a" : "span", { class: "ref", href, dataset: { ref } }, ref);
  const kind = { actor: "actors", place: "places", person: "people" }[ref.split(":")[0]];
  if (kind) {
    record(kind, ref).then((rec) => {
      el.textContent = nameOf(rec) || ref;
      if (rec?.name_ar && rec.name_en) el.title = `${rec.name_en} · ${rec.name_ar}`;
    }).catch(() => {});
  }
  return el;
}

export function loadingInto(el) {
  replace(el, h("p", { class: "status", role: "status", text: t("loading") }));
}

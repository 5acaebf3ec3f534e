// Safe DOM building. Every string that may come from an article goes through text nodes or
// setAttribute, never through innerHTML; links are kept only when their scheme is http(s).

export function safeUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  try {
    const url = new URL(value.trim(), "http://invalid.invalid/");
    if (url.host === "invalid.invalid") return null; // relative: not an outside source link
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const PROPS = new Set(["value", "checked", "disabled", "hidden", "selected", "tabIndex", "type"]);

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "href") {
      const href = value.startsWith("#") ? value : safeUrl(value);
      if (href) el.setAttribute("href", href);
    } else if (key === "dataset") Object.assign(el.dataset, value);
    else if (PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

export function fmtNumber(n, lang) {
  return new Intl.NumberFormat(lang === "ar" ? "ar-SY" : "en-GB").format(n);
}

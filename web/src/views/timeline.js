// The timeline: events per day (or week, for long ranges) with a brush; the brushed range filters
// the map, the network and the counts. Two date fields do the same from the keyboard.
import { brushX } from "d3-brush";
import { axisBottom } from "d3-axis";
import { max } from "d3-array";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { utcDay, utcWeek } from "d3-time";
import { h, replace, fmtNumber } from "../dom.js";
import { getLang, t } from "../i18n.js";
import { emit, eventDay, isoDay, on, state } from "../state.js";

const HEIGHT = 110;
const MARGIN = { top: 8, right: 16, bottom: 22, left: 16 };

export function mountTimeline(root) {
  const title = h("h2", { class: "timeline-title" });
  const undated = h("span", { class: "undated", id: "undated" });
  const from = h("input", { type: "date", id: "brush-from" });
  const to = h("input", { type: "date", id: "brush-to" });
  const reset = h("button", { type: "button", class: "btn small", id: "brush-reset" });
  const hint = h("p", { class: "hint" });
  const chart = h("div", { class: "chart", id: "timeline-chart" });
  const fromLabel = h("label", { for: "brush-from" });
  const toLabel = h("label", { for: "brush-to" });
  replace(root, h("div", { class: "timeline-head" }, title, undated,
    h("div", { class: "range" }, fromLabel, from, toLabel, to, reset)), chart, hint);

  let x = null;
  let brush = null;
  let gBrush = null;
  let quiet = false;

  function setBrush(range, moveBrush) {
    state.brush = range;
    from.value = range ? isoDay(range[0]) : "";
    to.value = range ? isoDay(range[1]) : "";
    if (moveBrush && gBrush && x) {
      quiet = true;
      gBrush.call(brush.move, range ? range.map(x) : null);
      quiet = false;
    }
    emit("brush", range);
  }

  function draw() {
    const days = state.events.map(eventDay);
    const dated = days.filter(Boolean);
    undated.textContent = dated.length < days.length
      ? `(${t("undated", { n: fmtNumber(days.length - dated.length, getLang()) })})` : "";
    const width = Math.max(300, chart.clientWidth || 800);
    replace(chart);
    if (!dated.length) return;
    let lo = utcDay.floor(new Date(Math.min(...dated)));
    let hi = utcDay.offset(utcDay.floor(new Date(Math.max(...dated))), 1);
    const long = (hi - lo) / 864e5 > 180;
    const unit = long ? utcWeek : utcDay;
    lo = unit.floor(lo);
    hi = unit.ceil(hi);
    if (+lo === +hi) hi = unit.offset(hi, 1);
    const counts = new Map();
    for (const d of dated) {
      const k = +unit.floor(d);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    x = scaleUtc().domain([lo, hi]).range([MARGIN.left, width - MARGIN.right]);
    const y = scaleLinear().domain([0, max(counts.values())]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const svg = select(chart).append("svg").attr("width", width).attr("height", HEIGHT)
      .attr("role", "img").attr("aria-label", t("timeline"));
    const bars = [...counts].map(([k, n]) => ({ start: new Date(k), n }));
    svg.append("g").selectAll("rect").data(bars).join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(d.start))
      .attr("width", (d) => Math.max(1, x(unit.offset(d.start, 1)) - x(d.start) - 1))
      .attr("y", (d) => y(d.n))
      .attr("height", (d) => y(0) - y(d.n))
      .append("title").text((d) => `${isoDay(d.start)}: ${d.n}`);
    svg.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
    brush = brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, HEIGHT - MARGIN.bottom]])
      .on("end", (event) => {
        if (quiet || !event.sourceEvent) return;
        if (!event.selection) return setBrush(null, false);
        const [a, b] = event.selection.map(x.invert);
        setBrush([utcDay.floor(a), utcDay.ceil(b)], false);
      });
    gBrush = svg.append("g").attr("class", "brush").call(brush);
    svg.on("dblclick", () => setBrush(null, true));
    if (state.brush) gBrush.call(brush.move, state.brush.map((d) => x(d)));
  }

  function labels() {
    title.textContent = t("timeline");
    hint.textContent = t("brushHint");
    reset.textContent = t("allTime");
    fromLabel.textContent = getLang() === "ar" ? "من" : "From";
    toLabel.textContent = getLang() === "ar" ? "إلى" : "To";
  }

  const fromInputs = () => {
    const a = from.value ? new Date(`${from.value}T00:00:00Z`) : null;
    const b = to.value ? new Date(`${to.value}T23:59:59Z`) : null;
    if (!a && !b) return setBrush(null, true);
    setBrush([a ?? new Date(0), b ?? new Date(8.64e15)], true);
  };
  from.addEventListener("change", fromInputs);
  to.addEventListener("change", fromInputs);
  reset.addEventListener("click", () => setBrush(null, true));

  labels();
  on("events", draw); // the brush stays across filter changes
  on("partial", draw);
  on("lang", () => { labels(); draw(); });
  let resizeTimer = null;
  new ResizeObserver(() => { clearTimeout(resizeTimer); resizeTimer = setTimeout(draw, 150); }).observe(chart);
}

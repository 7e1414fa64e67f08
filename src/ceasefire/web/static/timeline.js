/* The timeline under the map: incidents per day as stacked SVG bars, brushed to pick days.
 *
 * CeasefireTimeline.create(svg, colours, onBrush) -> {draw(days), select(from, to)}
 *   days: [{day: "YYYY-MM-DD", count, by_category: {category: n}}] as /incidents/per-day gives;
 *   onBrush(from, to) gets the first and last day (YYYY-MM-DD) a drag covered.
 * Our own code, no library: the SVG is built with createElementNS, text with textContent.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const DAY_MS = 86400000;
  const HEIGHT = 110;
  const AXIS = 18;

  function dayNumber(text) {
    const [y, m, d] = text.split("-").map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  }

  function dayText(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function element(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function create(svg, colours, onBrush) {
    let days = [];
    let first = 0;
    let last = 0;
    let selected = null; // [fromNumber, toNumber] or null
    let drag = null;
    let band = null;

    function width() {
      return Math.max(svg.clientWidth || svg.parentNode.clientWidth || 600, 200);
    }

    function x(number) {
      return ((number - first) / (last - first + 1)) * width();
    }

    function dayAt(px) {
      const span = last - first + 1;
      const number = first + Math.floor((px / width()) * span);
      return Math.min(Math.max(number, first), last);
    }

    function draw(newDays) {
      if (newDays) days = newDays;
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const w = width();
      svg.setAttribute("viewBox", `0 0 ${w} ${HEIGHT}`);
      svg.setAttribute("height", String(HEIGHT));
      svg.dataset.days = String(days.length);
      if (!days.length) {
        const empty = element("text", { x: w / 2, y: HEIGHT / 2, "text-anchor": "middle" }, svg);
        empty.textContent = "no incidents under these filters";
        empty.setAttribute("class", "timeline-empty");
        return;
      }
      first = dayNumber(days[0].day);
      last = dayNumber(days[days.length - 1].day);
      const top = Math.max(...days.map((d) => d.count));
      const plot = HEIGHT - AXIS;
      const barWidth = Math.max(x(first + 1) - x(first) - 0.5, 1);
      const bars = element("g", { class: "timeline-bars" }, svg);
      for (const entry of days) {
        const left = x(dayNumber(entry.day));
        let base = plot;
        for (const [category, number] of Object.entries(entry.by_category)) {
          const h = (number / top) * (plot - 4);
          const rect = element("rect", {
            x: left, y: base - h, width: barWidth, height: h,
            fill: colours[category] || "#888",
          }, bars);
          const tip = element("title", {}, rect);
          tip.textContent = `${entry.day}: ${entry.count} incident(s), ${number} ${category}`;
          base -= h;
        }
      }
      drawAxis(w, plot);
      band = element("rect", { class: "timeline-selection", y: 0, height: plot, x: 0, width: 0 }, svg);
      showSelection();
    }

    function drawAxis(w, plot) {
      const axis = element("g", { class: "timeline-axis" }, svg);
      element("line", { x1: 0, x2: w, y1: plot + 0.5, y2: plot + 0.5 }, axis);
      const ticks = Math.min(6, last - first + 1);
      for (let i = 0; i < ticks; i += 1) {
        const number = first + Math.round(((last - first) * i) / Math.max(ticks - 1, 1));
        const label = element("text", {
          x: x(number), y: HEIGHT - 4,
          "text-anchor": i === 0 ? "start" : i === ticks - 1 ? "end" : "middle",
        }, axis);
        label.textContent = dayText(number);
      }
    }

    function showSelection() {
      if (!band) return;
      const range = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : selected;
      if (!range) {
        band.setAttribute("width", "0");
        return;
      }
      const left = x(Math.max(range[0], first));
      const right = x(Math.min(range[1], last) + 1);
      band.setAttribute("x", String(left));
      band.setAttribute("width", String(Math.max(right - left, 0)));
    }

    function offsetX(event) {
      const box = svg.getBoundingClientRect();
      return ((event.clientX - box.left) / box.width) * width();
    }

    svg.addEventListener("pointerdown", (event) => {
      if (!days.length) return;
      const day = dayAt(offsetX(event));
      drag = { from: day, to: day };
      svg.setPointerCapture(event.pointerId);
      showSelection();
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      drag.to = dayAt(offsetX(event));
      showSelection();
    });
    function finish(event) {
      if (!drag) return;
      drag.to = dayAt(offsetX(event));
      selected = [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
      drag = null;
      showSelection();
      onBrush(dayText(selected[0]), dayText(selected[1]));
    }
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", () => { drag = null; showSelection(); });
    window.addEventListener("resize", () => draw());

    return {
      draw,
      select(from, to) {
        selected = from || to
          ? [from ? dayNumber(from) : -Infinity, to ? dayNumber(to) : Infinity]
          : null;
        showSelection();
      },
    };
  }

  window.CeasefireTimeline = { create };
})();

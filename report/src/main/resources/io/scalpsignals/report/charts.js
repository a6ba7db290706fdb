// Draws SCALP's series with uPlot (report/InteractiveCharts.java writes SCALP above this code).
(function () {
  "use strict";
  const width = () => Math.min(document.body.clientWidth, 1200);

  // Records the visible time range and the points in it on the chart's element (read by tests).
  function record(u) {
    const x = u.data[0];
    const min = u.scales.x.min;
    const max = u.scales.x.max;
    let n = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] >= min && x[i] <= max) n++;
    }
    u.root.parentElement.dataset.xRange = min + "," + max;
    u.root.parentElement.dataset.visiblePoints = String(n);
  }

  function chart(id, title, yLabel, series, data, sync) {
    const el = document.getElementById(id);
    if (!el) return null;
    const opts = {
      title: title,
      width: width(),
      height: id === "price-chart" ? 420 : 240,
      cursor: sync ? { sync: { key: sync } } : {},
      scales: { x: { time: true } },
      axes: [{}, { label: yLabel }],
      series: [{ label: "time (UTC)" }].concat(series),
      hooks: { ready: [record], setScale: [(u, key) => { if (key === "x") record(u); }] },
    };
    return new uPlot(opts, data, el);
  }

  const line = (label, stroke, extra) => Object.assign({ label: label, stroke: stroke, width: 1, points: { show: false } }, extra || {});
  const marks = (label, color) => ({ label: label, stroke: color, paths: () => null, points: { show: true, size: 9, fill: color, stroke: color } });

  const charts = [];
  if (SCALP.price) {
    charts.push(chart("price-chart", SCALP.symbol + ": price, session VWAP ±1σ, entries and exits", "price", [
      line("price", "#282828"),
      line("VWAP", "#1e64dc"),
      line("+1σ", "#78a0f0", { dash: [4, 4] }),
      line("-1σ", "#78a0f0", { dash: [4, 4] }),
      marks("entry", "#ff8c00"),
      marks("exit", "#8c3cc8"),
    ], SCALP.price));
  }
  charts.push(chart("equity-chart", "Wallet after each journal line", "quote units",
    [line("balance", "#1e64dc", { width: 1.5 })], SCALP.equity.slice(0, 2), "scalp-equity"));
  charts.push(chart("drawdown-chart", "Drawdown from the running high", "%",
    [line("drawdown %", "#d22828", { fill: "rgba(210,40,40,0.12)" })], [SCALP.equity[0], SCALP.equity[2]], "scalp-equity"));

  // #zoom=FROM,TO (epoch seconds): open every chart zoomed on that range.
  const zoom = /^#zoom=([-0-9.e]+),([-0-9.e]+)$/.exec(location.hash);
  if (zoom) {
    charts.filter(Boolean).forEach(u => u.setScale("x", { min: Number(zoom[1]), max: Number(zoom[2]) }));
  }
  window.addEventListener("resize", () => charts.filter(Boolean).forEach(u => u.setSize({ width: width(), height: u.height })));
})();

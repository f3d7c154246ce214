/* cronaca pages: progressive enhancement only. Every page is complete without this file; it draws
   the charts (Chart.js, vendored under /static/vendor) from JSON embedded in the page as
   <script type="application/json"> (data, never executed: the CSP allows scripts from 'self' only),
   and lets a reader jump from a side list to the highlighted span in an article. */
(function () {
  "use strict";
  var DAY = 86400000;
  var PALETTE = ["#1f5fbf", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#16a085", "#7f8c8d",
                 "#b03a2e", "#2874a6", "#af7ac5"];

  function readData(figure) {
    var el = document.getElementById(figure.getAttribute("data-source"));
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function dayMs(s) {
    var p = String(s).split("-");
    return Date.UTC(+p[0], p.length > 1 ? +p[1] - 1 : 0, p.length > 2 ? +p[2] : 1);
  }
  function go(href) { if (href && href.charAt(0) === "/") window.location.assign(href); }

  function lineChart(canvas, d) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: d.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length] };
        })
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 interaction: { mode: "index", intersect: false },
                 scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
                           y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                 onClick: function (evt, els) {
                   if (!d.hrefs || !els.length) return;
                   go(d.hrefs[els[0].index]);
                 } }
    });
  }

  function timelineChart(canvas, d) {
    var types = d.types;
    var stories = d.stories || [];
    var byType = {};
    d.points.forEach(function (p) { (byType[p.type] = byType[p.type] || []).push(p); });
    var datasets = types.map(function (t, i) {
      return { label: t, backgroundColor: PALETTE[i % PALETTE.length],
               data: (byType[t] || []).map(function (p) {
                 return { x: dayMs(p.date), y: t, r: Math.min(4 + 2 * Math.sqrt(p.count), 18),
                          count: p.count, href: p.href, date: p.date };
               }) };
    });
    stories.forEach(function (s) {
      datasets.push({ type: "line", label: "story: " + s.title, borderColor: "#888",
                      backgroundColor: "#888", borderWidth: 6, pointRadius: 4, pointStyle: "rect",
                      showLine: true,
                      data: [{ x: dayMs(s.first), y: "stories", href: s.href },
                             { x: dayMs(s.last) + DAY / 2, y: "stories", href: s.href }] });
    });
    var labels = types.slice();
    if (stories.length) labels.push("stories");
    return new window.Chart(canvas, {
      type: "bubble",
      data: { datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false },
                   tooltip: { callbacks: { label: function (c) {
                     var r = c.raw;
                     if (r.count === undefined) return c.dataset.label;
                     return c.dataset.label + " · " + r.date + " · " + r.count + " report(s)";
                   } } } },
        scales: {
          x: { type: "linear", ticks: { callback: function (v) { return isoDay(v); }, maxRotation: 0, autoSkip: true } },
          y: { type: "category", labels: labels, offset: true }
        },
        onClick: function (evt, els) {
          if (!els.length) return;
          var e = els[0];
          go(datasets[e.datasetIndex].data[e.index].href);
        }
      }
    });
  }

  function drawCharts() {
    if (!window.Chart) return;
    document.querySelectorAll("figure[data-chart]").forEach(function (fig) {
      var d = readData(fig);
      var canvas = fig.querySelector("canvas");
      if (!d || !canvas) return;
      var kind = fig.getAttribute("data-chart");
      try {
        var chart = kind === "timeline" ? timelineChart(canvas, d) : lineChart(canvas, d);
        fig.classList.add("drawn");
        fig.__chart = chart;
      } catch (e) { fig.classList.add("chart-failed"); }
    });
  }

  function wireJumps() {
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("[data-jump]") : null;
      if (!a) return;
      var key = a.getAttribute("data-jump");
      var spans = document.querySelectorAll('.body-text [data-ann~="' + key.replace(/[^a-z0-9]/gi, "") + '"]');
      if (!spans.length) return;
      ev.preventDefault();
      document.querySelectorAll(".hl-target").forEach(function (s) { s.classList.remove("hl-target"); });
      spans.forEach(function (s) { s.classList.add("hl-target"); });
      spans[0].scrollIntoView({ block: "center" });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireJumps();
    drawCharts();
    document.documentElement.setAttribute("data-ready", "1");
  });
})();

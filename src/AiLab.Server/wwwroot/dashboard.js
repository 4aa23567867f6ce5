// AiLab dashboard: draws the charts whose data the server embedded as JSON, and runs incident triage through the
// REST API with the token kept in this browser. Each chart reports what it drew in data-rendered-points (read back
// from uPlot's own series data), so tests check the drawing, not the server's intent.
(function () {
  "use strict";
  var INK = ["#1b1f24", "#0b57d0", "#b3261e", "#146c2e", "#7d5260", "#8a5a00", "#3a3a8c"];
  var DASH = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4], [4, 4]];

  // Hatches distinguish stacked phases without relying on hue.
  function pattern(ctx, i) {
    var c = document.createElement("canvas"); c.width = 8; c.height = 8;
    var g = c.getContext("2d"); g.strokeStyle = INK[i % INK.length]; g.fillStyle = INK[i % INK.length]; g.lineWidth = 1.2;
    switch (i % 5) {
      case 0: g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke(); break;
      case 1: g.beginPath(); g.arc(4, 4, 1.3, 0, 7); g.fill(); break;
      case 2: g.beginPath(); g.moveTo(0, 4); g.lineTo(8, 4); g.stroke(); break;
      case 3: g.beginPath(); g.moveTo(0, 0); g.lineTo(8, 8); g.moveTo(8, 0); g.lineTo(0, 8); g.stroke(); break;
      default: g.beginPath(); g.moveTo(4, 0); g.lineTo(4, 8); g.stroke();
    }
    return ctx.createPattern(c, "repeat");
  }

  function count(values) { var n = 0; values.forEach(function (v) { if (v !== null && v !== undefined) n++; }); return n; }

  function clickThrough(u, links) {
    u.over.style.cursor = "pointer";
    u.over.addEventListener("click", function () {
      var i = u.cursor.idx; if (i !== null && i !== undefined && links && links[i]) location.href = links[i];
    });
  }

  function stacked(spec, width) {
    var n = spec.ttfb.length, x = [], acc = new Array(n).fill(0), data = [x], series = [{ label: "experiment" }], bands = [];
    for (var i = 0; i < n; i++) x.push(i + 1);
    var probe = document.createElement("canvas").getContext("2d");
    spec.phases.forEach(function (p, k) {
      acc = acc.map(function (a, i) { return a + p.values[i]; });
      data.push(acc.slice());
      series.push({ label: p.name + " (stacked)", stroke: INK[k % INK.length], dash: DASH[k % DASH.length], width: 1,
        fill: k === 0 ? pattern(probe, k) : undefined, fillTo: 0, points: { show: false } });
      if (k > 0) bands.push({ series: [k + 1, k], fill: pattern(probe, k) });
    });
    data.push(spec.ttfb.slice());
    var ttfbIdx = data.length - 1;
    series.push({ label: "TTFB", stroke: "#000", width: 2, points: { show: true, size: 7, fill: "#fff" } });
    data.push(spec.ttfb.map(function (v, i) { return spec.verdicts[i] === "regression" || spec.verdicts[i] === "improvement" ? v : null; }));
    var markIdx = data.length - 1;
    series.push({ label: "regression ▲ / improvement ▼", stroke: "#b3261e", width: 0, paths: function () { return null; },
      points: { show: true, size: 13, width: 3, fill: "#fff" } });
    var opts = {
      width: width, height: 300, bands: bands, series: series,
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max * 1.15]; } } },
      axes: [{ values: function (u, splits) { return splits.map(function (s) { return Number.isInteger(s) && spec.labels[s - 1] ? spec.labels[s - 1].slice(0, 7) : ""; }); }, label: "B's commit" },
             { label: spec.unit }],
      hooks: { draw: [function (u) {
        var ctx = u.ctx; ctx.save(); ctx.font = "bold " + Math.round(12 * devicePixelRatio) + "px sans-serif"; ctx.textAlign = "center";
        u.data[markIdx].forEach(function (v, i) {
          if (v === null) return;
          var up = spec.verdicts[i] === "regression";
          ctx.fillStyle = up ? "#b3261e" : "#146c2e";
          ctx.fillText(up ? "▲ R" : "▼ I", u.valToPos(u.data[0][i], "x", true), u.valToPos(v, "y", true) - 12 * devicePixelRatio);
        });
        ctx.restore();
        drawChanges(u, spec.changes || []);
      }] },
    };
    return { opts: opts, data: data, counted: [ttfbIdx], marks: markIdx };
  }

  // Change points: a dashed vertical line between the last point of the old level and the first of the new, with a
  // "◆ +30.0%" label, so they read without colour. What was drawn is counted for the tests.
  function drawChanges(u, changes) {
    var ctx = u.ctx, drawn = 0, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
    ctx.save(); ctx.strokeStyle = "#3a3a8c"; ctx.fillStyle = "#3a3a8c"; ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.font = "bold " + Math.round(12 * devicePixelRatio) + "px sans-serif"; ctx.textAlign = "left";
    changes.forEach(function (c) {
      var x = u.valToPos(c.x - 0.5, "x", true);
      if (!isFinite(x)) return;
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
      ctx.fillText(c.label, x + 4 * devicePixelRatio, top + 14 * devicePixelRatio);
      drawn++;
    });
    ctx.restore();
    u.root.parentNode.parentNode.dataset.renderedChanges = drawn;
  }

  function strip(spec, width) {
    // A at x = 1, B at x = 2, spread evenly by trial order so points do not hide each other.
    var pts = [];
    spec.a.forEach(function (v, i) { pts.push({ x: 0.75 + 0.5 * (i + 0.5) / spec.a.length, a: v, b: null }); });
    spec.b.forEach(function (v, i) { pts.push({ x: 1.75 + 0.5 * (i + 0.5) / spec.b.length, a: null, b: v }); });
    pts.sort(function (p, q) { return p.x - q.x; });
    var data = [pts.map(function (p) { return p.x; }), pts.map(function (p) { return p.a; }), pts.map(function (p) { return p.b; })];
    var none = function () { return null; };
    var opts = {
      width: width, height: 220,
      series: [{ label: "position" },
        { label: "A (baseline) ●", stroke: "#1b1f24", paths: none, points: { show: true, size: 7, fill: "#1b1f24" } },
        { label: "B (candidate) ○", stroke: "#0b57d0", paths: none, points: { show: true, size: 8, width: 2, fill: "#fff" } }],
      scales: { x: { time: false, range: [0.5, 2.5] } },
      axes: [{ splits: function () { return [1, 2]; }, values: function () { return ["A (baseline)", "B (candidate)"]; } }, { label: spec.unit }],
      cursor: { drag: { x: false, y: false } },
    };
    return { opts: opts, data: data, counted: [1, 2] };
  }

  function line(spec, width) {
    var x = spec.labels.map(function (_, i) { return i + 1; }), data = [x], series = [{ label: "#" }];
    spec.series.forEach(function (s, k) {
      data.push(s.values);
      series.push({ label: s.name, stroke: INK[k % INK.length], dash: DASH[k % DASH.length], width: 1.5, spanGaps: true,
        points: { show: true, size: 7 + (k % 3) * 2, fill: k % 2 ? "#fff" : INK[k % INK.length] } });
    });
    var opts = { width: width, height: 240, series: series, scales: { x: { time: false } },
      axes: [{ values: function (u, splits) { return splits.map(function (s) { return Number.isInteger(s) ? (spec.xLabels ? spec.xLabels[s - 1] || "" : String(s)) : ""; }); } }, { label: spec.unit }] };
    var all = spec.series.map(function (_, k) { return k + 1; });
    return { opts: opts, data: data, counted: spec.countAll ? all : spec.series.length ? [1] : [] };
  }

  function curves(spec, width) {
    // Both sides on one x axis: each side's points in its own order (x never decreases along a ROC or PR curve),
    // merged by x; a side's gaps are spanned so that each draws as one line.
    var rows = [];
    spec.sides.forEach(function (s, k) { s.x.forEach(function (x, i) { rows.push({ x: x, k: k, i: i, y: s.y[i] }); }); });
    rows.sort(function (p, q) { return p.x - q.x || p.k - q.k || p.i - q.i; });
    var data = [rows.map(function (r) { return r.x; })], series = [{ label: spec.xLabel }];
    spec.sides.forEach(function (s, k) {
      data.push(rows.map(function (r) { return r.k === k ? r.y : null; }));
      series.push({ label: s.name + (k ? " (dashed)" : " (solid)"), stroke: k ? "#0b57d0" : "#1b1f24", dash: k ? [6, 4] : undefined,
        width: 2, spanGaps: true, points: { show: false } });
    });
    var opts = { width: width, height: 300, series: series, scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1.02] } },
      axes: [{ label: spec.xLabel }, { label: spec.yLabel }] };
    return { opts: opts, data: data, counted: spec.sides.map(function (_, k) { return k + 1; }) };
  }

  function render(fig) {
    var spec = JSON.parse(fig.querySelector("script[type='application/json']").textContent);
    var target = fig.querySelector(".plot");
    var width = Math.max(260, target.clientWidth || fig.clientWidth || 600);
    var built = spec.kind === "stacked" ? stacked(spec, width) : spec.kind === "strip" ? strip(spec, width)
      : spec.kind === "curves" ? curves(spec, width) : line(spec, width);
    var u = new uPlot(built.opts, built.data, target);
    fig.dataset.renderedPoints = built.counted.reduce(function (n, i) { return n + count(u.data[i]); }, 0);
    if (built.marks) fig.dataset.renderedMarks = count(u.data[built.marks]);
    if (spec.links) clickThrough(u, spec.links);
    window.addEventListener("resize", function () { u.setSize({ width: Math.max(260, target.clientWidth), height: built.opts.height }); });
  }

  function token() { return localStorage.getItem("ailab_token") || ""; }

  function setupToken() {
    var input = document.getElementById("api-token"), save = document.getElementById("save-token");
    if (!input || !save) return;
    input.value = token();
    save.addEventListener("click", function () {
      localStorage.setItem("ailab_token", input.value.trim());
      document.cookie = "ailab_token=" + encodeURIComponent(input.value.trim()) + "; path=/; SameSite=Strict";
    });
  }

  function setupTriage() {
    document.querySelectorAll("button[data-action]").forEach(function (b) {
      b.addEventListener("click", function () {
        var out = document.getElementById("triage-result");
        fetch("/api/v1/incidents/" + encodeURIComponent(b.dataset.incident) + "/" + b.dataset.action,
          { method: "POST", headers: { "Authorization": "Bearer " + token() } })
          .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; }); })
          .then(function (r) {
            if (!r.ok) { out.textContent = "Refused (" + r.status + "): " + (r.body.detail || r.body.title); return; }
            var article = document.getElementById(b.dataset.incident);
            article.dataset.status = r.body.status; article.querySelector(".status").textContent = r.body.status;
            out.textContent = b.dataset.incident + " is now " + r.body.status;
          })
          .catch(function (e) { out.textContent = "Failed: " + e; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure.chart[data-chart]").forEach(function (fig) {
      try { render(fig); } catch (e) { fig.dataset.renderError = String(e); }
    });
    setupToken();
    setupTriage();
    document.body.dataset.chartsReady = "true";
  });
})();

/* mcda_iso report: live "what if" weights. Inlined in the report; no network, no library.
 *
 * Reads the decision from the JSON block #whatif-data (written by mcda_iso.report.whatif),
 * shows one slider per criterion and sub-criterion, and re-ranks in the page with the
 * Result's own method: TOPSIS (vector or min-max normalisation, as pymcdm and
 * mcda_iso.topsis compute it) or AHP synthesis (distributive or ideal mode, as
 * mcda_iso.synthesis). Moving a slider sets that criterion's share within its group; its
 * siblings keep their ratios. A leaf's weight is the product of the shares down its path.
 */
(function () {
  "use strict";
  var source = document.getElementById("whatif-data");
  var root = document.getElementById("whatif");
  if (!source || !root) { return; }
  var data = JSON.parse(source.textContent);
  var m = data.alternatives.length;
  var n = data.leaves.length;
  var local = data.tree.map(function (c) { return c.local; });
  var leafWeights = data.weights.slice();

  function siblings(k) {
    var out = [];
    for (var i = 0; i < data.tree.length; i++) {
      if (data.tree[i].parent === data.tree[k].parent) { out.push(i); }
    }
    return out;
  }

  function globalLeafWeights() {
    var byName = {};
    data.tree.forEach(function (c, i) { byName[c.name] = i; });
    return data.leaves.map(function (name) {
      var w = 1;
      var i = byName[name];
      while (i !== undefined) {
        w *= local[i];
        var parent = data.tree[i].parent;
        i = parent === null ? undefined : byName[parent];
      }
      return w;
    });
  }

  function column(j) {
    // Scaled by an exact power of two to |x| <= 1 (as mcda_iso's kernels do for extreme
    // magnitudes): every normalisation below is unchanged by it, and none overflows.
    var col = [];
    var big = 0;
    for (var i = 0; i < m; i++) {
      col.push(data.matrix[i][j]);
      big = Math.max(big, Math.abs(data.matrix[i][j]));
    }
    if (big === 0 || (big > 1e-100 && big < 1e100)) { return col; }
    var scale = Math.pow(2, -Math.ceil(Math.log2(big)));
    return col.map(function (v) { return v * scale; });
  }

  function sum(xs) { return xs.reduce(function (a, b) { return a + b; }, 0); }

  function normalizedWeights(w) {
    var total = sum(w);
    return w.map(function (x) { return x / total; });
  }

  function topsisColumn(x, benefit) {
    var i;
    var out = [];
    if (data.normalization === "minmax") {
      var lo = Math.min.apply(null, x);
      var hi = Math.max.apply(null, x);
      for (i = 0; i < m; i++) {
        out.push(lo === hi ? 1 : benefit ? (x[i] - lo) / (hi - lo) : (hi - x[i]) / (hi - lo));
      }
      return out;
    }
    var norm = Math.sqrt(sum(x.map(function (v) { return v * v; })));
    for (i = 0; i < m; i++) {
      if (norm === 0) { out.push(benefit ? 0 : 1); continue; }
      out.push(benefit ? x[i] / norm : 1 - x[i] / norm);
    }
    return out;
  }

  function topsis(w) {
    var r = [];
    for (var j = 0; j < n; j++) { r.push(topsisColumn(column(j), data.types[j] === 1)); }
    var dPlus = [];
    var dMinus = [];
    for (var i = 0; i < m; i++) {
      var plus = 0;
      var minus = 0;
      for (j = 0; j < n; j++) {
        var best = Math.max.apply(null, r[j]);
        var worst = Math.min.apply(null, r[j]);
        plus += w[j] * w[j] * (r[j][i] - best) * (r[j][i] - best);
        minus += w[j] * w[j] * (r[j][i] - worst) * (r[j][i] - worst);
      }
      dPlus.push(Math.sqrt(plus));
      dMinus.push(Math.sqrt(minus));
    }
    return dPlus.map(function (p, k) {
      var total = p + dMinus[k];
      return total === 0 ? 0.5 : dMinus[k] / total;
    });
  }

  function synthesis(w) {
    var scores = [];
    for (var i = 0; i < m; i++) { scores.push(0); }
    for (var j = 0; j < n; j++) {
      var x = column(j);
      var oriented = data.types[j] === 1 ? x : x.map(function (v) { return 1 / v; });
      var by = data.mode === "ideal" ? Math.max.apply(null, oriented) : sum(oriented);
      for (i = 0; i < m; i++) { scores[i] += w[j] * (oriented[i] / by); }
    }
    return scores;
  }

  function score(weights) {
    var w = normalizedWeights(weights);
    return data.method === "ahp" ? synthesis(w) : topsis(w);
  }

  function ranks(scores) {
    // Competition ranks; scores equal to 12 decimals share the better rank (as mcda_iso.rank).
    var rounded = scores.map(function (s) { return Math.round(s * 1e12) / 1e12; });
    return rounded.map(function (s) {
      return 1 + rounded.filter(function (t) { return t > s; }).length;
    });
  }

  var sliders = root.querySelectorAll("input[type=range]");
  var outputs = root.querySelectorAll("output[data-criterion]");
  var body = document.getElementById("whatif-results");
  var status = document.getElementById("whatif-status");

  function show() {
    var scores = score(leafWeights);
    var r = ranks(scores);
    var order = scores.map(function (s, i) { return i; });
    order.sort(function (a, b) { return r[a] - r[b] || a - b; });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    order.forEach(function (i) {
      var row = document.createElement("tr");
      row.setAttribute("data-alternative", data.alternatives[i]);
      row.setAttribute("data-score", String(scores[i]));
      row.setAttribute("data-rank", String(r[i]));
      if (r[i] !== data.ranks[i]) { row.className = "whatif-changed"; }
      [String(r[i]), data.alternatives[i], fixed(scores[i], 4), String(data.ranks[i])]
        .forEach(function (text, k) {
          var cell = document.createElement("td");
          cell.textContent = text;
          if (k !== 1) { cell.className = "num"; }
          row.appendChild(cell);
        });
      body.appendChild(row);
    });
    root.setAttribute("data-weights", JSON.stringify(leafWeights));
    for (var k = 0; k < outputs.length; k++) { outputs[k].textContent = fixed(local[k], 3); }
    var first = order[0];
    var same = data.alternatives[first] === data.best && r[first] === 1;
    var tied = r.filter(function (x) { return x === 1; }).length > 1;
    var name = data.alternatives[first];
    status.textContent = tied ? data.words.tie
      : same ? data.words.stays.split("{name}").join(name)
      : data.words.instead.split("{name}").join(name).split("{best}").join(data.best);
  }

  // A number with the report's decimal separator (0,825 in German, as the rest of the page).
  function fixed(x, digits) {
    var text = x.toFixed(digits);
    return data.decimalComma ? text.replace(".", ",") : text;
  }

  function move(k, value) {
    var group = siblings(k).filter(function (i) { return i !== k; });
    var rest = sum(group.map(function (i) { return local[i]; }));
    local[k] = value;
    group.forEach(function (i) {
      local[i] = rest > 0 ? local[i] * (1 - value) / rest : (1 - value) / group.length;
    });
    group.concat([k]).forEach(function (i) { sliders[i].value = String(local[i]); });
    leafWeights = globalLeafWeights();
    show();
  }

  for (var k = 0; k < sliders.length; k++) {
    (function (k) {
      sliders[k].addEventListener("input", function () { move(k, Number(sliders[k].value)); });
    })(k);
  }

  document.getElementById("whatif-reset").addEventListener("click", function () {
    local = data.tree.map(function (c) { return c.local; });
    for (var k = 0; k < sliders.length; k++) { sliders[k].value = String(local[k]); }
    leafWeights = data.weights.slice();
    show();
  });

  root.querySelector(".whatif-live").hidden = false;
  root.querySelector(".whatif-static").hidden = true;
  show();
})();

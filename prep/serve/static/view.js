// prep serve: the workshop view. Plain JavaScript, no build step, no libraries; the
// page loads view.js, panel.js, tabs.js, present.js and app.js in this order, each
// adding its functions to one shared object (window.prepApp) and taking those of
// the files before it (those of later files are called through it).
// Every name from a model is shown with textContent (never innerHTML); the drawing
// is parsed as SVG, stripped of anything active, and its groups found by class and
// <title> (docs/notation.md).
// view.js: the shared state, DOM helpers, the page's words, pan and zoom of each
// tab's pane, putting a drawing in (sanitized) and marking what a product reaches.
(function (P) {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var SVGNS = "http://www.w3.org/2000/svg";
  var GROUPS = ["product", "external", "relation", "kpi", "issue", "lane", "subprocess"];

  var state = {
    file: null, data: null, svgText: null, groups: {}, view: { x: 0, y: 0, s: 1 },
    pinned: null, finding: null, loading: false, again: false,
    models: [], gone: null, paints: 0, live: false,
    tab: "drawing", kpi: null, kpiWanted: true, kpiLoading: false, kpiAgain: false, kpiPaints: 0
  };
  window.prepView = state;

  // -- small DOM helpers (text only) -------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function status(text, cls) { var s = $("status"); s.textContent = text; s.className = cls || ""; }

  // -- the page's words: those of the model's language, sent with its data
  // (prep/serve/words.py is the one table; the HTML's English is only a fallback) --
  var words = {};
  function w(key, fill) {
    var text = words[key] !== undefined ? words[key] : key;
    Object.keys(fill || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(fill[k])); });
    return text;
  }
  function kindWord(kind) {
    var kinds = words.kinds || {};
    if (kind.indexOf("issue:") === 0) return (kinds.issue || "issue") + ": " + kind.slice(6);
    return kinds[kind] || kind;
  }
  function useWords(given) {
    if (!given || given.lang === words.lang) { words = given || words; return; }
    words = given;
    document.documentElement.lang = words.lang;
    var all = document.querySelectorAll("[data-word]");
    for (var i = 0; i < all.length; i++) all[i].textContent = w(all[i].dataset.word);
    all = document.querySelectorAll("[data-title]");
    for (i = 0; i < all.length; i++) all[i].title = w(all[i].dataset.title);
    all = document.querySelectorAll("[data-label]");
    for (i = 0; i < all.length; i++) all[i].setAttribute("aria-label", w(all[i].dataset.label));
    $("present").textContent = w(P.presenting() ? "leave" : "present");
    if ($("status").className === "live") P.liveStatus();
    else if ($("status").className === "" && !state.live) status(w("offline"), "");
  }

  // -- pan and zoom (of the pane of the open tab) ------------------------------------
  var viewport = $("viewport"), canvas = $("canvas");
  // Each tab's layer in the viewport: its canvas, its view, the svg text it shows,
  // the file it was last fitted to, the style sheets its drawing brought.
  var panes = {
    drawing: { canvas: canvas, view: state.view, text: null, fitted: null, sheets: [] },
    kpi: { canvas: $("kpi-canvas"), view: { x: 0, y: 0, s: 1 }, text: null, fitted: null, sheets: [] },
    compare: { canvas: $("compare-canvas"), view: { x: 0, y: 0, s: 1 }, text: null, fitted: null, sheets: [] },
    diff: { canvas: $("diff-canvas"), view: { x: 0, y: 0, s: 1 }, text: null, fitted: null, sheets: [] }
  };
  function pane() { return panes[state.tab]; }
  function apply() {
    var p = pane(), v = p.view;
    p.canvas.style.transform = "translate(" + v.x + "px," + v.y + "px) scale(" + v.s + ")";
  }
  function svgSize() {
    var svg = pane().canvas.querySelector("svg");
    if (!svg) return null;
    var box = svg.viewBox && svg.viewBox.baseVal;
    var w = svg.width.baseVal.value || (box && box.width) || 800;
    var h = svg.height.baseVal.value || (box && box.height) || 600;
    return { w: w, h: h };
  }
  function fit() {
    var size = svgSize();
    if (!size) return;
    var vw = viewport.clientWidth, vh = viewport.clientHeight;
    var s = Math.min(vw / size.w, vh / size.h) * 0.96;
    if (!isFinite(s) || s <= 0) s = 1;
    var v = pane().view;
    v.s = s; v.x = (vw - size.w * s) / 2; v.y = (vh - size.h * s) / 2;
    apply();
  }
  function zoomAt(factor, cx, cy) {
    var v = pane().view, s = Math.max(0.05, Math.min(20, v.s * factor));
    v.x = cx - (cx - v.x) * (s / v.s);
    v.y = cy - (cy - v.y) * (s / v.s);
    v.s = s;
    apply();
  }
  function zoomCentre(factor) { zoomAt(factor, viewport.clientWidth / 2, viewport.clientHeight / 2); }
  function centreOn(g) {
    if (state.tab !== "drawing") P.show("drawing");
    var box = g.getBoundingClientRect(), port = viewport.getBoundingClientRect();
    state.view.x += port.left + port.width / 2 - (box.left + box.width / 2);
    state.view.y += port.top + port.height / 2 - (box.top + box.height / 2);
    apply();
  }

  // -- the drawing -------------------------------------------------------------
  function titleOf(g) {
    for (var c = g.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === "title") return c.textContent;
    }
    return null;
  }
  // The renderer escapes every name; this is a second lock: nothing active survives.
  // Styles written in the drawing (a style attribute, a <style> element) are kept
  // by applying them through the CSSOM, which the page's CSP allows, unlike markup.
  function sanitize(node) {
    var sheets = [];
    var bad = node.querySelectorAll("script, foreignObject, iframe, object, embed, style");
    for (var i = 0; i < bad.length; i++) {
      if (bad[i].localName === "style") sheets.push(bad[i].textContent);
      bad[i].remove();
    }
    var styled = [];
    var all = node.querySelectorAll("*");
    for (var j = -1; j < all.length; j++) {
      var e = j < 0 ? node : all[j];
      for (var k = e.attributes.length - 1; k >= 0; k--) {
        var name = e.attributes[k].name.toLowerCase();
        if (name === "style") styled.push([e, e.attributes[k].value]);
        if (name.indexOf("on") === 0 || name === "href" || name === "xlink:href" || name === "style") {
          e.removeAttribute(e.attributes[k].name);
        }
      }
    }
    return { sheets: sheets, styled: styled };
  }
  function restyle(kept, imported, original, p) {
    // `imported` is the adopted copy of `original`: walk both in step.
    if (kept.styled.length) {
      var from = [original].concat(Array.prototype.slice.call(original.querySelectorAll("*")));
      var to = [imported].concat(Array.prototype.slice.call(imported.querySelectorAll("*")));
      var index = new Map();
      from.forEach(function (e, n) { index.set(e, n); });
      kept.styled.forEach(function (pair) {
        var n = index.get(pair[0]);
        if (n !== undefined && to[n].style) to[n].style.cssText = pair[1].replace(/url\s*\(/gi, "none(");
      });
    }
    p.sheets = [];
    if (kept.sheets.length && "adoptedStyleSheets" in document && window.CSSStyleSheet) {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(kept.sheets.join("\n").replace(/@import[^;]*;/gi, "").replace(/url\s*\(/gi, "none("));
        p.sheets = [sheet];
      } catch (err) { /* a sheet the browser cannot read: the drawing keeps its attributes */ }
    }
    if ("adoptedStyleSheets" in document) {
      document.adoptedStyleSheets = panes.drawing.sheets.concat(panes.kpi.sheets, panes.compare.sheets, panes.diff.sheets);
    }
  }
  // Parse `text` as SVG, strip it (sanitize) and put it in pane `p`. False when the
  // text is not an SVG document.
  function drawInto(p, text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var svg = doc.documentElement;
    if (!svg || svg.localName !== "svg" || svg.namespaceURI !== SVGNS) return false;
    var kept = sanitize(svg);
    var original = svg;
    svg = document.importNode(svg, true);
    restyle(kept, svg, original, p);
    clear(p.canvas);
    p.canvas.appendChild(svg);
    p.text = text;
    return true;
  }
  function drawSvg(text) {
    if (text === state.svgText) return;
    if (!drawInto(panes.drawing, text)) return;
    var svg = canvas.querySelector("svg");
    state.svgText = text;
    state.groups = {};
    GROUPS.forEach(function (cls) { state.groups[cls] = {}; });
    var groups = svg.querySelectorAll("g");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      for (var n = 0; n < GROUPS.length; n++) {
        if (g.classList.contains(GROUPS[n])) {
          var t = titleOf(g);
          if (t !== null && !(t in state.groups[GROUPS[n]])) state.groups[GROUPS[n]][t] = g;
          if (t !== null && (GROUPS[n] === "product" || GROUPS[n] === "external")) {
            g.setAttribute("tabindex", "0");            // reached with Tab (focusin selects)
            g.setAttribute("role", "button");
            g.setAttribute("aria-label", t);
          }
        }
      }
    }
  }
  function groupOf(name) {
    return state.groups.product && (state.groups.product[name] || state.groups.external[name]) || null;
  }
  function relationGroup(r) {
    var rel = state.groups.relation || {};
    var arrow = r.kind === "sync" ? "<->" : "->";
    return rel[r.title] || rel[r.source + arrow + r.target] || rel[r.target + " " + arrow + " " + r.source] || null;
  }
  function each(cls, fn) {
    var all = canvas.querySelectorAll("g." + cls);
    for (var i = 0; i < all.length; i++) fn(all[i]);
  }
  function unmark() {
    ["sel", "up", "down", "sync", "dim", "on"].forEach(function (c) { each(c, function (g) { g.classList.remove(c); }); });
  }
  // Everything that feeds `name` (way "fed_by") or that it feeds, up to the final
  // products and externals (way "feeds"), along input relations.
  function reach(name, way) {
    var products = state.data.products, seen = {}, out = [], stack = [name];
    seen[name] = true;
    while (stack.length) {
      var info = products[stack.pop()];
      if (!info) continue;
      info[way].forEach(function (k) {
        if (!seen[k]) { seen[k] = true; out.push(k); stack.push(k); }
      });
    }
    return out;
  }
  function mark(name) {
    unmark();
    var info = state.data && state.data.products[name];
    if (!info) return;
    var lit = {};
    lit[name] = "sel";
    reach(name, "fed_by").forEach(function (k) { if (!lit[k]) lit[k] = "up"; });
    reach(name, "feeds").forEach(function (k) { if (!lit[k]) lit[k] = "down"; });
    info.sync.forEach(function (k) { if (!lit[k]) lit[k] = "sync"; });
    ["product", "external"].forEach(function (cls) {
      each(cls, function (g) {
        var how = lit[titleOf(g)];
        if (how) g.classList.add(how); else g.classList.add("dim");
      });
    });
    ["kpi", "issue"].forEach(function (cls) { each(cls, function (g) { g.classList.add("dim"); }); });
    var on = [];
    state.data.relations.forEach(function (r) {
      var g = relationGroup(r);
      if (!g) return;
      var a = lit[r.source], b = lit[r.target];
      var along = (a && b) && ((a === "up" || a === "sel") && (b === "up" || b === "sel") ||
                               (a === "down" || a === "sel") && (b === "down" || b === "sel") ||
                               r.kind === "sync" && (a === "sel" || b === "sel"));
      if (along) on.push(g);
    });
    each("relation", function (g) { if (on.indexOf(g) < 0) g.classList.add("dim"); else g.classList.add("on"); });
  }

  // -- live: fetch, events ------------------------------------------------------------
  function now() { return performance.timeOrigin + performance.now(); }
  function api(path) {
    return fetch(path, { cache: "no-store", credentials: "same-origin" });
  }
  function encodePath(name) { return name.split("/").map(encodeURIComponent).join("/"); }

  // for the files after this one and for the calls back into this one
  P.$ = $; P.api = api; P.apply = apply; P.canvas = canvas; P.centreOn = centreOn; P.clear = clear;
  P.drawInto = drawInto; P.drawSvg = drawSvg; P.each = each; P.el = el; P.encodePath = encodePath;
  P.fit = fit; P.groupOf = groupOf; P.kindWord = kindWord; P.mark = mark; P.now = now;
  P.pane = pane; P.panes = panes; P.state = state; P.status = status; P.titleOf = titleOf;
  P.unmark = unmark; P.useWords = useWords; P.viewport = viewport; P.w = w; P.zoomAt = zoomAt;
  P.zoomCentre = zoomCentre;
})(window.prepApp = {});

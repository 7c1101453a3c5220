// prep serve: the workshop view. Plain JavaScript, no build step, no libraries.
// Every name from a model is shown with textContent (never innerHTML); the drawing
// is parsed as SVG, stripped of anything active, and its groups found by class and
// <title> (docs/notation.md). Live mode (served) fetches JSON and listens to
// server-sent events; offline mode (prep render -f html) reads the data embedded in
// the page. The tabs above the drawing switch the viewport between the swimlane
// drawing and the KPI tree drawings (`prep kpi -f svg`, and AsIs beside ToBe for a
// pair), each with its own pan and zoom; the KPI drawings are fetched only while
// their tab is open.
(function () {
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
  function kindWord(kind) { return (words.kinds && words.kinds[kind]) || kind; }
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
    $("present").textContent = w(presenting() ? "leave" : "present");
    if ($("status").className === "live") liveStatus();
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
    if (state.tab !== "drawing") show("drawing");
    var box = g.getBoundingClientRect(), port = viewport.getBoundingClientRect();
    state.view.x += port.left + port.width / 2 - (box.left + box.width / 2);
    state.view.y += port.top + port.height / 2 - (box.top + box.height / 2);
    apply();
  }
  viewport.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  var drag = null, touches = {}, pinch = null;
  function spread() {                       // distance and middle of two touches
    var ids = Object.keys(touches), a = touches[ids[0]], b = touches[ids[1]];
    var r = viewport.getBoundingClientRect();
    return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1,
             x: (a.x + b.x) / 2 - r.left, y: (a.y + b.y) / 2 - r.top };
  }
  viewport.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "touch") {
      touches[e.pointerId] = { x: e.clientX, y: e.clientY };
      if (Object.keys(touches).length === 2) {     // two fingers: pinch to zoom
        drag = null;
        var at = spread();
        pinch = { d: at.d, s: pane().view.s };
        return;
      }
    }
    if (e.button !== 0 || pinch) return;
    var v = pane().view;
    drag = { x: e.clientX, y: e.clientY, vx: v.x, vy: v.y, moved: false, id: e.pointerId, view: v };
  });
  viewport.addEventListener("pointermove", function (e) {
    if (touches[e.pointerId]) touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (pinch && Object.keys(touches).length === 2) {
      var at = spread(), v = pane().view;
      zoomAt(pinch.s * at.d / pinch.d / v.s, at.x, at.y);
      return;
    }
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { drag.moved = true; viewport.classList.add("dragging"); viewport.setPointerCapture(drag.id); }
    drag.view.x = drag.vx + dx; drag.view.y = drag.vy + dy;
    apply();
  });
  function endDrag() {
    var was = drag && drag.moved;
    drag = null;
    viewport.classList.remove("dragging");
    return was;
  }
  function untouch(e) {
    var was = !!pinch;
    delete touches[e.pointerId];
    if (Object.keys(touches).length < 2) pinch = null;
    return was;
  }
  viewport.addEventListener("pointerup", function (e) {
    if (untouch(e) || endDrag()) { e.preventDefault(); return; }
    if (state.tab === "kpi" || state.tab === "compare") { kpiClick(e.target); return; }
    if (state.tab !== "drawing") return;
    var g = e.target.closest && e.target.closest("g.product, g.external");
    if (g && canvas.contains(g)) { pin(titleOf(g)); } else { pin(null); }
  });
  viewport.addEventListener("pointercancel", function (e) { untouch(e); endDrag(); });
  // A box of a KPI drawing selects the product it stands for (by its name).
  function kpiClick(target) {
    var g = target.closest && target.closest("g.kpi-node, g.node");
    var name = g && (g.getAttribute("data-key") || titleOf(g));
    if (!name || !state.data) return;
    var products = state.data.products, keys = Object.keys(products);
    var key = products[name] ? name : keys.filter(function (k) {
      var info = products[k];
      return info.name === name || info.key === name || (info.state && info.name + "<" + info.state + ">" === name);
    })[0];
    if (key) pin(key);
  }
  // Products are reached with Tab: focus shows one as hovering does, Enter keeps it.
  canvas.addEventListener("focusin", function (e) {
    var g = e.target.closest && e.target.closest("g.product, g.external");
    if (!g) return;
    var box = g.getBoundingClientRect(), port = viewport.getBoundingClientRect();
    if (box.left < port.left || box.right > port.right || box.top < port.top || box.bottom > port.bottom) centreOn(g);
    if (!state.pinned) select(titleOf(g));
  });
  canvas.addEventListener("keydown", function (e) {
    var g = e.target.closest && e.target.closest("g.product, g.external");
    if (g && (e.key === "Enter" || e.key === " ")) { pin(titleOf(g)); e.preventDefault(); e.stopPropagation(); }
  });
  viewport.addEventListener("mouseover", function (e) {
    if (state.pinned || drag) return;
    var g = e.target.closest && e.target.closest("g.product, g.external");
    if (g && canvas.contains(g)) { select(titleOf(g)); }
  });
  viewport.addEventListener("mouseleave", function () { if (!state.pinned) select(null); });
  $("zoom-in").addEventListener("click", function () { zoomCentre(1.25); });
  $("zoom-out").addEventListener("click", function () { zoomCentre(0.8); });
  $("fit").addEventListener("click", fit);
  $("present").addEventListener("click", present);
  document.addEventListener("keydown", function (e) {
    if (e.target && (e.target.tagName === "SELECT" || e.target.tagName === "INPUT")) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var onTab = e.target && e.target.getAttribute && e.target.getAttribute("role") === "tab";
    if (presenting() && (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ")) { step(1); e.preventDefault(); }
    else if (presenting() && (e.key === "ArrowLeft" || e.key === "PageUp")) { step(-1); e.preventDefault(); }
    else if (PAN[e.key] && !onTab) { panBy(PAN[e.key][0], PAN[e.key][1]); e.preventDefault(); }
    else if (e.key === "f") fit();
    else if (e.key === "+" || e.key === "=") zoomCentre(1.25);
    else if (e.key === "-") zoomCentre(0.8);
    else if (e.key === "p") present();
    else if (e.key === "k") show(state.tab === "drawing" ? "kpi" : "drawing");
    else if (presenting() && e.key === "Home") { walk.tab = "drawing"; walk.n = 0; goStep(); }
    else if (e.key === "Escape" && presenting()) present();
    else if (e.key === "Escape") pin(null);
  });
  // The arrow keys pan (outside presentation mode, where they step).
  var PAN = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  function panBy(dx, dy) {
    var v = pane().view, by = Math.round(Math.min(viewport.clientWidth, viewport.clientHeight) / 8);
    v.x += dx * by; v.y += dy * by;
    apply();
  }
  function presenting() { return document.body.classList.contains("present"); }
  function present() {
    var on = !presenting();
    document.body.classList.toggle("present", on);
    $("present").textContent = w(on ? "leave" : "present");
    if (state.data && state.pinned) details(state.pinned);
    else if (!on) $("card").hidden = true;
    try {
      if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
        document.documentElement.requestFullscreen().catch(function () {});
      } else if (!on && document.fullscreenElement) {
        document.exitFullscreen().catch(function () {});
      }
    } catch (err) { /* no full screen here: the layout alone changes */ }
    if (on) { walk.regions = {}; walk.tab = "drawing"; walk.n = 0; }
    else { leaveWalk(); }
    setTimeout(function () { if (presenting()) goStep(); else fit(); }, 60);
  }
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && presenting()) present();
  });
  window.addEventListener("resize", function () {
    if (presenting()) { walk.regions = {}; goStep(); }
  });

  // -- presentation mode: one step at a time ----------------------------------------
  // Each process alone, fitted; a process too wide to keep names at 14 px and other
  // text at 11 px (at this screen's size) walked subprocess by subprocess in flow
  // order, a column still too wide in parts left to right; then the KPI tree, the
  // KPI comparison and the diff picture, each the same way.
  var NAME_PX = 14, TEXT_PX = 11;
  var walk = { tab: "drawing", n: 0, regions: {} };
  function walkTabs() {
    return TABS.filter(function (t) { return t === "drawing" || !$("tab-" + t).hidden; });
  }
  function local(p, rect) {                 // a screen rectangle in the pane's own units
    var port = viewport.getBoundingClientRect(), v = p.view;
    return { x: (rect.left - port.left - v.x) / v.s, y: (rect.top - port.top - v.y) / v.s,
             w: rect.width / v.s, h: rect.height / v.s };
  }
  function fitScale(box) {
    return Math.min(viewport.clientWidth / box.w, viewport.clientHeight / box.h) * 0.97;
  }
  // The least scale at which every product's name is NAME_PX and every other text TEXT_PX.
  function legibleScale(p, svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var unit = box && box.width ? svg.getBoundingClientRect().width / p.view.s / box.width : 1;
    var need = 0, texts = svg.querySelectorAll("text");
    for (var i = 0; i < texts.length; i++) {
      var size = parseFloat(getComputedStyle(texts[i]).fontSize) * unit;
      var g = texts[i].parentNode;
      var name = g.querySelector && g.querySelector("text") === texts[i] &&
                 g.classList && (g.classList.contains("product") || g.classList.contains("external"));
      if (size > 0) need = Math.max(need, (name ? NAME_PX : TEXT_PX) / size);
    }
    return need || 1;
  }
  function within(inner, outer) {
    var cx = inner.x + inner.w / 2, cy = inner.y + inner.h / 2;
    return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
  }
  function pieces(box, scale) {             // box in parts that fit at `scale`, in flow order
    if (fitScale(box) >= scale) return [box];
    var n = Math.ceil(box.w * scale / (viewport.clientWidth * 0.97));
    var m = Math.ceil(box.h * scale / (viewport.clientHeight * 0.97));
    var out = [];
    for (var i = 0; i < n; i++) {
      for (var j = 0; j < m; j++) {
        out.push({ x: box.x + i * box.w / n, y: box.y + j * box.h / m, w: box.w / n, h: box.h / m });
      }
    }
    return out;
  }
  function regionsOf(tab) {
    var p = panes[tab], svg = p.canvas.querySelector("svg");
    if (!svg) return [];
    var scale = legibleScale(p, svg), whole = local(p, svg.getBoundingClientRect());
    var frames = Array.prototype.map.call(svg.querySelectorAll("g.process"), function (g) {
      var box = local(p, g.getBoundingClientRect());
      box.name = titleOf(g);
      return box;
    });
    if (!frames.length) frames = treeFrames(p, svg);
    if (!frames.length) frames = [whole];
    var bands = Array.prototype.map.call(svg.querySelectorAll("g.subprocess"), function (g) {
      return local(p, g.getBoundingClientRect());
    });
    var out = [];
    frames.forEach(function (frame) {
      var cols = fitScale(frame) >= scale ? [] : bands.filter(function (b) { return within(b, frame); });
      cols.sort(function (a, b) { return a.x - b.x; });
      var parts = cols.map(function (c) { return { x: c.x, y: frame.y, w: c.w, h: frame.h }; });
      if (!parts.length) parts = [frame];
      var last = parts[parts.length - 1];
      last.w = frame.x + frame.w - last.x;
      parts[0].w += parts[0].x - frame.x; parts[0].x = frame.x;
      parts.forEach(function (part) {
        pieces(part, scale).forEach(function (piece) {
          out.push({ box: piece, frame: frame, scale: scale });
        });
      });
    });
    return out;
  }
  // The KPI drawings: one frame per process (its tree, or its AsIs and ToBe trees).
  function treeFrames(p, svg) {
    var byName = {}, frames = [];
    Array.prototype.forEach.call(svg.querySelectorAll("g.kpi-tree"), function (g) {
      var name = g.getAttribute("data-process") || "", box = local(p, g.getBoundingClientRect());
      var had = byName[name];
      if (!had) { box.name = name; byName[name] = box; frames.push(box); return; }
      var right = Math.max(had.x + had.w, box.x + box.w), bottom = Math.max(had.y + had.h, box.y + box.h);
      had.x = Math.min(had.x, box.x); had.y = Math.min(had.y, box.y);
      had.w = right - had.x; had.h = bottom - had.y;
    });
    return frames;
  }
  function leaveWalk() {
    TABS.forEach(function (t) {
      var all = panes[t].canvas.querySelectorAll("g.elsewhere");
      for (var i = 0; i < all.length; i++) all[i].classList.remove("elsewhere");
    });
    $("step").hidden = true;
  }
  // Show the current step (walk.tab, walk.n): its tab, its part fitted, the rest of
  // the drawing's other processes hidden.
  function goStep() {
    if (!presenting()) return;
    if (state.tab !== walk.tab) show(walk.tab, true);
    var p = panes[walk.tab];
    if (!p.canvas.querySelector("svg")) { stepLabel(0, 0); return; }   // still drawing
    var regions = walk.regions[walk.tab] || (walk.regions[walk.tab] = regionsOf(walk.tab));
    if (!regions.length) { fit(); stepLabel(0, 0); return; }
    walk.n = Math.max(0, Math.min(walk.n, regions.length - 1));
    var r = regions[walk.n], box = r.box, v = p.view;
    var s = Math.min(fitScale(box), Math.max(r.scale * 2.5, 1));
    v.s = s;
    v.x = (viewport.clientWidth - box.w * s) / 2 - box.x * s;
    v.y = (viewport.clientHeight - box.h * s) / 2 - box.y * s;
    apply();
    var groups = p.canvas.querySelectorAll("g.node, g.edge, g.kpi-tree");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      g.classList.remove("elsewhere");
      if (!within(local(p, g.getBoundingClientRect()), r.frame)) g.classList.add("elsewhere");
    }
    stepLabel(walk.n + 1, regions.length, r.frame.name);
  }
  function stepLabel(n, of, name) {
    var label = $("tab-" + walk.tab).textContent;
    $("step").textContent = (name ? name + " — " : "") + label + (of > 1 ? " " + w("step", { n: n, of: of }) : "");
    $("step").hidden = false;
  }
  function step(by) {
    var tabs = walkTabs(), at = tabs.indexOf(walk.tab);
    var count = (walk.regions[walk.tab] || [null]).length;
    if (by > 0 && walk.n + 1 < count) walk.n += 1;
    else if (by < 0 && walk.n > 0) walk.n -= 1;
    else {
      var next = at + by;
      if (next < 0 || next >= tabs.length) return;
      walk.tab = tabs[next];
      walk.n = by > 0 ? 0 : 1e9;
    }
    goStep();
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
  function select(name) {
    if (name === null) { unmark(); details(null); return; }
    mark(name);
    details(name);
  }
  function pin(name) {
    state.pinned = name;
    clearFinding();
    select(name);
  }

  // -- the side panel ------------------------------------------------------------
  function chips(list) {
    var span = el("span");
    if (!list.length) { span.textContent = "—"; return span; }
    list.forEach(function (k) {
      var b = el("button", "chip", k);
      b.type = "button";
      b.addEventListener("click", function () { pin(k); var g = groupOf(k); if (g) centreOn(g); });
      span.appendChild(b);
    });
    return span;
  }
  function facts(rows) {
    var dl = el("dl", "facts");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) dd.appendChild(row[1]); else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function details(name) {
    var body = $("detail-body"), card = $("card");
    clear(body); clear(card);
    var info = name && state.data && state.data.products[name];
    if (!info) {
      body.className = "muted";
      body.textContent = w("hover");
      card.hidden = true;
      return;
    }
    body.className = "";
    [body, card].forEach(function (box, n) {
      box.appendChild(el("h3", null, info.name + (info.state ? "<" + info.state + ">" : "")));
      var kpis = info.kpis.map(function (k) { return k.name + (k.marks.length ? " [" + k.marks.map(kindWord).join(", ") + "]" : ""); });
      var rows = [[w("kind"), kindWord(info.kind)], [w("actor"), info.actor],
                  [w("parameters"), info.params.length ? info.params.join(", ") : null],
                  [w("state"), info.state], [w("kpis"), kpis.join("; ")], [w("issues"), info.issues.join("; ")],
                  [w("doc"), info.doc]];
      if (n === 0) {
        rows.push([w("fed_by"), chips(info.fed_by)], [w("feeds"), chips(info.feeds)]);
        if (info.sync.length) rows.push([w("sync"), chips(info.sync)]);
        rows.push([w("defined_at"), info.file + ":" + info.line]);
      }
      box.appendChild(facts(rows));
    });
    card.hidden = !document.body.classList.contains("present");
  }
  function clearFinding() {
    state.finding = null;
    each("finding", function (g) { g.classList.remove("finding"); });
    var items = $("findings").querySelectorAll("li.chosen");
    for (var i = 0; i < items.length; i++) items[i].classList.remove("chosen");
  }
  function where(f) { return f.file + ":" + f.line + ":" + f.column; }
  function showFinding(f, li) {
    clearFinding();
    state.pinned = null;
    state.finding = f;
    li.classList.add("chosen");
    var g = f.target ? groupOf(f.target) : null;
    if (g) {
      select(f.target);
      g.classList.add("finding");
      centreOn(g);
    } else {
      select(null);
    }
    var body = $("detail-body");
    clear(body);
    body.className = "";
    body.appendChild(el("h3", null, w("at", { code: f.code, where: where(f) })));
    body.appendChild(el("p", null, f.message));
    if (f.hint) body.appendChild(el("p", "hint", w("hint") + f.hint));
    var rows = [];
    if (f.target) rows.push([w("about"), f.target]);
    (f.related || []).forEach(function (r) { rows.push([w("see"), r.file + ":" + r.line + ":" + r.column + " " + r.message]); });
    if (rows.length) body.appendChild(facts(rows));
  }
  function findingList(list) {
    var ol = $("findings");
    clear(ol);
    $("finding-count").textContent = list.length ? "(" + list.length + ")" : "";
    if (!list.length) { ol.appendChild(el("li", "muted", w("no_findings"))); return; }
    list.forEach(function (f) {
      var li = el("li"), b = el("button");
      b.type = "button";
      b.appendChild(el("span", "sev " + f.severity, f.severity));
      b.appendChild(el("span", "code", f.code + " "));
      b.appendChild(el("span", "where", where(f)));
      b.appendChild(el("div", null, f.message));
      b.addEventListener("click", function () { showFinding(f, li); });
      li.appendChild(b);
      ol.appendChild(li);
    });
  }
  function kpiNode(node, byId, prefix) {
    var li = el("li");
    if (node.ref !== undefined) {
      var target = byId[node.ref];
      li.appendChild(el("span", null, (target ? target.label : node.ref) + " (*)"));
      return li;
    }
    if (node.id !== undefined) byId[node.id] = node;
    var key = prefix + (node.key !== undefined ? node.key : node.label);
    if (node.kind !== "kpi" && state.data.products[key]) {
      var b = el("button", "chip", node.label);
      b.type = "button";
      b.addEventListener("click", function () { pin(key); var g = groupOf(key); if (g) centreOn(g); });
      li.appendChild(b);
    } else {
      li.appendChild(el("span", null, node.label));
    }
    li.appendChild(el("span", "kind", kindWord(node.kind)));
    (node.marks || []).forEach(function (m) { li.appendChild(el("span", "mark", kindWord(m))); });
    if (node.children && node.children.length) {
      var ul = el("ul");
      node.children.forEach(function (c) { ul.appendChild(kpiNode(c, byId, prefix)); });
      li.appendChild(ul);
    }
    return li;
  }
  // Every node of a tree by id, so a reference met before its node has its label.
  function kpiIds(root) {
    var byId = {}, stack = [root];
    while (stack.length) {
      var node = stack.pop();
      if (node.id !== undefined) byId[node.id] = node;
      (node.children || []).forEach(function (c) { stack.push(c); });
    }
    return byId;
  }
  function kpiTrees(trees, stale) {
    var box = $("kpi");
    clear(box);
    if (!trees || !trees.length) { box.appendChild(el("p", "muted", w("no_tree"))); return; }
    if (stale) box.appendChild(el("p", "stale-note", w("tree_stale")));
    trees.forEach(function (t) {
      if (trees.length > 1) box.appendChild(el("h4", null, t.process + " [" + t.stage + "]"));
      var ul = el("ul", "tree");
      ul.appendChild(kpiNode(t.root, kpiIds(t.root), trees.length > 1 ? t.process + "/" : ""));
      box.appendChild(ul);
    });
  }
  function diffView(pair) {
    var section = $("diff-section"), box = $("diff");
    clear(box);
    ["added", "removed"].forEach(function (c) { each(c, function (g) { g.classList.remove(c); }); });
    section.hidden = !pair;
    if (!pair) return;
    var head = el("p");
    head.appendChild(el("span", null, "AsIs "));
    head.appendChild(fileLink(pair.asis));
    head.appendChild(el("span", null, " → ToBe "));
    head.appendChild(fileLink(pair.tobe));
    box.appendChild(head);
    if (pair.error) {
      var why = typeof pair.error === "string" ? pair.error
        : w(pair.error.stale ? "diff_stale" : "diff_none", { file: pair.error.file });
      box.appendChild(el("p", pair.diff ? "stale-note" : "muted", why));
    }
    if (!pair.diff) return;
    var list = el("div", "diff-list"), any = false;
    ["added", "removed", "changed"].forEach(function (how) {
      var sets = pair.diff[how];
      Object.keys(sets).forEach(function (cat) {
        if (!sets[cat].length) return;
        any = true;
        list.appendChild(el("h4", null, w(how) + " " + w(cat)));
        var ul = el("ul");
        sets[cat].forEach(function (entry) {
          var text = typeof entry === "string" ? entry : entry.name + ": " + changes(entry.changes);
          ul.appendChild(el("li", how, text));
        });
        list.appendChild(ul);
      });
    });
    if (!any) list.appendChild(el("p", "muted", w("no_diff")));
    box.appendChild(list);
    // In the drawing: what the ToBe model adds (seen in the ToBe file), what it
    // removes (seen in the AsIs file).
    var marked = state.file === pair.tobe ? pair.diff.added : state.file === pair.asis ? pair.diff.removed : null;
    var cls = state.file === pair.tobe ? "added" : "removed";
    if (!marked) return;
    marked.products.concat(marked.externals).forEach(function (entry) {
      var name = entry.split(" :: ");
      var g = groupOf(name.length > 1 ? name[0] + "/" + name[1] : entry);
      if (g) g.classList.add(cls);
    });
  }
  function shown(value) {
    if (value === null || value === undefined) return "—";
    return Array.isArray(value) ? "(" + value.join(", ") + ")" : String(value);
  }
  function changes(all) {
    var parts = [];
    Object.keys(all).forEach(function (field) {
      if (field === "attrs") {
        Object.keys(all.attrs).forEach(function (a) {
          parts.push(a + " " + shown(all.attrs[a][0]) + " → " + shown(all.attrs[a][1]));
        });
      } else {
        parts.push(field + " " + shown(all[field][0]) + " → " + shown(all[field][1]));
      }
    });
    return parts.join("; ");
  }
  function fileLink(name) {
    if (!state.live || name === state.file) return el("strong", null, name);
    var b = el("button", "chip", name);
    b.type = "button";
    b.addEventListener("click", function () { open(name); });
    return b;
  }

  // -- the tabs: the swimlane drawing, the KPI tree, AsIs beside ToBe ----------------
  var TABS = ["drawing", "kpi", "compare", "diff"];
  function show(tab, stepping) {
    if ((tab === "compare" || tab === "diff") && $("tab-" + tab).hidden) tab = "kpi";
    if (presenting() && !stepping) { walk.tab = tab; walk.n = 0; }
    state.tab = tab;
    TABS.forEach(function (t) {
      var button = $("tab-" + t);
      button.setAttribute("aria-selected", t === tab ? "true" : "false");
      button.tabIndex = t === tab ? 0 : -1;
      panes[t].canvas.hidden = t !== tab;
    });
    viewport.classList.toggle("kpi-view", tab !== "drawing");
    if ((tab === "kpi" || tab === "compare") && state.kpiWanted) loadKpi();
    if (tab === "diff" && state.diffWanted) loadDiff();
    kpiStatus();
    apply();
    if (pane().text && pane().fitted !== state.file) { fit(); pane().fitted = state.file; }
    if (presenting() && !stepping) goStep();
  }
  TABS.forEach(function (t, n) {
    var button = $("tab-" + t);
    button.addEventListener("click", function () { show(t); });
    button.addEventListener("keydown", function (e) {    // arrow keys move along the tabs
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" || presenting()) return;
      var shown = TABS.filter(function (x) { return !$("tab-" + x).hidden; });
      var at = shown.indexOf(t) + (e.key === "ArrowRight" ? 1 : -1);
      var next = shown[(at + shown.length) % shown.length];
      show(next);
      $("tab-" + next).focus();
      e.preventDefault();
    });
  });
  function loadKpi() {
    if (!state.file) return;
    if (!state.live) {                          // offline: drawn into the page, or none
      state.kpiWanted = false;
      paintKpi(state.data && state.data.kpi_drawing || null);
      return;
    }
    if (state.kpiLoading) { state.kpiAgain = true; return; }
    state.kpiLoading = true;
    state.kpiWanted = false;
    var name = state.file;
    if (!state.kpi || state.kpi.file !== name) kpiStatus(w("drawing_kpi"));
    api("api/kpi/" + encodePath(name)).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      if (name === state.file) paintKpi(data);
    }).catch(function (err) {
      kpiStatus(w("cannot_load", { file: name, error: err.message }));
    }).then(function () {
      state.kpiLoading = false;
      if (state.kpiAgain) { state.kpiAgain = false; loadKpi(); }
    });
  }
  function paintKpi(data) {
    state.kpi = data;
    [["kpi", data], ["compare", data && data.compare]].forEach(function (pair) {
      var p = panes[pair[0]], part = pair[1];
      if (part && part.svg) {
        if (part.svg !== p.text && drawInto(p, part.svg)) tooltips(p.canvas);
      } else { clear(p.canvas); p.text = null; p.sheets = []; }
    });
    kpiStatus();
    if (pane().text && state.tab !== "drawing" && pane().fitted !== state.file) {
      fit(); pane().fitted = state.file;
    }
    state.kpiPaints += 1;
    document.body.dataset.kpiPaints = String(state.kpiPaints);
    window.prepKpiPainted = { n: state.kpiPaints, at: now(), file: data && data.file };
    restep(["kpi", "compare"]);
  }
  // In presentation mode, a tab whose drawing just came is walked afresh.
  function restep(tabs) {
    tabs.forEach(function (t) { delete walk.regions[t]; });
    if (presenting() && tabs.indexOf(walk.tab) >= 0) goStep();
  }
  // The diff picture (prep diff ASIS TOBE -o diff.svg), fetched while its tab is open.
  function loadDiff() {
    if (!state.file || !state.live) return;
    if (state.diffLoading) { state.diffAgain = true; return; }
    state.diffLoading = true;
    state.diffWanted = false;
    var name = state.file;
    if (!state.diff || state.diff.file !== name) kpiStatus(w("drawing_diff"));
    api("api/diff/" + encodePath(name)).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      if (name === state.file) paintDiff(data);
    }).catch(function (err) {
      kpiStatus(w("cannot_load", { file: name, error: err.message }));
    }).then(function () {
      state.diffLoading = false;
      if (state.diffAgain) { state.diffAgain = false; loadDiff(); }
    });
  }
  function paintDiff(data) {
    state.diff = data;
    var p = panes.diff;
    if (data && data.svg) { if (data.svg !== p.text) drawInto(p, data.svg); }
    else { clear(p.canvas); p.text = null; p.sheets = []; }
    kpiStatus();
    if (p.text && state.tab === "diff" && p.fitted !== state.file) { fit(); p.fitted = state.file; }
    state.diffPaints = (state.diffPaints || 0) + 1;
    document.body.dataset.diffPaints = String(state.diffPaints);
    restep(["diff"]);
  }
  // Graphviz titles a box by its node id, the name being in the link's xlink:title:
  // hovering a box shows its name, and nothing else shows an id. The KPI tree
  // drawing's groups carry their names already (docs/kpi.md, "Pictures").
  function tooltips(node) {
    var XLINK = "http://www.w3.org/1999/xlink";
    var titles = node.querySelectorAll("title");
    for (var i = 0; i < titles.length; i++) {
      var owner = titles[i].parentNode;
      // a KPI tree's groups (kpi-node, kpi-edge, …) are titled by name already
      if (/(^| )kpi-/.test((owner.getAttribute && owner.getAttribute("class")) || "")) continue;
      var link = owner.classList && owner.classList.contains("node") && owner.querySelector("a");
      var name = link && (link.getAttributeNS(XLINK, "title") || link.getAttribute("title"));
      if (name) titles[i].textContent = name; else titles[i].remove();
    }
  }
  // The line above a KPI drawing: what it shows, and why it is an older one.
  function kpiStatus(text) {
    var box = $("kpi-status");
    clear(box);
    box.hidden = state.tab === "drawing";
    if (box.hidden) return;
    if (text) { box.textContent = text; return; }
    var diff = state.tab === "diff";
    var data = diff ? state.diff : state.kpi;
    data = data && data.file === state.file ? data : null;
    var part = data && (state.tab === "compare" ? data.compare : data);
    if (!part) { box.textContent = state.live ? w(diff ? "drawing_diff" : "drawing_kpi") : w("no_kpi_copy"); return; }
    var line = diff ? w("diff_of", { asis: part.asis, tobe: part.tobe })
      : state.tab === "compare" ? w("compare_of", { asis: part.asis, tobe: part.tobe })
      : w("kpi_of", { file: data.file });
    box.appendChild(el("span", null, line));
    var error = part.bad ? w("has_errors", { file: part.bad }) : part.error;
    if (part.stale) box.appendChild(el("span", "stale", w("stale_drawing", { error: error || "" })));
    else if (!part.svg) box.appendChild(el("span", "stale", error ? w("nothing_because", { error: error }) : w("nothing")));
    (part.notes || []).forEach(function (n) { box.appendChild(el("span", "muted", " — " + n)); });
  }

  // -- the banner above the drawing --------------------------------------------
  function banner(data) {
    var box = $("banner");
    clear(box);
    box.className = "";
    if (state.gone) {
      box.className = "gone";
      box.appendChild(el("h3", null, state.gone.text));
      if (state.gone.to) {
        var b = el("button", "chip", w("open", { file: state.gone.to }));
        b.type = "button";
        var to = state.gone.to;
        b.addEventListener("click", function () { open(to); });
        box.appendChild(b);
      }
      box.hidden = false;
      return;
    }
    var errors = data ? data.findings.filter(function (f) { return f.severity === "error"; }) : [];
    if (data && (errors.length || data.render_error)) {
      var title = errors.length
        ? w(errors.length > 1 ? "errors_in" : "error_in", { n: errors.length, file: data.file })
        : w("not_drawn");
      if (data.stale) title += w("last_good");
      else if (!data.svg) title += w("nothing_yet");
      box.appendChild(el("h3", null, title));
      var ul = el("ul");
      errors.forEach(function (f) {
        var li = el("li");
        li.appendChild(el("span", "where", where(f) + " "));
        li.appendChild(el("span", "code", f.code + " "));
        li.appendChild(el("span", null, f.message));
        ul.appendChild(li);
      });
      if (data.render_error) ul.appendChild(el("li", null, data.render_error));
      box.appendChild(ul);
      box.hidden = false;
      return;
    }
    box.hidden = true;
  }

  // -- painting a model ----------------------------------------------------------
  function paint(data) {
    var first = panes.drawing.fitted !== data.file;
    state.data = data;
    useWords(data.words);
    banner(data);
    if (data.svg) drawSvg(data.svg);
    else if (!data.stale) { clear(canvas); state.svgText = panes.drawing.text = null; state.groups = {}; }
    $("file").textContent = data.file;
    document.title = data.file + " — prep";
    findingList(data.findings);
    kpiTrees(data.kpi, data.kpi_stale);
    diffView(data.pair);
    $("tab-compare").hidden = !data.pair;
    $("tab-diff").hidden = !data.pair || !state.live;
    state.kpiWanted = true;                     // fetched now if its tab is open, else when opened
    state.diffWanted = true;
    if ((state.tab === "compare" || state.tab === "diff") && !data.pair) show("kpi");
    else if (state.tab !== "drawing") show(state.tab, true);
    if (first && data.svg && state.tab === "drawing") { fit(); panes.drawing.fitted = data.file; }
    if (state.pinned && data.products[state.pinned]) select(state.pinned);
    else { state.pinned = null; select(null); }
    if (presenting() && data.svg) restep(["drawing"]);
    state.paints += 1;
    document.body.dataset.paints = String(state.paints);
    // For benchmarks and tests: when this paint happened, and when the change event
    // and the model's data that led to it arrived (ms since the epoch).
    window.prepPainted = { n: state.paints, at: now(), file: data.file,
                           heard: state.heard, fetched: state.fetched };
  }

  // -- live: fetch, events ------------------------------------------------------------
  function now() { return performance.timeOrigin + performance.now(); }
  function api(path) {
    return fetch(path, { cache: "no-store", credentials: "same-origin" });
  }
  function encodePath(name) { return name.split("/").map(encodeURIComponent).join("/"); }
  function loadModels() {
    return api("api/models").then(function (r) { return r.json(); }).then(function (data) {
      if (!state.data) useWords(data.words);
      state.models = data.models.map(function (m) { return m.path; });
      var select = $("models");
      clear(select);
      data.models.forEach(function (m) {
        var label = m.path + (m.stage ? "  [" + m.stage + "]" : "") + (m.errors ? "  ✗" : "");
        var opt = el("option", null, label);
        opt.value = m.path;
        select.appendChild(opt);
      });
      if (state.file && state.models.indexOf(state.file) >= 0) select.value = state.file;
      else if (state.file) { var o = el("option", null, w("gone", { file: state.file })); o.value = state.file; select.appendChild(o); select.value = state.file; }
      return data.models;
    });
  }
  function open(name) {
    state.gone = null;
    state.pinned = null;
    if (name !== state.file) {                  // the other model's KPI drawings go
      state.kpi = state.diff = null;
      ["kpi", "compare", "diff"].forEach(function (t) { clear(panes[t].canvas); panes[t].text = null; panes[t].sheets = []; });
    }
    state.file = name;
    if ($("status").className === "live") liveStatus();
    try { history.replaceState(null, "", "#" + encodeURIComponent(name)); } catch (e) { /* file: */ }
    $("models").value = name;
    return refresh();
  }
  function refresh() {
    if (!state.file) return Promise.resolve();
    if (state.loading) { state.again = true; return Promise.resolve(); }
    state.loading = true;
    var name = state.file;
    return api("api/model/" + encodePath(name)).then(function (r) {
      if (r.status === 404) { gone(name, null); return null; }
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      state.fetched = now();
      if (data && name === state.file) { state.gone = null; paint(data); }
    }).catch(function (err) {
      status(w("cannot_load", { file: name, error: err.message }), "offline");
    }).then(function () {
      state.loading = false;
      if (state.again) { state.again = false; return refresh(); }
    });
  }
  function gone(name, to) {
    state.gone = { text: to ? w("renamed", { file: name, to: to }) : w("deleted", { file: name }), to: to };
    banner(state.data);
    state.paints += 1;
    document.body.dataset.paints = String(state.paints);
  }
  function liveStatus() {
    status(w(state.file ? "live" : "live_empty"), "live");
  }
  function listen() {
    if (!window.EventSource) return;
    var source = new EventSource("events");
    var connected = false;
    source.addEventListener("hello", function () {
      if (connected) { loadModels(); refresh(); }
      connected = true;
      liveStatus();
    });
    source.addEventListener("change", function (e) {
      state.heard = now();
      var ev = JSON.parse(e.data);
      var mine = state.file;
      var pair = state.data && state.data.pair;
      var partner = pair ? (pair.asis === mine ? pair.tobe : pair.asis) : null;
      if (ev.deleted.indexOf(mine) >= 0) {
        var added = ev.changed.filter(function (n) { return state.models.indexOf(n) < 0; });
        gone(mine, added.length === 1 ? added[0] : null);
      } else if (ev.config || ev.changed.indexOf(mine) >= 0 || (partner && (ev.changed.indexOf(partner) >= 0 || ev.deleted.indexOf(partner) >= 0))) {
        refresh();
      }
      var fresh = ev.changed.some(function (n) { return state.models.indexOf(n) < 0; });
      if (fresh || ev.deleted.length) {
        loadModels().then(function (models) {
          if (!state.file && models.length) open(models[0].path);
        });
      }
    });
    source.onerror = function () { status(w("reconnecting"), "offline"); };
  }
  function hashName() {
    // the model named in the page's address (#name); a malformed escape names none
    try { return location.hash ? decodeURIComponent(location.hash.slice(1)) : null; }
    catch (e) { return null; }
  }
  function startLive() {
    state.live = true;
    $("models").addEventListener("change", function (e) { open(e.target.value); });
    window.addEventListener("hashchange", function () {
      var wanted = hashName();
      if (wanted && wanted !== state.file && state.models.indexOf(wanted) >= 0) open(wanted);
    });
    loadModels().then(function (models) {
      var wanted = hashName();
      var names = models.map(function (m) { return m.path; });
      if (!names.length) { liveStatus(); return; }
      return open(wanted && names.indexOf(wanted) >= 0 ? wanted : names[0]);
    }).then(listen);
  }

  // -- offline: the data is in the page ------------------------------------------
  var embedded = $("prep-data");
  if (embedded) {
    $("models-label").hidden = true;
    var data = JSON.parse(embedded.textContent);
    state.file = data.file;
    paint(data);
    status(w("offline"), "");
  } else {
    startLive();
  }
})();

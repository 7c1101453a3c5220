// prep serve: the pointer, touch and keys; painting a model's data; live mode
// (served: fetches JSON and listens to server-sent events) or offline mode (prep
// render -f html: reads the data embedded in the page). Loaded last (see view.js).
(function (P) {
  "use strict";

  var $ = P.$, api = P.api, apply = P.apply, banner = P.banner, canvas = P.canvas,
      centreOn = P.centreOn, clear = P.clear, diffView = P.diffView, drawSvg = P.drawSvg,
      el = P.el, encodePath = P.encodePath, findingList = P.findingList, fit = P.fit,
      goStep = P.goStep, kpiTrees = P.kpiTrees, now = P.now, pane = P.pane, panes = P.panes,
      pin = P.pin, present = P.present, presenting = P.presenting, restep = P.restep,
      select = P.select, show = P.show, state = P.state, status = P.status, step = P.step,
      titleOf = P.titleOf, useWords = P.useWords, viewport = P.viewport, w = P.w, walk = P.walk,
      zoomAt = P.zoomAt, zoomCentre = P.zoomCentre;

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


  // -- live: the models, the open one, the events --------------------------------
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

  // for the files after this one and for the calls back into this one
  P.liveStatus = liveStatus; P.open = open;
})(window.prepApp);

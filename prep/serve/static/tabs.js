// prep serve, the tabs above the drawing: the swimlane drawing and the KPI tree
// drawings (`prep kpi -f svg`, and AsIs beside ToBe for a pair) and the diff picture,
// each with its own pan and zoom; the KPI drawings and the diff picture are fetched
// only while their tab is open (see view.js).
(function (P) {
  "use strict";

  var $ = P.$, api = P.api, apply = P.apply, clear = P.clear, drawInto = P.drawInto, el = P.el,
      encodePath = P.encodePath, fit = P.fit, now = P.now, pane = P.pane, panes = P.panes,
      state = P.state, viewport = P.viewport, w = P.w;

  // -- the tabs: the swimlane drawing, the KPI tree, AsIs beside ToBe ----------------
  var TABS = ["drawing", "kpi", "compare", "diff"];
  function show(tab, stepping) {
    if ((tab === "compare" || tab === "diff") && $("tab-" + tab).hidden) tab = "kpi";
    if (P.presenting() && !stepping) { P.walk.tab = tab; P.walk.n = 0; }
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
    if (P.presenting() && !stepping) P.goStep();
  }
  TABS.forEach(function (t, n) {
    var button = $("tab-" + t);
    button.addEventListener("click", function () { show(t); });
    button.addEventListener("keydown", function (e) {    // arrow keys move along the tabs
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" || P.presenting()) return;
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
    load("kpi", paintKpi);
  }
  // Fetch the open model's KPI drawings (what "kpi") or diff picture ("diff") and
  // paint them; one request at a time, once more if asked again meanwhile.
  function load(what, paintIt) {
    if (state[what + "Loading"]) { state[what + "Again"] = true; return; }
    state[what + "Loading"] = true;
    state[what + "Wanted"] = false;
    var name = state.file;
    if (!state[what] || state[what].file !== name) kpiStatus(w(what === "kpi" ? "drawing_kpi" : "drawing_diff"));
    api("api/" + what + "/" + encodePath(name)).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      if (name === state.file) paintIt(data);
    }).catch(function (err) {
      kpiStatus(w("cannot_load", { file: name, error: err.message }));
    }).then(function () {
      state[what + "Loading"] = false;
      if (state[what + "Again"]) { state[what + "Again"] = false; load(what, paintIt); }
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
    tabs.forEach(function (t) { delete P.walk.regions[t]; });
    if (P.presenting() && tabs.indexOf(P.walk.tab) >= 0) P.goStep();
  }
  // The diff picture (prep diff ASIS TOBE -o diff.svg), fetched while its tab is open.
  function loadDiff() {
    if (state.file && state.live) load("diff", paintDiff);
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

  // for the files after this one and for the calls back into this one
  P.restep = restep; P.show = show; P.TABS = TABS;
})(window.prepApp);

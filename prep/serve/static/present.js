// prep serve, presentation mode (Present, p): full screen, one step at a time
// (see view.js).
(function (P) {
  "use strict";

  var $ = P.$, apply = P.apply, clear = P.clear, details = P.details, el = P.el, fit = P.fit,
      panes = P.panes, show = P.show, state = P.state, TABS = P.TABS, titleOf = P.titleOf,
      viewport = P.viewport, w = P.w;

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
  function fitScale(box, strip) {             // `strip`: the width the lane names take
    return Math.min((viewport.clientWidth - (strip || 0)) / box.w, viewport.clientHeight / box.h) * 0.97;
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
  function pieces(box, scale, strip) {      // box in parts that fit at `scale`, in flow order
    if (fitScale(box, strip) >= scale) return [box];
    var n = Math.ceil(box.w * scale / ((viewport.clientWidth - strip) * 0.97));
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
      var lanes = tab === "drawing" ? lanesOf(p, frame) : [];
      var strip = fitScale(frame) >= scale ? 0 : stripWidth(lanes);
      var cols = fitScale(frame) >= scale ? [] : bands.filter(function (b) { return within(b, frame); });
      cols.sort(function (a, b) { return a.x - b.x; });
      var parts = cols.map(function (c) { return { x: c.x, y: frame.y, w: c.w, h: frame.h }; });
      if (!parts.length) parts = [frame];
      var last = parts[parts.length - 1];
      last.w = frame.x + frame.w - last.x;
      parts[0].w += parts[0].x - frame.x; parts[0].x = frame.x;
      parts.forEach(function (part) {
        pieces(part, scale, strip).forEach(function (piece) {
          // a part right of the lanes' header cells: their names beside it
          var named = piece.x > frame.x + 1 ? lanes : [];
          out.push({ box: piece, frame: frame, scale: scale, lanes: named, strip: named.length ? strip : 0 });
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
  // The lanes of a process frame: [{name, g}] in order, a lane's name without the
  // process prefix of a drawing of several processes.
  function lanesOf(p, frame) {
    var prefix = frame.name ? frame.name + "/" : null;
    return Array.prototype.filter.call(p.canvas.querySelectorAll("g.lane"), function (g) {
      return within(local(p, g.getBoundingClientRect()), frame);
    }).map(function (g) {
      var title = titleOf(g) || "", header = null;
      Array.prototype.forEach.call(p.canvas.querySelectorAll("g.lane-header"), function (h) {
        if (!header && titleOf(h) === title) header = h.querySelector("polygon, path, rect");
      });
      return { name: prefix && title.indexOf(prefix) === 0 ? title.slice(prefix.length) : title,
               g: g, fill: header && header.getAttribute("fill") };
    });
  }
  // The lane names beside a step that does not show the lanes' header cells: one
  // label per lane at the left of the viewport, at its lane's height (#lanes).
  function stripWidth(lanes) {
    if (!lanes.length) return 0;
    nameLanes(lanes);
    var width = Math.max.apply(null, Array.prototype.map.call($("lanes").children, function (label) {
      return label.offsetWidth;
    }));
    $("lanes").hidden = true;
    return width;
  }
  function nameLanes(lanes) {
    var box = $("lanes");
    clear(box);
    lanes.forEach(function (lane) {
      var label = el("div", "lane-name", lane.name);
      label.title = lane.name;
      if (lane.fill && lane.fill !== "none") label.style.backgroundColor = lane.fill;
      box.appendChild(label);
    });
    box.hidden = !lanes.length;
  }
  function placeLanes(lanes, strip) {
    nameLanes(lanes);
    var port = viewport.getBoundingClientRect(), labels = $("lanes").children;
    lanes.forEach(function (lane, n) {
      var r = lane.g.getBoundingClientRect();
      var top = Math.max(r.top, port.top) - port.top, bottom = Math.min(r.bottom, port.bottom) - port.top;
      labels[n].style.top = top + "px";
      labels[n].style.height = Math.max(0, bottom - top) + "px";
      labels[n].style.width = strip + "px";
      labels[n].hidden = bottom - top < 12;            // a lane off this step
    });
  }
  function leaveWalk() {
    TABS.forEach(function (t) {
      var all = panes[t].canvas.querySelectorAll("g.elsewhere");
      for (var i = 0; i < all.length; i++) all[i].classList.remove("elsewhere");
    });
    $("step").hidden = true;
    nameLanes([]);
  }
  // Show the current step (walk.tab, walk.n): its tab, its part fitted, the rest of
  // the drawing's other processes hidden.
  function goStep() {
    if (!presenting()) return;
    if (state.tab !== walk.tab) show(walk.tab, true);
    var p = panes[walk.tab];
    if (!p.canvas.querySelector("svg")) { nameLanes([]); stepLabel(0, 0); return; }   // still drawing
    var regions = walk.regions[walk.tab] || (walk.regions[walk.tab] = regionsOf(walk.tab));
    if (!regions.length) { fit(); nameLanes([]); stepLabel(0, 0); return; }
    walk.n = Math.max(0, Math.min(walk.n, regions.length - 1));
    var r = regions[walk.n], box = r.box, v = p.view;
    var s = Math.min(fitScale(box, r.strip), Math.max(r.scale * 2.5, 1));
    v.s = s;
    v.x = r.strip + (viewport.clientWidth - r.strip - box.w * s) / 2 - box.x * s;
    v.y = (viewport.clientHeight - box.h * s) / 2 - box.y * s;
    apply();
    var groups = p.canvas.querySelectorAll("g.node, g.edge, g.kpi-tree");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      g.classList.remove("elsewhere");
      if (!within(local(p, g.getBoundingClientRect()), r.frame)) g.classList.add("elsewhere");
    }
    placeLanes(r.lanes || [], r.strip);
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

  // for the files after this one and for the calls back into this one
  P.goStep = goStep; P.present = present; P.presenting = presenting; P.step = step; P.walk = walk;
})(window.prepApp);

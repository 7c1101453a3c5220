// prep serve, the side panel: a product's details, the findings, the KPI tree as a
// list, the AsIs → ToBe diff list, and the banner over the drawing (see view.js).
(function (P) {
  "use strict";

  var $ = P.$, centreOn = P.centreOn, clear = P.clear, each = P.each, el = P.el,
      groupOf = P.groupOf, kindWord = P.kindWord, mark = P.mark, state = P.state,
      unmark = P.unmark, w = P.w;

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
    b.addEventListener("click", function () { P.open(name); });
    return b;
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
        b.addEventListener("click", function () { P.open(to); });
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

  // for the files after this one and for the calls back into this one
  P.banner = banner; P.details = details; P.diffView = diffView; P.findingList = findingList;
  P.kpiTrees = kpiTrees; P.pin = pin; P.select = select;
})(window.prepApp);

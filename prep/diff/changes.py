"""The semantic difference of two models (docs/kpi.md, "prep diff").

Elements are compared by name, never by position: order and formatting are not
differences, a sync relation's ends are unordered. Processes are matched by name
(when each side holds exactly one process, they are matched whatever their names).

Entries: a product by its key (`name` or `name<state>`), a relation as `A -> B` or
`A <-> B` (with `.param` where it names parameters), a touch as
`A -> B [touch=high]`. A changed entry is `{"name": …, "changes": {field: [old,
new], "attrs": {attr: [old, new]}}}`; a product whose state alone changed (one
key of that name removed, one added) is a change of `state`, named by its new key.
With several processes, every entry starts with `process :: `."""

from __future__ import annotations

from dataclasses import dataclass, field
from prep.i18n import N_

CATEGORIES = (N_("products"), N_("externals"), N_("actors"), N_("relations"), N_("kpis"), N_("touches"))
SEPARATOR = " :: "


def _attrs(element, skip: tuple[str, ...] = ()) -> dict:
    out = {}
    for a in element.attrs:
        if a.name not in skip:
            out[a.name] = True if a.value is None else a.value
    return dict(sorted(out.items()))


def _end(key: str, param: str | None) -> str:
    return f"{key}.{param}" if param else key


def relation_label(edge) -> str:
    r = edge.relation
    left, right = _end(edge.source, r.source.param), _end(edge.target, r.target.param)
    if edge.kind == "sync":
        left, right = sorted((left, right))
        return f"{left} <-> {right}"
    return f"{left} -> {right}"


def elements(pg) -> dict[str, dict[str, dict]]:
    """What a process says, by category and name: the fields that can change."""
    out: dict[str, dict[str, dict]] = {c: {} for c in CATEGORIES}
    for key, p in pg.products.items():
        out["products"][key] = {
            "kind": p.kind,
            "actor": p.actor,
            "params": list(p.params),
            "state": p.state,
            "attrs": _attrs(p),
            "_name": p.name,
        }
    for name, x in pg.externals.items():
        out["externals"][name] = {"attrs": _attrs(x)}
    for actor in pg.process.actors:
        out["actors"].setdefault(actor.name, {"role": actor.role, "attrs": _attrs(actor, ("role",))})
    for edge in pg.edges:
        label = relation_label(edge)
        out["relations"][label] = {"attrs": _attrs(edge.relation, ("touch",))}
        touch = edge.relation.attr("touch")
        if edge.relation.has_attr("touch"):
            out["touches"][label] = {"touch": True if touch is None else touch}
    for kpi in pg.process.kpis:
        out["kpis"].setdefault(
            kpi.name, {"for": pg.kpi_target(kpi), "under": kpi.under.text if kpi.under else None, "attrs": _attrs(kpi)}
        )
    return out


def _changes(old: dict, new: dict) -> dict:
    changes: dict = {}
    for name in old:
        if name.startswith("_") or name == "attrs" or old[name] == new.get(name):
            continue
        changes[name] = [old[name], new.get(name)]
    if "attrs" in old and old["attrs"] != new["attrs"]:
        changes["attrs"] = {
            a: [old["attrs"].get(a), new["attrs"].get(a)]
            for a in sorted(set(old["attrs"]) | set(new["attrs"]))
            if old["attrs"].get(a) != new["attrs"].get(a)
        }
    return changes


def _touch(label: str, level) -> str:
    return f"{label} [touch]" if level is True else f"{label} [touch={level}]"


@dataclass
class ProcessDiff:
    name: str
    graph: object | None  # the ToBe ProcessGraph (None: removed process)
    before: object | None = None  # the AsIs ProcessGraph (None: added process)
    added: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    removed: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    changed: dict[str, list[dict]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})

    @property
    def empty(self) -> bool:
        return not any(self.added[c] or self.removed[c] or self.changed[c] for c in CATEGORIES)


def diff_process(name: str, before, after) -> ProcessDiff:
    old = elements(before) if before is not None else {c: {} for c in CATEGORIES}
    new = elements(after) if after is not None else {c: {} for c in CATEGORIES}
    result = ProcessDiff(name, after, before)
    for cat in CATEGORIES:
        a, b = old[cat], new[cat]
        added = sorted(set(b) - set(a))
        removed = sorted(set(a) - set(b))
        changed = []
        if cat == "products":  # the same product in another state
            names_added = _by_name(added, b)
            names_removed = _by_name(removed, a)
            for pname in sorted(set(names_added) & set(names_removed)):
                if len(names_added[pname]) == 1 and len(names_removed[pname]) == 1:
                    was, now = names_removed[pname][0], names_added[pname][0]
                    added.remove(now)
                    removed.remove(was)
                    changed.append({"name": now, "changes": _changes(a[was], b[now])})
        for key in sorted(set(a) & set(b)):
            changes = _changes(a[key], b[key])
            if changes:
                changed.append({"name": key, "changes": changes})
        if cat == "touches":
            added = [_touch(k, b[k]["touch"]) for k in added]
            removed = [_touch(k, a[k]["touch"]) for k in removed]
        result.added[cat] = added
        result.removed[cat] = removed
        result.changed[cat] = sorted(changed, key=lambda c: c["name"])
    return result


def _by_name(keys: list[str], table: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in keys:
        out.setdefault(table[key]["_name"], []).append(key)
    return out


@dataclass
class Diff:
    processes: list[ProcessDiff]
    missing: list[str]  # process names only in the AsIs file
    extra: list[str]  # only in the ToBe file

    @property
    def prefixed(self) -> bool:
        return len(self.processes) > 1

    @property
    def empty(self) -> bool:
        return all(p.empty for p in self.processes)

    def to_json(self) -> dict:
        def sets(which: str) -> dict:
            out = {}
            for cat in CATEGORIES:
                items = []
                for p in self.processes:
                    for entry in getattr(p, which)[cat]:
                        if isinstance(entry, dict):
                            entry = {"name": self._qualify(p, entry["name"]), "changes": entry["changes"]}
                        else:
                            entry = self._qualify(p, entry)
                        items.append(entry)
                out[cat] = sorted(items, key=lambda e: e["name"] if isinstance(e, dict) else e)
            return out

        return {"version": 1, "added": sets("added"), "removed": sets("removed"), "changed": sets("changed")}

    def _qualify(self, p: ProcessDiff, entry: str) -> str:
        return f"{p.name}{SEPARATOR}{entry}" if self.prefixed else entry


def diff(before: list, after: list) -> Diff:
    """The difference of two files' process graphs."""
    if len(before) == 1 and len(after) == 1:
        return Diff([diff_process(after[0].name, before[0], after[0])], [], [])
    old = {}
    for pg in before:
        old.setdefault(pg.name, pg)
    new = {}
    for pg in after:
        new.setdefault(pg.name, pg)
    names = sorted(set(old) | set(new))
    processes = [diff_process(n, old.get(n), new.get(n)) for n in names]
    return Diff(processes, sorted(set(old) - set(new)), sorted(set(new) - set(old)))

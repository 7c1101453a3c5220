"""How the diff's elements are marked on an editable drawing of the ToBe model
(`prep diff -o diff.pptx`, docs/kpi.md, "prep diff"): {title: (status, note)} for products,
externals, relations (by their drawn title `A -> B`) and notes (`kpi: name`), with
status added / changed; and, under the key ("removed", process name), the list of
what the AsIs model had and the ToBe model lost (drawn as a note: a removed element
has no place in the ToBe layout). Pure data: prep.render.pptx draws it."""

from __future__ import annotations

from prep.diff.model import relation_label

NOTE_LIMIT = 40


def _summary(changes: dict) -> str:
    parts = []
    for field, value in changes.items():
        if field == "attrs":
            parts.extend(f"{a}: {old} → {new}" for a, (old, new) in value.items())
        else:
            old, new = value
            parts.append(f"{field}: {old} → {new}")
    text = "; ".join(parts)
    return text if len(text) <= NOTE_LIMIT else text[:NOTE_LIMIT - 1] + "…"


def marks_for(result) -> dict:
    shown = [p for p in result.processes if p.graph is not None]
    several = len(shown) > 1
    out: dict = {}
    for p in shown:
        pg = p.graph
        pre = f"{pg.name}/" if several else ""
        titles = {}
        for edge in pg.edges:
            titles[relation_label(edge)] = edge.label
        for key in p.added["products"] + p.added["externals"]:
            out[pre + key] = ("added", "")
        for entry in p.added["relations"]:
            if entry in titles:
                out[pre + titles[entry]] = ("added", "")
        for name in p.added["kpis"]:
            out[f"kpi: {pre}{name}"] = ("added", "")
        for entry in p.added["touches"]:
            label = entry.rsplit(" [", 1)[0]
            if label in titles and pre + titles[label] not in out:
                out[pre + titles[label]] = ("changed", entry[len(label):].strip(" []"))
        for entry in p.changed["products"] + p.changed["externals"]:
            out[pre + entry["name"]] = ("changed", _summary(entry["changes"]))
        for entry in p.changed["relations"] + p.changed["touches"]:
            if entry["name"] in titles:
                out[pre + titles[entry["name"]]] = ("changed", _summary(entry["changes"]))
        for entry in p.changed["kpis"]:
            out[f"kpi: {pre}{entry['name']}"] = ("changed", _summary(entry["changes"]))
        removed = [f"{category}: {', '.join(names)}" for category, names in p.removed.items()
                   if names]
        if removed:
            out[("removed", pg.name)] = removed
    return out

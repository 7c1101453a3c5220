"""KPI trees as Mermaid flowcharts (`prep kpi -f mermaid`): the same content as the
pictures, in the notation's classes."""

from __future__ import annotations

from prep import notation as N
from prep.layout.kpitree import _pairs as _sides
from prep.render import diff_look as M, mermaid


def _is_node(item) -> bool:
    return hasattr(item, "children")


MERMAID_CLASSES = (
    "classDef goal fill:#fff8e1,stroke:#333333,stroke-width:2px",
    "classDef final fill:#ffffff,stroke:#222222,stroke-width:4px",
    "classDef milestone fill:#ffffff,stroke:#222222,stroke-width:2px",
    "classDef product fill:#ffffff,stroke:#222222",
    "classDef intangible fill:none,stroke:#222222,stroke-dasharray:5 4",
    "classDef external fill:#d9d9d9,stroke:#444444",
    "classDef kpi fill:#fafafa,stroke:#777777",
    "classDef supplemented fill:#fafafa,stroke:#777777,stroke-dasharray:5 4",
    "classDef service fill:#ffebee,stroke:#c62828,stroke-width:2px,color:#b71c1c",
    "classDef intervention fill:none,stroke:#c62828,stroke-width:3px,stroke-dasharray:5 4",
    f"classDef added stroke:{M.ADDED},stroke-width:3px",
    f"classDef removed fill:#ffffff,stroke:{M.GHOST},color:{M.GHOST},stroke-dasharray:4 4",
    "classDef issue fill:#fff3e0,stroke:#e65100",
)
# goal, process and KPI nodes are boxes; products and externals as in process drawings
SHAPES = {"goal": ('["', '"]'), "process": ('["', '"]'), "kpi": ('["', '"]'), **mermaid.SHAPES}


def _mermaid_class(node) -> str:
    for mark in ("removed", "service", "intervention", "supplemented"):
        if mark in node.marks:
            return mark
    if node.kind == "process":
        return "goal"
    return node.kind


def to_mermaid(trees, words: dict) -> str:
    text = N.mermaid_text

    out = ["flowchart TB"]
    for r, row in enumerate(_sides(trees), 1):
        out.append(f'  subgraph p{r}["{text(row[0].process)}"]')
        out.append("    direction LR")
        for s, tree in enumerate(row, 1):
            if tree.compared:
                title = words["before"] if tree.stage == "asis" else words["after"]
            else:
                title = f"{words['kpi_tree']} [{'ToBe' if tree.stage == 'tobe' else 'AsIs'}]"
            out.append(f'    subgraph p{r}s{s}["{text(title)}"]')
            out.append("      direction TB")
            ids: dict[str, str] = {}
            count = 0
            added: list[str] = []
            for _, parent, item in tree.walk():
                target = item if _is_node(item) else item.node
                if target.id not in ids:
                    count += 1
                    ids[target.id] = f"p{r}s{s}n{count}"
                me = ids[target.id]
                if _is_node(item):
                    label = item.label
                    if item.kind == "goal":
                        label = f"{words['goal']}: {label}"
                    elif item.kind == "kpi":
                        label = f"{words['kpi']}: {label}"
                        if "kgi" in item.marks:
                            label = f"{words['kgi']}: {item.label}"
                    if "new" in item.marks:
                        label = f"＋ {label}"
                        added.append(me)
                    if "intervention" in item.marks:
                        label += " " + words["intervention"]
                    start, end = SHAPES.get(item.kind, SHAPES["product"])
                    out.append(f"      {me}{start}{text(label)}{end}:::{_mermaid_class(item)}")
                    for mark in item.marks:
                        if mark.startswith("issue:"):
                            count += 1
                            note = f"p{r}s{s}n{count}"
                            out.append(f'      {note}["{text(words["issue"] + ": " + mark[6:])}"]:::issue')
                            out.append(f"      {me} -.- {note}")
                if parent is not None:
                    arrow = "-.-" if "removed" in target.marks else "---"
                    out.append(f"      {ids[parent.id]} {arrow} {me}")
            if added:
                out.append(f"      class {','.join(added)} added")
            out.append("    end")
        out.append("  end")
    out.extend("  " + c for c in MERMAID_CLASSES)
    return "\n".join(out) + "\n"

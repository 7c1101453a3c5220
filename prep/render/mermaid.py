"""Process graphs -> a Mermaid flowchart (`flowchart LR`) for Markdown documents.

One subgraph per process, inside it one per actor; node ids `n1`, `n2`, … in source
order. Shapes follow docs/notation.md as far as Mermaid allows: intermediate
`[box]`, milestone `{{hexagon}}`, final `[[double border]]`, intangible `(rounded)`
dashed, external `>flag]`; input `-->`, sync `<-.->`, CSM touch green with its level.
Every label is quoted, and any character that could be Mermaid or HTML syntax is
written as an entity code (`#60;`)."""

from __future__ import annotations

from prep import notation as N
from prep.notation import mermaid_text as text

SHAPES = {
    "product": ('["', '"]'),
    "milestone": ('{{"', '"}}'),
    "final": ('[["', '"]]'),
    "intangible": ('("', '")'),
    "external": ('>"', '"]'),
}

CLASSES = (     # the colours of prep.notation, in Mermaid's terms
    f"classDef product fill:{N.PRODUCT_FILL},stroke:#222222",
    f"classDef milestone fill:{N.PRODUCT_FILL},stroke:#222222,stroke-width:2px",
    f"classDef final fill:{N.PRODUCT_FILL},stroke:#222222,stroke-width:4px",
    "classDef intangible fill:none,stroke:#222222,stroke-dasharray:5 4",
    f"classDef intervention fill:none,stroke:{N.RED},stroke-width:3px,stroke-dasharray:5 4",
    f"classDef external fill:{N.KIND['external']['fillcolor']},stroke:{N.KIND['external']['color']}",
    f"classDef kpi fill:{N.KPI['fillcolor']},stroke:{N.KPI['color']}",
    f"classDef servicekpi fill:{N.KPI_SERVICE['fillcolor']},stroke:{N.RED},stroke-width:2px,"
    f"color:{N.KPI_SERVICE['fontcolor']}",
    f"classDef issue fill:{N.ISSUE['fillcolor']},stroke:{N.ISSUE['color']}",
    f"classDef csm fill:{N.LANE['csm']['fillcolor']},stroke:{N.GREEN},stroke-width:2px",
    f"classDef service fill:{N.LANE['service']['fillcolor']},stroke:{N.BLUE},stroke-width:2px,"
    "stroke-dasharray:6 3",
)
TOUCH_LINK = f"stroke:{N.GREEN},stroke-width:3px,color:{N.COLOUR['touch']}"


def to_mermaid(graphs, lang: str = "auto", marks=None) -> str:
    from prep.render import marks as M

    words = N.words_for(graphs, lang)
    changes = marks
    lines = ["flowchart LR"]
    links: list[tuple[int, str]] = []      # (link number, style) for linkStyle lines
    count = {"node": 0, "link": 0}

    def new_id() -> str:
        count["node"] += 1
        return f"n{count['node']}"

    def link(source: str, arrow: str, target: str, label: str | None = None,
             style: str | None = None) -> None:
        middle = f'{arrow}|"{label}"|' if label else arrow
        lines.append(f"    {source} {middle} {target}")
        if style:
            links.append((count["link"], style))
        count["link"] += 1

    for number, pg in enumerate(graphs, 1):
        process = pg.process
        title = process.name + (f" / {words['goal']}: {process.goal.text}"
                                if process.goal else "")
        lines.append(f'  subgraph p{number}["{text(title)}"]')
        lines.append("    direction LR")
        node_of: dict[str, str] = {}
        mk = changes[number - 1] if changes else None
        for lane, actor in enumerate(process.actors, 1):
            name, _ = M.mermaid(M.of(mk, "actors", actor.name), actor.name, "", words)
            lines.append(f'    subgraph p{number}a{lane}["{text(name)}"]')
            for product in actor.products:
                key = product.key
                if pg.products.get(key) is not product or key in node_of:
                    continue
                node_of[key] = new_id()
                label = key + (f" ({', '.join(product.params)})" if product.params else "")
                kind = product.kind
                if kind == "intangible" and pg.synced_with(key):
                    label += " " + words["intervention"]
                    css = "intervention"
                else:
                    css = kind
                start, end = SHAPES[kind]
                label, css = M.mermaid(M.of(mk, "products", key), label, css, words)
                lines.append(f"      {node_of[key]}{start}{text(label)}{end}:::{css}")
            lines.append("    end")
            if actor.role in ("csm", "service"):
                lines.append(f"    class p{number}a{lane} {actor.role}")
        for external in process.externals:
            if pg.externals.get(external.name) is not external or external.name in node_of:
                continue
            node_of[external.name] = new_id()
            start, end = SHAPES["external"]
            label, css = M.mermaid(M.of(mk, "externals", external.name), external.name,
                                   "external", words)
            lines.append(f"    {node_of[external.name]}{start}{text(label)}{end}:::{css}")
        for edge in pg.edges:
            relation = edge.relation
            label, style = None, None
            if relation.has_attr("touch"):
                label = text(N.touch_word(relation.attr("touch"), words))
                style = TOUCH_LINK
            arrow = "-->" if edge.kind == "input" else "<-.->"
            mark = M.of(mk, "relations", edge.index)
            if mark is not None:
                badge, _ = M.mermaid(mark, "", "", words)
                label = text(badge.strip()) + (" " + label if label else "")
                style = M.MERMAID_LINK[mark[0]]
            link(node_of[edge.source], arrow, node_of[edge.target], label, style)
        for kpi in process.kpis:
            node = new_id()
            marks = [words[a] for a in ("kgi", "service", "supplemented") if kpi.has_attr(a)]
            label = f"{words['kpi']}: {kpi.name}" + (f" [{', '.join(marks)}]" if marks else "")
            css = "servicekpi" if kpi.has_attr("service") else "kpi"
            label, css = M.mermaid(M.of(mk, "kpis", kpi.name), label, css, words)
            lines.append(f'    {node}["{text(label)}"]:::{css}')
            target = pg.kpi_target(kpi)
            if target in node_of:
                link(node_of[target], "-.-", node)
        for issue in process.issues:
            node = new_id()
            lines.append(f'    {node}["{text(words["issue"] + ": " + issue.text)}"]:::issue')
            target = pg.issue_targets.get(id(issue))
            if target in node_of:
                link(node_of[target], "-.-", node)
        lines.append("  end")
    lines.extend(f"  {c}" for c in CLASSES)
    if changes:
        lines.extend(f"  {c}" for c in M.MERMAID_CLASSES)
    lines.extend(f"  linkStyle {n} {style}" for n, style in links)
    return "\n".join(lines) + "\n"

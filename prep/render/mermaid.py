"""Process graphs -> a Mermaid flowchart (`flowchart LR`) for Markdown documents.

One subgraph per process, inside it one per actor; node ids `n1`, `n2`, … in source
order. Shapes follow docs/notation.md as far as Mermaid allows: intermediate
`[box]`, milestone `{{hexagon}}`, final `[[double border]]`, intangible `(rounded)`
dashed, external `>flag]`; input `-->`, sync `<-.->`, CSM touch green with its level.
Every label is quoted, and any character that could be Mermaid or HTML syntax is
written as an entity code (`#60;`)."""

from __future__ import annotations

from prep import notation as N
from prep.layout.badges import mark_of
from prep.notation import mermaid_text as text

SHAPES = {
    "product": ('["', '"]'),
    "milestone": ('{{"', '"}}'),
    "final": ('[["', '"]]'),
    "intangible": ('("', '")'),
    "external": ('>"', '"]'),
}

CLASSES = (  # the colours of prep.notation, in Mermaid's terms
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
    f"classDef service fill:{N.LANE['service']['fillcolor']},stroke:{N.BLUE},stroke-width:2px,stroke-dasharray:6 3",
)
TOUCH_LINK = f"stroke:{N.GREEN},stroke-width:3px,color:{N.COLOUR['touch']}"


def to_mermaid(graphs, lang: str = "auto", marks=None) -> str:
    """The flowchart; `marks` (one dict per graph, from prep diff) badge what changed."""
    from prep.render import diff_look as M

    writer = _Writer(N.words_for(graphs, lang), M)
    for number, pg in enumerate(graphs, 1):
        writer.process(number, pg, marks[number - 1] if marks else None)
    lines = writer.lines + [f"  {c}" for c in CLASSES]
    if marks:
        lines.extend(f"  {c}" for c in M.MERMAID_CLASSES)
    lines.extend(f"  linkStyle {n} {style}" for n, style in writer.links)
    return "\n".join(lines) + "\n"


class _Writer:
    """The flowchart's lines, one process after another; node ids and link numbers
    count across processes."""

    def __init__(self, words: dict, marks_module) -> None:
        self.words, self.M = words, marks_module
        self.lines = ["flowchart LR"]
        self.links: list[tuple[int, str]] = []  # (link number, style) for linkStyle
        self.nodes = 0
        self.link_count = 0

    def new_id(self) -> str:
        self.nodes += 1
        return f"n{self.nodes}"

    def link(self, source: str, arrow: str, target: str, label: str | None = None, style: str | None = None) -> None:
        middle = f'{arrow}|"{label}"|' if label else arrow
        self.lines.append(f"    {source} {middle} {target}")
        if style:
            self.links.append((self.link_count, style))
        self.link_count += 1

    def process(self, number: int, pg, mk) -> None:
        process, words = pg.process, self.words
        title = process.name + (f" / {words['goal']}: {process.goal.text}" if process.goal else "")
        self.lines.append(f'  subgraph p{number}["{text(title)}"]')
        self.lines.append("    direction LR")
        node_of: dict[str, str] = {}
        for lane, actor in enumerate(process.actors, 1):
            self.actor(number, lane, actor, pg, mk, node_of)
        self.externals(pg, mk, node_of)
        self.edges(pg, mk, node_of)
        self.notes(pg, mk, node_of)
        self.lines.append("  end")

    def actor(self, number: int, lane: int, actor, pg, mk, node_of: dict) -> None:
        M, words = self.M, self.words
        name, _ = M.mermaid(mark_of(mk, "actors", actor.name), actor.name, "", words)
        self.lines.append(f'    subgraph p{number}a{lane}["{text(name)}"]')
        for product in actor.products:
            key = product.key
            if pg.products.get(key) is not product or key in node_of:
                continue
            node_of[key] = self.new_id()
            label = key + (f" ({', '.join(product.params)})" if product.params else "")
            css = product.kind
            if product.kind == "intangible" and pg.synced_with(key):
                label += " " + words["intervention"]
                css = "intervention"
            start, end = SHAPES[product.kind]
            label, css = M.mermaid(mark_of(mk, "products", key), label, css, words)
            self.lines.append(f"      {node_of[key]}{start}{text(label)}{end}:::{css}")
        self.lines.append("    end")
        if actor.role in ("csm", "service"):
            self.lines.append(f"    class p{number}a{lane} {actor.role}")

    def externals(self, pg, mk, node_of: dict) -> None:
        M = self.M
        for external in pg.process.externals:
            if pg.externals.get(external.name) is not external or external.name in node_of:
                continue
            node_of[external.name] = self.new_id()
            start, end = SHAPES["external"]
            label, css = M.mermaid(mark_of(mk, "externals", external.name), external.name, "external", self.words)
            self.lines.append(f"    {node_of[external.name]}{start}{text(label)}{end}:::{css}")

    def edges(self, pg, mk, node_of: dict) -> None:
        M = self.M
        for edge in pg.edges:
            relation = edge.relation
            label, style = None, None
            if relation.has_attr("touch"):
                label = text(N.touch_word(relation.attr("touch"), self.words))
                style = TOUCH_LINK
            arrow = "-->" if edge.kind == "input" else "<-.->"
            mark = mark_of(mk, "relations", edge.index)
            if mark is not None:
                badge, _ = M.mermaid(mark, "", "", self.words)
                label = text(badge.strip()) + (" " + label if label else "")
                style = M.MERMAID_LINK[mark[0]]
            self.link(node_of[edge.source], arrow, node_of[edge.target], label, style)

    def notes(self, pg, mk, node_of: dict) -> None:
        """KPI and issue notes, each linked to what it is about."""
        M, words = self.M, self.words
        for kpi in pg.process.kpis:
            node = self.new_id()
            flags = [words[a] for a in ("kgi", "service", "supplemented") if kpi.has_attr(a)]
            label = f"{words['kpi']}: {kpi.name}" + (f" [{', '.join(flags)}]" if flags else "")
            css = "servicekpi" if kpi.has_attr("service") else "kpi"
            label, css = M.mermaid(mark_of(mk, "kpis", kpi.name), label, css, words)
            self.lines.append(f'    {node}["{text(label)}"]:::{css}')
            target = pg.kpi_target(kpi)
            if target in node_of:
                self.link(node_of[target], "-.-", node)
        for issue in pg.process.issues:
            node = self.new_id()
            self.lines.append(f'    {node}["{text(words["issue"] + ": " + issue.text)}"]:::issue')
            target = pg.issue_targets.get(id(issue))
            if target in node_of:
                self.link(node_of[target], "-.-", node)

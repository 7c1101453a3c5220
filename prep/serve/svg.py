"""The drawing's groups named as docs/notation.md says: each product, external,
relation, KPI and issue note a `<g>` with a class (`product`, `external`,
`relation`, `kpi`, `issue`) and a `<title>` holding its name (a product's key, a
relation `A -> B`, prefixed `process/` with several processes).

A drawing that already has them (the swimlane renderer writes them itself) passes
through unchanged. For Graphviz's own output (nodes titled `n1`, `n2`, … in the
order prep/render/dot.py makes them), the ids are mapped back to names by walking
the model in that same order."""

from __future__ import annotations

import html
import re


def qualify(graphs, pg, key: str) -> str:
    """The name a drawing's `<title>` gives an element (docs/notation.md): its key,
    prefixed `process/` in a drawing of several processes."""
    return f"{pg.name}/{key}" if len(graphs) > 1 else key


_NODE = re.compile(r'<g id="(node\d+)" class="node">\n<title>([^<]*)</title>')
_EDGE = re.compile(r'<g id="(edge\d+)" class="edge">\n<title>([^<]*)</title>')


def label(svg: str, graphs) -> str:
    if re.search(r'<g [^>]*class="[^"]*\bproduct\b', svg):
        return svg
    names = _names(graphs)

    def node(match: re.Match) -> str:
        found = names.get(html.unescape(match.group(2)))
        if found is None:
            return match.group(0)
        kind, title = found
        return f'<g id="{match.group(1)}" class="node {kind}">\n<title>{html.escape(title, quote=False)}</title>'

    def edge(match: re.Match) -> str:
        text = html.unescape(match.group(2))
        for arrow in ("->", "--"):
            if arrow in text:
                tail, head = text.split(arrow, 1)
                break
        else:
            return match.group(0)
        ends = names.get(tail), names.get(head)
        if None in ends or ends[0][0] not in ("product", "external") or ends[1][0] not in ("product", "external"):
            return match.group(0)
        title = f"{ends[0][1]} -> {ends[1][1]}"
        return f'<g id="{match.group(1)}" class="edge relation">\n<title>{html.escape(title, quote=False)}</title>'

    svg = _NODE.sub(node, svg)
    return _EDGE.sub(edge, svg)


def _names(graphs) -> dict[str, tuple[str, str]]:
    """Graphviz node id -> (class, title), in the order of prep/render/dot.py."""
    names: dict[str, tuple[str, str]] = {}
    count = 0
    for pg in graphs:
        drawn: set[str] = set()
        process = pg.process
        for actor in process.actors:
            for product in actor.products:
                key = product.key
                if pg.products.get(key) is not product or key in drawn:
                    continue
                drawn.add(key)
                count += 1
                names[f"n{count}"] = ("product", qualify(graphs, pg, key))
        for external in process.externals:
            if pg.externals.get(external.name) is not external or external.name in drawn:
                continue
            drawn.add(external.name)
            count += 1
            names[f"n{count}"] = ("external", qualify(graphs, pg, external.name))
        for kpi in process.kpis:
            count += 1
            names[f"n{count}"] = ("kpi", qualify(graphs, pg, kpi.name))
        for issue in process.issues:
            count += 1
            names[f"n{count}"] = ("issue", qualify(graphs, pg, issue.text))
    return names

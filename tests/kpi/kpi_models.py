"""Generated models for the KPI picture tests: deterministic (seeded), valid, and
varied: finals, milestones, intangibles on sync relations, a service and a CSM
actor, KPIs for products, under KPIs, KGIs and bare ones, issues; each with a ToBe
variant (some products and KPIs gone, some added)."""

from __future__ import annotations

import random


def graphs(text: str, name: str = "m.prep"):
    """The process graphs of a model's text (none where it does not parse)."""
    from prep.graph import build_document
    from prep.parser import parse_text

    parsed = parse_text(text, name)
    return build_document(parsed.document)[0] if parsed.document is not None else []


def trees_of(asis: str, tobe: str | None = None, view: str = "kpi"):
    """The KPI trees of a model, or of an AsIs/ToBe pair compared, and the graphs whose
    words they are drawn in: what `kpi_layout(trees, words_for(named))` lays out."""
    from prep.kpi.compare import compare
    from prep.kpi.tree import derive_all

    before = graphs(asis)
    trees, named = derive_all(before, view), list(before)
    if tobe is not None:
        after = graphs(tobe)
        trees, _ = compare(trees, derive_all(after, view))
        named += after
    return trees, named


def model(seed: int, stage: str = "asis", size: int | None = None) -> str:
    text = _model(seed, size)
    return text if stage == "asis" else _tobe(seed, text)


def _tobe(seed: int, text: str) -> str:
    """The ToBe variant: one product gone (with its relations and KPIs), the service's
    data feeding two products, with a service KPI."""
    import re

    lines = text.splitlines()
    products = [
        ln.split()[1]
        for ln in lines
        if ln.startswith("    ") and ln.split()[0] in ("product", "milestone", "intangible")
    ]
    rnd = random.Random(seed + 1000)
    gone = rnd.choice(products) if len(products) > 3 else None
    out = []
    for ln in lines:
        if gone and re.search(rf"(?<![\w]){gone}(?![\w])", ln):
            continue
        out.append(ln.replace("[stage=asis]", "[stage=tobe]"))
    fed = rnd.sample([p for p in products if p != gone], min(2, len(products) - 1))
    at = next(i for i, ln in enumerate(out) if ln.startswith("  actor "))
    out[at:at] = ["  actor Analytics [role=service] {", f"    product S{seed}", "  }"]
    close = len(out) - 1
    out[close:close] = [f"  S{seed} -> {p}" for p in fed] + [f"  kpi SK{seed} for S{seed} [service]"]
    return "\n".join(out) + "\n"


def _model(seed: int, size: int | None) -> str:
    rnd = random.Random(seed)
    n = size or rnd.randint(5, 28)
    names = [f"P{seed}_{i}" for i in range(n)]
    finals = names[-rnd.randint(1, 3) :]
    rest = [x for x in names if x not in finals]
    kinds = {}
    for x in rest:
        kinds[x] = rnd.choice(["product", "product", "product", "milestone", "intangible"])
    out = [
        f"process Proc{seed} [stage=asis] {{",
        f'  goal "Goal of model {seed}"',
        "  external Supplier",
        "  external Customer",
    ]
    actors = [("Staff", None), ("Boss", None), ("Data", "service"), ("Coach", "csm")]
    split = {a: [] for a, _ in actors}
    for i, x in enumerate(rest):
        split[actors[i % len(actors)][0]].append(x)
    split["Boss"].extend(finals)
    for actor, role in actors:
        items = split[actor]
        if not items:
            continue
        out.append(f"  actor {actor}" + (f" [role={role}]" if role else "") + " {")
        for x in items:
            out.append(f"    {'final' if x in finals else kinds[x]} {x}")
        out.append("  }")
    order = rest + finals
    out.append(f"  Supplier -> {order[0]}")
    for i, x in enumerate(order[1:], 1):  # every product feeds something later
        for src in rnd.sample(order[:i], min(i, rnd.randint(1, 2))):
            if src not in finals:
                out.append(f"  {src} -> {x}")
    for x in rest:
        if x not in {line.split(" -> ")[0].strip() for line in out if " -> " in line}:
            out.append(f"  {x} -> {finals[0]}")
    out.extend(f"  {x} -> Customer" for x in finals)
    syncs = [x for x in rest if kinds[x] == "intangible"]
    for x in syncs[:3]:
        partner = rnd.choice(finals + rest)
        if partner != x:
            out.append(f"  {x} <-> {partner}")
    kpis = []
    for k, x in enumerate(rnd.sample(order, min(len(order), rnd.randint(2, 8)))):
        name = f"K{seed}_{k}"
        marks = rnd.choice(["", " [supplemented]", ""])
        out.append(f"  kpi {name} for {x}{marks}")
        kpis.append(name)
    if kpis and rnd.random() < 0.7:
        out.append(f"  kpi U{seed} under {kpis[0]}")
    out.append(f"  kpi G{seed} [kgi]")
    if rnd.random() < 0.5:
        out.append(f"  kpi Loose{seed}")
    if rest and rnd.random() < 0.6:
        out.append(f'  issue "Nobody knows why {seed} is late" on {rnd.choice(rest)}')
    out.append("}")
    return "\n".join(out) + "\n"


def wide(finals: int, kpis: int = 2, stage: str = "asis") -> str:
    """A shallow, wide model: `finals` final products from one source, each with
    `kpis` KPIs (a tree of 2 + finals * (1 + kpis) nodes, most of them in one row)."""
    out = [
        f"process Wide [stage={stage}] {{",
        '  goal "Every order shipped on time"',
        "  external Customer",
        "  actor Plant {",
        "    product Order",
    ]
    out += [f"    final Shipment{i}" for i in range(finals)]
    out.append("  }")
    out += [f"  Order -> Shipment{i} -> Customer" for i in range(finals)]
    out += [f"  kpi Rate{i}_{k} for Shipment{i}" for i in range(finals) for k in range(kpis)]
    out.append("}")
    return "\n".join(out) + "\n"

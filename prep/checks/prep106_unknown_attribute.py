"""An unknown attribute or attribute value.

What it does: reports an attribute that `prep` does not know on that element, or
a known attribute with a value it does not know. The attribute is kept in the
model and otherwise ignored. The hint lists what is known there, after "did you
mean" when one is close (`servise` → `service`, `role=CSM` → `role=csm`). Known
attributes:

| where | attribute |
|---|---|
| process | `stage=asis`, `stage=tobe` |
| actor | `role=customer`, `role=csm`, `role=service`, `role=vendor` |
| relation | `touch=high`, `touch=low`, `touch=tech` |
| kpi | `supplemented`, `service`, `kgi` (flags, without a value) |
| anything | `doc="free text"` |

Why: a misspelt attribute (`stage=tobe` written `stage=to-be`, `role=CSM`) would
silently change nothing: a ToBe model would be checked as AsIs, a CSM lane drawn
as a customer's.

How to fix: use one of the attributes above, spelt as shown (lower case), or
remove it. Free text belongs in `doc="…"`.

Example:
```prep
process 受注 [stage=future] {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼 [color=red]
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```

Use instead:
```prep
process 受注 [stage=tobe] {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼 [doc="赤字で強調"]
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```
"""

from typing import Iterator

from prep.checks.base import rule
from prep.diagnostics import Diagnostic, Edit, Fix, Severity
from prep.graph.process import ProcessGraph
from prep.i18n import _

FLAG = object()  # an attribute written without a value
CASE_FREE = {"stage", "role"}  # read in any letter case (prep.model): only the case is off
ANY_TEXT = object()

# element kind -> attribute -> allowed values
KNOWN = {
    "process": {"stage": {"asis", "tobe"}},
    "actor": {"role": {"customer", "csm", "service", "vendor"}},
    "relation": {"touch": {"high", "low", "tech"}},
    "kpi": {"supplemented": {FLAG}, "service": {FLAG}, "kgi": {FLAG}},
}


def _allowed(where: str, name: str):
    if name == "doc":
        return ANY_TEXT
    return KNOWN.get(where, {}).get(name)


@rule("PREP106", Severity.WARNING, name="unknown-attribute")
def unknown_attribute(pg: ProcessGraph) -> Iterator[Diagnostic]:
    for where, element in _elements(pg.process):
        for attr in element.attrs:
            found = _finding(where, attr)
            if found is not None:
                yield found


def _elements(process):
    """(kind, element) of everything that may carry attributes; a chain's attributes
    are shared by its relations, so only its first relation is listed."""
    yield "process", process
    for actor in process.actors:
        yield "actor", actor
        for p in actor.products:
            yield "product", p
    for kind, items in (
        ("external", process.externals),
        ("subprocess", process.subprocesses),
        ("kpi", process.kpis),
        ("issue", process.issues),
    ):
        for item in items:
            yield kind, item
    seen = set()
    for relation in process.relations:
        if relation.attrs and relation.attrs[0].span not in seen:
            seen.add(relation.attrs[0].span)
            yield "relation", relation


def _finding(where: str, attr) -> Diagnostic | None:
    allowed = _allowed(where, attr.name)
    if allowed is ANY_TEXT:
        if attr.value is None:
            return unknown_attribute.at(attr.span, _('`doc` needs a text: `doc="…"`'), _('write `doc="your note"`'))
        return None
    if allowed is None:
        known = sorted(KNOWN.get(where, {})) + ["doc"]
        listed = ", ".join(f"`{k}`" for k in known)
        close = _closest(attr.name, known)
        return unknown_attribute.at(
            attr.span,
            _("unknown attribute `{name}` on a {where}; it is ignored", name=attr.name, where=where),
            (_("did you mean `{close}`? ", close=close) if close else "")
            + _("attributes of a {where}: {listed}", where=where, listed=listed),
        )
    value = FLAG if attr.value is None else str(attr.value)
    if value in allowed:
        return None
    return _bad_value(attr, value, allowed)


def _bad_value(attr, value, allowed: set) -> Diagnostic:
    """A known attribute with a value it does not take."""
    if FLAG in allowed:
        return unknown_attribute.at(
            attr.span, _("`{name}` is a flag and takes no value", name=attr.name), _("write `[{name}]`", name=attr.name)
        )
    if value is not FLAG and value.lower() in allowed and attr.name in CASE_FREE:
        meant = f"{attr.name}={value.lower()}"
        return unknown_attribute.at(
            attr.span,
            _("`{name}={value}` is read as `{meant}`: values are lower case", name=attr.name, value=value, meant=meant),
            _("write `{meant}`", meant=meant),
            fix=Fix(_("write `{meant}`", meant=meant), (Edit(attr.span, meant),)),
        )
    choices = ", ".join(f"`{attr.name}={v}`" for v in sorted(allowed))
    shown = _("no value") if value is FLAG else f"`{value}`"
    close = None if value is FLAG else _closest(value, sorted(allowed), lower=True)
    meant = f"{attr.name}={close}"
    fix = Fix(_("write `{meant}`", meant=meant), (Edit(attr.span, meant),), safe=False) if close else None
    return unknown_attribute.at(
        attr.span,
        _("unknown value {shown} for `{name}`; it is ignored", shown=shown, name=attr.name),
        (_("did you mean `{close}`? ", close=meant) if close else "") + _("use one of {choices}", choices=choices),
        fix=fix,
    )


def _closest(word: str, choices: list[str], lower: bool = False) -> str | None:
    """The choice `word` most likely misspells (`servise` -> `service`, `CSM` -> `csm`)."""
    from prep.diagnostics import ATTRIBUTE_CUTOFF, closest

    if lower:
        for choice in choices:
            if choice.lower() == word.lower():
                return choice
    return closest(word, choices, cutoff=ATTRIBUTE_CUTOFF)

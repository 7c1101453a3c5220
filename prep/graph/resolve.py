"""Name resolution inside one process: references to graph keys, with PREP101–105."""

from __future__ import annotations

from prep.codes import AMBIGUOUS_REFERENCE, NOT_A_PRODUCT, UNDEFINED_REFERENCE, UNKNOWN_PARAMETER, Code
from prep.diagnostics import Diagnostic, Edit, Fix, Related, Span, closest
from prep.model import Process, Product, Ref, written_name
from prep.i18n import N_, _


def written_ref(ref: Ref) -> str:
    """A reference as written in a `.prep` file."""
    state = f"<{ref.state}>" if ref.state else ""
    param = f".{written_name(ref.param)}" if ref.param else ""
    return written_name(ref.name) + state + param


MAX_LISTED = 5  # states named in a message (and related places) before "and N more"


def listing(items, limit: int = MAX_LISTED) -> str:
    """`a`, `b`, `c` — or the first `limit` of them and "and N more": a name defined
    in a thousand states must not make every message (and report) a thousand long."""
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    return _("{some} and {count} more", some=", ".join(items[:limit]), count=len(items) - limit)


class Resolver:
    """Turns references into node keys; remembers one finding per reference."""

    def __init__(
        self, process: Process, products: dict[str, Product], externals: set[str], other_names: dict[str, str]
    ):
        self.process = process
        self.products = products
        self.externals = externals
        self.other_names = other_names  # name -> what it is ("an actor", "a KPI", ...)
        self.by_name: dict[str, list[Product]] = {}
        for product in products.values():
            self.by_name.setdefault(product.name, []).append(product)
        self.diagnostics: list[Diagnostic] = []
        self._seen: dict[tuple, str | None] = {}
        self._avoid: frozenset[str] | set[str] = frozenset()  # names not to suggest

    def resolve(
        self,
        ref: Ref,
        allow_external: bool = True,
        what: str = N_("relation"),
        avoid: frozenset[str] | set[str] = frozenset(),
    ) -> str | None:
        """The key `ref` names, or None after reporting why it names nothing usable.
        A wrong parameter is reported, but the key is still returned."""
        memo = (ref.span, ref.name, ref.state, ref.param, allow_external)  # a ref built
        # by a program (prep diff's union) may share its span with another
        if memo in self._seen:
            return self._seen[memo]
        self._avoid = avoid
        key = self._resolve(ref, allow_external, what)
        self._seen[memo] = key
        return key

    def _error(self, ref: Ref, code: Code, message: str, *more, **named) -> None:
        """A finding of `code` at `ref`; `more`: its hint, related places and fix, as Code.at takes them."""
        self.diagnostics.append(code.at(ref.span, message, *more, **named))

    def _resolve(self, ref: Ref, allow_external: bool, what: str) -> str | None:
        name = ref.name
        candidates = self.by_name.get(name, [])
        if ref.state is not None:
            key = ref.key
            if key not in self.products:
                if candidates:
                    states = listing(f"`{p.key}`" for p in candidates)
                    self._error(
                        ref,
                        UNDEFINED_REFERENCE,
                        _("`{key}` is not defined: `{name}` is defined as {states}", key=key, name=name, states=states),
                        _("use one of {states}, or define `{key}` in an actor", states=states, key=key),
                    )
                else:
                    self._undefined(ref, allow_external, what)
                return None
            return self._check_param(ref, key)
        if len(candidates) == 1:
            return self._check_param(ref, candidates[0].key)
        if len(candidates) > 1:
            states = listing(f"`{p.key}`" for p in candidates)
            self._error(
                ref,
                AMBIGUOUS_REFERENCE,
                _("`{name}` is ambiguous: it is defined in several states ({states})", name=name, states=states),
                _("name the state, for example `{key}`", key=candidates[0].key),
                tuple(Related(p.name_span, _("`{key}` is defined here", key=p.key)) for p in candidates[:MAX_LISTED]),
            )
            return None
        if name in self.externals:
            if not allow_external:
                self._error(
                    ref,
                    NOT_A_PRODUCT,
                    _(
                        "`{name}` is an external process, not a product; a {what} must name a product",
                        name=name,
                        what=_(what),
                    ),
                )
                return None
            if ref.param is not None:
                self._error(
                    ref,
                    UNKNOWN_PARAMETER,
                    _("`{name}` is an external process and has no parameters", name=name),
                    _("write `{name}` without `.{param}`", name=name, param=ref.param),
                )
            return name
        if name in self.other_names:
            kind = self.other_names[name]
            allowed = _("a product or an external process") if allow_external else _("a product")
            hint = (
                _("declare `external {name}` to relate to that process", name=name)
                if kind == "a process" and allow_external
                else _("name {allowed} here", allowed=allowed)
            )
            self._error(
                ref,
                NOT_A_PRODUCT,
                _("`{name}` is {kind}, not {allowed}", name=name, kind=_(kind), allowed=allowed),
                hint,
            )
            return None
        self._undefined(ref, allow_external, what)
        return None

    def _undefined(self, ref: Ref, allow_external: bool = True, what: str = "relation") -> None:
        # Suggest only what may stand here: after `kpi … for`, `until`, `on`, a product.
        close = closest(
            ref.name, (set(self.by_name) | (self.externals if allow_external else set())) - set(self._avoid)
        )
        fix = None
        if close:
            hint = _("did you mean `{close}`?", close=close)
            meant = Ref(name=close, state=ref.state, param=ref.param, span=ref.span)
            fix = Fix(_("write `{meant}`", meant=close), (Edit(ref.span, written_ref(meant)),), safe=False)
        elif allow_external:
            hint = _("define it as a product in an actor, or as `external {name}`", name=written_name(ref.name))
            fix = self._declare_external(ref.name)
        else:
            hint = _(
                "a {what} must name a product: define `{name}` as a product in an actor",
                what=_(what),
                name=written_name(ref.name),
            )
        self.diagnostics.append(
            UNDEFINED_REFERENCE.at(
                ref.span,
                _("`{key}` is not defined in process `{name}`", key=ref.key, name=self.process.name),
                hint,
                fix=fix,
            )
        )

    def _declare_external(self, name: str) -> Fix:
        """An `external NAME` line after the process's last `external` (or above its
        first actor, or below its header)."""
        process = self.process
        if process.externals:
            last = max((x.span for x in process.externals), key=lambda sp: sp.end_line)
            line, indent = last.end_line + 1, last.column - 1
        elif process.actors:
            first = min((a.span for a in process.actors), key=lambda sp: sp.line)
            line, indent = first.line, first.column - 1
        else:
            line, indent = process.header_span.end_line + 1, 2
        at = Span(self.process.span.file, line, 1, line, 1)
        text = f"{' ' * indent}external {written_name(name)}\n"
        return Fix(_("declare `external {name}`", name=written_name(name)), (Edit(at, text),), safe=False)

    def _check_param(self, ref: Ref, key: str) -> str | None:
        if ref.param is None:
            return key
        product = self.products[key]
        if ref.param in product.params:
            return key
        if product.params:
            listed = ", ".join(f"`{p}`" for p in product.params)
            close = closest(ref.param, product.params)
            meant = f"{key}.{close}"
            hint = (_("did you mean `{close}`? ", close=meant) if close else "") + _(
                "its parameters are {listed}", listed=listed
            )
        else:
            close = None
            written = f"{product.name}({ref.param})"
            hint = _("add the parameter to its definition: `{written}`", written=written)
        fix = None
        if close:
            meant = Ref(name=ref.name, state=ref.state, param=close, span=ref.span)
            fix = Fix(_("write `{meant}`", meant=written_ref(meant)), (Edit(ref.span, written_ref(meant)),), safe=False)
        self._error(
            ref,
            UNKNOWN_PARAMETER,
            _("`{key}` has no parameter `{param}`", key=key, param=ref.param),
            hint,
            (Related(product.name_span, _("`{key}` is defined here", key=key)),),
            fix=fix,
        )
        return key  # the relation stands; only its parameter is wrong

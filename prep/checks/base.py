"""What a rule is: a code, a default severity, a scope, its documentation (the
module docstring, in fixed sections) and, unless the parser or the graph builder
reports it, a small function over the graph."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Callable, Iterator

from prep.codes import Code
from prep.diagnostics import Diagnostic, Fix, Related, Severity, Span
from prep.i18n import _

# Where a rule's findings come from:
#   syntax    - the parser (PREP001, PREP002)
#   graph     - building the graph, name resolution (PREP101-PREP105)
#   process   - a function over one ProcessGraph
#   workspace - a function over every ProcessGraph of the run
#   meta      - the checker itself (unused suppressions)
SCOPES = ("syntax", "graph", "process", "workspace", "meta")

SECTIONS = ("What it does", "Why", "How to fix", "Example", "Use instead")
PROSE = ("Title", "What it does", "Why", "How to fix")  # translated (prep/locale)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: str
    opt_in: bool
    module: str
    check: Callable | None = None

    def at(
        self,
        span: Span,
        message: str,
        hint: str | None = None,
        related: tuple[Related, ...] | list[Related] = (),
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding of this rule at its default severity (with a fix, when known)."""
        return Diagnostic(self.code, self.severity, message, span, hint, tuple(related), fix)

    def run(self, target) -> Iterator[Diagnostic]:
        if self.check is not None:
            yield from self.check(target)

    @property
    def summary(self) -> str:
        """One line for tables and SARIF: the docstring's title, without its full stop."""
        title = " ".join(self.sections.get("Title", "").split())
        return title[:-1] if title.endswith((".", "。")) else title

    @property
    def doc(self) -> str:
        return (sys.modules[self.module].__doc__ or "").strip()

    @property
    def sections(self) -> dict[str, str]:
        """The documentation split into its sections (title -> text), the prose ones
        (title, What it does, Why, How to fix) in the language in use; the Example and
        Use instead models are the same in every language."""
        return {title: _(text) if title in PROSE else text for title, text in split_sections(self.doc).items()}


def split_sections(doc: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    pattern = re.compile(r"^(" + "|".join(map(re.escape, SECTIONS)) + r"):[ \t]*", re.M)
    matches = list(pattern.finditer(doc))
    if matches:
        parts["Title"] = doc[: matches[0].start()].strip()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
        parts[m.group(1)] = doc[m.end() : end].strip("\n").rstrip()
    return parts


def rule(code: str, severity: Severity, *, name: str, scope: str = "process", opt_in: bool = False):
    """Declare a rule; as a decorator, the function is its check. Its summary is the
    title of its module's docstring."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope}")

    def declare(func: Callable | None = None, module: str | None = None) -> Rule:
        mod = func.__module__ if func is not None else module
        return Rule(code, name, severity, scope, opt_in, mod, func)

    return declare


def reported_elsewhere(code: Code, *, name: str, scope: str, module: str, opt_in: bool = False) -> Rule:
    """A rule whose findings the parser, the graph builder or the checker itself make
    with `code` (prep/codes.py: its code and default severity); the module holds its
    docs."""
    return rule(code.code, code.severity, name=name, scope=scope, opt_in=opt_in)(None, module)


def asis_note(process) -> list[Related]:
    """The note on a finding that only an AsIs process has: where it says so."""
    return [Related(process.header_span, _("process `{name}` is AsIs", name=process.name))]


def unreached(pg, kind: str, reached, typos) -> Iterator[tuple[str, object]]:
    """(key, product) for each product of `kind` that no reference reaches: `reached`
    are the products the references resolved to; a reference in `typos` did not
    resolve (that is PREP101) and counts for the product it means."""
    reached = set(reached) | pg.meant(typos, products_only=True)
    for key, product in pg.products.items():
        if product.kind == kind and key not in reached:
            yield key, product

"""The codes and default severities of the rules whose findings are made below the
checks layer: by the parser (PREP001, PREP002), by the graph builder's name
resolution (PREP101–PREP105) and by the checker's suppressions (PREP901). The rule
objects of `prep.checks` take their code and severity from here, and the parser and
graph builder make their findings with `CODE.at(…)`: one source of truth, and imports still flow downwards."""

from __future__ import annotations

from dataclasses import dataclass

from prep.diagnostics import Diagnostic, Fix, Related, Severity, Span


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity

    def at(
        self,
        span: Span,
        message: str,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding of this code at its default severity."""
        return Diagnostic(self.code, self.severity, message, span, hint, tuple(related), fix)


SYNTAX_ERROR = Code("PREP001", Severity.ERROR)
UNREADABLE_FILE = Code("PREP002", Severity.ERROR)
UNDEFINED_REFERENCE = Code("PREP101", Severity.ERROR)
DUPLICATE_DEFINITION = Code("PREP102", Severity.ERROR)
UNKNOWN_PARAMETER = Code("PREP103", Severity.ERROR)
AMBIGUOUS_REFERENCE = Code("PREP104", Severity.ERROR)
NOT_A_PRODUCT = Code("PREP105", Severity.ERROR)
UNUSED_SUPPRESSION = Code("PREP901", Severity.INFO)  # made by the checker (suppress.py)

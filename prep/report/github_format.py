"""`--format github`: GitHub Actions workflow commands, one line per finding, which
GitHub shows as annotations on the pull request:

    ::error file=a.prep,line=12,col=3,endLine=12,endColumn=9,title=PREP203 input-cycle::message

Severity error -> `::error`, warning -> `::warning`, info -> `::notice`. Values are
escaped as GitHub's runner does: in the message `%`, CR and LF; in properties also
`:` and `,`. The hint follows the message on a second line (an escaped newline)."""

from __future__ import annotations
from prep.i18n import _

from collections import Counter

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d, title: str | None = None) -> str:
    s = d.span
    props = [
        ("file", s.file),
        ("line", str(s.line)),
        ("col", str(s.column)),
        ("endLine", str(s.end_line)),
        ("endColumn", str(s.end_column)),
        ("title", title or d.code),
    ]
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = d.message + ("\n" + _("hint:") + f" {d.hint}" if d.hint else "")
    return f"::{COMMAND[d.severity.value]} {joined}::{escape_data(message)}"


def render(result, statistics: bool = False, **_options) -> str:
    from prep.checks import rules_by_code

    rules = rules_by_code()
    lines = []
    for d in result.diagnostics:
        rule = rules.get(d.code)
        lines.append(command(d, f"{d.code} {rule.name}" if rule else d.code))
    if statistics:
        counts = Counter(d.code for d in result.diagnostics)
        lines += [f"{n:5d}  {code}" for code, n in sorted(counts.items())]
    return "".join(line + "\n" for line in lines)

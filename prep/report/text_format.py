"""`--format text`: findings grouped by file, the source line with a caret, the hint,
and a summary line. Rich markup; colour only on a terminal and never with NO_COLOR."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from rich.markup import escape

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _source_lines(result) -> dict[str, list[str]]:
    lines = {}
    for f in result.files:
        text = f.parsed.text
        lines[f.path] = text.splitlines() if text is not None else []
    return lines


def diagnostic_block(d, lines: list[str]) -> list[str]:
    s = d.span
    sev = d.severity.value
    out = [f"[bold]{escape(s.file)}:{s.line}:{s.column}:[/bold] "
           f"[{STYLE[sev]}]{d.code} {sev}[/{STYLE[sev]}]: {escape(d.message)}"]
    if 1 <= s.line <= len(lines):
        source = lines[s.line - 1].replace("\t", " ")
        if len(source) > 200:
            source = source[:200] + "…"
        start = max(s.column - 1, 0)
        end = s.end_column - 1 if s.end_line == s.line else len(source)
        end = max(min(end, len(source)), start + 1)
        gutter = str(s.line)
        pad = " " * len(gutter)
        out.append(f"[dim]{pad} |[/dim]")
        out.append(f"[dim]{gutter} |[/dim] {escape(source)}")
        carets = "^" * max(cell_len(source[start:end]), 1)
        out.append(f"[dim]{pad} |[/dim] {' ' * cell_len(source[:start])}[{STYLE[sev]}]{carets}[/{STYLE[sev]}]")
    if d.hint:
        out.append(f"  [green]hint:[/green] {escape(d.hint)}")
    for r in d.related:
        out.append(f"  [dim]note: {escape(r.span.file)}:{r.span.line}:{r.span.column}: "
                   f"{escape(r.message)}[/dim]")
    return out


def summary_line(result) -> str:
    c = result.counts()
    files = _plural(len(result.files), "file")
    if not result.diagnostics:
        return f"[green]All checks passed[/green] ({files} checked)."
    parts = [_plural(c["error"], "error"), _plural(c["warning"], "warning"),
             _plural(c["info"], "info")]
    return f"Found {', '.join(parts)} in {files}."


def render(result, show_suppressed: bool = False, statistics: bool = False,
           quiet: bool = False, **_) -> str:
    """Rich markup text (the CLI prints it through a rich Console). With `statistics`,
    counts per code instead of the findings (as ruff); `quiet` drops the summary."""
    lines = _source_lines(result)
    out: list[str] = []
    for f in ([] if statistics else result.files):
        for d in f.diagnostics:
            out.extend(diagnostic_block(d, lines.get(f.path, [])))
            out.append("")
    if show_suppressed and result.suppressed:
        out.append("[bold]Suppressed:[/bold]")
        for d in result.suppressed:
            s = d.span
            out.append(f"  {escape(s.file)}:{s.line}:{s.column}: {d.code} {escape(d.message)}")
        out.append("")
    if statistics and result.diagnostics:
        out.extend(statistics_lines(result))
        out.append("")
    if quiet:
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n" if out else ""
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def statistics_lines(result) -> list[str]:
    """`count  code  severity  rule-name`, with `[*]` when some of them can be fixed."""
    from prep.checks import rules_by_code

    rules = rules_by_code()
    counts = Counter((d.code, d.severity.value) for d in result.diagnostics)
    fixable = {d.code for d in result.diagnostics if d.fix is not None}
    out = []
    for (code, sev), n in sorted(counts.items()):
        name = rules[code].name if code in rules else ""
        mark = "[*] " if code in fixable else ""
        out.append(f"{n:5d}  {code}  {sev}  {escape(mark + name)}".rstrip())
    return out

"""`--format text`: findings grouped by file, the source line with a caret, the hint,
and a summary line. Rich markup; colour only on a terminal and never with NO_COLOR."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from rich.markup import escape as _markup

from prep.diagnostics import printable
from prep.parser.lines import split as split_lines

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def escape(text: str) -> str:
    """Rich markup escaped, control characters shown as escapes (never sent raw)."""
    return _markup(printable(text))


def _source_lines(result) -> dict[str, list[str]]:
    lines = {}
    for f in result.files:
        text = f.parsed.text
        lines[f.path] = split_lines(text) if text is not None else []
    return lines


def diagnostic_block(d, lines: list[str]) -> list[str]:
    s = d.span
    sev = d.severity.value
    out = [f"[bold]{escape(s.file)}:{s.line}:{s.column}:[/bold] "
           f"[{STYLE[sev]}]{d.code} {sev}[/{STYLE[sev]}]: {escape(d.message)}"]
    if 1 <= s.line <= len(lines):
        raw = lines[s.line - 1].replace("\t", " ")
        start = max(s.column - 1, 0)
        end = s.end_column - 1 if s.end_line == s.line else len(raw)
        end = max(min(end, len(raw)), start + 1)
        # Shown with control characters escaped; the carets measured on what is shown.
        before, marked = printable(raw[:start]), printable(raw[start:end])
        source = printable(raw)
        if len(source) > 200:
            source = source[:200] + "…"
        gutter = str(s.line)
        pad = " " * len(gutter)
        out.append(f"[dim]{pad} |[/dim]")
        out.append(f"[dim]{gutter} |[/dim] {_markup(source)}")
        carets = "^" * max(cell_len(marked), 1)
        out.append(f"[dim]{pad} |[/dim] {' ' * cell_len(before)}[{STYLE[sev]}]{carets}[/{STYLE[sev]}]")
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


def render(result, show_suppressed: bool = False, statistics: bool = False, **_) -> str:
    """Rich markup text (the CLI prints it through a rich Console)."""
    lines = _source_lines(result)
    out: list[str] = []
    for f in result.files:
        for d in f.diagnostics:
            out.extend(diagnostic_block(d, lines.get(f.path, [])))
            out.append("")
    if show_suppressed and result.suppressed:
        out.append("[bold]Suppressed:[/bold]")
        for d in result.suppressed:
            s = d.span
            out.append(f"  {escape(s.file)}:{s.line}:{s.column}: {d.code} {escape(d.message)}")
        out.append("")
    if statistics:
        out.extend(statistics_lines(result))
        out.append("")
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def statistics_lines(result) -> list[str]:
    counts = Counter((d.code, d.severity.value) for d in result.diagnostics)
    return [f"{n:5d}  {code}  {sev}" for (code, sev), n in sorted(counts.items())]

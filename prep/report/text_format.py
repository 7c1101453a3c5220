"""`--format text`: findings grouped by file, the source line with a caret, the hint,
and a summary line. Rich markup for a terminal (colour, never with NO_COLOR), or
the same text plain (`markup=False`), which is what rich would print to a file or
pipe, made without rich. Control characters are shown as escapes either way."""

from __future__ import annotations

from collections import Counter

from prep.diagnostics import printable
from prep.parser.lines import split as split_lines
from prep.i18n import _, _n

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def escape(text: str) -> str:
    """Rich markup escaped, control characters shown as escapes (never sent raw)."""
    from rich.markup import escape as markup_escape

    return markup_escape(printable(text))


class _Plain:
    """Text as it is (control characters still escaped)."""

    escape = staticmethod(printable)

    @staticmethod
    def markup(text: str) -> str:
        return text

    @staticmethod
    def tag(style: str, text: str) -> str:
        return text


class _Markup:
    escape = staticmethod(escape)

    @staticmethod
    def markup(text: str) -> str:
        from rich.markup import escape as markup_escape

        return markup_escape(text)

    @staticmethod
    def tag(style: str, text: str) -> str:
        return f"[{style}]{text}[/{style}]"


def _source_lines(result) -> dict[str, list[str]]:
    """The lines of each file with findings (read again when not kept)."""
    lines = {}
    for f in result.files:
        if f.diagnostics:
            text = f.text()
            lines[f.path] = split_lines(text) if text is not None else []
    return lines


def diagnostic_block(d, lines: list[str], markup: bool = True) -> list[str]:
    from rich.cells import cell_len

    m = _Markup if markup else _Plain
    s = d.span
    sev = d.severity.value
    out = [
        m.tag("bold", f"{m.escape(s.file)}:{s.line}:{s.column}:")
        + " "
        + m.tag(STYLE[sev], f"{d.code} {sev}")
        + f": {m.escape(d.message)}"
    ]
    if 1 <= s.line <= len(lines):
        raw = lines[s.line - 1].replace("\t", " ")
        start = max(s.column - 1, 0)
        end = s.end_column - 1 if s.end_line == s.line else len(raw)
        end = max(min(end, len(raw)), start + 1)
        # Shown with control characters escaped; the carets measured on what is shown.
        source, before, marked = _window(printable(raw), len(printable(raw[:start])), len(printable(raw[start:end])))
        gutter = str(s.line)
        pad = " " * len(gutter)
        out.append(m.tag("dim", f"{pad} |"))
        out.append(m.tag("dim", f"{gutter} |") + f" {m.markup(source)}")
        carets = "^" * max(cell_len(marked), 1)
        out.append(m.tag("dim", f"{pad} |") + f" {' ' * cell_len(before)}" + m.tag(STYLE[sev], carets))
    if d.hint:
        out.append("  " + m.tag("green", _("hint:")) + f" {m.escape(d.hint)}")
    for r in d.related:
        out.append(
            "  "
            + m.tag(
                "dim", _("note:") + f" {m.escape(r.span.file)}:{r.span.line}:{r.span.column}: {m.escape(r.message)}"
            )
        )
    return out


WINDOW = 120  # terminal cells of a long line shown around a finding
BEFORE = 40  # of them, before the finding's start


def _window(source: str, start: int, length: int) -> tuple[str, str, str]:
    """(the line as shown, the part before the finding, the finding's part): a long
    line is cut to about WINDOW cells around the finding, `…` marking what is left out,
    so that the finding is always in view and the caret line stays short."""
    from rich.cells import cell_len

    if cell_len(source) <= WINDOW:
        return source, source[:start], source[start : start + length]
    first, used = start, 0
    while first > 0 and used + cell_len(source[first - 1]) <= BEFORE:
        first -= 1
        used += cell_len(source[first])
    last = start
    while last < len(source) and used + cell_len(source[last]) <= WINDOW:
        used += cell_len(source[last])
        last += 1
    while first > 0 and used + cell_len(source[first - 1]) <= WINDOW:  # near the end
        first -= 1
        used += cell_len(source[first])
    left = "…" if first > 0 else ""
    right = "…" if last < len(source) else ""
    before = left + source[first:start]
    marked = source[start : max(min(start + length, last), start + 1)]
    return left + source[first:last] + right, before, marked


def summary_line(result, markup: bool = True) -> str:
    m = _Markup if markup else _Plain
    c = result.counts()
    files = _n("{count} file", "{count} files", len(result.files))
    if not result.diagnostics:
        return m.tag("green", _("All checks passed")) + _(" ({files} checked).", files=files)
    parts = [
        _n("{count} error", "{count} errors", c["error"]),
        _n("{count} warning", "{count} warnings", c["warning"]),
        _n("{count} info", "{count} infos", c["info"]),
    ]
    return _("Found {parts} in {files}.", parts=_(", ").join(parts), files=files)


def render(
    result,
    show_suppressed: bool = False,
    statistics: bool = False,
    markup: bool = True,
    quiet: bool = False,
    **_options,
) -> str:
    """Rich markup text (the CLI prints it through a rich Console on a terminal), or
    plain text with `markup=False`. With `statistics`, counts per code instead of
    the findings (as ruff); `quiet` drops the summary."""
    m = _Markup if markup else _Plain
    lines = _source_lines(result)
    out: list[str] = []
    for f in [] if statistics else result.files:
        for d in f.diagnostics:
            out.extend(diagnostic_block(d, lines.get(f.path, []), markup))
            out.append("")
    if show_suppressed and result.suppressed:
        out.append(m.tag("bold", _("Suppressed:")))
        for d in result.suppressed:
            s = d.span
            out.append(f"  {m.escape(s.file)}:{s.line}:{s.column}: {d.code} {m.escape(d.message)}")
        out.append("")
    if statistics and result.diagnostics:
        out.extend(statistics_lines(result))
        out.append("")
    if quiet:
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n" if out else ""
    out.append(summary_line(result, markup))
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

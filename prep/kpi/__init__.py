"""KPI trees (docs/kpi.md): derivation (tree.py), AsIs/ToBe comparison
(compare.py), text (text.py), PowerPoint (pptx.py); JSON and CSV here. Pictures:
prep/render/kpitree.py."""

from __future__ import annotations

import json

from prep.formats import suffixes, text_formats

FORMATS = ("text", "json", "csv", "svg", "png", "pdf", "dot", "mermaid", "pptx")
SUFFIXES = suffixes(FORMATS)
TEXT_FORMATS = text_formats(FORMATS)
INDENT_CAP = 24
CSV_COLUMNS = ("process", "stage", "kpi", "parent", "measures", "marks", "status")


def to_json(trees) -> str:
    """`{"version": 2, "trees": [...]}`, as `json.dumps(indent=2)` writes it, but
    without recursion (a tree may be 10,000 levels deep) and with the indentation
    no deeper than INDENT_CAP levels (JSON ignores it; the file stays linear)."""
    return dumps({"version": 2, "trees": [t.to_json() for t in trees]}) + "\n"


def dumps(value, cap: int = INDENT_CAP) -> str:
    out: list[str] = []

    def indent(depth: int) -> str:
        return "\n" + "  " * min(depth, cap)

    stack: list[tuple[bool, object, int]] = [(False, value, 0)]
    while stack:
        is_text, item, depth = stack.pop()
        if is_text:
            out.append(item)
        elif isinstance(item, dict) and item:
            out.append("{")
            tasks = []
            for n, (key, inner) in enumerate(item.items()):
                tasks.append(
                    (True, ("," if n else "") + indent(depth + 1) + json.dumps(key, ensure_ascii=False) + ": ", 0)
                )
                tasks.append((False, inner, depth + 1))
            tasks.append((True, indent(depth) + "}", 0))
            stack.extend(reversed(tasks))
        elif isinstance(item, list) and item:
            out.append("[")
            tasks = []
            for n, inner in enumerate(item):
                tasks.append((True, ("," if n else "") + indent(depth + 1), 0))
                tasks.append((False, inner, depth + 1))
            tasks.append((True, indent(depth) + "]", 0))
            stack.extend(reversed(tasks))
        else:
            out.append(json.dumps(item, ensure_ascii=False))
    return "".join(out)


def csv_rows(trees) -> list[list[str]]:
    """One row per KPI. Without --tobe the status is empty; with it, each ToBe KPI is
    `new` or `kept` and each AsIs KPI that disappeared is a `removed` row."""
    from prep.kpi.tree import Node

    rows = []
    for tree in trees:
        compared = tree.compared
        if compared and tree.stage == "asis" and tree.pair is not None:
            wanted = "removed"  # kept AsIs KPIs are the ToBe rows
        else:
            wanted = None
        for _, parent, item in tree.walk():
            if not isinstance(item, Node) or item.kind != "kpi":
                continue
            status = ""
            if compared:
                status = "new" if "new" in item.marks else "removed" if "removed" in item.marks else "kept"
                if wanted and status != wanted:
                    continue
            measures = next(
                (m[4:] for m in item.marks if m.startswith("for:")),
                parent.key if parent is not None and parent.kind != "kpi" and parent.key is not None else "",
            )
            marks = " ".join(m for m in item.marks if m not in ("new", "removed") and not m.startswith("for:"))
            rows.append(
                [
                    tree.process,
                    tree.stage,
                    item.label,
                    parent.label if parent is not None else "",
                    measures,
                    marks,
                    status,
                ]
            )
    return rows


# A cell starting with one of these is a formula to a spreadsheet program (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: a cell starting with = + - @
    (or their full-width forms), a tab or a CR gets a leading `'`, as OWASP recommends
    for CSV injection."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(trees) -> str:
    """CSV (RFC 4180, CRLF) with a byte order mark, so spreadsheet programs read
    UTF-8 (Japanese) correctly; no cell is a formula (spreadsheet_cell)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in csv_rows(trees))
    return "\ufeff" + buffer.getvalue()


__all__ = ["FORMATS", "SUFFIXES", "TEXT_FORMATS", "csv_rows", "spreadsheet_cell", "to_csv", "to_json"]

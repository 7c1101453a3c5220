"""`--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps…).

One run; `tool.driver.rules` lists every rule of the catalogue in code order, so a
result's `ruleIndex` is stable. Columns are 1-based characters (Unicode code
points), said once with `columnKind`; the end column is exclusive, as in SARIF.
File names are relative URIs with forward slashes, percent-encoded. With
`--show-suppressed`, silenced findings are included with an `inSource`
suppression (as SARIF expects) instead of being dropped. A finding's fix
becomes `fixes`, with its applicability (safe or unsafe) as a property."""

from __future__ import annotations

import os
import posixpath
import re
from prep.i18n import _
from urllib.parse import quote

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/prep-models/prep"
RULES_DOC = "https://github.com/prep-models/prep/blob/main/docs/rules.md"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def anchor(rule) -> str:
    """The GitHub heading anchor of a rule in docs/rules.md (`## PREP203 input-cycle`)."""
    return f"{rule.code}-{rule.name}".lower()


def help_uri(rule) -> str:
    return f"{RULES_DOC}#{anchor(rule)}"


def _rule(rule) -> dict:
    from prep.checks.docs import rule_markdown

    sections = rule.sections
    full = sections.get("What it does") or rule.summary
    markdown = rule_markdown(rule, level=2)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": markdown, "markdown": markdown},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVEL[rule.severity.value], "enabled": not rule.opt_in},
        "properties": {"tags": [rule.scope] + (["opt-in"] if rule.opt_in else [])},
    }


# An escape made by prep.diagnostics.printable in a reported file name: the byte or
# character it stands for is percent-encoded in the URI.
_ESCAPED = re.compile(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[tnr])")
_NAMED = {"t": "%09", "n": "%0A", "r": "%0D"}


def uri(file: str) -> str:
    """A relative URI reference for a reported file name (forward slashes; the bytes
    of a name that is not UTF-8, shown as `\\xff`, percent-encoded as `%FF`)."""
    pieces = _ESCAPED.split(file)
    path = "".join(pieces[0::2]).replace("\\", "/")
    if path.startswith("/"):
        cwd = os.getcwd().replace("\\", "/").rstrip("/") + "/"
        if not "".join(pieces[0::2]).startswith(cwd):
            return "file://" + _quote(pieces)
        pieces[0] = pieces[0][len(cwd) :]
    if len(pieces) == 1:
        path = pieces[0].replace("\\", "/")
        return quote(posixpath.normpath(path) if path not in ("", ".") else path, safe="/")
    return _quote(pieces)


def _quote(pieces: list[str]) -> str:
    out = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            out.append(quote(piece.replace("\\", "/"), safe="/"))
        elif piece[0] == "x":
            out.append("%" + piece[1:].upper())
        elif piece[0] == "u":
            out.append(quote(chr(int(piece[1:], 16)), safe=""))
        else:
            out.append(_NAMED[piece])
    return "".join(out)


def _region(span) -> dict:
    start_col = max(span.column, 1)
    end_line = max(span.end_line, span.line)
    end_col = max(span.end_column, 1)
    if end_line == span.line:
        end_col = max(end_col, start_col)
    return {"startLine": max(span.line, 1), "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


def _location(span, message: str | None = None, id_: int | None = None) -> dict:
    loc: dict = {}
    if id_ is not None:
        loc["id"] = id_
    loc["physicalLocation"] = {"artifactLocation": {"uri": uri(span.file)}, "region": _region(span)}
    if message is not None:
        loc["message"] = {"text": message}
    return loc


def _result(d, index: dict[str, int], suppressed: bool = False) -> dict:
    text = d.message + ("\n" + _("hint:") + f" {d.hint}" if d.hint else "")
    out: dict = {"ruleId": d.code}
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    out["level"] = LEVEL[d.severity.value]
    out["message"] = {"text": text}
    out["locations"] = [_location(d.span)]
    if d.related:
        out["relatedLocations"] = [_location(r.span, r.message, n + 1) for n, r in enumerate(d.related)]
    if d.fix is not None:
        out["fixes"] = [_fix(d.fix)]
    if suppressed:
        out["suppressions"] = [{"kind": "inSource"}]
    return out


def _fix(fix) -> dict:
    """A SARIF `fix`: one artifactChange per file with its replacements (an empty
    region deletes nothing, so it inserts)."""
    by_file: dict[str, list] = {}
    for e in fix.edits:
        by_file.setdefault(e.span.file, []).append(
            {"deletedRegion": _region(e.span), "insertedContent": {"text": e.text}}
        )
    kind = "safe" if fix.safe else "unsafe"
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": uri(f)}, "replacements": r} for f, r in by_file.items()],
        "properties": {"applicability": kind},
    }


def document(result, show_suppressed: bool = False) -> dict:
    from prep import __version__
    from prep.checks import all_rules

    rules = list(all_rules())
    index = {r.code: n for n, r in enumerate(rules)}
    results = [_result(d, index) for d in result.diagnostics]
    if show_suppressed:
        results += [_result(d, index, suppressed=True) for d in result.suppressed]
    files = sorted({uri(f.path) for f in result.files})
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prep",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": f}} for f in files],
                "results": results,
            }
        ],
    }


def render(result, show_suppressed: bool = False, **_options) -> str:
    from prep.diagnostics import json_text

    return json_text(document(result, show_suppressed))

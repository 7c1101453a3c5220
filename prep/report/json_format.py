"""`--format json`: the object described in docs/cli.md."""

from __future__ import annotations

from prep.diagnostics import json_text


def document(result, show_suppressed: bool = False, statistics: bool = False) -> dict:
    counts = result.counts()
    data = {
        "version": 1,
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "summary": {
            "files": len(result.files),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
        },
    }
    if show_suppressed:
        data["suppressed"] = [d.to_json() for d in result.suppressed]
    if statistics:
        data["statistics"] = statistics_object(result)
    return data


def statistics_object(result) -> dict:
    """{"PREP203": {"severity": "error", "count": 2}, …} in code order (the severity
    is the reported one, after configuration; a code reported at two severities
    counts under the worse)."""
    out: dict = {}
    for d in sorted(result.diagnostics, key=lambda d: (d.code, -d.severity.rank)):
        entry = out.setdefault(d.code, {"severity": d.severity.value, "count": 0})
        entry["count"] += 1
    return out


def render(result, show_suppressed: bool = False, statistics: bool = False, **_) -> str:
    return json_text(document(result, show_suppressed, statistics))

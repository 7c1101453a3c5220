"""`--format json`: the object of LANGUAGE.md §4."""

from __future__ import annotations

import json


def document(result, show_suppressed: bool = False) -> dict:
    counts = result.counts()
    data = {
        "version": 1,
        "diagnostics": [d.to_json() for d in result.diagnostics],
        "summary": {"files": len(result.files), "errors": counts["error"],
                    "warnings": counts["warning"], "infos": counts["info"]},
    }
    if show_suppressed:
        data["suppressed"] = [d.to_json() for d in result.suppressed]
    return data


def render(result, show_suppressed: bool = False, **_) -> str:
    return json.dumps(document(result, show_suppressed), ensure_ascii=False, indent=2) + "\n"

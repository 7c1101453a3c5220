"""`--format json` and `--format text`: snapshots, --show-suppressed, --statistics."""

from __future__ import annotations

import json

from test_cli_check import ERROR, INFO, run, write

SUPPRESSED = ERROR.replace("未定義 -> 出荷指示", "未定義 -> 出荷指示  # prep: ignore[PREP101]")
TWO = ERROR.replace("  未定義 -> 出荷指示\n", "  未定義 -> 出荷指示\n  不明 -> 出荷指示\n")


def test_json_snapshot(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    data = json.loads(run(["check", "a.prep", "-f", "json"], tmp_path).stdout)
    hint = data["diagnostics"][0].pop("hint")
    assert hint
    fix = data["diagnostics"][0].pop("fix")
    assert fix == {
        "message": "declare `external 未定義`",
        "applicability": "unsafe",
        "edits": [{"line": 5, "column": 1, "end_line": 5, "end_column": 1, "text": "  external 未定義\n"}],
    }
    assert data == {
        "version": 1,
        "diagnostics": [
            {
                "code": "PREP101",
                "severity": "error",
                "message": "`未定義` is not defined in process `受注`",
                "file": "a.prep",
                "line": 10,
                "column": 3,
                "end_line": 10,
                "end_column": 6,
            }
        ],
        "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0},
    }


def test_json_is_utf8_not_escaped(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    out = run(["check", "a.prep", "-f", "json"], tmp_path).stdout
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    assert out.splitlines()[6] == '      "message": "`未定義` is not defined in process `受注`",'


def test_show_suppressed_in_json(tmp_path):
    write(tmp_path, "a.prep", SUPPRESSED)
    plain = json.loads(run(["check", "a.prep", "-f", "json"], tmp_path).stdout)
    assert plain["diagnostics"] == [] and "suppressed" not in plain
    result = run(["check", "a.prep", "-f", "json", "--show-suppressed"], tmp_path)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["diagnostics"] == []
    assert [(d["code"], d["line"]) for d in data["suppressed"]] == [("PREP101", 10)]
    assert data["summary"]["errors"] == 0


def test_show_suppressed_in_text(tmp_path):
    write(tmp_path, "a.prep", SUPPRESSED)
    assert "Suppressed" not in run(["check", "a.prep"], tmp_path).stdout
    out = run(["check", "a.prep", "--show-suppressed"], tmp_path).stdout
    assert "Suppressed:\n  a.prep:10:3: PREP101 `未定義` is not defined" in out
    assert out.rstrip().endswith("All checks passed (1 file checked).")


def test_statistics_only_when_asked(tmp_path):
    write(tmp_path, "a.prep", TWO)
    write(tmp_path, "b.prep", INFO)
    plain = json.loads(run(["check", ".", "-f", "json"], tmp_path).stdout)
    assert "statistics" not in plain
    data = json.loads(run(["check", ".", "-f", "json", "--statistics"], tmp_path).stdout)
    assert data["statistics"] == {
        "PREP101": {"severity": "error", "count": 2},
        "PREP901": {"severity": "info", "count": 1},
    }
    assert list(data) == ["version", "diagnostics", "summary", "statistics"]


def test_statistics_in_text_are_counts_only(tmp_path):
    write(tmp_path, "a.prep", TWO)
    out = run(["check", "a.prep", "--statistics"], tmp_path).stdout
    assert out.splitlines() == [
        "    2  PREP101  error  [*] undefined-reference",
        "",
        "Found 2 errors, 0 warnings, 0 infos in 1 file.",
    ]


def test_text_snapshot(tmp_path):
    write(tmp_path, "a.prep", ERROR)
    out = run(["check", "a.prep"], tmp_path, env={"NO_COLOR": "1"}).stdout
    lines = out.splitlines()
    assert lines[:4] == [
        "a.prep:10:3: PREP101 error: `未定義` is not defined in process `受注`",
        "   |",
        "10 |   未定義 -> 出荷指示",
        "   |   ^^^^^^",
    ]
    assert lines[4].startswith("  hint: ")
    assert lines[-1] == "Found 1 error, 0 warnings, 0 infos in 1 file."

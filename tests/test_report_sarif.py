"""`--format sarif`: valid against the official SARIF 2.1.0 schema, and right."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from prep.checks import all_rules
from prep.report.sarif_format import anchor, help_uri, uri
from test_cli_check import CLEAN, ERROR, HOSTILE, INFO, WARNING, run, write

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

CYCLE = CLEAN.replace("倉庫\n}", "倉庫\n  出荷指示 -> 見積依頼  # 出荷指示 は 見積依頼 から\n}")


def validate(data) -> None:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    validator = cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def sarif(tmp_path, *args):
    result = run(["check", *args, "-f", "sarif"], tmp_path)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def sarif_fix(description: str, path: str, where: dict, text: str, applicability: str) -> dict:
    """A fix as SARIF writes it: one replacement, of the region `where` in `path` by `text`."""
    replacement = {"deletedRegion": where, "insertedContent": {"text": text}}
    return {
        "description": {"text": description},
        "artifactChanges": [{"artifactLocation": {"uri": path}, "replacements": [replacement]}],
        "properties": {"applicability": applicability},
    }


def test_the_schema_is_the_official_one():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_a_clean_run_is_valid(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    data = sarif(tmp_path, "a.prep")
    validate(data)
    assert data["version"] == "2.1.0"
    assert data["runs"][0]["results"] == []


@pytest.mark.parametrize("text", [WARNING, ERROR, INFO, CYCLE])
def test_findings_are_valid(tmp_path, text):
    write(tmp_path, "sub/モデル a.prep", text)
    validate(sarif(tmp_path, "."))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_give_valid_sarif(tmp_path, name):
    write(tmp_path, "bad.prep", HOSTILE[name])
    validate(sarif(tmp_path, "bad.prep"))


def test_show_suppressed_adds_in_source_suppressions(tmp_path):
    text = ERROR.replace("未定義 -> 出荷指示", "未定義 -> 出荷指示  # prep: ignore[PREP101]")
    write(tmp_path, "a.prep", text)
    assert sarif(tmp_path, "a.prep")["runs"][0]["results"] == []
    data = sarif(tmp_path, "a.prep", "--show-suppressed")
    validate(data)
    [result] = data["runs"][0]["results"]
    assert result["ruleId"] == "PREP101"
    assert result["suppressions"] == [{"kind": "inSource"}]


def test_driver_lists_every_rule_in_code_order(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    driver = sarif(tmp_path, "a.prep")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "prep"
    assert driver["informationUri"].startswith("https://")
    from prep import __version__

    assert driver["version"] == __version__
    rules = list(all_rules())
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    for entry, rule in zip(driver["rules"], rules):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"]
        assert entry["help"]["markdown"].startswith(f"## {rule.code} {rule.name}")
        assert entry["helpUri"] == help_uri(rule)
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert entry["defaultConfiguration"]["level"] == level
        assert entry["defaultConfiguration"]["enabled"] is (not rule.opt_in)


def test_help_uri_points_at_the_rules_doc_anchor():
    rule = next(r for r in all_rules() if r.code == "PREP203")
    assert anchor(rule) == "prep203-input-cycle"
    assert help_uri(rule) == ("https://github.com/prep-models/prep/blob/main/docs/rules.md#prep203-input-cycle")
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text("utf-8")
    for r in all_rules():
        assert f"## {r.code} {r.name}\n" in doc  # GitHub makes the anchor from it


def test_results_snapshot(tmp_path):
    write(tmp_path, "m/a.prep", ERROR)
    run_ = sarif(tmp_path, "m")["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["artifacts"] == [{"location": {"uri": "m/a.prep"}}]
    index = [r["id"] for r in run_["tool"]["driver"]["rules"]].index("PREP101")
    [result] = run_["results"]
    hint = result["message"]["text"].split("\n", 1)[1]
    assert result == {
        "ruleId": "PREP101",
        "ruleIndex": index,
        "level": "error",
        "message": {"text": "`未定義` is not defined in process `受注`\n" + hint},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "m/a.prep"}, "region": region(10, 3, 10, 6)}}],
        "fixes": [
            sarif_fix("declare `external 未定義`", "m/a.prep", region(5, 1, 5, 1), "  external 未定義\n", "unsafe")
        ],
    }
    assert hint.startswith("hint: ")


def test_related_locations_and_note_level(tmp_path):
    write(
        tmp_path,
        "a.prep",
        CLEAN.replace("final   出荷指示(品目, 数量)", "final   出荷指示(品目, 数量)\n    product 見積依頼"),
    )
    data = sarif(tmp_path, "a.prep")
    validate(data)
    [result] = [r for r in data["runs"][0]["results"] if r["ruleId"] == "PREP102"]
    related = result["relatedLocations"]
    assert related[0]["id"] == 1 and related[0]["message"]["text"]
    assert related[0]["physicalLocation"]["region"]["startLine"] == 6
    write(tmp_path, "b.prep", INFO)
    [note] = sarif(tmp_path, "b.prep")["runs"][0]["results"]
    assert (note["ruleId"], note["level"]) == ("PREP901", "note")


def test_uris_are_relative_with_forward_slashes_and_encoded(tmp_path, monkeypatch):
    assert uri("models/受注.prep") == "models/%E5%8F%97%E6%B3%A8.prep"
    assert uri("models\\a b.prep") == "models/a%20b.prep"
    assert uri("./x/../a.prep") == "a.prep"
    monkeypatch.chdir(tmp_path)
    assert uri(f"{tmp_path.as_posix()}/m/a.prep") == "m/a.prep"
    assert uri("/elsewhere/a.prep") == "file:///elsewhere/a.prep"


def test_sarif_is_deterministic(tmp_path):
    for n in range(3):
        write(tmp_path, f"{n}.prep", [ERROR, WARNING, INFO][n])
    first = run(["check", ".", "-f", "sarif"], tmp_path).stdout
    assert first == run(["check", ".", "-f", "sarif"], tmp_path).stdout

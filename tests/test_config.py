"""Configuration: `[tool.prep]` in pyproject.toml and prep.toml, layered under the
command line."""

from __future__ import annotations

import json

import pytest

from prep.config import Config, ConfigError, Layers, config_for, load_file
from prep.diagnostics import Severity
from test_cli_check import CLEAN, ERROR, INFO, WARNING, run, write

BOTH = ERROR.replace("actor 営業部 {", "actor 営業部 [color=red] {")  # PREP106@5, PREP101@10


def found(tmp_path, *args) -> list[tuple[str, str, int]]:
    result = run(["check", *args, "-f", "json"], tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    return [(d["file"], d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]


def severities(tmp_path, *args) -> list[tuple[str, str]]:
    result = run(["check", *args, "-f", "json"], tmp_path)
    return [(d["code"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]]


# -- where the configuration is found ------------------------------------------------


def test_pyproject_tool_prep_applies_below_it(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.prep]\nignore = ["PREP106"]\n')
    write(tmp_path, "models/deep/a.prep", BOTH)
    assert found(tmp_path, "models") == [("models/deep/a.prep", "PREP101", 10)]


def test_prep_toml_uses_top_level_keys(tmp_path):
    write(tmp_path, "prep.toml", 'select = ["PREP106"]\n')
    write(tmp_path, "a.prep", BOTH)
    assert found(tmp_path, "a.prep") == [("a.prep", "PREP106", 5)]


def test_prep_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.prep]\nselect = ["PREP101"]\n')
    write(tmp_path, "prep.toml", 'select = ["PREP106"]\n')
    write(tmp_path, "a.prep", BOTH)
    assert found(tmp_path, "a.prep") == [("a.prep", "PREP106", 5)]


def test_pyproject_without_tool_prep_is_passed_over(tmp_path):
    write(tmp_path, "prep.toml", 'ignore = ["PREP101"]\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n')
    write(tmp_path, "sub/a.prep", BOTH)
    assert found(tmp_path, "sub") == [("sub/a.prep", "PREP106", 5)]
    assert config_for(tmp_path / "sub" / "a.prep").path == tmp_path / "prep.toml"


def test_the_nearest_configuration_wins_per_file(tmp_path):
    write(tmp_path, "prep.toml", 'ignore = ["PREP101"]\n')
    write(tmp_path, "team/prep.toml", 'ignore = ["PREP106"]\n')
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "team/b.prep", BOTH)
    write(tmp_path, "team/sub/c.prep", BOTH)
    assert found(tmp_path, ".") == [
        ("a.prep", "PREP106", 5),
        ("team/b.prep", "PREP101", 10),
        ("team/sub/c.prep", "PREP101", 10),
    ]


def test_configurations_do_not_merge_across_folders(tmp_path):
    # The nearest file is the whole configuration (as in ruff without `extend`).
    write(tmp_path, "prep.toml", 'ignore = ["PREP101"]\n')
    write(tmp_path, "team/prep.toml", 'fail-on = "error"\n')
    write(tmp_path, "team/b.prep", BOTH)
    assert found(tmp_path, "team") == [("team/b.prep", "PREP106", 5), ("team/b.prep", "PREP101", 10)]


def test_the_configuration_is_found_from_the_file_not_the_working_folder(tmp_path):
    write(tmp_path, "project/prep.toml", 'ignore = ["PREP106"]\n')
    write(tmp_path, "project/a.prep", BOTH)
    write(tmp_path, "elsewhere/keep", "")
    assert found(tmp_path / "elsewhere", "../project/a.prep") == [("../project/a.prep", "PREP101", 10)]


def test_no_config_ignores_the_files(tmp_path):
    write(tmp_path, "prep.toml", 'select = ["PREP106"]\n')
    write(tmp_path, "a.prep", BOTH)
    assert found(tmp_path, "a.prep", "--no-config") == [("a.prep", "PREP106", 5), ("a.prep", "PREP101", 10)]


# -- what the keys do ------------------------------------------------------------------


def test_select_with_a_prefix_and_all(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", 'select = ["PREP10"]\n')
    assert [c for _, c, _ in found(tmp_path, "a.prep")] == ["PREP106", "PREP101"]
    write(tmp_path, "prep.toml", 'select = "ALL"\nignore = ["PREP1"]\n')
    assert not [c for _, c, _ in found(tmp_path, "a.prep") if c.startswith("PREP1")]
    write(tmp_path, "prep.toml", 'select = "ALL"\nignore = ["PREP1", "PREP5", "PREP6"]\n')
    assert found(tmp_path, "a.prep") == []


def test_select_replaces_the_default_set_and_extend_select_adds(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", 'select = ["PREP101"]\nextend-select = ["PREP106"]\n')
    assert [c for _, c, _ in found(tmp_path, "a.prep")] == ["PREP106", "PREP101"]


def test_codes_may_be_comma_separated_and_lower_case(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", 'ignore = ["prep101, PREP106"]\n')
    assert found(tmp_path, "a.prep") == []


def test_fail_on(tmp_path):
    write(tmp_path, "a.prep", WARNING)
    assert run(["check", "a.prep"], tmp_path).exit_code == 1
    write(tmp_path, "prep.toml", 'fail-on = "error"\n')
    assert run(["check", "a.prep"], tmp_path).exit_code == 0
    write(tmp_path, "b.prep", INFO)
    write(tmp_path, "prep.toml", 'fail-on = "info"\n')
    assert run(["check", "b.prep"], tmp_path).exit_code == 1


def test_fail_on_applies_per_file(tmp_path):
    write(tmp_path, "strict/prep.toml", 'fail-on = "info"\n')
    write(tmp_path, "strict/a.prep", INFO)
    write(tmp_path, "lax/b.prep", INFO)
    assert run(["check", "lax"], tmp_path).exit_code == 0
    assert run(["check", "lax", "strict"], tmp_path).exit_code == 1


def test_per_code_severity(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", '[severity]\nPREP106 = "error"\nPREP1 = "info"\n')
    # The longest matching code or prefix wins.
    assert severities(tmp_path, "a.prep") == [("PREP106", "error"), ("PREP101", "info")]


def test_severity_decides_the_exit_status(tmp_path):
    write(tmp_path, "a.prep", WARNING)
    write(tmp_path, "pyproject.toml", '[tool.prep.severity]\nPREP106 = "info"\n')
    result = run(["check", "a.prep", "-f", "json"], tmp_path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"] == {"files": 1, "errors": 0, "warnings": 0, "infos": 1}


def test_exclude_applies_to_folder_traversal_only(tmp_path):
    write(tmp_path, "prep.toml", 'exclude = ["drafts", "*.old.prep", "gen/*"]\n')
    for name in [
        "a.prep",
        "drafts/b.prep",
        "x/drafts/c.prep",
        "d.old.prep",
        "gen/e.prep",
        "sub/f.old.prep",
        "sub/g.prep",
    ]:
        write(tmp_path, name, ERROR)
    # As in .gitignore: a pattern without a slash matches a name at any depth.
    files = [f for f, _, _ in found(tmp_path, ".")]
    assert files == ["a.prep", "sub/g.prep"]
    # A file named on the command line is checked anyway.
    assert [f for f, _, _ in found(tmp_path, "drafts/b.prep", "d.old.prep")] == ["d.old.prep", "drafts/b.prep"]


def test_exclude_patterns_are_relative_to_the_configuration(tmp_path):
    write(tmp_path, "proj/prep.toml", 'exclude = ["legacy/**"]\n')
    write(tmp_path, "proj/legacy/old/a.prep", ERROR)
    write(tmp_path, "proj/new/b.prep", ERROR)
    assert [f for f, _, _ in found(tmp_path, "proj")] == ["proj/new/b.prep"]
    assert [f for f, _, _ in found(tmp_path / "proj", ".")] == ["new/b.prep"]


# -- the command line on top -------------------------------------------------------


def test_cli_select_replaces_the_file_selection(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", 'select = ["PREP101"]\n')
    assert [c for _, c, _ in found(tmp_path, "a.prep", "--select", "PREP106")] == ["PREP106"]


def test_cli_ignore_and_extend_select_add_to_the_file(tmp_path):
    write(tmp_path, "a.prep", BOTH)
    write(tmp_path, "prep.toml", 'select = ["PREP101"]\n')
    assert [c for _, c, _ in found(tmp_path, "a.prep", "--extend-select", "PREP106")] == ["PREP106", "PREP101"]
    write(tmp_path, "prep.toml", 'ignore = ["PREP106"]\n')
    assert found(tmp_path, "a.prep", "--ignore", "PREP101") == []


def test_cli_fail_on_overrides_the_file(tmp_path):
    write(tmp_path, "a.prep", WARNING)
    write(tmp_path, "prep.toml", 'fail-on = "error"\n')
    assert run(["check", "a.prep", "--fail-on", "warning"], tmp_path).exit_code == 1


def test_layers_unit():
    file = Config(
        select=("PREP1",), ignore=("PREP106",), fail_on=Severity.ERROR, severity=(("PREP101", Severity.INFO),)
    )
    assert "PREP106" not in Layers(file).selected()
    assert "PREP201" not in Layers(file).selected()
    cli = Config(select=("PREP106",))
    assert Layers(file, cli).selected() == {"PREP106"}
    assert Layers(file, Config(extend_select=("PREP501",))).selected() >= {"PREP101", "PREP501"}
    assert Layers(file).fail_on() == Severity.ERROR
    assert Layers(Config()).fail_on() == Severity.WARNING
    assert Layers(file, Config(fail_on=Severity.INFO)).fail_on() == Severity.INFO
    defaults = Layers(Config()).selected()
    assert "PREP501" not in defaults and "PREP603" not in defaults and "PREP901" in defaults


# -- bad configurations -----------------------------------------------------------------

BAD = [
    ('select = ["PREP999"]\n', "`select`", "`PREP999` is not a rule code or prefix"),
    ("ignore = 3\n", "`ignore`", "expected a list of rule codes"),
    ("extend-select = [1, 2]\n", "`extend-select`", "expected a list of rule codes"),
    ('fail-on = "fatal"\n', "`fail-on`", "unknown severity 'fatal'"),
    ("fail-on = 2\n", "`fail-on`", 'expected "error", "warning" or "info"'),
    ("colour = true\n", "`colour`", "unknown key; known keys: select"),
    ('severity = "info"\n', "`severity`", "expected a table"),
    ('[severity]\nPREP106 = "loud"\n', "`severity.PREP106`", "unknown severity 'loud'"),
    ('[severity]\nPREP9999 = "info"\n', "`severity.PREP9999`", "is not a rule code"),
    ("exclude = [1]\n", "`exclude`", "expected a list of glob patterns"),
    ("select = [\n", None, "is not valid TOML"),
]


@pytest.mark.parametrize("text, key, problem", BAD)
def test_a_bad_configuration_exits_2_naming_file_key_and_problem(tmp_path, text, key, problem):
    write(tmp_path, "prep.toml", text)
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep"], tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"prep: error: bad configuration: {tmp_path / 'prep.toml'}")
    if key:
        assert f": {key}: " in line
    assert problem in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("pyproject.toml", "[tool]\nprep = 3\n", "`tool.prep`: expected a table"),  # tool.prep
        ("prep.toml", b"select = ['\xff']\n", "is not UTF-8 text"),
    ],
)
def test_a_configuration_that_cannot_be_read(tmp_path, name, content, problem):
    write(tmp_path, name, content)
    write(tmp_path, "a.prep", CLEAN)
    result = run(["check", "a.prep"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"prep: error: bad configuration: {tmp_path / name}: {problem}\n"


def test_a_bad_configuration_below_a_traversed_folder_is_reported(tmp_path):
    write(tmp_path, "a.prep", CLEAN)
    write(tmp_path, "sub/prep.toml", "fail-on = 'never'\n")
    write(tmp_path, "sub/b.prep", CLEAN)
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"prep: error: bad configuration: {tmp_path / 'sub' / 'prep.toml'}: "
        '`fail-on`: unknown severity \'never\'; use "error", "warning" '
        'or "info"\n'
    )


def test_load_file_unit(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_file(path) is None
    path = write(tmp_path, "prep.toml", 'select = "PREP2,PREP3"\n[severity]\nprep204 = "info"\n')
    config = load_file(path)
    assert config.select == ("PREP2", "PREP3")
    assert config.severity == (("PREP204", Severity.INFO),)
    with pytest.raises(ConfigError) as error:
        load_file(write(tmp_path, "prep.toml", "exclude = 3\n"))
    assert error.value.key == "exclude" and error.value.path == tmp_path / "prep.toml"

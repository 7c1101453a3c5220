"""`prep check -` (stdin), --exit-zero, -q, --statistics; `prep rule NAME`; completion."""

from __future__ import annotations


from conftest import run_prep as run
from test_fixes import TYPO

CLEAN = "process P {\n  goal G\n  external E\n  actor A {\n    final Out\n  }\n  E -> Out -> E\n}\n"


def test_check_reads_stdin_and_names_it(tmp_path):
    proc = run(["check", "-", "--stdin-filename", "models/x.prep"], tmp_path, stdin=TYPO)
    assert proc.returncode == 1
    assert "models/x.prep:7:3: PREP101 error: `売り上` is not defined" in proc.stdout
    proc = run(["check", "-"], tmp_path, stdin=CLEAN)
    assert (proc.returncode, proc.stdout) == (0, "All checks passed (1 file checked).\n")


def test_stdin_filename_finds_the_configuration(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "prep.toml").write_text('ignore = ["PREP101"]\n', encoding="utf-8")
    proc = run(["check", "-", "--stdin-filename", "models/x.prep"], tmp_path, stdin=TYPO)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "All checks passed (1 file checked).\n", "")


def test_stdin_cannot_be_mixed_with_paths(tmp_path):
    proc = run(["check", "-", "."], tmp_path, stdin=CLEAN)
    assert proc.returncode == 2 and "cannot be mixed" in proc.stderr


def test_exit_zero_and_quiet(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    proc = run(["check", "m.prep", "--exit-zero", "-q"], tmp_path)
    assert proc.returncode == 0
    assert "PREP101" in proc.stdout and "Found" not in proc.stdout
    (tmp_path / "m.prep").write_text(CLEAN, encoding="utf-8")
    assert run(["check", "m.prep", "-q"], tmp_path).stdout == ""


def test_statistics_are_counts_only(tmp_path):
    (tmp_path / "m.prep").write_text(TYPO, encoding="utf-8")
    proc = run(["check", "m.prep", "--statistics", "-q"], tmp_path)
    assert proc.stdout == "    2  PREP101  error  [*] undefined-reference\n"


def test_rule_by_name(tmp_path):
    by_name = run(["rule", "input-cycle"], tmp_path)
    assert by_name.returncode == 0
    assert by_name.stdout == run(["rule", "PREP203"], tmp_path).stdout
    assert by_name.stdout.startswith("# PREP203 input-cycle")


def test_completion_script_and_answers(tmp_path):
    script = run(["completion", "bash"], tmp_path)
    assert script.returncode == 0 and "_PREP_COMPLETE=complete_bash" in script.stdout
    for shell in ("zsh", "fish", "powershell"):
        assert run(["completion", shell], tmp_path).returncode == 0
    env = {"_PREP_COMPLETE": "complete_bash", "COMP_WORDS": "prep rule input-", "COMP_CWORD": "2"}
    assert run([], tmp_path, env=env).stdout.split() == ["input-cycle"]
    env.update(COMP_WORDS="prep fm", COMP_CWORD="1")
    assert run([], tmp_path, env=env).stdout.split() == ["fmt"]

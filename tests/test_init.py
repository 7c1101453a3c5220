"""`prep init`: starter files that check clean, never overwritten."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prep.checks.runner import check_text
from prep.cli import app
from prep.config import load_file
from prep.init_template import CONFIG, model_text, prep_name
from prep.parser import parse_text


ENGLISH_LOCALE = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


def run(args, cwd: Path, env=None):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, env=env or ENGLISH_LOCALE)
    finally:
        os.chdir(old)


def findings(path: Path, select=None):
    return check_text(path.read_text(encoding="utf-8"), path=str(path), select=select)


def test_init_creates_a_clean_model_and_a_valid_config(tmp_path):
    result = run(["init", "work/new"], tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "work" / "new"
    assert sorted(p.name for p in folder.iterdir()) == ["model.prep", "prep.toml"]
    assert findings(folder / "model.prep") == []
    # clean even with every rule, opt-in ones included
    assert findings(folder / "model.prep", select=("ALL",)) == []
    config = load_file(folder / "prep.toml")
    assert config.extend_select == ("PREP603",)
    assert config.fail_on.value == "warning"
    assert "Next steps" in result.stderr
    assert "prep check work/new/model.prep" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name, lang", [("OrderHandling", "en"), ("受注", "ja")])
def test_the_model_shows_every_element(name, lang):
    text = model_text(name, lang)
    assert check_text(text, select=("ALL",)) == []
    document = parse_text(text, "model.prep").document
    (process,) = document.processes
    assert process.name == name
    assert len(process.goals) == 1 and len(process.actors) == 2
    kinds = {p.kind for a in process.actors for p in a.products}
    assert kinds == {"product", "milestone", "final", "intangible"}
    assert {r.kind for r in process.relations} == {"input", "sync"}
    assert process.externals and process.subprocesses and process.kpis and process.issues


def test_default_folder_is_the_current_one(tmp_path):
    assert run(["init"], tmp_path).exit_code == 0
    assert (tmp_path / "model.prep").is_file() and (tmp_path / "prep.toml").is_file()


def test_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "prep.toml").write_text("# mine\n", encoding="utf-8")
    result = run(["init", "."], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "prep: error: prep.toml already exists; nothing was written\n"
        "  hint: choose another folder, or move the file away\n"
    )
    assert not (tmp_path / "model.prep").exists()
    assert (tmp_path / "prep.toml").read_text(encoding="utf-8") == "# mine\n"


def test_refuses_a_file_as_folder(tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = run(["init", "taken"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "prep: error: taken exists and is not a folder\n"


def test_name_option_is_written_and_quoted_when_needed(tmp_path):
    assert run(["init", "a", "--name", "受注"], tmp_path).exit_code == 0
    text = (tmp_path / "a" / "model.prep").read_text("utf-8")
    assert "process 受注 [stage=asis]" in text
    assert "actor 営業 {" in text  # a Japanese name: the Japanese starter
    assert run(["init", "b", "--name", 'Order "to" cash'], tmp_path).exit_code == 0
    model = tmp_path / "b" / "model.prep"
    assert 'process "Order \\"to\\" cash" [stage=asis]' in model.read_text("utf-8")
    assert findings(model) == []
    document = parse_text(model.read_text("utf-8"), "model.prep").document
    assert document.processes[0].name == 'Order "to" cash'


def test_bad_name_is_a_one_line_error(tmp_path):
    result = run(["init", ".", "--name", "two\nlines"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("prep: error:")
    assert not (tmp_path / "model.prep").exists()


def test_prep_name():
    assert prep_name("sales_plan") == "sales_plan"
    assert prep_name("スタッフ・シフト") == "スタッフ・シフト"
    assert prep_name("process") == '"process"'  # keywords are reserved
    assert prep_name("100%") == '"100%"'
    assert prep_name("a\\b") == '"a\\\\b"'


def test_commented_config_examples_are_valid_when_enabled(tmp_path):
    """Uncommenting every example key still gives a valid configuration."""
    lines = []
    for line in CONFIG.splitlines():
        m = re.match(r"# (\[severity\]|[a-z-]+ = .*|PREP\d+ = .*)$", line)
        lines.append(m.group(1) if m else line)
    text = "\n".join(lines) + "\n"
    assert "select = " in text and "[severity]" in text
    tomllib.loads(text)
    path = tmp_path / "prep.toml"
    path.write_text(text, encoding="utf-8")
    config = load_file(path)
    assert config.select is not None and config.ignore and config.exclude and config.severity


def test_language_follows_the_locale_without_a_name(tmp_path):
    japanese = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "ja_JP.UTF-8"}
    assert run(["init", "ja"], tmp_path, env=japanese).exit_code == 0
    text = (tmp_path / "ja" / "model.prep").read_text("utf-8")
    assert "process 受注 [stage=asis]" in text and "# PReP モデルのひな形" in text
    assert run(["init", "en"], tmp_path).exit_code == 0
    assert "process OrderHandling" in (tmp_path / "en" / "model.prep").read_text("utf-8")


def test_lang_option_wins(tmp_path):
    assert run(["init", "a", "--lang", "ja", "--name", "Order"], tmp_path).exit_code == 0
    text = (tmp_path / "a" / "model.prep").read_text("utf-8")
    assert "process Order [stage=asis]" in text and "actor 営業 {" in text
    assert run(["init", "b", "--lang", "en", "--name", "受注"], tmp_path).exit_code == 0
    text = (tmp_path / "b" / "model.prep").read_text("utf-8")
    assert "process 受注 [stage=asis]" in text and "actor Sales {" in text
    result = run(["init", "c", "--lang", "fr"], tmp_path)
    assert result.exit_code == 2 and not (tmp_path / "c").exists()


def test_files_and_output_point_to_urls_and_commands_not_repository_paths(tmp_path):
    from prep import __version__

    docs = f"https://github.com/prep-models/prep/blob/v{__version__}/docs/"
    for lang in ("en", "ja"):
        result = run(["init", lang, "--lang", lang], tmp_path)
        assert result.exit_code == 0, result.output
        texts = [(tmp_path / lang / name).read_text("utf-8") for name in ("model.prep", "prep.toml")]
        for text in [*texts, result.stderr]:
            assert not re.search(r"(?<!/)docs/\w+\.md", text.replace(docs, "")), text
        assert f"{docs}language.md" in texts[0] and "`prep --help`" in texts[0]
        assert f"{docs}configuration.md" in texts[1]
        assert f"{docs}tutorial.md" in result.stderr
        assert "`prep rule --all`" in result.stderr and "`prep --help`" in result.stderr


def test_japanese_init_speaks_japanese(tmp_path):
    from prep import __version__

    result = run(["init", "w", "--lang", "ja"], tmp_path)
    assert result.stderr == (
        "w/model.prep と w/prep.toml を作りました。\n"
        "次の手順:\n"
        "  prep check w/model.prep    # 検査する(このままなら指摘なし)\n"
        "  prep render w/model.prep -o w/model.svg    # 図にする\n"
        "  prep kpi w/model.prep    # KPI ツリー\n"
        "  お客様のプロセスのモデル化はチュートリアルで: "
        f"https://github.com/prep-models/prep/blob/v{__version__}/docs/tutorial.md\n"
        "  ルールの一覧は `prep rule --all`、コマンドの一覧は `prep --help`。\n"
    )
    config = (tmp_path / "w" / "prep.toml").read_text("utf-8")
    assert config.startswith("# prep の設定。")
    assert load_file(tmp_path / "w" / "prep.toml").extend_select == ("PREP603",)


def test_a_full_disk_leaves_no_empty_folder(tmp_path, monkeypatch):
    """Issue 23, item 18: the folders init made are removed again when it fails."""
    import prep.cli.output as output

    def full(*_args, **_kw):
        raise output.OutputError("cannot write model.prep: No space left on device")

    monkeypatch.setattr(output, "create_new", full)
    result = CliRunner().invoke(app, ["init", str(tmp_path / "a" / "b")])
    assert result.exit_code == 2
    assert "No space left on device; nothing was written" in result.stderr
    assert list(tmp_path.iterdir()) == []

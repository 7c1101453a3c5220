"""prep in Japanese: one catalogue (prep/locale/ja/LC_MESSAGES/prep.po), the language
chosen by --lang, PREP_LANG or the locale, and every message, help text and rule page
in it (docs/architecture.md, "Messages and languages")."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, check, load_script
from prep import i18n
from prep.checks import all_rules, get_rule
from prep.checks.docs import rule_markdown, rules_document
from test_cli_check import run, run_process, write

CATALOG = ROOT / "scripts" / "catalog.py"
BROKEN = """\
process 受注 {
  goal "納期遵守率"
  external 顧客
  actor 営業 {
    product 見積依頼(品目)
    final   受注票(品目)
    product 進捗メモ
  }
  顧客 -> 見積依頼 -> 受注票
  見積依頼 -> 進捗メモ
  受注票 -> 顧客2
}
"""


def catalog_module():
    return load_script(CATALOG)


def test_every_message_has_a_japanese_translation_with_the_same_placeholders():
    """Fails when a message, help text or rule section lacks its Japanese, when the
    placeholders of the two differ, or when prep.mo is not compiled from prep.po.
    `python scripts/catalog.py update` lists what is missing."""
    problems = catalog_module().problems()
    assert problems == [], "\n".join(problems[:40])


def test_the_catalogue_holds_the_messages():
    catalogue = catalog_module().read_catalogue()
    assert len(catalogue) > 400


# Where a message reaches the user; its text must come through `_()`, not be a literal.
SAYS = {"at": (1, 2), "fail": (0, 1), "warn": (0,), "Related": (1,), "Fix": (0,)}


def literal_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        for i in SAYS.get(name, ()):
            if i < len(node.args) and isinstance(node.args[i], (ast.Constant, ast.JoinedStr)):
                value = node.args[i]
                if isinstance(value, ast.Constant) and not isinstance(value.value, str):
                    continue
                text = (
                    value.value
                    if isinstance(value, ast.Constant)
                    else "".join(v.value for v in value.values if isinstance(v, ast.Constant))
                )
                if not re.search("[A-Za-z]{2}", text) or text.startswith("prep "):
                    continue  # `f"{file}: {message}"`, a command to run
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@pytest.mark.parametrize("area", ["checks", "graph", "cli", "report", "lsp", "parser"])
def test_messages_are_not_plain_english_literals(area):
    """A finding's message and hint, a related note, a fix's title and a CLI error are
    written `_("…", name=value)` so that the catalogue finds them."""
    literal = [hit for path in sorted((ROOT / "prep" / area).rglob("*.py")) for hit in literal_messages(path)]
    assert literal == []


def test_no_message_is_written_inside_an_f_string():
    """`f"… {_('error:')} …"` is not found by the extractor: say it outside."""
    hidden = []
    for path in sorted((ROOT / "prep").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and getattr(call.func, "id", "") in ("_", "_n", "N_")
                        and call.args
                        and isinstance(call.args[0], ast.Constant)
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []


def test_no_module_hides_the_translator():
    """A module that says messages with `_` never binds `_` itself (`for _ in`,
    `x, _ = …`, `**_`): the message would be called on something else."""
    wrong = []
    for path in sorted((ROOT / "prep").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(
            isinstance(n, ast.ImportFrom) and n.module == "prep.i18n" and any(a.name == "_" for a in n.names)
            for n in ast.walk(tree)
        ):
            continue
        for node in ast.walk(tree):
            bound = (isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)) or (
                isinstance(node, ast.arg) and node.arg == "_"
            )
            if bound:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


# -- choosing the language --------------------------------------------------------


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "en"),
        ({"LC_ALL": "ja_JP.eucJP"}, "ja"),
        ({"PREP_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"PREP_LANG": "ja", "LC_ALL": "C"}, "ja"),
        ({"PREP_LANG": "klingon", "LANG": "ja_JP.UTF-8"}, "ja"),
    ],
)
def test_the_language_comes_from_prep_lang_then_the_locale(env, expected):
    assert i18n.detect(env) == expected


def test_lang_option_wins_over_the_environment(tmp_path):
    model = write(tmp_path, "m.prep", BROKEN)

    def said(result):
        lines = result.stdout.splitlines()
        return [line for line in lines if " PREP" in line or "hint" in line or "ヒント" in line] + lines[-1:]

    result = run(["--lang", "en", "check", model, "--no-cache"], tmp_path, env={"PREP_LANG": "ja"})
    assert said(result) == [
        f"{model}:7:5: PREP205 warning: `進捗メモ` contributes to no final product",
        "  hint: relate it to a product on the way to a final product, or remove it",
        f"{model}:11:10: PREP101 error: `顧客2` is not defined in process `受注`",
        "  hint: did you mean `顧客`?",
        "Found 1 error, 1 warning, 0 infos in 1 file.",
    ]
    result = run(["--lang", "ja", "check", model, "--no-cache"], tmp_path)
    assert said(result) == [
        f"{model}:7:5: PREP205 warning: `進捗メモ` はどの最終成果物にもつながっていません",
        "  ヒント: 最終成果物へ至る途中の成果物に関係づけるか、削除してください",
        f"{model}:11:10: PREP101 error: `顧客2` はプロセス `受注` で定義されていません",
        "  ヒント: `顧客` のことですか？",
        "1 ファイルで 1 件のエラー、1 件の警告、0 件の情報が見つかりました。",
    ]


def test_a_bad_lang_is_a_one_line_error(tmp_path):
    result = run_process(["--lang", "fr", "rule", "PREP201"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("prep: error: invalid value for '--lang'")


# -- findings ---------------------------------------------------------------------


def test_findings_summary_and_hints_in_japanese(tmp_path):
    write(tmp_path, "m.prep", BROKEN)
    result = run(["check", "m.prep", "--no-cache"], tmp_path, env={"PREP_LANG": "ja"})
    assert result.exit_code == 1
    assert result.stdout == (
        "m.prep:7:5: PREP205 warning: `進捗メモ` はどの最終成果物にもつながっていません\n"
        "  |\n"
        "7 |     product 進捗メモ\n"
        "  |     ^^^^^^^^^^^^^^^^\n"
        "  ヒント: 最終成果物へ至る途中の成果物に関係づけるか、削除してください\n"
        "\n"
        "m.prep:11:10: PREP101 error: `顧客2` はプロセス `受注` で定義されていません\n"
        "   |\n"
        "11 |   受注票 -> 顧客2\n"
        "   |             ^^^^^\n"
        "  ヒント: `顧客` のことですか？\n"
        "\n"
        "1 ファイルで 1 件のエラー、1 件の警告、0 件の情報が見つかりました。\n"
    )


def test_carets_sit_under_the_japanese_name(tmp_path):
    """East Asian width: each Japanese character takes two columns, so the caret line
    is measured in cells, in either language."""
    model = write(tmp_path, "m.prep", BROKEN)
    for lang in ("ja", "en"):
        out = run(
            ["check", model, "--no-cache", "--select", "PREP101"], tmp_path, env={"PREP_LANG": lang}
        ).stdout.splitlines()
        source = next(line for line in out if line.startswith("11 |"))
        carets = out[out.index(source) + 1]
        start = source.index("顧客2")
        from rich.cells import cell_len

        assert cell_len(carets[: carets.index("^")]) == cell_len(source[:start])
        assert carets.count("^") == cell_len("顧客2")


def test_json_keeps_codes_and_structure_with_japanese_messages(tmp_path):
    model = write(tmp_path, "m.prep", BROKEN)
    english = json.loads(run(["check", model, "-f", "json", "--no-cache"], tmp_path).stdout)
    japanese = json.loads(run(["check", model, "-f", "json", "--no-cache"], tmp_path, env={"PREP_LANG": "ja"}).stdout)

    def shape(data):
        if isinstance(data, dict):
            return {k: shape(v) for k, v in data.items() if k not in ("message", "hint")}
        if isinstance(data, list):
            return [shape(v) for v in data]
        return data

    assert shape(english) == shape(japanese)
    messages = [d["message"] for d in japanese["diagnostics"]]
    assert messages == [
        "`進捗メモ` はどの最終成果物にもつながっていません",
        "`顧客2` はプロセス `受注` で定義されていません",
    ]


def test_sarif_rules_and_results_in_japanese(tmp_path):
    model = write(tmp_path, "m.prep", BROKEN)
    sarif = json.loads(run(["check", model, "-f", "sarif", "--no-cache"], tmp_path, env={"PREP_LANG": "ja"}).stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    rule = next(r for r in driver["rules"] if r["id"] == "PREP205")
    assert rule["shortDescription"]["text"] == "成果物がどの最終成果物にもつながっていません"
    assert rule["fullDescription"]["text"].startswith("関係はあるのに、")
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert texts[0] == (
        "`進捗メモ` はどの最終成果物にもつながっていません\n"
        "ヒント: 最終成果物へ至る途中の成果物に関係づけるか、削除してください"
    )


def test_github_annotations_in_japanese(tmp_path):
    write(tmp_path, "m.prep", BROKEN)
    out = run(["check", "m.prep", "-f", "github", "--no-cache"], tmp_path, env={"PREP_LANG": "ja"}).stdout
    assert out.startswith("::warning file=m.prep,line=7,col=5,")
    assert "::`進捗メモ` はどの最終成果物にもつながっていません%0Aヒント: " in out


def test_the_cache_never_answers_in_the_other_language(tmp_path):
    model = write(tmp_path, "m.prep", BROKEN)
    first = run_process(["check", "m.prep"], tmp_path, env={"PREP_LANG": "en"})
    assert "contributes to no final product" in first.stdout.decode()
    again = run_process(["check", "m.prep"], tmp_path, env={"PREP_LANG": "ja"})
    assert "はどの最終成果物にもつながっていません" in again.stdout.decode()
    assert "contributes" not in again.stdout.decode()
    assert model.exists()


def test_every_rule_example_speaks_japanese():
    """The Example of each rule, checked in Japanese, gives its finding with a message
    and hint from the catalogue (no English words but the model's and the code's)."""
    i18n.set_language("ja")
    for rule in all_rules():
        examples = re.findall(r"```prep\n(.*?)```", rule.sections.get("Example", ""), re.S)
        if not examples:
            continue
        found = [d for d in check(examples[0], extend_select=[rule.code]) if d.code == rule.code]
        assert found, rule.code
        for d in found:
            for text in (d.message, d.hint or ""):
                assert re.search("[ぁ-んァ-ヶ一-龯]", text) or not text, (rule.code, text)


# -- rule pages ---------------------------------------------------------------------


def test_docs_ja_rules_md_is_current():
    i18n.set_language("ja")
    expected = rules_document(all_rules())
    path = ROOT / "docs" / "ja" / "rules.md"
    assert path.read_text(encoding="utf-8") == expected, (
        "docs/ja/rules.md is stale: run `python -m prep.checks.docs --lang ja > docs/ja/rules.md`"
    )


def test_rule_page_in_japanese_keeps_the_models(tmp_path):
    english = rule_markdown(get_rule("PREP203"))
    result = run(["--lang", "ja", "rule", "PREP203"], tmp_path)
    assert result.stdout.startswith("# PREP203 input-cycle\n\n既定の重大度: **error**。")
    for heading in ("## 何をするか", "## なぜ", "## 直し方", "## 例", "## 代わりに"):
        assert f"\n{heading}\n" in result.stdout
    fence = re.compile(r"```prep\n.*?```", re.S)
    assert fence.findall(result.stdout) == fence.findall(english)


# -- help -----------------------------------------------------------------------------


def test_help_in_japanese(tmp_path):
    out = run_process(["check", "--help"], tmp_path, env={"PREP_LANG": "ja", "COLUMNS": "80"}).stdout.decode()
    rows = out.splitlines()
    assert rows[1].strip() == "使い方: prep check [OPTIONS] [paths]..."
    assert rows[3].strip() == "モデルの誤りをチェックします: 構文、参照、構造、方法論のルール。"
    at = next(n for n, row in enumerate(rows) if row.startswith("│ --help"))
    column = rows[at].index("このメッセージ")  # the help column, wrapped on two rows
    assert "".join(row[column:].rstrip(" │") for row in rows[at : at + 2]) == "このメッセージを表示して終了します。"
    assert "…" not in out  # Japanese wraps between characters, never cut
    assert "Check models for mistakes" not in out


def test_help_of_every_command_is_japanese(tmp_path):
    from typer.main import get_command

    from prep.cli import app

    names = sorted(get_command(app).commands)
    for name in names:
        out = run(["--lang", "ja", name, "--help"], tmp_path).stdout
        first = next(line.strip() for line in out.splitlines()[3:] if line.strip())
        assert re.search("[ぁ-んァ-ヶ一-龯]", first), (name, first)


def test_the_completion_script_is_the_same_in_both_languages(tmp_path):
    english = run_process(["completion", "bash"], tmp_path, env={"PREP_LANG": "en"})
    japanese = run_process(["completion", "bash"], tmp_path, env={"PREP_LANG": "ja"})
    assert english.stdout == japanese.stdout
    assert english.returncode == 0


def test_cli_errors_in_japanese(tmp_path):
    result = run_process(["rule", "PREP999"], tmp_path, env={"PREP_LANG": "ja"})
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "prep: エラー: ルールコードまたはルール名 `PREP999` は存在しません\n"
        "  ヒント: `prep rule --all` でルールを一覧できます\n"
    )


def test_usage_errors_of_click_speak_japanese():
    """click words its usage errors in English only; prep says them from its catalogue."""
    import subprocess
    import sys
    from pathlib import Path

    prep = str(Path(sys.executable).with_name("prep"))

    def said(*args: str) -> str:
        done = subprocess.run(
            [prep, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**__import__("os").environ, "PREP_LANG": "ja"},
        )
        assert done.returncode == 2
        return done.stderr.strip()

    assert said("render") == "prep: エラー: 引数 'file' がありません（`prep render -h` を参照）"
    assert said("check", "--fail-on", "bad", "x") == (
        "prep: エラー: '--fail-on' の値 'bad' は使えません。'error', 'warning', 'info' の"
        "どれかを指定してください（`prep check -h` を参照）"
    )
    assert said("check", "--format") == "prep: エラー: オプション '--format' には値が必要です"

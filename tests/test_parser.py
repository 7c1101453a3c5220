"""Text to model: syntax, positions, names, and PREP001/PREP002 on bad input."""

from __future__ import annotations

import textwrap

import pytest

from prep.parser import parse_bytes, parse_text

FIGURE4 = """\
process 製造 [stage=asis] {
  goal "品質基準をみたす納期遵守率100%"
  external 営業
  external 販売計画部

  actor 生産管理 {
    milestone 生産計画(品目, 数量, 納期)
    product   調達計画(部品, 数量)
  }
  actor 購買 {
    milestone 調達部品<検収済>(部品, 数量)
  }
  actor 製造部 {
    intangible 現場ノウハウ
    milestone  製品<検査済>(ロット, 数量)
    final      出荷(品目, 数量, 出荷日)
  }

  subprocess 計画 until 生産計画
  subprocess 調達 until 調達部品
  subprocess 検査 until 製品
  subprocess 製造工程 until 出荷

  販売計画部 -> 生産計画 -> 調達計画 -> 調達部品 -> 製品
  現場ノウハウ <-> 製品
  製品 -> 出荷 -> 営業
  生産計画.納期 -> 出荷.出荷日
}
"""


def parse(text: str):
    result = parse_text(textwrap.dedent(text), "m.prep")
    assert result.diagnostics == [], [d.message for d in result.diagnostics]
    return result.document


def errors(text: str | bytes):
    if isinstance(text, bytes):
        result = parse_bytes(text, "m.prep")
    else:
        result = parse_text(textwrap.dedent(text), "m.prep")
    return [(d.code, d.span.line, d.span.column, d.message, d.hint) for d in result.diagnostics]


def test_figure4_parses_into_the_model():
    doc = parse(FIGURE4)
    (process,) = doc.processes
    assert process.name == "製造"
    assert process.stage == "asis"
    assert process.goal.text == "品質基準をみたす納期遵守率100%"
    assert [a.name for a in process.actors] == ["生産管理", "購買", "製造部"]
    assert [x.name for x in process.externals] == ["営業", "販売計画部"]
    keys = [p.key for p in process.products]
    assert keys == ["生産計画", "調達計画", "調達部品<検収済>", "現場ノウハウ", "製品<検査済>", "出荷"]
    milestone = process.products[0]
    assert (milestone.kind, milestone.params, milestone.actor) == ("milestone", ("品目", "数量", "納期"), "生産管理")
    assert process.products[2].state == "検収済"
    assert [str(r) for r in process.relations] == [
        "販売計画部 -> 生産計画",
        "生産計画 -> 調達計画",
        "調達計画 -> 調達部品",
        "調達部品 -> 製品",
        "現場ノウハウ <-> 製品",
        "製品 -> 出荷",
        "出荷 -> 営業",
        "生産計画.納期 -> 出荷.出荷日",
    ]
    assert [s.until.name for s in process.subprocesses] == ["生産計画", "調達部品", "製品", "出荷"]


def test_spans_are_one_based_with_exclusive_end():
    doc = parse(FIGURE4)
    process = doc.processes[0]
    assert (process.header_span.line, process.header_span.column) == (1, 1)
    product = process.products[0]
    assert (product.span.line, product.span.column) == (7, 5)
    assert (product.name_span.line, product.name_span.column, product.name_span.end_column) == (7, 15, 19)
    chain = process.relations[1]  # 生産計画 -> 調達計画, inside the chain of line 24
    assert (chain.span.line, chain.span.column) == (24, 12)
    assert chain.source.span.file == "m.prep"


def test_lists_and_chains_make_every_pair_and_share_attributes():
    doc = parse("""
        process P {
          actor A { product a  product b  product c  final d }
          a, b -> c, d [touch=high]
          a -> b -> c
        }
        """)
    relations = doc.processes[0].relations
    assert [str(r) for r in relations] == ["a -> c", "a -> d", "b -> c", "b -> d", "a -> b", "b -> c"]
    assert all(r.attr("touch") == "high" for r in relations[:4])
    assert relations[4].attrs == ()


def test_multi_line_relation_points_at_its_left_ref():
    doc = parse("""
        process P {
          actor A { product a  final b }
          a
            -> b
        }
        """)
    (relation,) = doc.processes[0].relations
    assert relation.span.line == 4
    assert relation.target.span.line == 5


def test_names_quoted_escaped_japanese_and_nakaguro():
    doc = parse(r"""
        process "Store operations" {
          goal "品質基準をみたす納期遵守率100%"
          actor 店長 {
            product "Weekly plan"(week, sales_target)
            product スタッフ・シフト(日付, 人数)
            product "POP \"sale\" sign"
            product "back\\slash"
            final   売場_A
          }
        }
        """)
    process = doc.processes[0]
    assert process.name == "Store operations"
    assert [p.name for p in process.products] == [
        "Weekly plan",
        "スタッフ・シフト",
        'POP "sale" sign',
        "back\\slash",
        "売場_A",
    ]


def test_states_params_dotted_refs_kpis_issues_subprocess_members():
    doc = parse("""
        process 申込受付 {
          actor 窓口 {
            product 申込<提出された>(氏名, 住所)
            milestone 審査結果<承認>(限度額)
          }
          subprocess 審査 until 審査結果<承認> { 申込<提出された> }
          申込<提出された>.氏名 -> 審査結果<承認>.限度額
          kpi 審査日数 for 審査結果 under 全体 [supplemented, doc="interview"]
          kpi 全体 [kgi]
          issue "手作業が多い" on 申込<提出された>
        }
        """)
    p = doc.processes[0]
    (rel,) = p.relations
    assert (rel.source.name, rel.source.state, rel.source.param) == ("申込", "提出された", "氏名")
    assert rel.target.key == "審査結果<承認>"
    kpi = p.kpis[0]
    assert kpi.for_.name == "審査結果" and kpi.under.text == "全体"
    assert kpi.has_attr("supplemented") and kpi.attr("doc") == "interview"
    assert p.kpis[1].has_attr("kgi")
    assert p.issues[0].text == "手作業が多い" and p.issues[0].on.key == "申込<提出された>"
    sub = p.subprocesses[0]
    assert sub.until.key == "審査結果<承認>" and [m.key for m in sub.members] == ["申込<提出された>"]


def test_attribute_values_names_strings_and_numbers():
    doc = parse("""
        process P [stage=tobe, weight=3, ratio=0.5, doc="free text", flag] {
        }
        """)
    attrs = {a.name: a.value for a in doc.processes[0].attrs}
    assert attrs == {"stage": "tobe", "weight": 3, "ratio": 0.5, "doc": "free text", "flag": None}


def test_comments_are_kept_for_suppressions():
    doc = parse("""
        # prep: ignore-file[PREP204]
        process P {  # trailing
          goal "# not a comment"
        }
        """)
    comments = [(c.text, c.line, c.own_line) for c in doc.comments]
    assert comments == [("# prep: ignore-file[PREP204]", 2, True), ("# trailing", 3, False)]
    assert doc.processes[0].goal.text == "# not a comment"


def test_crlf_bom_fullwidth_space_and_nfc():
    text = '\ufeffprocess P {\r\n\u3000actor A {\r\n    product "ガイドライン"\r\n  }\r\n}\r\n'
    result = parse_bytes(text.encode("utf-8"), "m.prep")
    assert result.diagnostics == []
    product = result.document.processes[0].products[0]
    assert product.name == "ガイドライン"  # composed
    assert product.span.line == 3


# a process whose one line is an actor defining one product, named by `%`
PRODUCT = "process P {\n  actor A { product %s }\n}\n"


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ("process P {\n  a -> -> b\n}\n", 2, 8, "expected a product name after `->`, found `->`"),
        ("process P {\n  kpi 1日件数\n}\n", 2, 7, "expected a KPI name after `kpi`, found `1`"),
        ("process P {\n}\n}\n", 3, 1, "unexpected `}`: no block is open here"),
        ("process P {\n  actor A {\n", 2, 12, "the file ends before the `}` that closes actor `A` (line 2)"),
        ('process P {\n  goal "open\n}\n', 2, 8, "a quoted name is not closed"),
        (PRODUCT % "goal", 2, 21, "expected a product name after `product`, found `goal`"),
        (PRODUCT % "100%", 2, 21, "expected a product name after `product`, found `100`"),
        ("process P {\n  a -> b%\n}\n", 2, 9, "unexpected character `%`"),
        ("process P {\n  a → b\n}\n", 2, 5, "`→` is not part of the language: write `->`"),
        (PRODUCT % "見積（品目）", 2, 23, "`（` is not part of the language: write `(`"),
        (PRODUCT % "見積(品目、数量)", 2, 26, "`、` is not part of the language: write `,`"),
        ("プロセス P {}\n", 1, 1, "expected the end of the file or `process`, found `プロセス`"),
    ],
)
def test_syntax_errors_say_where_what_was_found_and_what_was_expected(text, line, column, words):
    found = errors(text)
    assert found, "no error"
    code, at_line, at_column, message, _hint = found[0]
    assert (code, at_line, at_column) == ("PREP001", line, column), found
    assert message.startswith(words), message


def test_hints_for_common_mistakes():
    hints = {e[3]: e[4] for e in errors("process P {\n  kpi 1日あたり件数\n  actor A { product final }\n}\n")}
    assert hints == {
        "expected a KPI name after `kpi`, found `1`": 'a name cannot start with a digit; quote it: `"1日あたり件数"`',
        "expected a product name after `product`, found `final`": (
            '`final` is a keyword; to use it as a name, quote it: `"final"`'
        ),
    }


def test_recovery_reports_later_errors_in_the_same_file():
    found = errors("""
        process P {
          a -> -> b
          actor A { product 1x }
          c -> d
          kpi "open
        }
        """)
    assert [(e[0], e[1]) for e in found] == [("PREP001", 3), ("PREP001", 4), ("PREP001", 6)]


def test_too_many_errors_stop_with_a_note():
    text = "process P {\n" + "  a -> -> b\n" * 100 + "}\n"
    found = errors(text)
    assert 15 <= len(found) <= 25
    assert found[-1][3].startswith("too many syntax errors")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# only a comment\n",
        b"\n\n   \n",
        "\ufeff".encode(),
    ],
)
def test_empty_files_are_valid(data):
    result = parse_bytes(data, "m.prep")
    assert result.diagnostics == [] and result.document.processes == ()


def test_not_utf8_is_prep002_at_line_one():
    found = errors("# 作成者\nprocess P {}\n".encode("shift_jis"))
    assert [(e[0], e[1], e[2]) for e in found] == [("PREP002", 1, 1)]
    assert "not valid UTF-8" in found[0][3] and "line 1" in found[0][3]


def test_binary_is_prep002():
    found = errors(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert [e[0] for e in found] == ["PREP002"]
    assert "binary" in found[0][3]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "process P { goal " + "x" * 1_000_000 + " }",
        "{" * 10_000,
        "{\n" * 10_000,
        "process P {\n" * 5_000,
        "process P {\n  actor A {\n    product a(b, c",
        '"' * 100_001,
        "process P { a -> " + "b -> " * 50_000 + "c }",
    ],
)
def test_hostile_inputs_give_findings_not_exceptions(text):
    result = parse_text(text, "m.prep")
    assert all(d.code == "PREP001" for d in result.diagnostics)
    assert len(result.diagnostics) <= 21


def test_full_width_symbols_get_a_hint_about_the_input_method():
    (found,) = errors("process P {\n  a ⇔ b\n}\n")
    assert found[3] == "`⇔` is not part of the language: write `<->`"
    assert "half-width" in found[4] and "names may stay Japanese" in found[4]


def test_an_odd_character_after_a_name_does_not_list_everything_that_could_follow():
    (found,) = errors("process P {\n  a -> b%\n}\n")
    assert found[3] == "unexpected character `%`"


def test_a_misspelt_keyword_gets_a_did_you_mean():
    found = errors("process P {\n  externel 顧客\n  actor A {\n    prodcut 見積\n  }\n}\n")
    assert [f[1:] for f in found] == [
        (2, 3, "`externel` is not a keyword", "did you mean the keyword `external`?"),
        (4, 5, "`prodcut` is not a keyword", "did you mean the keyword `product`?"),
    ]


def test_no_keyword_hint_for_a_name_like_no_keyword():
    (found,) = errors("process P {\n  顧客 見積\n}\n")
    assert found[4] == 'a name with a space is written in double quotes: `"顧客 見積"`'

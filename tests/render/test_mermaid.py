"""The Mermaid flowchart: structure, notation classes, escaping, snapshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prep.graph import build_document
from prep.parser import parse_file, parse_text
from prep.render.mermaid import text, to_mermaid
from conftest import same_as_snapshot

HERE = Path(__file__).parent
MODELS = HERE / "models"


def mermaid_of(path: Path) -> str:
    parsed = parse_file(path, path.name)
    return to_mermaid(build_document(parsed.document)[0])


@pytest.mark.parametrize("model", ["figure4", "tobe_csm", "hostile_names"])
def test_snapshot(model):
    source = mermaid_of(MODELS / f"{model}.prep")
    same_as_snapshot(source.encode("utf-8"), HERE / "snapshots" / f"{model}.mmd")


def test_flowchart_with_a_subgraph_per_actor():
    source = mermaid_of(MODELS / "figure4.prep")
    assert source.startswith("flowchart LR\n")
    assert re.findall(r'subgraph p1a\d+\["(.*?)"\]', source) == ["生産管理", "購買", "製造部"]
    assert source.count("\n    end") == 3 and source.rstrip().count("\n  end") == 1


def test_notation():
    source = mermaid_of(MODELS / "figure4.prep")
    assert '[["出荷 (品目, 数量, 出荷日)"]]:::final' in source
    assert '{{"生産計画 (品目, 数量, 納期)"}}:::milestone' in source
    assert ":::intervention" in source and "介入点" in source
    assert '>"営業"]:::external' in source
    assert "<-.->" in source
    tobe = mermaid_of(MODELS / "tobe_csm.prep")
    assert '-->|"ハイタッチ"|' in tobe and "linkStyle 3 stroke:#2e7d32" in tobe
    assert "class p1a3 csm" in tobe and "class p1a4 service" in tobe
    assert ":::servicekpi" in tobe


def test_escaping():
    assert text('<script>"x"</script>') == "#60;script#62;#34;x#34;#60;/script#62;"
    assert text("a|b{c}#d\\e;") == "a#124;b#123;c#125;#35;d#92;e#59;"
    parsed = parse_text('process P { goal G external E actor A { final "a\\"]-->x" } '
                        '"a\\"]-->x" -> E }', "m.prep")
    source = to_mermaid(build_document(parsed.document)[0])
    assert '"a#34;]--#62;x"' in source and '"]-->' not in source

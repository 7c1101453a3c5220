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


def statements(source: str) -> tuple[dict[str, str], list[str], list[str]]:
    """The flowchart's node lines by id, its links in order and its other lines
    (subgraphs, classes, link styles), each stripped."""
    nodes, links, others = {}, [], []
    for line in (line.strip() for line in source.splitlines()):
        if re.match(r"n\d+ \S*[-.]", line):
            links.append(line)
        elif (node := re.match(r"(n\d+)[\[({>]", line)) is not None:
            nodes[node.group(1)] = line
        else:
            others.append(line)
    return nodes, links, others


def test_notation():
    nodes, links, _ = statements(mermaid_of(MODELS / "figure4.prep"))
    assert nodes["n6"] == 'n6[["出荷 (品目, 数量, 出荷日)"]]:::final'
    assert nodes["n1"] == 'n1{{"生産計画 (品目, 数量, 納期)"}}:::milestone'
    assert nodes["n2"] == 'n2["調達計画 (部品, 数量)"]:::product'
    assert nodes["n4"] == 'n4("現場ノウハウ #9888; 介入点"):::intervention'
    assert nodes["n7"] == 'n7>"営業"]:::external'
    assert links == [
        "n8 --> n1",
        "n1 --> n2",
        "n2 --> n3",
        "n3 --> n5",
        "n4 <-.-> n5",
        "n5 --> n6",
        "n6 --> n7",
        "n1 --> n6",
    ]
    nodes, links, others = statements(mermaid_of(MODELS / "tobe_csm.prep"))
    assert links[3] == 'n4 -->|"ハイタッチ"| n2'
    assert others[-1] == "linkStyle 3 stroke:#2e7d32,stroke-width:3px,color:#1b5e20"
    assert [line for line in others if line.startswith("class ")] == ["class p1a3 csm", "class p1a4 service"]
    assert nodes["n8"] == 'n8["KPI: 購買率KPI [サービス]"]:::servicekpi'
    assert links[-2:] == ["n3 -.- n8", "n3 -.- n9"]


def test_escaping():
    assert text('<script>"x"</script>') == "#60;script#62;#34;x#34;#60;/script#62;"
    assert text("a|b{c}#d\\e;") == "a#124;b#123;c#125;#35;d#92;e#59;"
    parsed = parse_text('process P { goal G external E actor A { final "a\\"]-->x" } "a\\"]-->x" -> E }', "m.prep")
    source = to_mermaid(build_document(parsed.document)[0])
    assert '"a#34;]--#62;x"' in source and '"]-->' not in source

"""Models mangled at random (with a fixed seed, so the same cases every run): every
layer takes them without an exception; what is wrong comes back as diagnostics.
Cuts, doubled lines, stray brackets, quotes, keywords, NUL and CR in the bundled
examples and test models."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from prep.checks import all_rules
from prep.checks.runner import CheckOptions, check_file_model, finish
from prep.diff.model import diff_process
from prep.diff.union import union
from prep.kpi import to_csv, to_json
from prep.kpi.compare import compare
from prep.kpi.text import to_text
from prep.kpi.tree import derive_all
from prep.parser import parse_text
from prep.render.dot import to_dot
from prep.render.kpitree import to_dot as tree_dot
from prep.render.kpitree import to_mermaid as tree_mermaid
from prep.render.words import words_for
from prep.render.mermaid import to_mermaid

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted([*ROOT.glob("examples/**/*.prep"), *ROOT.glob("tests/render/models/*.prep")])
PIECES = ["{", "}", "<", ">", "(", ")", "[", "]", '"', "\\", "->", "<->", "#", "\n", " ",
          ",", ".", "=", "final ", "product ", "actor ", "external ", "kpi ", "for ",
          "under ", "issue ", "on ", "subprocess ", "until ", "goal ", "process ",
          "intangible ", "milestone ", "touch=high", "role=csm", "0", "1.5", "製品",
          "# prep: ignore[PREP204]", "\t", "\r", "\x00", "\ufeff", "ｱ", "\u3000"]
EVERY_RULE = frozenset(r.code for r in all_rules())


def mangle(rnd: random.Random, text: str) -> str:
    for _ in range(rnd.randint(1, 6)):
        i = rnd.randrange(len(text) + 1)
        op = rnd.random()
        if op < 0.3:
            text = text[:i] + rnd.choice(PIECES) + text[i:]
        elif op < 0.55:
            text = text[:i] + text[i + rnd.randint(1, 20):]
        elif op < 0.7:
            lines = text.split("\n")
            lines.insert(rnd.randrange(len(lines)), rnd.choice(lines))
            text = "\n".join(lines)
        elif op < 0.8:
            text = text[:i]
        else:
            k = rnd.randrange(len(text) + 1)
            text = text[:k] + text[i:i + rnd.randint(1, 30)] + text[k:]
    return text


@pytest.mark.parametrize("seed", range(4))
def test_every_layer_takes_mangled_models(seed):
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for n in range(100):
        text = mangle(rnd, rnd.choice(texts))
        parsed = parse_text(text, "m.prep")
        result = check_file_model("m.prep", parsed, EVERY_RULE)
        graphs = result.graphs
        finish(result, CheckOptions(EVERY_RULE))
        for d in result.diagnostics:
            assert d.span.line >= 1 and d.span.column >= 1 and d.message, (seed, n)
        if graphs:
            to_dot(graphs)
            to_mermaid(graphs, "auto")
            trees = derive_all(graphs) + derive_all(graphs, "products")
            to_json(trees), to_csv(trees), to_text(trees)
            both, _ = compare(derive_all(graphs[:1]), derive_all(graphs[-1:]))
            tree_dot(both, words_for(graphs)), tree_mermaid(both, words_for(graphs))
            p = diff_process(graphs[0].name, graphs[0], graphs[-1])
            pg, marks = union(p, graphs[0], graphs[-1])
            to_dot([pg], marks=[marks])

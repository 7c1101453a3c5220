"""The words a drawing shows itself (legend, banners, badges, note prefixes), in
Japanese or English. With `lang="auto"` (the default), a model whose names contain
Japanese gets Japanese words, any other model English ones."""

from __future__ import annotations

import re

LANGUAGES = ("auto", "ja", "en")

WORDS = {
    "ja": {
        "legend": "凡例", "goal": "目標", "subprocesses": "サブプロセス", "kpi": "KPI",
        "issue": "課題", "service": "サービス", "supplemented": "補足", "kgi": "KGI",
        "kinds": {"product": "中間成果物", "milestone": "マイルストーン成果物",
                  "final": "最終成果物", "intangible": "無形成果物",
                  "external": "外部プロセス"},
        "intervention": "⚠ 介入点",
        "intangible_on_sync": "無形成果物 (同期: ⚠ 介入点)",
        "subprocess_colour": "サブプロセスの色 [名前]",
        "input": "入力関係", "sync": "同期関係", "touch": "CSMタッチ (touch=)",
        "roles": {"csm": "«CSM»", "service": "«サービス»", "vendor": "«ベンダー»"},
        "before": "サービス提供前", "after": "サービス提供後", "kpi_tree": "KPIツリー",
        "new": "新規", "added": "追加", "removed": "削除", "changed": "変更",
        "service_data": "サービスのデータ",
        "deeper": "⋯ これより深い階層は省略 (全体: prep kpi -f text)",
    },
    "en": {
        "legend": "Legend", "goal": "Goal", "subprocesses": "Subprocesses", "kpi": "KPI",
        "issue": "Issue", "service": "service", "supplemented": "supplemented", "kgi": "KGI",
        "kinds": {"product": "Intermediate product", "milestone": "Milestone product",
                  "final": "Final product", "intangible": "Intangible product",
                  "external": "External process"},
        "intervention": "⚠ intervention point",
        "intangible_on_sync": "Intangible (sync: ⚠ intervention point)",
        "subprocess_colour": "Subprocess colour [name]",
        "input": "Input relation", "sync": "Sync relation", "touch": "CSM touch (touch=)",
        "roles": {"csm": "«CSM»", "service": "«service»", "vendor": "«vendor»"},
        "before": "Before the service", "after": "After the service", "kpi_tree": "KPI tree",
        "new": "new", "added": "added", "removed": "removed", "changed": "changed",
        "service_data": "service data",
        "deeper": "⋯ deeper levels left out (all of them: prep kpi -f text)",
    },
}

# Hiragana, katakana (with the prolonged sound mark and ・) and CJK ideographs.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def is_japanese(text: str) -> bool:
    """Whether `text` holds Japanese (kana or kanji)."""
    return _JAPANESE.search(text) is not None


def _names(graphs):
    for pg in graphs:
        process = pg.process
        yield process.name
        yield from (g.text for g in process.goals)
        yield from (a.name for a in process.actors)
        yield from (p.name for p in process.products)
        yield from (x.name for x in process.externals)


def words_for(graphs, lang: str = "auto") -> dict:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if lang == "auto":
        lang = "ja" if any(is_japanese(n) for n in _names(graphs)) else "en"
    return WORDS[lang]

"""The words of prep's drawings in Japanese and English (legend, banners, badges, KPI
trees, diff marks), and how a drawing's language is chosen: `lang` as given, or with
"auto" Japanese when the model's names are (docs/notation.md). prep.notation offers
these names beside its shapes and colours; the table is here, on its own, so either
can be read whole. Imports nothing of ours.

    LANGUAGES, WORDS[lang], in_languages(table), is_japanese(s), language_of(graphs, lang),
    words_for(graphs, lang), touch_word(level, words), role_tag(role, words),
    stage_word(stage, words), was(old, words)   a changed element's old value
"""

from __future__ import annotations

import re

LANGUAGES = ("auto", "ja", "en")


def in_languages(table: dict) -> dict:
    """A table of (Japanese, English) pairs as {"ja": its Japanese, "en": its English}."""
    return {"ja": _in(0, table), "en": _in(1, table)}


def _in(lang: int, table: dict) -> dict:
    """One language's column of a table of (Japanese, English) pairs."""
    return {k: _in(lang, v) if isinstance(v, dict) else v[lang] for k, v in table.items()}


# Each word of the drawings in Japanese and English, side by side.
_WORDS = {
    "legend": ("凡例", "Legend"),
    "goal": ("目標", "Goal"),
    "subprocesses": ("サブプロセス", "Subprocesses"),
    "kpi": ("KPI", "KPI"),
    "issue": ("課題", "Issue"),
    "service": ("サービス", "service"),
    "supplemented": ("補足", "supplemented"),
    "kgi": ("KGI", "KGI"),
    "kinds": {
        "product": ("中間成果物", "Intermediate product"),
        "milestone": ("マイルストーン成果物", "Milestone product"),
        "final": ("最終成果物", "Final product"),
        "intangible": ("無形成果物", "Intangible product"),
        "external": ("外部プロセス", "External process"),
    },
    "intervention": ("⚠ 介入点", "⚠ intervention point"),
    "intangible_on_sync": ("無形成果物 (同期: ⚠ 介入点)", "Intangible (sync: ⚠ intervention point)"),
    "subprocess_colour": ("サブプロセスの色 [名前]", "Subprocess colour [name]"),
    "subprocess": ("サブプロセス", "Subprocess"),
    "input": ("入力関係", "Input relation"),
    "sync": ("同期関係", "Sync relation"),
    "touch": ("CSMタッチ", "CSM touch"),
    "touch_levels": {
        "high": ("ハイタッチ", "high touch"),
        "low": ("ロータッチ", "low touch"),
        "tech": ("テックタッチ", "tech touch"),
    },
    "roles": {
        "csm": ("«CSM»", "«CSM»"),
        "service": ("«サービス»", "«service»"),
        "vendor": ("«ベンダー»", "«vendor»"),
    },
    "stages": {
        "asis": ("AsIs", "AsIs"),
        "tobe": ("ToBe", "ToBe"),
    },
    "kpi_tree": ("KPIツリー", "KPI tree"),
    "before": ("サービス提供前 (AsIs)", "Before the service (AsIs)"),
    "after": ("サービス提供後 (ToBe)", "After the service (ToBe)"),
    "service_data": ("サービスのデータ", "service data"),
    "deeper": (
        "⋯ これより深い階層は省略 (全体: prep kpi -f text)",
        "⋯ deeper levels left out (all of them: prep kpi -f text)",
    ),
    "added": ("追加", "added"),
    "removed": ("削除", "removed"),
    "changed": ("変更", "changed"),
    "new": ("新規", "new"),
    "see_above": ("上を参照", "see above"),
    "actor": ("アクター", "Actor"),
    "no_subprocess": ("サブプロセス外", "no subprocess"),
    # a changed element's old value (prep diff's ～ badge): "以前は …" / "was …"
    "was": ("以前は {what}", "was {what}"),
    "was_not": ("以前は{what}なし", "was not {what}"),
    "was_field": ("以前の{field}: {value}", "earlier {field} {value}"),
    "fields": {
        "params": ("パラメータ", "parameters"),
        "state": ("状態", "state"),
        "actor": ("アクター", "actor"),
        "for": ("対象", "measured"),
        "under": ("親KPI", "parent KPI"),
        "role": ("役割", "role"),
        "stage": ("段階", "stage"),
    },
    "none": ("なし", "none"),
}
WORDS = in_languages(_WORDS)

# Hiragana, katakana (with the prolonged sound mark and ・) and CJK ideographs.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def is_japanese(value: str) -> bool:
    """Whether `value` holds Japanese (kana or kanji)."""
    return _JAPANESE.search(value) is not None


def _names(graphs):
    for pg in graphs:
        process = getattr(pg, "process", pg)
        yield process.name
        yield from (g.text for g in process.goals)
        yield from (a.name for a in process.actors)
        yield from (p.name for p in process.products)
        yield from (x.name for x in process.externals)


def language_of(graphs, lang: str = "auto") -> str:
    """ "ja" or "en": `lang`, or with "auto" Japanese when the model's names are.
    `graphs` are ProcessGraphs or Processes."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if lang == "auto":
        return "ja" if any(is_japanese(n) for n in _names(graphs)) else "en"
    return lang


def words_for(graphs, lang: str = "auto") -> dict:
    """The drawing's words in `lang` (ja, en, or auto: as the model's names)."""
    return WORDS[language_of(graphs, lang)]


def touch_word(level: object, words: dict) -> str:
    """ハイタッチ / high touch …; an unknown level as written, a bare `touch` as the
    word for CSM touch."""
    if level is None:
        return words["touch"]
    return words["touch_levels"].get(str(level), f"{words['touch']}: {level}")


def was(old, words: dict) -> str:
    """A changed element's old values, worded in the drawing's language (prep diff's ～
    badge): `old` is ((field, old value), …) as prep.diff.union gives it, where a field
    `attr:NAME` is an attribute; never attribute syntax. A plain string passes as is."""
    if isinstance(old, str):
        return old
    return "; ".join(_was_one(field, value, words) for field, value in old)


def _was_one(field: str, value, words: dict) -> str:
    what = _attr_word(field.removeprefix("attr:"), words)
    if field in ("attr:touch", "touch"):
        if value is None:
            return words["was_not"].format(what=words["touch"])
        return words["was"].format(what=touch_word(None if value is True else value, words))
    if field == "kind":
        return words["was"].format(what=words["kinds"].get(str(value), str(value)))
    if field.startswith("attr:") and value in (None, True):  # a flag
        template = words["was_not"] if value is None else words["was"]
        return template.format(what=what)
    if isinstance(value, (list, tuple)):
        shown = "(" + ", ".join(str(v) for v in value) + ")"
    elif field == "role":
        shown = role_tag(str(value), words) or str(value)
    elif field == "stage":
        shown = stage_word(str(value), words)
    else:
        shown = words["none"] if value is None else str(value)
    return words["was_field"].format(field=what, value=shown)


def _attr_word(name: str, words: dict) -> str:
    if name in ("service", "supplemented", "kgi"):
        return words[name]
    return words["fields"].get(name, name)


def role_tag(role: str | None, words: dict) -> str | None:
    return words["roles"].get(role or "")


def stage_word(stage: str | None, words: dict) -> str:
    return words["stages"].get(stage or "asis", "AsIs")

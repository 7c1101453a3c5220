"""Every word of the workshop view's page (`prep serve`, `prep render -f html`), in
English and Japanese: the page speaks the model's language (docs/workshop.md),
`--lang` overrides. The page's script and its HTML carry English only as a fallback;
what they show comes from this one table (sent with each model's data as `words`).
`{name}` marks are filled in by the page."""

from __future__ import annotations

PAGE = {
    "en": {
        "model": "Model", "zoom_in": "Zoom in (+)", "zoom_out": "Zoom out (-)",
        "fit": "Fit", "fit_title": "Fit the drawing to the window (f)",
        "present": "Present", "leave": "Leave",
        "present_title": "Full-screen presentation mode (p; Esc leaves; arrows step)",
        "tabs": "What the drawing area shows",
        "tab_drawing": "Process", "tab_drawing_title": "The process drawing (k switches)",
        "tab_kpi": "KPI tree", "tab_kpi_title": "The KPI tree drawing, as prep kpi -f svg",
        "tab_compare": "KPI AsIs → ToBe",
        "tab_compare_title": "The AsIs and ToBe KPI trees side by side, as prep kpi --tobe",
        "tab_diff": "AsIs → ToBe", "tab_diff_title": "The diff picture, as prep diff -o diff.svg",
        "product": "Product", "findings": "Findings", "kpi_tree": "KPI tree",
        "as_list": "(as a list)", "diff": "AsIs → ToBe",
        "hover": "Hover over a product, or click it to keep it selected.",
        "kind": "kind", "actor": "actor", "parameters": "parameters", "state": "state",
        "kpis": "KPIs", "issues": "issues", "doc": "doc", "fed_by": "fed by",
        "feeds": "feeds", "sync": "sync", "defined_at": "defined at", "about": "about",
        "see": "see", "hint": "hint: ", "at": "{code} at {where}",
        "no_findings": "No findings.", "no_tree": "No tree (the model cannot be read).",
        "tree_stale": "The last good tree: the model cannot be read now.",
        "no_diff": "No differences.",
        "diff_stale": "{file} has errors: the diff of the last good versions.",
        "diff_none": "{file} has errors; no diff until they are fixed.",
        "added": "added", "removed": "removed", "changed": "changed",
        "products": "products", "externals": "externals", "actors": "actors",
        "relations": "relations", "touches": "touches",
        "errors_in": "{n} errors in {file}", "error_in": "1 error in {file}",
        "not_drawn": "The drawing could not be made",
        "last_good": " — showing the last good drawing", "nothing_yet": " — nothing to draw yet",
        "renamed": "{file} was renamed to {to} — the last drawing stays until you choose "
                   "another model",
        "deleted": "{file} was deleted or renamed — the last drawing stays until you choose "
                   "another model",
        "open": "open {file}", "gone": "{file} (gone)",
        "live": "live: the view follows every save",
        "live_empty": "live: no .prep files here yet: save one and it appears",
        "offline": "offline copy", "reconnecting": "reconnecting…",
        "cannot_load": "cannot load {file}: {error}",
        "drawing_kpi": "Drawing the KPI tree…", "drawing_diff": "Drawing the diff…",
        "no_kpi_copy": "No KPI tree drawing in this copy.",
        "kpi_of": "The KPI tree of {file} (prep kpi {file})",
        "compare_of": "AsIs {asis} beside ToBe {tobe} (prep kpi {asis} --tobe {tobe})",
        "diff_of": "AsIs {asis} → ToBe {tobe} (prep diff {asis} {tobe})",
        "stale_drawing": " — showing the last good drawing: {error}",
        "nothing": " — nothing to draw", "nothing_because": " — nothing to draw: {error}",
        "has_errors": "{file} has errors",
        "step": "{n} / {of}",
    },
    "ja": {
        "model": "モデル", "zoom_in": "拡大 (+)", "zoom_out": "縮小 (-)",
        "fit": "全体", "fit_title": "図を画面に合わせる (f)",
        "present": "発表", "leave": "戻る",
        "present_title": "全画面の発表モード (p、Esc で戻る、矢印キーで次へ)",
        "tabs": "図の領域に表示するもの",
        "tab_drawing": "プロセス", "tab_drawing_title": "プロセスの図 (k で切替)",
        "tab_kpi": "KPIツリー", "tab_kpi_title": "KPIツリーの図 (prep kpi -f svg)",
        "tab_compare": "KPI AsIs → ToBe",
        "tab_compare_title": "AsIs と ToBe の KPIツリーを並べた図 (prep kpi --tobe)",
        "tab_diff": "AsIs → ToBe", "tab_diff_title": "差分の図 (prep diff -o diff.svg)",
        "product": "成果物", "findings": "指摘", "kpi_tree": "KPIツリー",
        "as_list": "(一覧)", "diff": "AsIs → ToBe",
        "hover": "成果物にマウスを重ねるか、クリックして選択します。",
        "kind": "種類", "actor": "アクター", "parameters": "パラメータ", "state": "状態",
        "kpis": "KPI", "issues": "課題", "doc": "説明", "fed_by": "入力元",
        "feeds": "出力先", "sync": "同期", "defined_at": "定義", "about": "対象",
        "see": "参照", "hint": "ヒント: ", "at": "{code} ({where})",
        "no_findings": "指摘はありません。", "no_tree": "ツリーはありません (モデルを読めません)。",
        "tree_stale": "最後に正しく読めたときのツリーです (今はモデルを読めません)。",
        "no_diff": "差分はありません。",
        "diff_stale": "{file} にエラーがあります。最後に正しく読めた版の差分です。",
        "diff_none": "{file} にエラーがあります。直すと差分が出ます。",
        "added": "追加", "removed": "削除", "changed": "変更",
        "products": "成果物", "externals": "外部プロセス", "actors": "アクター",
        "relations": "関係", "touches": "タッチ",
        "errors_in": "{file} にエラーが {n} 件", "error_in": "{file} にエラーが 1 件",
        "not_drawn": "図を作れませんでした",
        "last_good": " — 最後に正しく描けた図を表示中", "nothing_yet": " — まだ描くものがありません",
        "renamed": "{file} は {to} に名前が変わりました — 別のモデルを選ぶまで最後の図を残します",
        "deleted": "{file} は削除または改名されました — 別のモデルを選ぶまで最後の図を残します",
        "open": "{file} を開く", "gone": "{file} (なし)",
        "live": "ライブ: 保存するたびに表示が追従します",
        "live_empty": "ライブ: .prep ファイルはまだありません。保存すると表示されます",
        "offline": "オフライン版", "reconnecting": "再接続中…",
        "cannot_load": "{file} を読み込めません: {error}",
        "drawing_kpi": "KPIツリーを描いています…", "drawing_diff": "差分を描いています…",
        "no_kpi_copy": "このファイルには KPIツリーの図がありません。",
        "kpi_of": "{file} の KPIツリー (prep kpi {file})",
        "compare_of": "AsIs {asis} と ToBe {tobe} (prep kpi {asis} --tobe {tobe})",
        "diff_of": "AsIs {asis} → ToBe {tobe} (prep diff {asis} {tobe})",
        "stale_drawing": " — 最後に正しく描けた図を表示中: {error}",
        "nothing": " — 描くものがありません", "nothing_because": " — 描けません: {error}",
        "has_errors": "{file} にエラーがあります",
        "step": "{n} / {of}",
    },
}

KINDS = {
    "en": {},
    "ja": {"product": "成果物", "milestone": "マイルストーン", "final": "最終成果物",
           "intangible": "無形成果物", "external": "外部プロセス", "goal": "目標",
           "kpi": "KPI", "kgi": "KGI", "service": "サービス", "supplemented": "補完",
           "intervention": "介入点"},
}


def page_words(graphs, lang: str = "auto") -> dict:
    """The page's words for a model: in `lang`, or with "auto" in the model's
    language (Japanese when its names are), as its drawings are."""
    from prep.notation import language_of

    try:
        chosen = language_of(graphs, lang)
    except ValueError:
        chosen = "en"
    return {"lang": chosen, **PAGE[chosen], "kinds": KINDS[chosen]}

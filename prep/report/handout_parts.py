"""The text parts of a handout (prep.report.handout): its words in Japanese and
English, the style sheet, the cover, the findings table, the intervention points
with hints, and the glossary of products. Every model text goes through esc()."""

from __future__ import annotations

import html

from prep.words import in_languages


def stage_of(pg) -> str:
    value = pg.process.attr("stage")
    return str(value).lower() if value else ""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


# The handout's words: each key's (Japanese, English).
_WORDS = {
    "title": ("PRePモデル ハンドアウト", "PReP model handout"),
    "drawing": ("プロセス図", "Process drawing"),
    "kpi": ("KPIツリー", "KPI tree"),
    "pair": ("AsIs → ToBe", "AsIs → ToBe"),
    "kpi_compare": ("KPIツリーの比較", "KPI trees compared"),
    "diff": ("差分", "Differences"),
    "findings": ("チェック結果", "Findings"),
    "interventions": ("介入点", "Intervention points"),
    "glossary": ("成果物の用語集", "Glossary of products"),
    "process": ("プロセス", "Process"),
    "stage": ("ステージ", "Stage"),
    "file": ("ファイル", "File"),
    "products": ("成果物", "Products"),
    "date": ("作成日", "Date"),
    "version": ("prep バージョン", "prep version"),
    "code": ("コード", "Code"),
    "severity": ("重要度", "Severity"),
    "place": ("場所", "Place"),
    "message": ("内容", "Message"),
    "none": ("なし", "none"),
    "kind": ("種類", "Kind"),
    "actor": ("アクター", "Actor"),
    "params": ("パラメータ", "Parameters"),
    "state": ("状態", "State"),
    "doc": ("説明", "Description"),
    "kpis": ("KPI", "KPIs"),
    "issues": ("課題", "Issues"),
    "fed": ("入力元", "Fed by"),
    "feeds": ("出力先", "Feeds"),
    "synced": ("同期", "Synced with"),
    "name": ("名前", "Name"),
    "what": ("介入点", "Point"),
    "hint": ("ヒント", "Hint"),
    "severities": {"error": ("エラー", "error"), "warning": ("警告", "warning"), "info": ("情報", "info")},
    "stages": {"asis": ("AsIs", "AsIs"), "tobe": ("ToBe", "ToBe")},
    "intangible_hint": (
        "無形成果物が同期関係にある: サービスや CSM が介入して、形のある成果物に変えられる点 ({with})",
        "An intangible product on a sync relation: a service or a CSM can intervene here and make it tangible ({with})",
    ),
    "issue_hint": (
        "課題: 原因となる成果物を特定し、ToBe でその成果物を変える",
        "An issue: find the product that causes it and change that product in the ToBe model",
    ),
    "no_findings": ("指摘はありません。", "No findings."),
    "no_points": ("介入点はありません。", "No intervention points."),
}
WORDS = in_languages(_WORDS)

STYLE = """
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo",
       "Hiragino Sans", sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 6pt; border-bottom: 1.5pt solid #1565c0; }
h2 { font-size: 13pt; margin: 0 0 6pt; color: #333; }
section { margin-bottom: 14pt; }
section.new-page { break-before: page; }
figure.drawing { margin: 0; }
figure.drawing svg, figure.drawing img { display: block; max-width: 100%; height: auto; }
table { table-layout: fixed; border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.5pt solid #bbb; padding: 2pt 4pt; text-align: left;
         vertical-align: top; }
th { background: #eef3fa; }
td.name { white-space: nowrap; font-weight: bold; }
tr { break-inside: avoid; }
dl.cover { display: grid; grid-template-columns: max-content auto; gap: 3pt 12pt; }
dl.cover dt { font-weight: bold; }
dl.cover dd { margin: 0; }
@media screen {
  body { margin: 16px auto; max-width: 1200px; }
}
"""


def _table(
    head: list[str], rows: list[list[str]], widths: tuple[int, ...], classes: dict[int, str] | None = None
) -> str:
    """A table (fixed layout: columns of `widths` per cent); cells are HTML already
    escaped."""
    classes = classes or {}
    cols = "".join(f'<col style="width: {w * 0.95:.1f}%">' for w in widths)
    top = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{classes[k]}">{cell}</td>' if k in classes else f"<td>{cell}</td>"
            for k, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def cover(models, words: dict, date: str) -> str:
    from prep import __version__

    rows = []
    for m in models:
        for pg in m.graphs:
            rows.append([esc(pg.name), esc(words["stages"].get(stage_of(pg), "—")), esc(m.path), str(len(pg.products))])
    facts = (
        f'<dl class="cover"><dt>{esc(words["date"])}</dt><dd>{esc(date)}</dd>'
        f"<dt>{esc(words['version'])}</dt><dd>{esc(__version__)}</dd></dl>"
    )
    table = _table([words["process"], words["stage"], words["file"], words["products"]], rows, (30, 10, 50, 10))
    return facts + table


def findings(models, words: dict) -> str:
    rows = []
    for m in models:
        for d in sorted(m.findings, key=lambda d: d.sort_key):
            s = d.span
            rows.append(
                [
                    esc(d.code),
                    esc(words["severities"].get(d.severity.value, d.severity.value)),
                    esc(f"{s.file}:{s.line}:{s.column}"),
                    esc(d.message),
                ]
            )
    if not rows:
        return f"<p>{esc(words['no_findings'])}</p>"
    return _table([words["code"], words["severity"], words["place"], words["message"]], rows, (8, 7, 27, 58))


def interventions(models, words: dict) -> str:
    """Intangible products on sync relations, and issues, each with a hint."""
    rows = []
    for m in models:
        for pg in m.graphs:
            for key, product in pg.products.items():
                synced = pg.synced_with(key)
                if product.kind == "intangible" and synced:
                    hint = words["intangible_hint"].format(**{"with": ", ".join(synced)})
                    rows.append([esc(pg.name), f"⚠ {esc(product.name)}", esc(product.actor), esc(hint)])
            for issue in pg.process.issues:
                on = issue.on.name if issue.on else ""
                rows.append(
                    [esc(pg.name), f"{esc(words['issues'])}: {esc(issue.text)}", esc(on), esc(words["issue_hint"])]
                )
    if not rows:
        return f"<p>{esc(words['no_points'])}</p>"
    return _table(
        [words["process"], words["what"], words["name"] + " / " + words["actor"], words["hint"]], rows, (15, 25, 15, 45)
    )


def glossary(models, words: dict) -> str:
    """Per process, a row per product: name, kind, actor, parameters, state, doc,
    KPIs, issues, what feeds it and what it feeds."""
    from prep import notation as N

    kinds = N.WORDS["ja" if words is WORDS["ja"] else "en"]["kinds"]
    parts = []
    for m in models:
        for pg in m.graphs:
            kpis: dict[str, list[str]] = {}
            for kpi in pg.process.kpis:
                target = pg.kpi_target(kpi)
                if target:
                    kpis.setdefault(target, []).append(kpi.name)
            issues: dict[str, list[str]] = {}
            for issue in pg.process.issues:
                for key in _named(pg, issue.on):
                    issues.setdefault(key, []).append(issue.text)
            rows = []
            for key in sorted(pg.products):
                p = pg.products[key]
                doc = p.attr("doc")
                rows.append(
                    [
                        esc(p.name),
                        esc(kinds.get(p.kind, p.kind)),
                        esc(p.actor),
                        esc(", ".join(p.params)),
                        esc(p.state or ""),
                        esc(doc if isinstance(doc, str) else ""),
                        esc(", ".join(kpis.get(key, []))),
                        esc("; ".join(issues.get(key, []))),
                        esc(", ".join(pg.inputs_of(key))),
                        esc(", ".join(pg.outputs_of(key) + [f"↔ {k}" for k in pg.synced_with(key)])),
                    ]
                )
            stage = words["stages"].get(stage_of(pg), "")
            parts.append(f"<h2>{esc(pg.name)}{' [' + esc(stage) + ']' if stage else ''}</h2>")
            parts.append(
                _table(
                    [
                        words["name"],
                        words["kind"],
                        words["actor"],
                        words["params"],
                        words["state"],
                        words["doc"],
                        words["kpis"],
                        words["issues"],
                        words["fed"],
                        words["feeds"],
                    ],
                    rows,
                    (16, 8, 8, 11, 5, 11, 10, 9, 10, 12),
                    {0: "name"},
                )
            )
    return "".join(parts)


def _named(pg, ref) -> list[str]:
    """The product keys a reference names (every state of a bare name)."""
    if ref is None:
        return []
    key = f"{ref.name}<{ref.state}>" if ref.state else ref.name
    if key in pg.products:
        return [key]
    return [k for k, p in pg.products.items() if p.name == ref.name]

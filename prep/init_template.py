"""The starter files that `prep init` writes: a commented model and a configuration.

Plain text with one placeholder, the process name (already written as a `.prep`
name: bare when it is an identifier, otherwise quoted)."""

from __future__ import annotations

import unicodedata

from prep import __version__
from prep.model import written_name

# The documentation of this version, online: a path in a clone means nothing after
# `pipx install`.
DOCS = f"https://github.com/prep-models/prep/blob/v{__version__}/docs"

MODEL = """\
# A starter PReP model: one process, its goal, two actors and their products.
# Edit it in your workshop, then run `prep check` after every change.
#
# PReP names products (things: a plan, an order, a forecast), never tasks:
# write `Quote`, not `Create quote`. Names may be Japanese (`見積書`); quote a
# name that has spaces or symbols: "On-time delivery 100%".
# The language: {docs}/language.md
# Every rule: `prep rule --all`; every command: `prep --help`.

process {name} [stage=asis] {{  # stage=tobe for the model with your service
  # The goal comes from the management objectives; it is the root of the KPI tree.
  goal "Every order delivered on time"

  # External processes send products into this process or receive them.
  external Customer
  external Warehouse

  # One actor (swimlane) per responsible party; its lane holds its products.
  actor Sales {{
    product    Inquiry(item, quantity)                 # an intermediate product, with parameters
    intangible CustomerInsight                         # know-how, a gut feeling: no substance
    milestone  Quote<approved>(item, price, due_date)  # a control gate, in the state <approved>
  }}
  actor Fulfilment {{
    product Stock(item, quantity)
    final   ShippingOrder(item, quantity, due_date)  # leaves the process for an external one
  }}

  # A subprocess is the part of the process up to a milestone product.
  subprocess Quoting until Quote

  # Input relations: the values of the left side go into the right side.
  Customer -> Inquiry -> Quote -> ShippingOrder -> Warehouse
  CustomerInsight -> Quote
  Quote.due_date -> ShippingOrder.due_date  # one parameter, passed on
  # A sync relation: the two sides are determined together.
  Stock <-> ShippingOrder

  # KPIs: `for` names the product measured, `under` hangs a KPI under another;
  # mark KPIs found in interviews [supplemented], those your service provides [service].
  kpi OnTimeDeliveryRate for ShippingOrder
  kpi QuoteLeadTime for Quote under OnTimeDeliveryRate

  # Issues heard in interviews, attached to the product they concern.
  issue "Quotes wait for the sales manager's approval" on Quote
}}
"""

MODEL_JA = """\
# PReP モデルのひな形: 1 つのプロセスと、そのゴール、2 つのアクター、その成果物。
# ワークショップで書き換え、変更のたびに `prep check` を実行してください。
#
# PReP では業務(タスク)ではなく成果物(計画・注文・予測などのモノ)に名前を付けます:
# 「見積を作成する」ではなく `見積`。空白や記号を含む名前は引用符で囲みます:
# "納期遵守率 100%"。言語の説明: {docs}/language.md
# 全ルール: `prep rule --all`、コマンド一覧: `prep --help`。

process {name} [stage=asis] {{  # サービス導入後のモデルは stage=tobe
  # ゴールは経営目標から。KPI ツリーの根になります。
  goal "すべての注文を納期どおりに届ける"

  # 外部プロセス: このプロセスに成果物を送る、またはここから受け取るプロセス。
  external 顧客
  external 倉庫

  # アクター(スイムレーン)は責任を持つ主体ごとに 1 つ。その成果物を中に書きます。
  actor 営業 {{
    product    引合(品目, 数量)                # 中間成果物。( ) の中はパラメータ
    intangible 顧客の勘所                      # ノウハウや肌感覚: 実体のない無形成果物
    milestone  見積<承認済>(品目, 価格, 納期)  # 管理上の節目。< > の中は状態
  }}
  actor 出荷管理 {{
    product 在庫(品目, 数量)
    final   出荷指示(品目, 数量, 納期)  # 最終成果物: 外部プロセスへ渡る
  }}

  # サブプロセス: マイルストーン成果物までの部分。
  subprocess 見積段階 until 見積

  # 入力関係: 左の値が右に入る。
  顧客 -> 引合 -> 見積 -> 出荷指示 -> 倉庫
  顧客の勘所 -> 見積
  見積.納期 -> 出荷指示.納期  # パラメータ 1 つを受け渡す
  # 同期関係: 両側が一緒に決まる。
  在庫 <-> 出荷指示

  # KPI: `for` は測る成果物、`under` は上位の KPI。インタビューで補った KPI には
  # [supplemented]、自社サービスが提供する KPI には [service] を付けます。
  kpi 納期遵守率 for 出荷指示
  kpi 見積リードタイム for 見積 under 納期遵守率

  # インタビューで聞いた課題を、関係する成果物に付けます。
  issue "見積が営業部長の承認待ちで止まる" on 見積
}}
"""

DEFAULT_NAME = {"en": "OrderHandling", "ja": "受注"}

CONFIG = """\
# prep configuration. The same keys work under [tool.prep] in pyproject.toml.
# Command-line options (--select, --ignore, --fail-on, ...) override them.
# See {docs}/configuration.md; `prep rule --all` lists the rule codes.

# Rules to check: codes or prefixes, "ALL" for every rule. Replaces the default
# set (every rule that is not opt-in).
# select = ["PREP0", "PREP1", "PREP2"]

# Rules to add to the default set, such as the opt-in ones.
extend-select = ["PREP603"]              # a final product without a KPI

# Rules not to report.
# ignore = ["PREP204", "PREP5"]

# Exit with status 1 when a finding is this severe or worse: error, warning, info.
fail-on = "warning"

# Files and folders not to check (glob patterns, relative to this file).
# exclude = ["drafts/", "*.old.prep"]

# Change the severity of a rule.
# [severity]
# PREP205 = "error"
"""

CONFIG_JA = """\
# prep の設定。pyproject.toml の [tool.prep] にも同じキーが書けます。
# コマンドラインのオプション(--select, --ignore, --fail-on など)が優先します。
# 説明: {docs}/configuration.md
# ルールの番号は `prep rule --all` で一覧できます。

# 検査するルール: 番号か接頭辞。"ALL" ですべて。既定の集合(opt-in 以外のすべて)を
# 置き換えます。
# select = ["PREP0", "PREP1", "PREP2"]

# 既定の集合に加えるルール(opt-in のルールなど)。
extend-select = ["PREP603"]              # KPI のない最終成果物

# 報告しないルール。
# ignore = ["PREP204", "PREP5"]

# この重さ以上の指摘があれば終了コード 1: error, warning, info。
fail-on = "warning"

# 検査しないファイルとフォルダ(このファイルからの相対パターン)。
# exclude = ["drafts/", "*.old.prep"]

# ルールの重さを変える。
# [severity]
# PREP205 = "error"
"""

NEXT_STEPS = {
    "en": """\
Created {model} and {config}.
Next steps:
  prep check {model}    # check it (it is clean)
  prep render {model} -o {drawing}    # draw it
  prep kpi {model}    # its KPI tree
  The tutorial shows how to model your customer's process: {docs}/tutorial.md
  `prep rule --all` lists the rules, `prep --help` the commands.""",
    "ja": """\
{model} と {config} を作りました。
次の手順:
  prep check {model}    # 検査する(このままなら指摘なし)
  prep render {model} -o {drawing}    # 図にする
  prep kpi {model}    # KPI ツリー
  お客様のプロセスのモデル化はチュートリアルで: {docs}/tutorial.md
  ルールの一覧は `prep rule --all`、コマンドの一覧は `prep --help`。""",
}


def prep_name(name: str) -> str:
    """`name` as written in a `.prep` file: bare when it can be, else quoted."""
    return written_name(unicodedata.normalize("NFC", name))


def model_text(process_name: str, lang: str = "en") -> str:
    """The starter model, its comments and names in `lang` (en or ja)."""
    return (MODEL_JA if lang == "ja" else MODEL).format(name=prep_name(process_name), docs=DOCS)


def config_text(lang: str = "en") -> str:
    """The starter prep.toml, its comments in `lang` (en or ja)."""
    return (CONFIG_JA if lang == "ja" else CONFIG).format(docs=DOCS)


def next_steps(model: str, config: str, drawing: str, lang: str = "en") -> str:
    """What `prep init` prints after writing the files."""
    return NEXT_STEPS["ja" if lang == "ja" else "en"].format(model=model, config=config, drawing=drawing, docs=DOCS)

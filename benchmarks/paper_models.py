"""Realistic "paper-like" PReP models of the size a workshop ends with, for the layout
benchmarks and tests (docs/notation.md).

    python benchmarks/paper_models.py 7 > m.prep        # the model of seed 7
    python -c "from benchmarks.paper_models import paper_model; print(paper_model(3))"

Each model is one ToBe process of 15–40 products in 3–6 lanes: customer roles, one
CSM lane and one service lane. A main chain of 8–12 input steps runs back and forth
between the lanes (data → the service's data → the CSM's suggestion → … → the final
product); side inputs feed the chain, some products fan out, a few pairs are decided
together (sync), the CSM touches the customer's products (high / low / tech touch),
and two or three subprocesses end at milestones on the chain; because a late
subprocess may reach back to a first-column product, their columns overlap. Even
seeds give Japanese names, odd seeds English. The same seed gives the same text.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass

JA_ACTORS = ["本部", "店長", "店舗スタッフ", "物流センター", "商品部"]
EN_ACTORS = ["HeadOffice", "StoreManager", "FloorStaff", "Warehouse", "Buying"]
JA_WORDS = [
    "販売計画",
    "販促計画",
    "週次計画",
    "日次目標",
    "接客指示",
    "陳列案",
    "発注案",
    "在庫表",
    "シフト表",
    "売場報告",
    "施策案",
    "予算",
    "需要予測",
    "商品リスト",
    "作業指示",
    "点検記録",
    "顧客名簿",
    "来店予約",
    "売上速報",
    "棚割表",
    "値引き案",
    "納品予定",
    "補充指示",
    "教育資料",
    "品質記録",
    "配送計画",
    "月次報告",
    "商談メモ",
    "販売実績",
    "天気予報",
    "会議資料",
    "承認記録",
    "改善提案",
    "問合せ記録",
    "価格表",
    "人員計画",
    "催事計画",
    "店舗評価",
    "返品記録",
    "顧客の声",
]
EN_WORDS = [
    "SalesPlan",
    "Promotion",
    "WeeklyPlan",
    "DailyTarget",
    "Instructions",
    "DisplayPlan",
    "OrderDraft",
    "StockList",
    "Roster",
    "FloorReport",
    "Measures",
    "Budget",
    "Forecast",
    "ItemList",
    "WorkOrder",
    "Inspection",
    "CustomerList",
    "Bookings",
    "FlashSales",
    "Planogram",
    "Markdown",
    "DeliverySchedule",
    "Replenishment",
    "Training",
    "QualityLog",
    "Routes",
    "MonthlyReport",
    "MeetingNotes",
    "SalesResults",
    "Weather",
    "Agenda",
    "Approval",
    "Improvement",
    "Enquiries",
    "PriceList",
    "Staffing",
    "EventPlan",
    "StoreReview",
    "Returns",
    "Feedback",
]
TOUCH = ["high", "low", "tech"]
PARAMS = {
    True: ["", "(週, 数量)", "(店舗)", "(日, 売上, 客数)"],
    False: ["", "(week, quantity)", "(store)", "(day, sales, visitors)"],
}


def paper_model(seed: int, size: int | None = None) -> str:
    """The model of `seed` (15–40 products, or `size`)."""
    rnd = random.Random(seed)
    ja = seed % 2 == 0
    words = list(JA_WORDS if ja else EN_WORDS)
    rnd.shuffle(words)
    n = size or rnd.randint(15, 40)
    customers = (JA_ACTORS if ja else EN_ACTORS)[: rnd.randint(2, 4)]
    service = "分析サービス" if ja else "AnalyticsService"
    csm = "CSM"
    lanes = customers + [csm, service]
    rnd.shuffle(lanes)
    for special in (service, csm):  # the support roles below the customer's lanes
        if rnd.random() < 0.7:
            lanes.remove(special)
            lanes.append(special)
    data = "実績データ" if ja else "MeasuredData"
    advice = "CSMの示唆" if ja else "CsmAdvice"
    final = "日次実績" if ja else "DailyResults"
    names = [data, advice] + words[: n - 3] + [final]
    lane_of = {data: service, advice: csm, final: customers[-1]}
    for k in names[2:-1]:
        lane_of[k] = rnd.choice(customers + [csm] * (len(customers) > 2) + [service] * (rnd.random() < 0.2))
    # the main chain: back and forth between lanes, 8-12 steps
    steps = min(rnd.randint(8, 12), n - 1)
    middle = [k for k in names[2:-1]]
    rnd.shuffle(middle)
    chain = [data, advice] + middle[: steps - 2] + [final]
    rest = middle[steps - 2 :]
    inputs: list[tuple[str, str]] = list(zip(chain, chain[1:]))
    position = {k: i for i, k in enumerate(chain)}
    rest.sort(key=names.index)
    for k in rest:  # side inputs into the chain, or fans out of it
        at = rnd.randrange(1, len(chain) - 1)
        if rnd.random() < 0.6:
            inputs.append((k, chain[at + rnd.randint(0, 1)]))
        else:
            inputs.append((chain[at - 1], k))
            inputs.append((k, chain[min(len(chain) - 1, at + rnd.randint(1, 3))]))
        position[k] = at
    for _ in range(n // 8):  # products fanning out to several later ones
        a = rnd.choice(chain[:-3])
        b = rnd.choice(chain[position[a] + 2 :])
        if (a, b) not in inputs:
            inputs.append((a, b))
    touches = []
    customer_keys = [k for k in names if lane_of[k] in customers and k != final]
    fed = {b for a, b in inputs if a == advice}
    targets = [k for k in customer_keys if position.get(k, 0) >= 2 and k not in fed]
    for level, target in zip(TOUCH[: rnd.randint(2, 3)], rnd.sample(targets, len(targets))):
        touches.append((advice, target, level))
    milestones = sorted({chain[i] for i in rnd.sample(range(3, len(chain) - 1), rnd.randint(2, 3))}, key=position.get)
    syncs = []
    for _ in range(rnd.randint(1, 2)):
        a, b = rnd.sample([k for k in rest + chain[2:-1] if k not in milestones], 2)
        syncs.append((a, b))
    intangible = {advice} | {k for k, _ in syncs[:1] if k not in chain}
    model = _Model(
        seed, ja, lanes, csm, service, names, lane_of, chain, inputs, touches, milestones, syncs, intangible, final
    )
    return _text(model, position, rnd)


def _members(chain, names, milestones, position, rnd) -> list[list[str]]:
    """Each subprocess's listed members: the products placed up to its milestone after
    the one before; the last one may claim a first-column product too (the columns of
    the two subprocesses overlap)."""
    ends = [position[m] for m in milestones]
    out: list[list[str]] = [[] for _ in milestones]
    for k in names:
        if k in milestones or k == chain[-1]:
            continue
        at = position[k]
        for i, end in enumerate(ends):
            if at <= end and (i == 0 or at > ends[i - 1]):
                out[i].append(k)
    early = [k for k in out[0] if position[k] == 0 or k == chain[0]]
    if len(out) > 1 and early and rnd.random() < 0.5:
        out[0].remove(early[-1])
        out[-1].append(early[-1])
    return out


@dataclass
class _Model:
    """The parts of a generated model that its text is written from."""

    seed: int
    ja: bool  # Japanese names (even seeds), else English
    lanes: list[str]  # the actors, top to bottom
    csm: str
    service: str
    names: list[str]  # every product, in the order of definition
    lane_of: dict[str, str]  # product -> its actor
    chain: list[str]  # the main chain of inputs, first to final
    inputs: list[tuple[str, str]]
    touches: list[tuple[str, str, str]]  # (CSM's product, customer's product, level)
    milestones: list[str]
    syncs: list[tuple[str, str]]
    intangible: set[str]
    final: str


def _text(model: _Model, position: dict[str, int], rnd) -> str:
    source = "基幹システム" if model.ja else "PosSystem"
    sink = "店舗運営" if model.ja else "StoreOperations"
    title = "販売計画と店舗運営" if model.ja else "PlanningAndOperations"
    out = [
        f"# a paper-like model generated by benchmarks/paper_models.py (seed {model.seed})",
        f"process {title} [stage=tobe] {{",
        f'  goal "{"日次の販売目標の達成" if model.ja else "Daily sales targets met"}"',
        f"  external {source}",
        f"  external {sink}",
    ]
    for lane in [x for x in model.lanes if x in model.lane_of.values()]:
        role = " [role=csm]" if lane == model.csm else " [role=service]" if lane == model.service else ""
        out.append(f"  actor {lane}{role} {{")
        for k in model.names:
            if model.lane_of[k] != lane:
                continue
            kind = (
                "final"
                if k == model.final
                else "milestone"
                if k in model.milestones
                else "intangible"
                if k in model.intangible
                else "product"
            )
            params = "" if kind == "intangible" else rnd.choice(PARAMS[model.ja])
            out.append(f"    {kind} {k}{params}")
        out.append("  }")
    out.append(f"  {source} -> {model.chain[0]}")
    out += [f"  {a} -> {b}" for a, b in model.inputs]
    out += [f"  {a} -> {b} [touch={level}]" for a, b, level in model.touches]
    out += [f"  {a} <-> {b}" for a, b in model.syncs]
    out.append(f"  {model.final} -> {sink}")
    members = _members(model.chain, model.names, model.milestones, position, rnd)
    for i, milestone in enumerate(model.milestones):
        listed = ", ".join(members[i] or [milestone])
        out.append(f"  subprocess {('段階' if model.ja else 'Stage')}{i + 1} until {milestone} {{ {listed} }}")
    out.append(f"  kpi {'売上達成率' if model.ja else 'SalesAttainment'} [kgi]")
    out.append(f"  kpi {'日次売上' if model.ja else 'DailySales'} for {model.final}")
    out.append(
        f"  kpi {'客単価' if model.ja else 'SpendPerHead'} under {'日次売上' if model.ja else 'DailySales'} [service]"
    )
    out.append(f"  kpi {'提案採用率' if model.ja else 'AdviceUptake'} for {model.chain[2]} [service]")
    out.append("}")
    return "\n".join(out) + "\n"


def paper_models(count: int = 24) -> list[tuple[str, str]]:
    """(label, text) of the models of seeds 1..count."""
    return [(f"paper-like {seed}", paper_model(seed)) for seed in range(1, count + 1)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seed", nargs="?", type=int, default=1, help="which model (default 1)")
    sys.stdout.write(paper_model(parser.parse_args().seed))

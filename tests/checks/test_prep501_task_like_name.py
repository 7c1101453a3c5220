import pytest

from conftest import check
from rulecase import only

MODEL = """
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product %s
    final   受注確認
  }
  顧客 -> %s -> 受注確認 -> 倉庫
}
"""


def model(name):
    return MODEL % (name, name)


def test_opt_in_not_reported_by_default():
    assert check(model("見積を作成する")) == []


def test_reported_with_extend_select():
    d = only(check(model("見積を作成する"), extend_select=["PREP501"]), "PREP501", 7, "warning")
    assert d.message == "product `見積を作成する` is named like a task: it ends in `する`"
    assert d.hint == "name the result of the work, not the work, for example `見積`"


@pytest.mark.parametrize(
    "name, suggestion",
    [
        ("見積を作成する", "見積"),
        ("在庫を確認すること", "在庫"),
        ("検査を行う", "検査"),
        ("検査を行うこと", "検査"),
        ("出荷する", "出荷"),
        ('"Send invoice"', "Invoice"),
        ('"Create weekly plan"', "Weekly plan"),
        ('"Analyse sales"', "Sales"),
        ("在庫を確認", "在庫"),
        ("見積書を送付", "見積書"),
        ("send_invoice", "Invoice"),
        ("calculatePrice", "Price"),
        ('"CREATE plan"', "Plan"),
    ],
)
def test_task_like_names(name, suggestion):
    (d,) = check(model(name), select=["PREP501"])
    assert d.code == "PREP501"
    assert d.hint.endswith(f"`{suggestion}`")


@pytest.mark.parametrize(
    "name",
    [
        "見積",
        "見積<作成済>",
        "販売計画",
        "スルー率",
        '"Plan review"',
        '"Order list"',
        '"Process map"',
        '"Issue log"',
        '"Report"',
        '"Checklist"',
        "Check",
        '"Created orders"',
        "sales_plan",
        '"Check stock"',
        '"Review notes"',
        '"Update log"',
        "register_entry",
        "在庫の確認",
        "見積作成",
        '"Send"',
    ],
)
def test_product_names_are_clean(name):
    assert check(model(name), select=["PREP501"]) == []

from conftest import check, codes
from rulecase import RECEIVER, SALES, only

SENDER = SALES.but(
    products=("product 引合(品目)", "%s 受注確定(品目, 数量)", "final 請求書(金額)"),
    flow=(*SALES.flow, "引合 -> 請求書 -> 顧客"),
).text()


def test_receiver_without_external_for_sender():
    d = only(check(SENDER % "final", others={"seisan.prep": RECEIVER % ("販売部", "販売部")}), "PREP220", 11, "warning")
    assert d.message == "`受注確定` goes to process `生産`, which declares no `external 営業`"
    assert "`external 営業`" in d.hint
    (r,) = d.related
    assert (r.span.file, r.span.line) == ("seisan.prep", 2)


def test_receiver_declaring_sender_is_clean():
    assert check(SENDER % "final", others={"seisan.prep": RECEIVER % ("営業", "営業")}) == []


def test_finding_stays_in_the_sender_file():
    found = check(RECEIVER % ("販売部", "販売部"), path="seisan.prep", others={"eigyo.prep": SENDER % "final"})
    assert found == []


def test_receiver_not_in_the_run():
    assert check(SENDER % "final") == []


def test_only_final_products():
    found = check(SENDER % "product", select=["PREP220"], others={"seisan.prep": RECEIVER % ("販売部", "販売部")})
    assert found == []


def test_both_processes_in_one_file():
    found = check(SENDER % "final" + RECEIVER % ("販売部", "販売部"))
    assert codes(found) == [("PREP220", 11)]


def test_not_selected():
    found = check(SENDER % "final", ignore=["PREP220"], others={"seisan.prep": RECEIVER % ("販売部", "販売部")})
    assert found == []

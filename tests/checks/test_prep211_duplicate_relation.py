from conftest import check, codes
from rulecase import APPLICATION, MAKING, only

MODEL = MAKING.but(
    products=(MAKING.products[0], "product 調達計画(部品, 数量)", MAKING.products[1]),
    flow=("販売計画部 -> 生産計画 -> 調達計画 -> 出荷 -> 営業",),
).text("%s", "%s")


def dup(first, second="", **kw):
    return codes(check(MODEL % (first, second), select=["PREP211"], **kw))


def test_second_writing_is_reported():
    d = only(check(MODEL % ("調達計画 -> 出荷", "")), "PREP211", 12, "warning")
    assert d.message == "the relation `調達計画 -> 出荷` is written twice"
    assert [r.span.line for r in d.related] == [11]


def test_written_once_is_clean():
    assert check(MODEL % ("", "")) == []


def test_sync_relations_are_unordered():
    assert dup("生産計画 <-> 調達計画", "調達計画 <-> 生産計画") == [("PREP211", 13)]


def test_sync_and_input_differ():
    assert dup("生産計画 <-> 出荷") == []


def test_input_relations_are_ordered():
    # `出荷 -> 調達計画` is another relation (and a cycle, PREP203, not selected here)
    assert dup("出荷 -> 調達計画") == []


def test_parameters_distinguish_relations():
    assert dup("生産計画.品目 -> 出荷.品目", "生産計画.数量 -> 出荷.数量") == []
    assert dup("生産計画.品目 -> 出荷.品目", "生産計画.品目 -> 出荷.品目") == [("PREP211", 13)]
    # a whole-product relation and a parameter relation differ
    assert dup("生産計画 -> 出荷", "生産計画.品目 -> 出荷.品目") == []


def test_sync_with_parameters_unordered():
    assert dup("生産計画.品目 <-> 出荷.品目", "出荷.品目 <-> 生産計画.品目") == [("PREP211", 13)]
    assert dup("生産計画.品目 <-> 出荷.数量", "出荷.品目 <-> 生産計画.数量") == []


def test_attributes_do_not_distinguish_relations():
    assert dup("生産計画 -> 出荷 [doc=a]", "生産計画 -> 出荷 [doc=b]") == [("PREP211", 13)]


def test_lists_count_relation_by_relation():
    assert dup("生産計画, 調達計画 -> 出荷") == [("PREP211", 12)]


def test_three_writings_two_findings_pointing_at_the_first():
    found = check(MODEL % ("調達計画 -> 出荷", "調達計画 -> 出荷"), select=["PREP211"])
    assert codes(found) == [("PREP211", 12), ("PREP211", 13)]
    assert all([r.span.line for r in d.related] == [11] for d in found)


def test_states_distinguish_relations():
    found = check(APPLICATION.text("申込<提出された> -> 契約案内"), select=["PREP211"])
    assert found == []

from conftest import check, codes
from rulecase import ORDER, only

MODEL = ORDER.but(actors=("actor 品質保証 [role=vendor] {%s}",)).text()


def test_empty_actor_at_actor():
    d = only(check(MODEL % ""), "PREP209", 10, "warning")
    assert d.message == "actor `品質保証` has no products"
    assert d.hint == "put the products this actor is responsible for in its lane, or remove it"


def test_empty_actor_over_several_lines():
    assert codes(check(MODEL % "\n  ")) == [("PREP209", 10)]


def test_actor_with_products_is_clean():
    found = check(MODEL % "\n    product 検査記録\n  ", select=["PREP209"])
    assert found == []

from conftest import check, codes


def test_second_product_definition_is_reported_with_the_first_as_related():
    found = check("""
        process P {
          goal G
          external X
          external Y
          actor A { product a  final f }
          actor B { product a }
          X -> a -> f -> Y
        }
        """)
    (d,) = [d for d in found if d.code == "PREP102"]
    assert d.span.line == 7
    assert d.related[0].span.line == 6


def test_same_name_in_two_states_is_two_products():
    found = check("""
        process P {
          goal G
          external X
          external Y
          actor A { product a<x>  product a<y>  final f }
          X -> a<x> -> a<y> -> f -> Y
        }
        """)
    assert found == []


def test_duplicate_actor_external_process_and_product_external_clash():
    found = check(
        """
        process P {
          external X
          external X
          external a
          actor A { product a }
          actor A { }
        }
        process P {}
        """,
        select=["PREP102"],
    )
    assert codes(found) == [("PREP102", 4), ("PREP102", 5), ("PREP102", 7), ("PREP102", 9)]

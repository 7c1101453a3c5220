"""PREP001 through the checker (the parser's own tests are in tests/test_parser.py)."""

from conftest import check, codes


def test_syntax_error_is_the_only_finding_of_its_file():
    found = check("""
        process P {
          actor A { product a }
          a -> -> b
        }
        """)
    assert codes(found) == [("PREP001", 4)]
    assert found[0].message == "expected a product name after `->`, found `->`"
    assert found[0].hint


def test_clean_file_has_no_syntax_error():
    assert check("process P {}\n", select=["PREP001"]) == []


def test_prep001_can_be_ignored_but_then_nothing_else_is_reported():
    assert check("process P { a -> -> }\n", ignore=["PREP001"]) == []

"""PREP002: unreadable, non-UTF-8 or binary files."""

from prep.checks.runner import check_file_model
from prep.parser import parse_bytes, parse_file


def findings(data: bytes):
    parsed = parse_bytes(data, "m.prep")
    return check_file_model("m.prep", parsed, frozenset({"PREP002", "PREP204"})).diagnostics


def test_shift_jis_file_is_prep002_at_line_1_column_1():
    (d,) = findings("# 営業\nprocess 受注 {}\n".encode("shift_jis"))
    assert (d.code, d.span.line, d.span.column) == ("PREP002", 1, 1)
    assert "UTF-8" in d.message and "iconv" in d.hint


def test_binary_file_is_prep002():
    (d,) = findings(b"\x00\x01\x02")
    assert d.code == "PREP002"


def test_missing_file_is_prep002(tmp_path):
    result = parse_file(tmp_path / "gone.prep", "gone.prep")
    (d,) = result.diagnostics
    assert d.code == "PREP002" and "cannot be read" in d.message


def test_utf8_with_bom_is_fine():
    assert findings("\ufeffprocess P {}\n".encode("utf-8")) == []

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


def test_a_nul_byte_names_its_line_from_a_file_and_from_text():
    from conftest import check

    data = "process P {}\n# ok\n# bad \x00 here\n"
    (from_bytes,) = findings(data.encode())
    (from_text,) = check(data)
    for d in (from_bytes, from_text):
        assert (d.code, d.span.line, d.span.column) == ("PREP002", 1, 1)
        assert d.message == "the file is binary, not a text model (a NUL byte on line 3)"
        assert d.hint == "`prep` reads `.prep` text files saved as UTF-8"


def test_utf16_and_utf32_are_prep002_naming_the_encoding():
    text = "process 受注 {}\n"
    messages = [
        findings(text.encode(encoding))[0].message for encoding in ("utf-16", "utf-32", "utf-16-le", "utf-16-be")
    ]
    assert messages == [
        "the file is UTF-16 text, not UTF-8 (its byte order mark on line 1)",
        "the file is UTF-32 text, not UTF-8 (its byte order mark on line 1)",
        "the file is UTF-16 or UTF-32 text, not UTF-8 (a NUL byte on line 1)",
        "the file is UTF-16 or UTF-32 text, not UTF-8 (a NUL byte on line 1)",
    ]
    (d,) = findings(text.encode("utf-16"))
    assert d.hint == "save the file as UTF-8 (for example, convert it with `iconv -f UTF-16 -t UTF-8`)"

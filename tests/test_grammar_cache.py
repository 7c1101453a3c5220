"""The compiled-grammar cache: JSON only, only from a folder and file the user alone
can write; anything else is ignored and the tables are built again."""

from __future__ import annotations

import os
import pickle

import pytest

from prep.parser import grammar


class Boom:
    """Unpickling this creates a marker file: proof that a planted pickle ran code."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def fresh_parser():
    return grammar.lark_parser.__wrapped__()


def planted(folder, marker) -> None:
    """A pickle under the name the cache would use, and lark's own temp-file names."""
    os.makedirs(folder, exist_ok=True)
    name = grammar._cache_name(grammar.grammar_text())
    with open(os.path.join(folder, name), "wb") as handle:
        pickle.dump(Boom(str(marker)), handle)


@pytest.fixture
def loads(monkeypatch):
    """Records every cache file that gets decoded."""
    seen = []
    real = grammar._load

    def spy(data, transformer):
        seen.append(data)
        return real(data, transformer)

    monkeypatch.setattr(grammar, "_load", spy)
    return seen


def parses(parser) -> None:
    (process,) = parser.parse("process P { goal G }")
    assert process.name == "P" and process.goals[0].text == "G"


def test_cache_is_written_as_json_in_a_private_folder_and_used(tmp_path, monkeypatch, loads):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parses(fresh_parser())
    folder = tmp_path / "prep"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    (cached,) = folder.iterdir()
    assert cached.suffix == ".json" and cached.read_bytes().startswith(b"{")
    assert oct(cached.stat().st_mode & 0o077) == "0o0"
    fresh_parser()
    assert len(loads) == 1


def test_planted_file_in_a_world_writable_folder_is_never_loaded(tmp_path, monkeypatch, loads):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "prep").mkdir()
    os.chmod(shared / "prep", 0o777)
    planted(shared / "prep", tmp_path / "ran")
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    fresh_parser()
    assert loads == []
    assert not (tmp_path / "ran").exists()


def test_group_or_world_writable_file_is_not_loaded(tmp_path, monkeypatch, loads):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh_parser()
    (cached,) = (tmp_path / "prep").iterdir()
    os.chmod(cached, 0o666)
    fresh_parser()
    assert loads == []


def test_file_of_another_owner_is_not_loaded(tmp_path, monkeypatch, loads):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh_parser()
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)
    fresh_parser()
    assert loads == []


def test_symbolic_links_are_refused(tmp_path, monkeypatch, loads):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a"))
    fresh_parser()
    (cached,) = (tmp_path / "a" / "prep").iterdir()
    # the file as a link
    (tmp_path / "b" / "prep").mkdir(parents=True, mode=0o700)
    os.symlink(cached, tmp_path / "b" / "prep" / cached.name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    fresh_parser()
    # the folder as a link
    (tmp_path / "c").mkdir()
    os.symlink(tmp_path / "a" / "prep", tmp_path / "c" / "prep")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    fresh_parser()
    assert loads == []


def test_a_pickle_in_the_private_cache_is_not_unpickled(tmp_path, monkeypatch):
    folder = tmp_path / "prep"
    folder.mkdir(mode=0o700)
    planted(folder, tmp_path / "ran")
    os.chmod(next(folder.iterdir()), 0o600)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parses(fresh_parser())
    assert not (tmp_path / "ran").exists()
    # the damaged file was replaced by a good one
    assert next(folder.iterdir()).read_bytes().startswith(b"{")


@pytest.mark.parametrize("damage", [b"", b"{", b'{"data": 1}', b"\xff\xfe", b"[]"])
def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh_parser()
    (cached,) = (tmp_path / "prep").iterdir()
    cached.write_bytes(damage)
    parses(fresh_parser())
    assert cached.read_bytes().startswith(b'{"data"')


def test_lark_is_never_asked_to_cache(tmp_path, monkeypatch):
    """lark's own cache falls back to a predictable file in the shared temp folder."""
    import lark

    calls = []
    real = lark.Lark.__init__

    def spy(self, *args, **kwargs):
        calls.append(kwargs)
        real(self, *args, **kwargs)

    monkeypatch.setattr(lark.Lark, "__init__", spy)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    parses(fresh_parser())
    assert calls and all(not kw.get("cache") for kw in calls)

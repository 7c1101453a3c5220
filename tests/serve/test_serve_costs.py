"""What one model may cost `prep serve` (issue 23, item 14): a size limit with a clear
finding, one lock per model (a slow model holds up no other), a listing that does not
check ten thousand models before it answers, a bounded memory of checked models."""

from __future__ import annotations

import threading

import pytest

import prep.serve.files as files
from prep.serve.files import Models

MODEL = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  F -> X\n}\n"


@pytest.fixture
def folder(tmp_path):
    for name in ("a.prep", "b.prep", "c.prep"):
        (tmp_path / name).write_text(MODEL.replace("P {", f"{name[0].upper()} {{"), "utf-8")
    return tmp_path


def test_a_model_over_the_limit_is_one_finding_not_parsed(folder, monkeypatch):
    monkeypatch.setattr(files, "MAX_MODEL_BYTES", 50)
    import json

    data = json.loads(Models(folder).view_json("a.prep"))
    assert [f["message"] for f in data["findings"]] == ["the file is 0.0 MiB, larger than the 0 MiB prep serve shows"]
    assert data["svg"] is None and data["ok"] is False


def test_the_listing_answers_within_its_time_and_fills_in_later(folder, monkeypatch):
    monkeypatch.setattr(files, "LISTING_SECONDS", 0.0)
    models = Models(folder)
    listed = models.models()
    assert [m["path"] for m in listed] == ["a.prep", "b.prep", "c.prep"]
    assert [m["errors"] for m in listed] == [None, None, None]  # no time to check
    models.view_json("b.prep")  # opened: now known
    assert models.models()[1]["errors"] == 0
    monkeypatch.setattr(files, "LISTING_SECONDS", 60.0)
    assert [m["errors"] for m in models.models()] == [0, 0, 0]


def test_a_slow_model_does_not_hold_up_another(folder, monkeypatch):
    import prep.serve.data as data

    real = data.check_one
    entered, release = threading.Event(), threading.Event()

    def slow(path, display):
        if display == "a.prep":
            entered.set()
            release.wait(60)
        return real(path, display)

    monkeypatch.setattr(data, "check_one", slow)
    models = Models(folder)
    worker = threading.Thread(target=models.view_json, args=("a.prep",))
    worker.start()
    assert entered.wait(60)
    try:
        assert b'"ok":true' in models.view_json("b.prep")  # answered while a.prep waits
    finally:
        release.set()
        worker.join(60)


def test_only_so_many_checked_models_are_kept(folder, monkeypatch):
    monkeypatch.setattr(files, "KEEP_CHECKED", 2)
    models = Models(folder)
    for name in ("a.prep", "b.prep", "c.prep"):
        models.view_json(name)
    assert list(models._checked) == ["b.prep", "c.prep"]

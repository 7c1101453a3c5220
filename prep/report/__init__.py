"""Output formats for `prep check`: one module per format, each with `render(result, …) -> str`."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, result, **options) -> str:
    import importlib

    module = importlib.import_module(f"prep.report.{fmt}_format")
    return module.render(result, **options)

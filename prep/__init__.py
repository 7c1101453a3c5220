"""prep: a toolkit for PReP models (Products Relationship Process), compatible with
the notation. Models are `.prep` text files; `prep check` verifies them, `prep
render` draws them, `prep kpi` derives KPI trees and `prep diff` compares AsIs with
ToBe."""

__version__ = "0.3.0"

_API = ("load", "Model", "Kpi", "Diff", "PrepError")


def __getattr__(name: str):
    """`prep.load` and friends (prep/api.py), imported on first use: `import prep`
    (and so `prep --help`) stays fast."""
    if name in _API:
        from prep import api

        return getattr(api, name)
    raise AttributeError(f"module 'prep' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_API])

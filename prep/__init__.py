"""prep: a toolkit for PReP models (Products Relationship Process), compatible with
the notation. Models are `.prep` text files; `prep check` verifies them, `prep
render` draws them, `prep kpi` derives KPI trees and `prep diff` compares AsIs with
ToBe."""

__version__ = "0.2.0"

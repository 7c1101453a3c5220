"""Everything checked in one run, for rules that look across processes (PREP220)."""

from __future__ import annotations

from dataclasses import dataclass

from prep.graph import ProcessGraph


@dataclass
class Workspace:
    graphs: list[ProcessGraph]

    def processes_named(self, name: str) -> list[ProcessGraph]:
        return [g for g in self.graphs if g.name == name]

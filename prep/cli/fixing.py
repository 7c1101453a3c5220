"""`prep check --fix / --diff`: mend the files, then let `check` report what remains."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prep.cli.common import console
from prep.i18n import _, _n

BOM = "\ufeff"


@dataclass
class FixOutcome:
    texts: dict[str, str]  # the fixed text of in-memory files (stdin)
    diff: str = ""
    fixed: int = 0
    files: list[str] = field(default_factory=list)

    def say(self) -> None:
        """One plain line on stderr: how many findings were fixed where."""
        if not self.fixed:
            return
        n, f = self.fixed, len(self.files)
        findings = _n("{count} finding", "{count} findings", n)
        files = _n("{count} file", "{count} files", f)
        console(stderr=True).print(_("Fixed {findings} in {files}.", findings=findings, files=files), markup=False)


def fix_files(
    files: list[tuple[Path, str]], texts: dict[str, str], options_for, unsafe: bool, diff_only: bool
) -> FixOutcome:
    from prep.checks.fixes import fix_text, unified_diff
    from prep.checks.runner import findings_for
    from prep.parser import decode

    outcome = FixOutcome(dict(texts))
    diffs = []
    for path, name in files:
        if name in texts:
            before, bom = texts[name], ""
        else:
            try:
                data = path.read_bytes()
            except OSError:
                continue  # `check` reports it as PREP002
            before = decode(data, name)
            if not isinstance(before, str):
                continue
            bom = BOM if data.startswith(BOM.encode()) else ""
        opts = options_for(path)
        fixed = fix_text(before, lambda text: findings_for(text, name, opts), unsafe)
        if not fixed.changed:
            continue
        outcome.fixed += len(fixed.applied)
        outcome.files.append(name)
        if diff_only:
            diffs.append(unified_diff(before, fixed.text, name))
        elif name in texts:
            outcome.texts[name] = fixed.text
        else:
            from prep.cli.output import rewrite_or_fail

            rewrite_or_fail(path, (bom + fixed.text).encode("utf-8"))
    outcome.diff = "".join(diffs)
    return outcome

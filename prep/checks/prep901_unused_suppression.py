"""A suppression comment that silences nothing.

What it does: reports a `# prep: ignore[...]`, `# prep: ignore` or
`# prep: ignore-file[...]` comment that did not silence any finding in this run,
and a code inside one that silenced nothing. It is an info finding: it never
fails a run unless `--fail-on info` is given. It is only reported for codes that
were selected in the run (a suppression of a rule that was not run is not
judged).

Why: suppressions outlive the problems they silenced. A stale one hides the
next real finding on that line, and misleads a reviewer into thinking the
line still has a problem.

How to fix: remove the comment, or the codes in it that no longer apply.

Example:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼  # prep: ignore[PREP204]
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```

Use instead:
```prep
process 受注 {
  goal 納期遵守率
  external 顧客
  external 倉庫
  actor 営業部 {
    product 見積依頼
    final   出荷指示
  }
  顧客 -> 見積依頼 -> 出荷指示 -> 倉庫
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import UNUSED_SUPPRESSION

RULE = reported_elsewhere(UNUSED_SUPPRESSION, name="unused-suppression", scope="meta", module=__name__)

"""Syntax error: the text is not a `.prep` model.

What it does: reports where the parser stopped understanding the file, what it
found there and what it expected instead, for example "expected a product name
after `->`, found `->`". After an error the parser skips to the next line it can
make sense of, so several mistakes in one file are reported in one run.

Why: a model that does not parse cannot be checked, drawn or turned into a KPI
tree; a file with a syntax error gets no other findings.

How to fix: look at the line and column given; the hint names the usual cause.
Names that start with a digit or contain spaces or symbols (`%`, `-`, `/`) must be
double-quoted: `"1日あたり出荷件数"`, `"Weekly plan"`. Keywords (`process`, `goal`,
`final`, ...) are reserved: quote them to use them as names. A name holding an
invisible character (a zero-width space U+200B, a direction mark or override such as
U+202E, a word joiner, a BOM U+FEFF) is a syntax error too: it would make two names
that look alike differ, or turn the text around; delete the character (the zero-width
joiner and non-joiner, needed in emoji and some scripts, are allowed). Every message
shows such characters escaped (`X\\u200bY`), so a name never looks like another.

Example:
```prep
process 出荷業務 {
  goal 出荷件数
  external 倉庫
  external 顧客
  actor 出荷課 {
    final 出荷
  }
  倉庫 -> -> 出荷 -> 顧客
}
```

Use instead:
```prep
process 出荷業務 {
  goal 出荷件数
  external 倉庫
  external 顧客
  actor 出荷課 {
    final 出荷
  }
  倉庫 -> 出荷 -> 顧客
}
```
"""

from prep.checks.base import reported_elsewhere
from prep.codes import SYNTAX_ERROR

RULE = reported_elsewhere(SYNTAX_ERROR, name="syntax-error", scope="syntax", module=__name__)

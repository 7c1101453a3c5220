"""The file cannot be read, or is not UTF-8 text.

What it does: reports a file that could not be opened, that is not valid UTF-8
(for example saved as Shift_JIS), that is binary (contains NUL bytes) or that is
larger than 64 MiB. The finding points at line 1, column 1 and names the first
bad byte's line where there is one.

Why: `.prep` models are UTF-8 text, so that they diff and review well in git and
read the same on every machine. A file saved in another encoding would turn
Japanese names into garbage.

How to fix: save the file as UTF-8 (most editors have "Save with encoding";
on the command line, `iconv -f SHIFT_JIS -t UTF-8 old.prep > new.prep`). A UTF-8
byte order mark is allowed and ignored.

Example:
A file saved in Shift_JIS, whose bytes are not valid UTF-8.

Use instead:
The same text saved as UTF-8.
"""

from prep.checks.base import reported_elsewhere
from prep.codes import UNREADABLE_FILE

RULE = reported_elsewhere(UNREADABLE_FILE, name="unreadable-file", scope="syntax", module=__name__)

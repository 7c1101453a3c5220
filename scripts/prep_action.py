#!/usr/bin/env python3
"""The one script of the GitHub Action (action.yml, docs/ci.md). Standard library only;
it runs the `prep` command (PREP, else `prep` on PATH), never a shell.

1. `prep check` with GitHub annotations (on standard output) and a SARIF file;
2. on a pull request (GITHUB_BASE_REF set), for every changed .prep file: its drawing
   (`prep render`), and, when the base had it, the diff picture base -> head
   (`prep diff`), as SVG files in the pictures folder (the artifact), and as Mermaid
   and text in the job summary (GITHUB_STEP_SUMMARY), which GitHub draws;
3. GITHUB_OUTPUT gets `sarif`, `pictures` and `status`; the exit status is
   `prep check`'s (0 clean, 1 findings at the fail level, 2 prep could not run).

Inputs come from the environment (action.yml passes them so, never inside a
command): INPUT_PATHS (space-separated, default `.`), INPUT_FAIL_ON, INPUT_OUTPUT
(the pictures folder, default `prep-pictures`). Everything from a file name or a
model that reaches the Markdown summary is escaped."""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

SUMMARY_LIMIT = 900_000  # GitHub takes up to 1 MiB of summary per step
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def main() -> int:
    env = os.environ
    prep = shlex.split(env.get("PREP") or "prep")
    paths = shlex.split(env.get("INPUT_PATHS") or ".")
    fail_on = ["--fail-on", env["INPUT_FAIL_ON"]] if env.get("INPUT_FAIL_ON") else []
    out = Path(env.get("INPUT_OUTPUT") or "prep-pictures")
    out.mkdir(parents=True, exist_ok=True)
    sarif = out / "prep.sarif"

    status = run(prep + ["check", *paths, "--format", "github", *fail_on], echo=True).returncode
    run(prep + ["check", *paths, "--format", "sarif", "-o", str(sarif)])
    counted = run(prep + ["check", *paths, "--format", "json"])
    parts = [check_summary(counted.stdout, status)]
    base = env.get("GITHUB_BASE_REF")
    if base:
        parts.append(pull_request_summary(prep, base, out))
    write(env.get("GITHUB_STEP_SUMMARY"), "\n".join(parts))
    write(env.get("GITHUB_OUTPUT"), f"sarif={sarif}\npictures={out}\nstatus={status}\n")
    return status


def run(args: list[str], echo: bool = False, **options) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(args, capture_output=True, text=True, **options)
    except OSError as error:
        return subprocess.CompletedProcess(args, 2, "", f"cannot run {args[0]}: {error}")
    if echo:
        sys.stdout.write(done.stdout)
        sys.stdout.flush()
    return done


def write(target: str | None, text: str) -> None:
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def md(text: str) -> str:
    """`text` as literal Markdown text: punctuation backslash-escaped, HTML escaped,
    no line breaks."""
    text = " ".join(str(text).split())
    return html.escape(_PUNCTUATION.sub(r"\\\1", text), quote=True)


def fenced(text: str, lang: str = "") -> str:
    """A code block holding `text` exactly: its fence is longer than any run of
    backticks in it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}\n"


def check_summary(report: str, status: int) -> str:
    try:
        counts = json.loads(report)["summary"]
    except (ValueError, KeyError, TypeError):
        return f"## prep check\n\nprep could not check the models (exit status {status}).\n"
    said = ", ".join(
        f"{counts.get(k + 's', 0)} {k}{'s' * (counts.get(k + 's', 0) != 1)}" for k in ("error", "warning", "info")
    )
    said = f"{counts.get('files', 0)} files: {said}"
    verdict = "passed" if status == 0 else "failed"
    return f"## prep check {verdict}\n\n{md(said)}\n"


def pull_request_summary(prep: list[str], base: str, out: Path) -> str:
    since = merge_base(base)
    if since is None:
        return f"## Changed models\n\nThe base branch {md(base)} could not be found: check out with `fetch-depth: 0`.\n"
    changed = git("diff", "--name-status", "--no-renames", "-z", since, "HEAD", "--", "*.prep")
    fields = changed.split("\0")[:-1] if changed else []
    pairs = list(zip(fields[0::2], fields[1::2]))
    if not pairs:
        return "## Changed models\n\nNo .prep file changed.\n"
    sections = [f"## Changed models ({len(pairs)})\n"]
    size = 0
    for state, name in sorted(pairs, key=lambda p: p[1]):
        section = model_section(prep, since, state, name, out)
        if size + len(section) > SUMMARY_LIMIT:
            sections.append("The other models' pictures are in the artifact only (the summary is full).\n")
            break
        size += len(section)
        sections.append(section)
    return "\n".join(sections)


def merge_base(base: str) -> str | None:
    """Where the pull request left its base branch: the merge base with
    origin/BASE (fetched when missing) or BASE, else HEAD's first parent (the merge
    commit GitHub checks out)."""
    for ref in (f"origin/{base}", base):
        if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"):
            found = git("merge-base", ref, "HEAD").strip()
            if found:
                return found
    run(["git", "fetch", "--quiet", "--no-tags", "origin", f"refs/heads/{base}:refs/remotes/origin/{base}"])
    if git("rev-parse", "--verify", "--quiet", f"origin/{base}^{{commit}}"):
        found = git("merge-base", f"origin/{base}", "HEAD").strip()
        if found:
            return found
    parent = git("rev-parse", "--verify", "--quiet", "HEAD^1").strip()
    return parent or None


def git(*args: str) -> str:
    done = run(["git", *args])
    return done.stdout if done.returncode == 0 else ""


def model_section(prep: list[str], since: str, state: str, name: str, out: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "model"
    head = [f"### {md(name)}\n"]
    if state == "D":
        return head[0] + "\nRemoved.\n"
    drawing = out / f"{stem}.svg"
    drawn = run(prep + ["render", name, "-o", str(drawing)])
    mermaid = run(prep + ["render", name, "-f", "mermaid", "-o", "-"])
    if drawn.returncode != 0:
        head.append(f"Not drawn: {md(first_line(drawn.stderr))}\n")
    old = git_show(since, name, out / "base" / f"{stem}")
    if old is None:
        head.append("New model.\n")
        if mermaid.returncode == 0:
            head.append(details("Drawing", fenced(mermaid.stdout, "mermaid")))
        return "\n".join(head)
    picture = out / f"{stem}.diff.svg"
    run(prep + ["diff", str(old), name, "-o", str(picture)])
    text = run(prep + ["diff", str(old), name, "-f", "text"])
    chart = run(prep + ["diff", str(old), name, "-f", "mermaid"])
    if text.returncode != 0:
        head.append(f"Not compared: {md(first_line(text.stderr))}\n")
        return "\n".join(head)
    head.append(fenced(text.stdout or "no change\n", "text"))
    if chart.returncode == 0:
        head.append(details("What changed, drawn", fenced(chart.stdout, "mermaid")))
    if mermaid.returncode == 0:
        head.append(details("The model now", fenced(mermaid.stdout, "mermaid")))
    return "\n".join(head)


def git_show(since: str, name: str, target: Path) -> Path | None:
    """The base version of `name` written to `target` (its suffix kept), or None
    when the base has no such file."""
    done = subprocess.run(["git", "show", f"{since}:{name}"], capture_output=True)
    if done.returncode != 0:
        return None
    target = target.with_name(target.name + ".prep") if not target.name.endswith(".prep") else target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(done.stdout)
    return target


def details(summary: str, body: str) -> str:
    return f"<details><summary>{html.escape(summary)}</summary>\n\n{body}\n</details>\n"


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "unknown reason")


if __name__ == "__main__":
    sys.exit(main())

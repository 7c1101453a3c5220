"""The LSP, serve and export sections of benchmarks/probe_hardening.py (issue 23):
hostile messages to `prep lsp`, hostile requests and folders to `prep serve`'s app,
and exports through a misbehaving Graphviz, spreadsheets and planted links. Each case
counts in the same tally: cases, tracebacks (a crash or a traceback), hangs (no
answer in time), bad outputs (a wrong answer)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREP = [sys.executable, "-c", "from prep.cli import main; main()"]
MODEL = "process P {\n  goal G\n  external X\n  actor A {\n    final F\n  }\n  F -> X\n}\n"


# -- LSP -------------------------------------------------------------------------------
def lsp(tally: Counter, bad: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_lsp_robust import Raw

    folder = Path(tempfile.mkdtemp(prefix="prep-probe-lsp-"))
    (folder / "x").write_text("process Secret {\n}\n")
    hover = {"textDocument": {"uri": "file:///m.prep"}, "position": {"line": 4, "character": 10}}
    raw_cases = [
        b"Content-Length: -5\r\n\r\n",
        b"Content-Length: abc\r\n\r\n",
        b"Content-Length: 0\r\n\r\n",
        b"X-Junk: 1\r\n\r\n",
        b"Content-Length: 5\r\n\r\n{bad}",
        b"Content-Length: 2\r\n\r\n[]",
        b"Content-Length: 4\r\n\r\nnull",
        b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01",
        b"Content-Length: 2\r\n\r\n{}",
        b'Content-Length: 27\r\n\r\n{"jsonrpc":"2.0","id":true}',
        b"garbage without headers\r\n\r\n",
        b"Content-Length: " + b"9" * 9000 + b"\r\n\r\n",
        b"Content-Length: 99999999999999\r\n\r\n",
    ]
    requests = [
        ("textDocument/hover", {"bad": 1}),
        ("textDocument/hover", None),
        ("textDocument/hover", [1]),
        ("textDocument/definition", {"x": []}),
        ("no/such/method", {}),
        ("textDocument/documentSymbol", {"textDocument": {"uri": "untitled:x"}}),
    ]
    renames = ["a\nb", "a\x00b", "a\x1bb", "a\ud800", "x" * 5000, "a\u202eb", "X", ""]
    server = Raw(folder)
    try:
        server.request(1, "textDocument/hover", hover)  # before initialize
        _judge(
            tally,
            bad,
            "lsp before initialize",
            lambda: server.answer(1, 20),
            lambda a: a.get("error", {}).get("code") == -32002,
        )
        server.initialize()
        server.open("file:///m.prep", MODEL)
        for n, raw in enumerate(raw_cases):
            server.send_raw(raw)
            _judge(tally, bad, f"lsp raw {raw[:40]!r}", lambda: server.answer(None, 20), lambda a: "error" in a)
            if b"99999999999999" not in raw:
                _judge(tally, bad, f"lsp alive after {raw[:40]!r}", lambda n=n: server.alive(5000 + n), lambda a: True)
        for n, (method, params) in enumerate(requests):
            server.request(100 + n, method, params)
            _judge(
                tally,
                bad,
                f"lsp {method} {str(params)[:40]}",
                lambda n=n: server.answer(100 + n, 20),
                lambda a: "error" in a and "Secret" not in json.dumps(a),
            )
        for n, name in enumerate(renames):
            body = json.dumps(
                {"jsonrpc": "2.0", "id": 200 + n, "method": "textDocument/rename", "params": {**hover, "newName": name}}
            )
            body = body.encode("utf-8", "surrogatepass")
            server.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            _judge(
                tally,
                bad,
                f"lsp rename to {name[:20]!r}",
                lambda n=n: server.answer(200 + n, 20),
                lambda a: "error" in a,
            )
        for size in (1, 3):
            text = MODEL.replace("  F -> X\n", "  F -> X\n" * (size * 1024 * 1024 // 9))
            start = time.monotonic()
            server.open(f"file:///big{size}.prep", text)
            server.request(310 + size, "textDocument/hover", hover)  # answered meanwhile
            _judge(
                tally,
                bad,
                f"lsp hover during the check of {size} MB",
                lambda s=size: server.answer(310 + s, 20),
                lambda a: "result" in a,
            )
            server.request(
                300 + size, "textDocument/documentSymbol", {"textDocument": {"uri": f"file:///big{size}.prep"}}
            )
            _judge(
                tally,
                bad,
                f"lsp didOpen {size} MB",
                lambda s=size: server.answer(300 + s, 300),
                lambda a: "result" in a,
            )
            print(f"  lsp: didOpen of {size} MB answered in {time.monotonic() - start:.1f} s", flush=True)
        server.request(2, "shutdown", None)
        server.answer(2, 20)
        server.request(3, "textDocument/hover", hover)
        _judge(
            tally,
            bad,
            "lsp after shutdown",
            lambda: server.answer(3, 20),
            lambda a: a.get("error", {}).get("code") == -32600,
        )
    finally:
        server.close()


def _judge(tally: Counter, bad: list[str], where: str, ask, good, show=lambda answer: str(answer)[:120]) -> None:
    """Counts one case: `ask()` must answer (an AssertionError is a hang) and the answer
    be `good`; what went wrong goes into `bad`, the answer as `show` words it."""
    tally["cases"] += 1
    try:
        answer = ask()
    except AssertionError:
        tally["hangs"] += 1
        bad.append(f"hang (no answer): {where}")
        return
    except Exception as error:  # noqa: BLE001 - a probe counts everything
        tally["tracebacks"] += 1
        bad.append(f"crash: {where}: {error!r}")
        return
    if not good(answer):
        tally["bad outputs"] += 1
        bad.append(f"wrong answer: {where}: {show(answer)}")


# -- serve -----------------------------------------------------------------------------
def serve(tally: Counter, bad: list[str]) -> None:
    from starlette.testclient import TestClient

    import prep.serve.files as files
    from prep.serve.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="prep-probe-serve-"))
    models = folder / "m"
    models.mkdir()
    (folder / "secret.prep").write_text("process 秘密 {}\n")
    (models / "ok.prep").write_text(MODEL)
    for name in ("100%41.prep", "a\\b.prep", "line\nbreak.prep"):
        (models / name).write_text(MODEL)
    (models / "big.prep").write_text(MODEL.replace("  F -> X\n", "  F -> X\n" * 600_000))
    os.symlink(folder / "secret.prep", models / "out.prep")
    app = create_app(models, "127.0.0.1", 8765, watch=False)
    client = TestClient(app, base_url="http://127.0.0.1:8765")
    escapes = [
        "../secret.prep",
        "%2e%2e/secret.prep",
        "%252e%252e/secret.prep",
        "..%5csecret.prep",
        "out.prep",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        ".hidden.prep",
        "ok.prep%00.txt",
        "C:%5cboot.ini",
        "line%0Abreak.prep",
    ]
    for name in escapes:
        _serve_case(tally, bad, client, "/api/model/" + name, lambda r: r.status_code == 404 and "秘密" not in r.text)
    sys.path.insert(0, str(ROOT))
    from tests.serve.test_app import raw  # as uvicorn hands it over (httpx re-encodes)

    for name in ("100%2541.prep", "a%5Cb.prep", "ok.prep"):
        tally["cases"] += 1
        status = raw(app, "/api/model/" + name)[0]
        if status != 200:
            tally["bad outputs"] += 1
            bad.append(f"serve wrong answer: /api/model/{name}: {status}")
    start = time.monotonic()
    _serve_case(
        tally,
        bad,
        client,
        "/api/model/big.prep",
        lambda r: r.status_code == 200 and len(r.content) < 100_000 and "larger than" in r.text,
    )
    print(
        f"  serve: a {(models / 'big.prep').stat().st_size / 2**20:.0f} MB model answered in "
        f"{time.monotonic() - start:.2f} s",
        flush=True,
    )
    for n in range(2000):
        (models / f"many{n:04}.prep").write_text(MODEL)
    start = time.monotonic()
    _serve_case(
        tally,
        bad,
        client,
        "/api/models",
        lambda r: (
            r.status_code == 200
            and len(r.json()["models"]) >= 2000
            and "line\nbreak.prep" not in [m["path"] for m in r.json()["models"]]
        ),
    )
    seconds = time.monotonic() - start
    print(
        f"  serve: listing 2,000 models took {seconds:.1f} s (limit {files.LISTING_SECONDS} s for checking)", flush=True
    )
    for method in ("POST", "PUT", "DELETE"):
        tally["cases"] += 1
        if client.request(method, "/api/models").status_code != 405:
            tally["bad outputs"] += 1
            bad.append(f"serve accepted {method}")


def _serve_case(tally, bad, client, url, good) -> None:
    _judge(
        tally,
        bad,
        f"serve {url}",
        lambda: client.get(url),
        good,
        show=lambda answer: f"{answer.status_code} {answer.text[:80]!r}",
    )


# -- export ----------------------------------------------------------------------------
FAKE_DOTS = {
    "not json": "echo 'not a drawing'",
    "NULs": "head -c 3000000 /dev/zero",
    "killed": "kill -9 $$",
    "fails": "echo 'Error: bad' >&2; exit 1",
    "empty": "true",
}
EXPORTS = [
    ["render", "M", "-o", "o.svg"],
    ["render", "M", "-o", "o.png"],
    ["render", "M", "-o", "o.pdf"],
    ["render", "M", "-o", "o.html"],
    ["render", "M", "--layout", "dot", "-o", "o.svg"],
    ["kpi", "M", "-o", "o.svg"],
    ["kpi", "M", "-o", "o.pptx"],
    ["diff", "M", "M", "-o", "o.svg"],
    ["diff", "M", "M", "-o", "o.html"],
]


def export(tally: Counter, bad: list[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="prep-probe-export-"))
    model = ROOT / "examples" / "apparel" / "asis.prep"
    for label, body in FAKE_DOTS.items():
        fake = folder / label.replace(" ", "_")
        fake.mkdir()
        (fake / "dot").write_text("#!/bin/sh\ncat >/dev/null\n" + body + "\n")
        (fake / "dot").chmod(0o755)
        env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
        for form in EXPORTS:
            args = [str(model) if a == "M" else a for a in form]
            out = folder / args[-1]
            out.unlink(missing_ok=True)
            _export_case(
                tally,
                bad,
                args,
                folder,
                env,
                f"dot {label}",
                lambda done, out=out: done.returncode == 2 and not out.exists(),
            )
    for form in EXPORTS + [["diff", "M", "M", "-o", "d.html"]]:
        args = [str(model) if a == "M" else a for a in form]
        _export_case(tally, bad, args, folder, None, "real dot", lambda done: done.returncode in (0, 1))
    injected = folder / "inject.prep"
    injected.write_text(
        "process P {\n goal G\n external X\n actor A { final F }\n F -> X\n"
        ' kpi "=HYPERLINK(\\"http://x\\")" for F\n kpi "+cmd|calc" for F\n'
        ' kpi "@SUM(A1)" for F\n kpi "-1" for F\n}\n'
    )
    _export_case(
        tally,
        bad,
        ["kpi", str(injected), "-f", "csv"],
        folder,
        None,
        "csv",
        lambda done: all(
            not line.split(",")[2].lstrip('"').startswith(("=", "+", "-", "@"))
            for line in done.stdout.decode("utf-8-sig").splitlines()[1:]
        ),
    )
    if os.geteuid() == 0:
        victim = folder / "victim.txt"
        victim.write_text("precious")
        link = folder / "planted.svg"
        link.symlink_to(victim)
        os.lchown(link, 1000, 1000)
        _export_case(
            tally,
            bad,
            ["render", str(model), "-o", str(link)],
            folder,
            None,
            "another user's link",
            lambda done: done.returncode == 2 and victim.read_text() == "precious",
        )
    fifo = folder / "fifo.svg"
    os.mkfifo(fifo)
    _export_case(
        tally,
        bad,
        ["render", str(model), "-o", str(fifo)],
        folder,
        None,
        "FIFO no one reads",
        lambda done: done.returncode == 2,
    )


def _export_case(tally, bad, args, cwd, env, label, good) -> None:
    tally["cases"] += 1
    try:
        done = subprocess.run(PREP + args, cwd=cwd, env=env, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        tally["hangs"] += 1
        bad.append(f"export hang: {label} {args[0]} {args[-1]}")
        return
    err = done.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        tally["tracebacks"] += 1
        bad.append(f"export traceback: {label} {args[0]} {args[-1]}: {err.splitlines()[-1]}")
        return
    if done.returncode == 2 and not err.startswith("prep: error:") and "\nprep: error:" not in err:
        tally["bad outputs"] += 1
        bad.append(f"export exit 2 without `prep: error:`: {label} {args}: {err[:120]!r}")
    elif not good(done):
        tally["bad outputs"] += 1
        bad.append(f"export wrong: {label} {args[0]} {args[-1]}: exit {done.returncode} {err[:120]!r}")

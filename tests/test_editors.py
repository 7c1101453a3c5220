"""docs/editors.md: every editor it promises has its lines; Neovim (installed from
the distribution: `apt-get install neovim`) is driven headless against `prep lsp`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT

JA = (
    'process 受注 {\n  goal "納期遵守"\n  external 顧客\n  actor 𠮷野家 {\n'
    "    product 𠮷の見積(品目, 数量)\n    final 出荷指示(品目)\n  }\n"
    "  顧客 -> 𠮷の見積 -> 出荷支持 -> 顧客\n}\n"
)


def test_the_guide_covers_every_editor():
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for heading in ("## Neovim", "## Helix", "## Emacs (eglot", "## Zed", "## VS Code"):
        assert heading in text
    assert (
        text.count('"prep", "lsp"') + text.count('"prep" "lsp"') + text.count('args = ["lsp"]') + text.count('["lsp"]')
        >= 5
    )


def test_neovim_headless(tmp_path):
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is needed: apt-get install neovim (the README's Quick start)"
    model = tmp_path / "ja.prep"
    model.write_text(JA, encoding="utf-8")
    out = tmp_path / "out.txt"
    env = {
        **os.environ,
        "PREP_FILE": str(model),
        "PREP_OUT": str(out),
        "PREP_PYTHON": sys.executable,
        "HOME": str(tmp_path),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", "-u", str(ROOT / "tests" / "data" / "nvim_init.lua")],
        cwd=tmp_path,
        env=env,
        timeout=120,
        capture_output=True,
    )
    # Neovim counts columns in bytes: the server's UTF-16 column 17 is byte 29 here
    assert out.read_text(encoding="utf-8").splitlines() == [
        "diagnostic 7:29 PREP101 `出荷支持` is not defined in process `受注`",
        "hover **product** `𠮷の見積`(品目, 数量) in actor `𠮷野家`",
        "formatted     final   出荷指示(品目)",
    ]


def test_the_neovim_0_7_config_of_the_guide_works_headless(tmp_path):
    """The guide's config for Neovim 0.7 to 0.9, exactly as written, in the installed
    Neovim (Debian 12: 0.7.2): the file is `prep`, `prep lsp` attaches, findings come."""
    import re

    nvim = shutil.which("nvim")
    assert nvim, "Neovim is needed: apt-get install neovim (the README's Quick start)"
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    config = re.search(r"```lua\n(-- init.lua \(Neovim 0.7, 0.8, 0.9\)\n.*?)```", guide, re.S).group(1)
    model = tmp_path / "ja.prep"
    model.write_text(JA, encoding="utf-8")
    out = tmp_path / "out.txt"
    probe = """
vim.cmd("edit " .. vim.env.PREP_FILE)
local lines = { "filetype " .. vim.bo.filetype }
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("diagnostic %d:%d %s", d.lnum, d.col, d.code or ""))
end
vim.fn.writefile(lines, vim.env.PREP_OUT)
vim.cmd("qa!")
"""
    (tmp_path / "init.lua").write_text(config + probe, encoding="utf-8")
    bin_dir = os.path.dirname(sys.executable)  # where the `prep` command is
    env = {
        **os.environ,
        "PREP_FILE": str(model),
        "PREP_OUT": str(out),
        "HOME": str(tmp_path),
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", "-u", str(tmp_path / "init.lua")],
        cwd=tmp_path,
        env=env,
        timeout=120,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8").splitlines() == ["filetype prep", "diagnostic 7:29 PREP101"]

-- Neovim 0.7+: start prep lsp for *.prep, print the diagnostics, format, quit.
local out = {}
local function done(msg) table.insert(out, msg) end
vim.cmd("autocmd BufRead,BufNewFile *.prep setfiletype prep")
vim.cmd("edit " .. vim.env.PREP_FILE)
local client = vim.lsp.start_client({ name = "prep", cmd = { vim.env.PREP_PYTHON, "-m", "prep", "lsp" },
  root_dir = vim.fn.fnamemodify(vim.env.PREP_FILE, ":h") })
vim.lsp.buf_attach_client(0, client)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  done(string.format("diagnostic %d:%d %s %s", d.lnum, d.col, d.code or "", d.message:gsub("\n.*", "")))
end
local result = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 4, character = 13 } }, 10000)
for _, r in pairs(result or {}) do
  if r.result then done("hover " .. r.result.contents.value:gsub("\n.*", "")) end
end
vim.lsp.buf.formatting_sync(nil, 10000)
done("formatted " .. vim.api.nvim_buf_get_lines(0, 5, 6, false)[1])
vim.fn.writefile(out, vim.env.PREP_OUT)
vim.lsp.stop_client(client)
vim.cmd("qa!")

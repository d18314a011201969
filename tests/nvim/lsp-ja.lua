-- Neovim 0.7 as the client of plan-lint-language-server on a Japanese draft (a copy of
-- seeds/sample-ja-status-report.md with one tag edited): diagnostics, hover on a 【】 name, definition from a 再掲 entry.
-- Run: nvim --headless --clean -u NONE -c 'luafile tests/nvim/lsp-ja.lua'
-- Environment: PLAN_LINT_DRAFT (the copy), and client.lua's.

local client = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/client.lua')
local draft = os.getenv('PLAN_LINT_DRAFT')

local result = { errors = {} }

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local client_id = client.start(draft, 50)
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. The diagnostics of the edited tag.
  result.initial_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.initial = client.snapshot(bufnr)
  result.digital_agency = client.position_of(bufnr, 'デジタル庁】')

  -- 2. Hover on a name in a 【】 tag.
  local hover = client.request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = client.position_of(bufnr, '【警察庁】', 2) })
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- 3. Definition from a 再掲 entry.
  result.definition = client.request(bufnr, 'textDocument/definition', { textDocument = { uri = uri }, position = client.position_of(bufnr, '再掲 1－（2）', 4) }) or vim.NIL
  result.target = client.position_of(bufnr, '### （２）国民に向けた')

  -- 4. The edit undone in the buffer: no diagnostic left.
  local pos = client.position_of(bufnr, '【内閣府、デジタル庁】')
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1]
  vim.api.nvim_buf_set_lines(bufnr, pos.line, pos.line + 1, false, { (string.gsub(line, '、デジタル庁', '', 1)) })
  result.cleared_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)

  vim.lsp.stop_client(client_id)
end)

client.finish(result, ok, err)

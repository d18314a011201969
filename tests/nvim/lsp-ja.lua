-- Neovim 0.7 as the client of plan-lint-language-server on a Japanese draft (a copy of
-- seeds/sample-ja-status-report.md with one tag edited): diagnostics, hover on a 【】 name, definition from a 再掲 entry.
-- Run: nvim --headless --clean -u NONE -c 'luafile tests/nvim/lsp-ja.lua'
-- Environment: PLAN_LINT_SERVER, PLAN_LINT_NODE, PLAN_LINT_DRAFT (the copy), PLAN_LINT_OUT (the JSON result).
-- LSP positions count UTF-16 code units; Lua finds bytes: vim.str_utfindex converts (0.7 API).

local server = os.getenv('PLAN_LINT_SERVER')
local draft = os.getenv('PLAN_LINT_DRAFT')
local out_path = os.getenv('PLAN_LINT_OUT')
local node = os.getenv('PLAN_LINT_NODE') or 'node'

local result = { errors = {} }

local function code_of(d)
  if d.code ~= nil then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return vim.NIL
end

local function snapshot(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, code = code_of(d) })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

-- The LSP position (0-based line, UTF-16 character) of `needle` in the buffer, moved `chars` characters on.
local function position_of(bufnr, needle, chars)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local byte = string.find(line, needle, 1, true)
    if byte then
      local _, utf16 = vim.str_utfindex(line, byte - 1)
      return { line = i - 1, character = utf16 + (chars or 0) }
    end
  end
  error('not found in buffer: ' .. needle)
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not responses then error(method .. ' failed: ' .. tostring(err)) end
  for _, r in pairs(responses) do
    if r.error then error(method .. ' error: ' .. vim.inspect(r.error)) end
    return r.result
  end
  return nil
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(draft, ':h'),
    settings = { planLint = { debounceMs = 50 } },
    flags = { debounce_text_changes = 20 },
  })
  if not client_id then error('start_client failed') end
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. The diagnostics of the edited tag.
  result.initial_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.initial = snapshot(bufnr)
  result.digital_agency = position_of(bufnr, 'デジタル庁】')

  -- 2. Hover on a name in a 【】 tag.
  local hover = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position_of(bufnr, '【警察庁】', 2) })
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- 3. Definition from a 再掲 entry.
  result.definition = request(bufnr, 'textDocument/definition', { textDocument = { uri = uri }, position = position_of(bufnr, '再掲 1－（2）', 4) }) or vim.NIL
  result.target = position_of(bufnr, '### （２）国民に向けた')

  -- 4. The edit undone in the buffer: no diagnostic left.
  local pos = position_of(bufnr, '【内閣府、デジタル庁】')
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1]
  vim.api.nvim_buf_set_lines(bufnr, pos.line, pos.line + 1, false, { (string.gsub(line, '、デジタル庁', '', 1)) })
  result.cleared_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)

  vim.lsp.stop_client(client_id)
end)

if not ok then table.insert(result.errors, tostring(err)) end
local f = assert(io.open(out_path, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qall!')

-- A real editor as the client: Neovim 0.7 (Debian 12) drives plan-lint-language-server.
-- Run: nvim --headless --clean -u NONE -c 'luafile tests/nvim/lsp-session.lua'
-- Environment:
--   PLAN_LINT_SERVER  path of bin/plan-lint-language-server.js
--   PLAN_LINT_DRAFT   the draft to open (a copy; it is not written)
--   PLAN_LINT_OUT     where to write the JSON result
-- Only APIs that exist in 0.7: vim.lsp.start_client, buf_attach_client, buf_request_sync, vim.diagnostic.get.

local server = os.getenv('PLAN_LINT_SERVER')
local draft = os.getenv('PLAN_LINT_DRAFT')
local out_path = os.getenv('PLAN_LINT_OUT')
local node = os.getenv('PLAN_LINT_NODE') or 'node'

local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), errors = {} }

local function write_result()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function code_of(d)
  if d.code ~= nil then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return vim.NIL
end

local function snapshot(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source or vim.NIL, code = code_of(d),
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

local function has_message(bufnr, needle)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if string.find(d.message, needle, 1, true) then return true end
  end
  return false
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == code then return true end
  end
  return false
end

-- The 0-based line and column of the first occurrence of `needle` in the buffer.
local function find(bufnr, needle)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = string.find(line, needle, 1, true)
    if col then return i - 1, col - 1, line end
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
    settings = { planLint = { debounceMs = 100 } },
    flags = { debounce_text_changes = 20 },
  })
  if not client_id then error('start_client failed') end
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics pushed after open.
  result.initial_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.initial = snapshot(bufnr)

  -- 2. Definition from a repeat mention.
  local line, col = find(bufnr, 'Repeat mention 1 - (i)')
  local def = request(bufnr, 'textDocument/definition', {
    textDocument = { uri = uri }, position = { line = line, character = col + 3 },
  })
  result.definition = def or vim.NIL

  -- 3. Hover on a tag name.
  local hl, hc = find(bufnr, '(NPA)')
  local hover = request(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = hl, character = hc + 2 },
  })
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- 4. An edit: fix the misspelt abbreviation and wait for the updated diagnostics.
  local el, _, text = find(bufnr, '(MOJJ)')
  local fixed = string.gsub(text, '%(MOJJ%)', '(MOJ)')
  vim.api.nvim_buf_set_lines(bufnr, el, el + 1, false, { fixed })
  result.updated_ok = vim.wait(20000, function() return not has_message(bufnr, "'MOJJ'") end, 50)
  result.updated = snapshot(bufnr)
  result.changedtick = vim.api.nvim_buf_get_changedtick(bufnr)

  -- 5. A configuration created while the draft is open, saved atomically (write, then rename), twice. Neovim
  --    watches no files for the server: the server must notice by itself.
  local dir = vim.fn.fnamemodify(draft, ':h')
  local function save_config(json)
    local tmp = dir .. '/.plan-lint.json.tmp'
    local f = assert(io.open(tmp, 'w'))
    f:write(json)
    f:close()
    assert(os.rename(tmp, dir .. '/.plan-lint.json'))
  end
  save_config('{"rules": {"repeat-mention-format": "off"}}')
  result.configured_ok = vim.wait(20000, function() return not has_code(bufnr, 'repeat-mention-format') end, 50)
  result.configured = snapshot(bufnr)
  save_config('{"rules": {"repeat-mention-format": "off", "ministry-not-responsible": "off"}}')
  result.reconfigured_ok = vim.wait(20000, function() return not has_code(bufnr, 'ministry-not-responsible') end, 50)
  result.reconfigured = snapshot(bufnr)

  vim.lsp.stop_client(client_id)
end)

if not ok then table.insert(result.errors, tostring(err)) end
write_result()
vim.cmd('qall!')

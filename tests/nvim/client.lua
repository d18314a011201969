-- What the Neovim tests (tests/nvim/*.lua, run by tests/nvim.test.ts) share: the environment, starting
-- plan-lint-language-server, reading diagnostics, finding text, requests, and writing what was seen as JSON.
-- Load it with: local client = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/client.lua')
-- Only APIs that exist in 0.7: vim.lsp.start_client, buf_attach_client, buf_request_sync, vim.diagnostic.get.
-- Environment: PLAN_LINT_SERVER (bin/plan-lint-language-server.js), PLAN_LINT_NODE, PLAN_LINT_OUT (the JSON result).
local M = {
  server = os.getenv('PLAN_LINT_SERVER'),
  node = os.getenv('PLAN_LINT_NODE') or 'node',
  out_path = os.getenv('PLAN_LINT_OUT'),
}

-- A diagnostic's code (0.7 keeps it in user_data for some clients).
function M.code_of(d)
  if d.code ~= nil then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return vim.NIL
end

-- The buffer's diagnostics, in position order.
function M.snapshot(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source or vim.NIL, code = M.code_of(d),
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

-- The codes of the buffer's diagnostics, sorted.
function M.codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(out, M.code_of(d)) end
  table.sort(out)
  return out
end

function M.has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if M.code_of(d) == code then return true end
  end
  return false
end

-- The 0-based line and byte column of the first occurrence of `needle` in the buffer, and that line.
function M.find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = string.find(line, needle, 1, true)
    if col then return i - 1, col - 1, line end
  end
  error('not found in buffer: ' .. needle)
end

-- The LSP position (0-based line, UTF-16 character) of `needle`, moved `chars` characters on: LSP positions count
-- UTF-16 code units, Lua finds bytes (vim.str_utfindex converts).
function M.position_of(bufnr, needle, chars)
  local line, col, text = M.find(bufnr, needle)
  local _, utf16 = vim.str_utfindex(text, col)
  return { line = line, character = utf16 + (chars or 0) }
end

-- The result of a request to the server, or nil.
function M.request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not responses then error(method .. ' failed: ' .. tostring(err)) end
  for _, r in pairs(responses) do
    if r.error then error(method .. ' error: ' .. vim.inspect(r.error)) end
    return r.result
  end
  return nil
end

-- Starts the server for the folder of `file` (its debounce in milliseconds) and returns the client id.
function M.start(file, debounce_ms)
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { M.node, M.server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = { planLint = { debounceMs = debounce_ms } },
    flags = { debounce_text_changes = 20 },
  })
  if not client_id then error('start_client failed') end
  return client_id
end

-- Records the error of a failed run (pcall's `ok, err`), writes `result` as JSON and quits.
function M.finish(result, ok, err)
  if not ok then table.insert(result.errors, tostring(err)) end
  local f = assert(io.open(M.out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

return M

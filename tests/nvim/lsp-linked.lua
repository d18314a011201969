-- Neovim 0.7 with a report and its plan (tests/nvim.test.ts, "linked documents"): go to definition from the
-- report's measure heading lands in the plan; an edit of the plan's buffer gives the report fresh diagnostics
-- without touching it.
-- Environment: PLAN_LINT_SERVER, PLAN_LINT_NODE, PLAN_LINT_REPORT, PLAN_LINT_PLAN, PLAN_LINT_OUT.
local server = os.getenv('PLAN_LINT_SERVER')
local node = os.getenv('PLAN_LINT_NODE') or 'node'
local report = os.getenv('PLAN_LINT_REPORT')
local plan = os.getenv('PLAN_LINT_PLAN')
local out_path = os.getenv('PLAN_LINT_OUT')

local result = { errors = {} }

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(out, code)
  end
  table.sort(out)
  return out
end

local function has_code(bufnr, code)
  for _, c in ipairs(codes(bufnr)) do
    if c == code then return true end
  end
  return false
end

local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = string.find(line, needle, 1, true)
    if col then return i - 1, col - 1, line end
  end
  error('not found in buffer: ' .. needle)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(report))
  local rbuf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(report, ':h'),
    settings = { planLint = { debounceMs = 50 } },
    flags = { debounce_text_changes = 20 },
  })
  if not client_id then error('start_client failed') end
  result.attached = vim.lsp.buf_attach_client(rbuf, client_id)
  -- Requests go out once the server has answered `initialize`.
  vim.wait(20000, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.server_capabilities ~= nil
  end, 50)
  local line, col = find(rbuf, '### (ii) Promotion of public relations')
  local responses = vim.lsp.buf_request_sync(rbuf, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(rbuf) }, position = { line = line, character = col + 5 },
  }, 20000)
  for _, r in pairs(responses or {}) do result.definition = r.result end
  result.initial = codes(rbuf)

  -- The plan in a second window, edited there.
  vim.cmd('split ' .. vim.fn.fnameescape(plan))
  local pbuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(pbuf, client_id)
  local pl, _, text = find(pbuf, 'shall be strengthened on')
  vim.api.nvim_buf_set_lines(pbuf, pl, pl + 1, false, { (string.gsub(text, 'strengthened', 'considered')) })
  result.refreshed_ok = vim.wait(20000, function() return has_code(rbuf, 'plan-action-text') end, 50)
  result.refreshed = codes(rbuf)
  vim.lsp.stop_client(client_id)
end)

if not ok then table.insert(result.errors, tostring(err)) end
local f = assert(io.open(out_path, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qall!')

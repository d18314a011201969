-- Neovim 0.7 with a report and its plan (tests/nvim.test.ts, "linked documents"): go to definition from the
-- report's measure heading lands in the plan; an edit of the plan's buffer gives the report fresh diagnostics
-- without touching it.
-- Environment: PLAN_LINT_REPORT, PLAN_LINT_PLAN, and client.lua's.
local client = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/client.lua')
local report = os.getenv('PLAN_LINT_REPORT')
local plan = os.getenv('PLAN_LINT_PLAN')

local result = { errors = {} }

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(report))
  local rbuf = vim.api.nvim_get_current_buf()
  local client_id = client.start(report, 50)
  result.attached = vim.lsp.buf_attach_client(rbuf, client_id)
  -- Requests go out once the server has answered `initialize`.
  vim.wait(20000, function()
    local started = vim.lsp.get_client_by_id(client_id)
    return started ~= nil and started.server_capabilities ~= nil
  end, 50)
  local line, col = client.find(rbuf, '### (ii) Promotion of public relations')
  local responses = vim.lsp.buf_request_sync(rbuf, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(rbuf) }, position = { line = line, character = col + 5 },
  }, 20000)
  for _, r in pairs(responses or {}) do result.definition = r.result end
  result.initial = client.codes(rbuf)

  -- The plan in a second window, edited there.
  vim.cmd('split ' .. vim.fn.fnameescape(plan))
  local pbuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(pbuf, client_id)
  local pl, _, text = client.find(pbuf, 'shall be strengthened on')
  vim.api.nvim_buf_set_lines(pbuf, pl, pl + 1, false, { (string.gsub(text, 'strengthened', 'considered')) })
  result.refreshed_ok = vim.wait(20000, function() return client.has_code(rbuf, 'plan-action-text') end, 50)
  result.refreshed = client.codes(rbuf)
  vim.lsp.stop_client(client_id)
end)

client.finish(result, ok, err)

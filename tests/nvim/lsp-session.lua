-- A real editor as the client: Neovim 0.7 (Debian 12) drives plan-lint-language-server.
-- Run: nvim --headless --clean -u NONE -c 'luafile tests/nvim/lsp-session.lua'
-- Environment: PLAN_LINT_DRAFT (the draft to open: a copy, it is not written), and client.lua's.

local client = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/client.lua')
local draft = os.getenv('PLAN_LINT_DRAFT')

local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), errors = {} }

local function has_message(bufnr, needle)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if string.find(d.message, needle, 1, true) then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  local client_id = client.start(draft, 100)
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics pushed after open.
  result.initial_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.initial = client.snapshot(bufnr)

  -- 2. Definition from a repeat mention.
  local line, col = client.find(bufnr, 'Repeat mention 1 - (i)')
  local def = client.request(bufnr, 'textDocument/definition', {
    textDocument = { uri = uri }, position = { line = line, character = col + 3 },
  })
  result.definition = def or vim.NIL

  -- 3. Hover on a tag name.
  local hl, hc = client.find(bufnr, '(NPA)')
  local hover = client.request(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = hl, character = hc + 2 },
  })
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- 4. An edit: fix the misspelt abbreviation and wait for the updated diagnostics.
  local el, _, text = client.find(bufnr, '(MOJJ)')
  local fixed = string.gsub(text, '%(MOJJ%)', '(MOJ)')
  vim.api.nvim_buf_set_lines(bufnr, el, el + 1, false, { fixed })
  result.updated_ok = vim.wait(20000, function() return not has_message(bufnr, "'MOJJ'") end, 50)
  result.updated = client.snapshot(bufnr)
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
  result.configured_ok = vim.wait(20000, function() return not client.has_code(bufnr, 'repeat-mention-format') end, 50)
  result.configured = client.snapshot(bufnr)
  save_config('{"rules": {"repeat-mention-format": "off", "ministry-not-responsible": "off"}}')
  result.reconfigured_ok = vim.wait(20000, function() return not client.has_code(bufnr, 'ministry-not-responsible') end, 50)
  result.reconfigured = client.snapshot(bufnr)

  vim.lsp.stop_client(client_id)
end)

client.finish(result, ok, err)

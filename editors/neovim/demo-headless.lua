-- A real editor session without a screen, to record what a clerk sees (docs/editors.md).
-- Written for Neovim 0.7 (Debian 12's); from the repository root:
--   cp samples/non_conformes/presents-annonces-faux.txt /tmp/acte.txt
--   nvim --headless -u NONE -c 'luafile editors/neovim/demo-headless.lua' /tmp/acte.txt
-- DELIB names the command when `delib` is not on PATH (e.g. DELIB=.venv/bin/delib).
local lines = {}
local function say(text) table.insert(lines, text) end

local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'delib',
  cmd = { os.getenv('DELIB') or 'delib', 'lsp' },
  root_dir = vim.fn.expand('%:p:h'),
  settings = { delib = { profile = 'default' } },
})
vim.lsp.buf_attach_client(buf, client_id)
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local client = vim.lsp.get_client_by_id(client_id)

local function show_diagnostics(label)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    say(string.format('%s %d:%d [%s] %s', label, d.lnum + 1, d.col + 1, d.user_data.lsp.code, d.message))
  end
end

show_diagnostics('diagnostic')
vim.api.nvim_win_set_cursor(0, { 10, 3 })
for _, reply in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 5000) or {}) do
  local text = reply.result and reply.result.contents.value or ''
  say('survol : ' .. text:sub(1, 160):gsub('\n+', ' ¶ ') .. '…')
end

local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, 9) }
for _, reply in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}) do
  for _, action in ipairs(reply.result or {}) do
    say('correctif proposé : ' .. action.title)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)  -- as if the clerk chose it
  end
end
say('ligne 10 corrigée : ' .. vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1])
vim.wait(5000, function()
  local first = vim.diagnostic.get(buf)[1]
  return first ~= nil and not first.message:find('9 présents')
end, 50)
show_diagnostics('puis')

vim.fn.writefile(lines, '/dev/stdout')
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')

-- delib language server for Neovim: put in init.lua (or in lsp/delib.lua without the call).
-- Neovim 0.11+ (the form nvim-lspconfig documents for servers it does not ship).
vim.lsp.config('delib', {
  cmd = { 'delib', 'lsp' },
  filetypes = { 'text' },                    -- .txt files
  root_markers = { '.delib.yaml', '.git' },  -- the workspace folder of the deliberations
  settings = { delib = { profile = 'default', debounce = 200 } },
})
vim.lsp.enable('delib')

-- Neovim 0.8 to 0.10 with nvim-lspconfig (its former framework for custom servers):
--
-- local configs = require('lspconfig.configs')
-- if not configs.delib then
--   configs.delib = {
--     default_config = {
--       cmd = { 'delib', 'lsp' },
--       filetypes = { 'text' },
--       root_dir = require('lspconfig.util').root_pattern('.delib.yaml', '.git'),
--       settings = { delib = { profile = 'default' } },
--     },
--   }
-- end
-- require('lspconfig').delib.setup({})

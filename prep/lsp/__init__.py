"""`prep lsp`: the language server (LANGUAGE.md §10), thin over the layers."""

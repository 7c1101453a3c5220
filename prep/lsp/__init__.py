"""`prep lsp`: the language server (docs/editors.md), thin over the layers."""

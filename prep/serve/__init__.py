"""`prep serve`: the workshop view (LANGUAGE.md §9), thin over the layers."""

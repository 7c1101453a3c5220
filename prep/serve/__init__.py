"""`prep serve`: the workshop view (docs/workshop.md), thin over the layers."""

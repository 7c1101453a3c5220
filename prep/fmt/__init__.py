"""`prep fmt`: the canonical layout of a model (LANGUAGE.md §8)."""

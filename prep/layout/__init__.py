"""Swimlane layout (LANGUAGE.md §5): process graph -> positions of lanes, columns, bands, products and edge routes. Pure functions; no drawing here."""

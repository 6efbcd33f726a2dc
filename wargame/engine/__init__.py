"""The pure engine: standard library and pydantic only (see DESIGN.md)."""

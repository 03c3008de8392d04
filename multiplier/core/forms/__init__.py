"""Forms of the organisation pages (one module per feature)."""

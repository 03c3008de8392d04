"""Writes to tenancy data. Views, tasks and commands call these; they never save models."""

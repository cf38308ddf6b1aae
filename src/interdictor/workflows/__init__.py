"""Workflows: the engines joined to the store. Interfaces (CLI, API) call these."""

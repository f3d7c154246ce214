"""Placeholder: filled by the module owner."""

COMMANDS: list = []

"""Helpers and a pytest plugin for testing srdi plugins."""

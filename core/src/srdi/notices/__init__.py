"""Notices as data: the model of a notice file, its loader, and citation checks."""

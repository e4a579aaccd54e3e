"""The ``srdi`` command line."""

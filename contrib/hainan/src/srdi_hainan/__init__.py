"""srdi plugin for 海南省: its 专精特新 notices as cited, executable rules."""

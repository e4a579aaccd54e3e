"""srdi plugin for 江苏省: its 专精特新 notices as cited, executable rules."""

"""srdi plugin for 陕西省: its 专精特新 notices as cited, executable rules."""

"""srdi plugin for 重庆市: its 专精特新 notices as cited, executable rules."""

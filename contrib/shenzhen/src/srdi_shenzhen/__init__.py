"""srdi plugin for 深圳市: its 专精特新 notices as cited, executable rules."""

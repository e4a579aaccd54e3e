"""srdi plugin for 天津市: its 专精特新 notices as cited, executable rules."""

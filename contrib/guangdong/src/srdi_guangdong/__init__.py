"""srdi plugin for 广东省: its 专精特新 notices as cited, executable rules."""

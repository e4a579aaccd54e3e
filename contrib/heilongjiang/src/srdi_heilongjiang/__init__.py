"""srdi plugin for 黑龙江省: its 专精特新 notices as cited, executable rules."""

"""srdi plugin for 浙江省: its 专精特新 notices as cited, executable rules."""

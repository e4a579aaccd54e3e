"""srdi plugin for 吉林省: its 专精特新 notices as cited, executable rules."""

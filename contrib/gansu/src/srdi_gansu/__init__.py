"""srdi plugin for 甘肃省: its 专精特新 notices as cited, executable rules."""

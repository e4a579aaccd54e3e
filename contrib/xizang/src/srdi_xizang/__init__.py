"""srdi plugin for 西藏自治区: its 专精特新 notices as cited, executable rules."""

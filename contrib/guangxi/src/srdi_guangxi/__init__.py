"""srdi plugin for 广西壮族自治区: its 专精特新 notices as cited, executable rules."""

"""srdi plugin for Beijing (北京市): its 专精特新 notices as data."""

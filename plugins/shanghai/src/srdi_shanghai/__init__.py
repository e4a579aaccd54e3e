"""srdi plugin for Shanghai (上海市): its 专精特新 notices as data."""

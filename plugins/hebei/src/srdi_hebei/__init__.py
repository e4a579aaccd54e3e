"""srdi plugin for Hebei (河北省): its 专精特新 notices as data."""

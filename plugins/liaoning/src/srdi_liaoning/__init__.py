"""srdi plugin for Liaoning (辽宁省): its 专精特新 notices as data."""

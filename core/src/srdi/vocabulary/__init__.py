"""The enterprise vocabulary: the one documented set of facts a profile may hold."""

from .fields import Choice, FieldKind, FieldSpec, Vocabulary, load_fields

__all__ = ["Choice", "FieldKind", "FieldSpec", "Vocabulary", "load_fields"]

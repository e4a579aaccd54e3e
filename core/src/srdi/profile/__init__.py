"""The enterprise profile: one vocabulary for what the notices and their forms ask."""

from .load import load_profile, profile_from_dict
from .model import Profile, Recognition

__all__ = ["Profile", "Recognition", "load_profile", "profile_from_dict"]

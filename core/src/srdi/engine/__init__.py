"""The columnar evaluation engine: one code path for one enterprise and for a million."""

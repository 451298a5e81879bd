"""Shared facts read from a document once and used by many rules: doses, claims, consult notes and advice, reading level."""

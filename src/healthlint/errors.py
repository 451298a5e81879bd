"""Every error healthlint reports to a user, in one place, so any layer can raise one without importing another.

Each message is one line in plain words that names the file (and the key or line) at fault.
"""

from __future__ import annotations


class SourceError(Exception):
    """A file that cannot be linted; the message names the reason in plain words."""


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and key."""


class PackError(Exception):
    """A rule pack that cannot be used; the message names the file and key."""


class KindError(Exception):
    """Bad data for a rule kind; the message names the key."""


class MatchTimeout(Exception):
    """A pattern ran too long on a piece of text."""

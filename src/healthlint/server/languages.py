"""The file name an editor's document is linted under."""

from __future__ import annotations

import os

# An editor's name for a document's language, and the suffix healthlint reads it by when its
# file name has none (an unsaved buffer).
LANGUAGE_SUFFIXES = {
    "markdown": ".md",
    "mdx": ".mdx",
    "html": ".html",
    "restructuredtext": ".rst",
    "rst": ".rst",
    "plaintext": ".txt",
}


def lint_name(path: str | None, language: str | None, folder: str | None = None) -> str:
    """The name a document is linted under: its path, with its language's suffix when it has none.
    An unsaved document is named as if in `folder` (the first workspace folder), whose config it gets."""
    name = path or os.path.join(folder or "", "untitled")
    if not os.path.splitext(name)[1]:
        name += LANGUAGE_SUFFIXES.get((language or "").lower(), ".md")
    return name

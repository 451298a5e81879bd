"""Reading files as text, with one clear reason when a file cannot be read."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from healthlint.errors import SourceError

MAX_BYTES = 10 * 1024 * 1024
# The format of each file name ending healthlint reads; a name with another ending is read as Markdown.
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plain",
}
# What a folder is searched for.
LINTABLE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    format: str  # a value of FORMATS


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError("looks like UTF-16 but does not decode; save it as UTF-8") from None
    else:
        if b"\x00" in data[:8192]:
            raise SourceError("is a binary file, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise SourceError(f"line {line}: is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8") from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """Match markdown-it's own normalisation so offsets agree with its line maps."""
    return unify_line_endings(text).replace("\x00", "\ufffd")


def unify_line_endings(text: str) -> str:
    """Every line ending made "\n", as markdown-it counts lines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def format_of(path: str) -> str:
    """The format a file is read as, by its name's ending."""
    return FORMATS.get(os.path.splitext(path)[1].lower(), "markdown")


def read_source(path: str | os.PathLike[str], display: str | None = None) -> Source:
    name = display or os.fspath(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise SourceError(f"is {size // (1024 * 1024)} MB; healthlint reads files up to {MAX_BYTES // (1024 * 1024)} MB")
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise SourceError("no such file or folder") from None
    except IsADirectoryError:
        raise SourceError("is a folder") from None
    except PermissionError:
        raise SourceError("cannot be read (permission denied)") from None
    except OSError as err:
        raise SourceError(f"cannot be read ({err.strerror or err})") from None
    return Source(name, decode(data, name), format_of(name))


def source_from_bytes(data: bytes, name: str) -> Source:
    if len(data) > MAX_BYTES:
        raise SourceError(f"is {len(data) // (1024 * 1024)} MB; healthlint reads files up to {MAX_BYTES // (1024 * 1024)} MB")
    return Source(name, decode(data, name), format_of(name))

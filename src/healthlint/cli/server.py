"""`healthlint server`: the language server, for editors."""

from __future__ import annotations

import sys

import click


@click.command()
def server() -> None:
    """Run the language server on standard input and output, for editors (see the README)."""
    from healthlint.server.protocol import serve

    sys.exit(serve())

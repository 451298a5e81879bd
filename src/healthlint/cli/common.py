"""What every command shares: severity names, comma-separated ids, the one-line failure."""

from __future__ import annotations

import sys

import click

SEVERITIES = ("error", "warning", "info")


def ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i.strip() for v in values for i in v.split(",") if i.strip())


def fail(message: str) -> None:
    click.echo(f"healthlint: {message}", err=True)
    sys.exit(2)

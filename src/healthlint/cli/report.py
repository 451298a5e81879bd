"""`healthlint report`: one HTML page to look at, for an article or a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from healthlint.cli.common import fail


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", default="healthlint-report.html", show_default=True, help="The page to write ('-' for standard output).")
def report(paths, output) -> None:
    """Write one HTML page for PATHS: each article's sentences shaded by grade, its findings underlined."""
    from healthlint import atomic
    from healthlint.report.article import measure_all
    from healthlint.report.page import render

    articles = list(measure_all(paths))
    for a in articles:
        if a.error:
            click.echo(f"healthlint: {a.error}", err=True)
    page = render(articles)
    if output == "-":
        click.echo(page, nl=False)
    else:
        try:
            atomic.write_bytes(Path(output), page.encode("utf-8"))
        except OSError as err:
            fail(f"{output}: cannot be written ({err.strerror or err})")
        found = sum(len(a.findings) for a in articles)
        click.echo(f"wrote {output}: {len(articles)} article{'s' * (len(articles) != 1)}, {found} finding{'s' * (found != 1)}", err=True)
    sys.exit(2 if any(a.error for a in articles) else 0)

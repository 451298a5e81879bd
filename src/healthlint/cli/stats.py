"""`healthlint stats`: the reading-level numbers behind the rules, file by file."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths, fmt) -> None:
    """Reading-level numbers for PATHS: words, sentences, grade by each formula, hardest paragraphs."""
    import json

    from healthlint.linter import read_stdin
    from healthlint.stats import collect, render_text

    results, errors = collect(paths, read_stdin() if "-" in paths else None)
    for _, message in errors:
        click.echo(f"healthlint: {message}", err=True)
    if fmt == "json":
        data = {"files": [s.to_json() for s in results], "errors": [{"path": p, "message": m} for p, m in errors]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif results:
        click.echo("\n\n".join(render_text(s) for s in results))
    sys.exit(2 if errors else 0)



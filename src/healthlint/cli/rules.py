"""`healthlint rules`: every rule, one line each, or one rule's page (the text docs/rules/ holds)."""

from __future__ import annotations

from pathlib import Path

import click

from healthlint.cli.common import fail
from healthlint.errors import ConfigError, PackError


@click.command()
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rule_id, fmt) -> None:
    """List every rule, or show RULE_ID's page: what it flags, why, examples and settings.

    Rules from the rule packs of the configuration in the current folder are listed too."""
    import json

    from healthlint.reporters.rule_page import page
    from healthlint.setup.config import Overrides, config_for_dir
    from healthlint.setup.registry import ruleset

    try:
        known = ruleset(config_for_dir(Path.cwd()), Overrides()).rules
    except (ConfigError, PackError) as err:
        fail(str(err))
    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps([_rule_json(known[rid]) for rid in sorted(known)], indent=2))
            return
        width = max(len(r) for r in known)
        for rid in sorted(known):
            r = known[rid]
            flag = "" if r.default else " (off by default)"
            click.echo(f"{rid:<{width}}  {r.severity.label:<7}  {r.summary}{flag}")
        return
    if rule_id not in known:
        fail(f"unknown rule {rule_id!r} (see `healthlint rules`)")
    r = known[rule_id]
    if fmt == "json":
        click.echo(json.dumps(_rule_json(r), indent=2))
        return
    click.echo(page(r), nl=False)


def _rule_json(r) -> dict:
    return {
        "id": r.id,
        "category": r.category,
        "severity": r.severity.label,
        "default": r.default,
        "summary": r.summary,
        "what": r.what,
        "why": r.why,
        "link": r.link,
        "settings": r.settings,
        "examples": {"good": list(r.good), "bad": list(r.bad)},
    }



"""`healthlint rules`: every rule, one line each, or one rule explained."""

from __future__ import annotations

import click

from healthlint.cli.common import fail
from healthlint.errors import PackError


@click.command()
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rule_id, fmt) -> None:
    """List every rule, or explain RULE_ID: why, the guideline behind it, and examples."""
    import json

    from healthlint.setup.registry import builtin_rules

    try:
        known = builtin_rules()
    except PackError as err:
        fail(str(err))
    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps([_rule_json(r) for r in known.values()], indent=2))
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
    lines = [
        rid_line := f"{r.id} ({r.severity.label}{'' if r.default else ', off by default'})",
        "=" * len(rid_line),
        r.summary,
        "",
        "Why: " + r.why,
    ]
    if r.link:
        lines.append("More: " + r.link)
    if r.settings:
        lines += ["", "Settings:"] + [f"  {k} = {v!r}" for k, v in r.settings.items()]
    lines += ["", "Flagged:"] + [f"  - {e}" for e in r.bad]
    if r.good:
        lines += ["", "Fine:"] + [f"  - {e}" for e in r.good]
    click.echo("\n".join(lines))


def _rule_json(r) -> dict:
    return {
        "id": r.id,
        "category": r.category,
        "severity": r.severity.label,
        "default": r.default,
        "summary": r.summary,
        "why": r.why,
        "link": r.link,
        "settings": r.settings,
        "examples": {"good": list(r.good), "bad": list(r.bad)},
    }



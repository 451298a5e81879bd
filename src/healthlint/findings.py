"""The finding: the one record every rule produces and every reporter reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `--fail-on` can compare levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES = ("readability", "plain-language", "disclaimer", "dosing", "claims", "regulatory", "meta")
# Each rule's page, generated from its data into docs/rules/<category>/<name>.md.
DOCS_URL = "https://github.com/healthlint/healthlint/blob/main/docs/rules/{category}/{name}.md"


def docs_url(rule_id: str) -> str:
    """Where a rule's page is read: editors link to it from a finding, the report from its list."""
    category, _, name = rule_id.partition("/")
    return DOCS_URL.format(category=category, name=name)


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """Positions are 1-based characters; the end is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None

    @property
    def category(self) -> str:
        return self.rule.split("/", 1)[0]

    def __reduce__(self):
        """Sent from worker processes as its fields: half the time of pickle's way for slotted dataclasses."""
        return (Finding, (self.path, self.line, self.column, self.end_line, self.end_column, self.rule, self.severity, self.message, self.suggestion))

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.label
        data["category"] = self.category
        if self.suggestion is None:
            del data["suggestion"]
        return data


@dataclass
class FileResult:
    """One file's findings, or the one-line error (already naming the file) that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

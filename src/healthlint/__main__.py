from healthlint.cli import entry

entry()

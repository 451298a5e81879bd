"""The floor for any Python Markdown linter: read each file, parse it with markdown-it-py, split sentences with one regex."""

from __future__ import annotations

import re
import sys

from markdown_it import MarkdownIt

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def main(paths: list[str]) -> None:
    md = MarkdownIt("commonmark")
    sentences = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for token in md.parse(text):
            if token.type == "inline":
                sentences += len(_SENTENCE_END.split(token.content))
    print(f"{sentences} sentences")


if __name__ == "__main__":
    main(sys.argv[1:])

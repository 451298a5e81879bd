"""Every finding on every corpus article, written to a file or compared with one written before.

    python bench/golden.py write /tmp/golden.jsonl      # before a change that must not change findings
    python bench/golden.py compare /tmp/golden.jsonl    # after it: prints what differs, exit 1 if anything does

All rules run (every category selected), through the real CLI, without the findings cache.
The golden file holds other people's text positions and messages: keep it outside the
repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ALL = "readability,plain-language,disclaimer,dosing,claims,regulatory,meta"
KEYS = ("path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "suggestion")


def findings(root: Path, chunk: int = 400) -> list[str]:
    """One JSON line per finding, paths relative to the corpus, in the CLI's order."""
    files = sorted(root.rglob("*.md"))
    lines: list[str] = []
    for i in range(0, len(files), chunk):
        part = files[i : i + chunk]
        cmd = [sys.executable, "-m", "healthlint", "check", "--no-cache", "--exit-zero", "--format", "json", "--select", ALL, *map(str, part)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.exit(f"golden: healthlint exited {out.returncode}: {out.stderr.strip()[:300]}")
        for f in json.loads(out.stdout)["findings"]:
            f["path"] = str(Path(f["path"]).relative_to(root))
            lines.append(json.dumps({k: f.get(k) for k in KEYS}, ensure_ascii=False))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["write", "compare"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    now = findings(args.corpus)
    if args.action == "write":
        args.file.write_text("\n".join(now) + "\n", encoding="utf-8")
        print(f"{len(now)} findings written to {args.file}")
        return
    before = args.file.read_text(encoding="utf-8").splitlines()
    gone, new = sorted(set(before) - set(now)), sorted(set(now) - set(before))
    for line in gone[:20]:
        print("- " + line)
    for line in new[:20]:
        print("+ " + line)
    same_order = not gone and not new and before == now
    print(f"{len(before)} findings before, {len(now)} now; {len(gone)} gone, {len(new)} new; order {'same' if same_order else 'differs' if not gone and not new else 'n/a'}")
    sys.exit(0 if same_order else 1)


if __name__ == "__main__":
    main()

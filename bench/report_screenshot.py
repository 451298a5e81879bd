"""A picture of what a reader sees: `healthlint report` of the example article, shot by headless Chromium.

Needs Debian's chromium (`apt-get install -y chromium`). Runs it offline-minded (no background
networking, no component updates) with a fresh profile, and writes the page and two PNGs to the
folder given (default: a new temporary folder), printing their paths: the top of the page, and
the page with its first warning reached by the keyboard (its message shown on focus).

Usage: python bench/report_screenshot.py [OUT_DIR] [--width 1400] [--height 2400] [--article FILE]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--article", type=Path, default=ROOT / "examples" / "kratom-chronic-pain-seo.txt")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("needs chromium: apt-get install -y chromium")
    out = args.out or Path(tempfile.mkdtemp(prefix="healthlint-report-"))
    out.mkdir(parents=True, exist_ok=True)
    page, picture = out / "report.html", out / "report.png"
    subprocess.run([sys.executable, "-m", "healthlint", "report", str(args.article), "-o", str(page)], check=True)
    shoot(browser, page, picture, args.width, args.height)
    # The same page with its first warning focused, as a reader tabbing to it sees it. The
    # script is added to this copy only: the report itself has none.
    focused_page, focused = out / "report-focused.html", out / "report-focused.png"
    html = page.read_text(encoding="utf-8")
    focused_page.write_text(html.replace("</body>", FOCUS + "</body>"), encoding="utf-8")
    shoot(browser, focused_page, focused, args.width, 900)
    for path in (page, picture, focused):
        print(path)


FOCUS = """<script>
const m = document.querySelector("mark.warning[tabindex]");
window.scrollTo(0, m.getBoundingClientRect().top + window.scrollY - 250);
m.focus({preventScroll: true});
</script>"""


def shoot(browser: str, page: Path, picture: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--virtual-time-budget=3000",
                f"--window-size={width},{height}",
                f"--screenshot={picture}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    main()

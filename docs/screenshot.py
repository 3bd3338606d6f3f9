"""Regenerate docs/seed-report.png: the HTML report of examples/seed.txt,
as headless Chromium draws it.

    .venv/bin/python docs/screenshot.py [--full]

Needs Debian's chromium (/usr/bin/chromium) and the playwright package (the
dev extra); it never downloads a browser.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    full = "--full" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "seed-report.html"
        subprocess.run([sys.executable, "-m", "toolkit", "report", "examples/seed.txt",
                        "-o", str(report)], check=True, cwd=ROOT)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1600}, device_scale_factor=1)
            page.goto(report.as_uri())
            out = ROOT / "docs" / "seed-report.png"
            page.screenshot(path=str(out), full_page=full)
            browser.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

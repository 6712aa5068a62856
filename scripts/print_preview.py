"""Print a page of the running app to PDF in headless Chromium, as the browser's Print does, and render each sheet
to PNG to look at: `python scripts/print_preview.py /worksheet docs/print/worksheet [SELECTOR]` (starts its own
server; waits until SELECTOR, the page's last part, is there and everything is drawn).

Writes NAME.pdf and NAME-1.png, NAME-2.png, ... (one per A4 sheet) and prints the number of sheets.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_drawn, wait_until_idle  # noqa: E402


def sheets_of(pdf: Path) -> list[Path]:
    """Each sheet of ``pdf`` as a PNG beside it (pypdfium2 if installed, else ImageMagick with Ghostscript)."""
    try:
        import pypdfium2
    except ImportError:
        subprocess.run(["convert", "-density", "80", str(pdf), str(pdf.with_suffix("")) + "-%d.png"], check=True)
        return sorted(pdf.parent.glob(pdf.stem + "-*.png"))
    out = []
    for number, page in enumerate(pypdfium2.PdfDocument(str(pdf)), start=1):
        path = pdf.with_name(f"{pdf.stem}-{number}.png")
        page.render(scale=80 / 72).to_pil().save(path)
        out.append(path)
    return out


def main(path: str, name: str, last_part: str | None = None) -> None:
    target = Path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data, sync_playwright() as p:
        server = AppServer(Path(data))
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": int(os.environ.get("PRINT_WIDTH", "1400")), "height": 1000})
            page.goto(server.url + path)
            if last_part:
                page.wait_for_selector(last_part, timeout=60_000)
            wait_until_idle(page, timeout=60_000)
            wait_until_drawn(page)
            page.emulate_media(media="print")
            pdf = target.with_suffix(".pdf")
            page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            server.stop()
    for old in target.parent.glob(target.name + "-*.png"):
        old.unlink()
    sheets = sheets_of(pdf)
    print(f"{len(sheets)} sheets: {', '.join(str(s) for s in sheets)}")


if __name__ == "__main__":
    main(*sys.argv[1:4])

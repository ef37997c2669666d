#!/usr/bin/env python3
"""Checks the HTML weekly summary as a browser sees it (`make check-html`): the golden summary
must parse as valid HTML5 (html5lib, strict: any parse error fails), and headless Chromium must
render it with the chart and the tables. The screenshot goes to bench-data/ (not in git)."""
import os
import shutil
import subprocess
import sys

import html5lib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "Tests", "ProxyClashReportTests", "Golden", "summary-2026-W47.html")
OUT = os.path.join(ROOT, "bench-data")


def main():
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    with open(PAGE, "rb") as page:
        document = parser.parse(page)
    tables = document.findall(".//table")
    svg = "{http://www.w3.org/2000/svg}"
    svgs = document.findall(f".//{svg}svg")
    bars = [rect for chart in svgs for rect in chart.findall(f"{svg}rect")]
    if len(tables) < 2 or len(svgs) != 2 or len(bars) < 7:
        sys.exit(f"summary HTML lacks content: {len(tables)} tables, {len(svgs)} charts, {len(bars)} bars")
    print(f"valid HTML5: {len(tables)} tables, {len(svgs)} charts, {len(bars)} bars")

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        sys.exit("no Chromium: install it (apt-get install chromium)")
    os.makedirs(OUT, exist_ok=True)
    shot = os.path.join(OUT, "summary-2026-W47.png")
    if os.path.exists(shot):
        os.remove(shot)
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
                    f"--screenshot={shot}", "file://" + PAGE], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    with open(shot, "rb") as image:
        header = image.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("Chromium wrote no PNG")
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    print(f"Chromium rendered it: {shot} ({width}x{height})")


if __name__ == "__main__":
    main()

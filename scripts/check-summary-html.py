#!/usr/bin/env python3
"""Checks the HTML weekly summary as a browser sees it (`make check-html`).

1. The golden summary must parse as valid HTML5 (html5lib, strict: any parse error fails) and
   hold its charts and tables.
2. Headless Chromium, driven through chromedriver (Selenium), opens it at a laptop's 1280 px and a
   phone's 390 px: the page must not scroll sideways (`document.documentElement.scrollWidth` within
   the viewport), no table row may be taller than a screen (at 1280 px: 400 px; at 390 px, where
   each row is a card: 900 px), and no address may be broken inside a part (each conflict's code
   element breaks only at a space or a `<wbr>`: each word of each part between them lies on one
   line). Screenshots go to bench-data/ (not in git).
"""
import os
import shutil
import sys

import html5lib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "Tests", "ProxyClashReportTests", "Golden", "summary-2026-W47.html")
OUT = os.path.join(ROOT, "bench-data")
WIDTHS = {1280: 400, 390: 900}  # viewport width: tallest row allowed (px)

MEASURE = """
const rows = Array.from(document.querySelectorAll('tbody tr'));
return {
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  tallestRow: Math.max(0, ...rows.map(r => r.getBoundingClientRect().height)),
  rows: rows.length,
  // A conflict's text is split only where a <wbr> allows: its pieces between break opportunities
  // must each sit on one line.
  brokenInsideAPart: Array.from(document.querySelectorAll('td.conflict > code')).filter(code => {
    const range = document.createRange();
    let bad = false;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.length === 0) continue;
      // Each word (between spaces) of each part must sit on one line.
      const text = node.textContent;
      const words = /[^ ]+/g;
      let match;
      while ((match = words.exec(text)) !== null) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) bad = true;
      }
    }
    return bad;
  }).length,
};
"""


def check_markup():
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


def check_in_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not browser or not os.path.exists(driver_path):
        sys.exit("no Chromium or chromedriver: install them (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    os.makedirs(OUT, exist_ok=True)
    failures = []
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        for width, tallest in WIDTHS.items():
            driver.set_window_size(width, 900)
            driver.get("file://" + PAGE)
            viewport = driver.execute_script("return window.innerWidth")
            if viewport != width:  # the window frame takes some pixels: size the viewport itself
                driver.set_window_size(width + (width - viewport), 900)
                driver.get("file://" + PAGE)
            m = driver.execute_script(MEASURE)
            shot = os.path.join(OUT, f"summary-2026-W47-{width}px.png")
            driver.save_screenshot(shot)
            print(f"{width} px: page {m['scrollWidth']} px wide (viewport {m['clientWidth']}), tallest of {m['rows']} rows "
                  f"{m['tallestRow']:.0f} px, conflicts broken inside a part: {m['brokenInsideAPart']}; {shot}")
            if m["scrollWidth"] > m["clientWidth"]:
                failures.append(f"{width} px: the page scrolls sideways ({m['scrollWidth']} px > {m['clientWidth']} px)")
            if m["tallestRow"] > tallest:
                failures.append(f"{width} px: a table row is {m['tallestRow']:.0f} px tall (at most {tallest})")
            if m["brokenInsideAPart"]:
                failures.append(f"{width} px: {m['brokenInsideAPart']} address(es) broken inside a part")
    finally:
        driver.quit()
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    check_markup()
    check_in_browser()

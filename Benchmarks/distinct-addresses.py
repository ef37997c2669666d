#!/usr/bin/env python3
"""Writes COUNT proxy-address conflict messages to stdout, each for a different address (the
"10 million distinct addresses" hostile case): proxyclash must keep memory bounded (it keeps
--max-incidents incidents and counts the rest).

Usage: distinct-addresses.py [COUNT]   (default 10,000,000; about 265 bytes a line)
"""
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
out = sys.stdout
lines = []
for index in range(count):
    lines.append(f'2026-11-18T06:{index // 60000 % 60:02d}:{index // 1000 % 60:02d}Z ERROR New-MailUser u{index}: '
                 f'The proxy address "SMTP:user{index:08d}@contoso.com" is already being used by '
                 f'"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/u{index}". '
                 f'Choose another proxy address.\n')
    if len(lines) == 10_000:
        out.write("".join(lines))
        lines.clear()
out.write("".join(lines))

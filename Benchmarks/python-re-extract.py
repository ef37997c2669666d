#!/usr/bin/env python3
"""The one-off script an ops engineer would write instead of ProxyClash: read line by line,
one regex per message family, count distinct conflicts. A baseline for `make bench`."""
import re
import sys

PATTERNS = [
    re.compile(r'The proxy address "(?:smtp|SMTP):([^"]+)" is already being used by', re.IGNORECASE),
    re.compile(r'ConflictingObject: (\w+_[0-9A-Fa-f-]{36})'),
    re.compile(r'associated with another object[^\[]*\[ProxyAddresses (?:smtp|SMTP):([^;\]]+);'),
]

seen = {}
messages = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as handle:
    for line in handle:
        for index, pattern in enumerate(PATTERNS):
            match = pattern.search(line)
            if match:
                key = (index, match.group(1).lower())
                seen[key] = seen.get(key, 0) + 1
                messages += 1
                break
print(f"{messages} messages, {len(seen)} conflicts")

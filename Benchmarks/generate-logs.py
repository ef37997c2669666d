#!/usr/bin/env python3
"""Deterministic log generator for ProxyClash benchmarks.

Writes Entra Connect / provisioning-style trace lines, most of which mention addresses, GUIDs,
DNs and even the words "proxy address" without being conflicts, with conflict messages of all
three kinds at a configurable density, drawn from a fixed set of distinct conflicts repeated in
varying case. Formats: plain log lines, CSV (Export-Csv style) and JSON Lines. Next to the data it
writes the ground truth (<output>.truth.json): conflict messages and incidents with occurrences,
which the benchmark compares with proxyclash's report.

In plain lines, a share of the conflict messages (--wrapped, default 0.1) is hard-wrapped at 120
columns, as PowerShell's Out-File cuts an error written into a log: the continuation lines carry
no timestamp and the cut may fall inside any word, including the words the patterns look for.

Usage: generate-logs.py --format lines|csv|jsonl --size 1GiB --output FILE [--seed 1]
                        [--density 2000] [--distinct 500] [--wrapped 0.1]
"""
# Bumped when the generated data changes, so cached benchmark data is made again.
GENERATOR_VERSION = 2

import argparse
import json
import random
import re


def parse_size(text):
    match = re.fullmatch(r"(\d+)\s*(B|KiB|MiB|GiB)?", text.strip())
    if not match:
        raise SystemExit(f"bad size: {text}")
    units = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}
    return int(match.group(1)) * units[match.group(2)]


NOISE = [
    "INFO  Set-Mailbox {u}: adding proxy address smtp:{u}@contoso.com",
    "INFO  Export: object CN={u},OU=Staff,DC=corp,DC=contoso,DC=com updated (ObjectId {g})",
    "VERBOSE Get-EXORecipient -Identity {u}@contoso.com returned EmailAddresses {{SMTP:{u}@contoso.com, smtp:{u}@contoso.onmicrosoft.com}}",
    "INFO  Mail user {u} created; proxy address list unchanged",
    "WARN  Throttling: backing off 2 s before the next call for {u}",
    "INFO  Delta sync: 1 object(s) exported for {u}@contoso.com, SourceAnchor {a}",
    "DEBUG Checked whether proxy address SMTP:{u}@contoso.com is already used: no",
]


def conflicts(count, rng):
    """The distinct conflicts: (kind, key, renderer)."""
    result = []
    for index in range(count):
        user = f"user{index:05d}"
        kind = index % 3
        if kind == 0:
            key = ("proxy-address-in-use", f"smtp:{user}@contoso.com")

            def render(t, rng, user=user):
                address = rng.choice([f"SMTP:{user}@contoso.com", f"smtp:{user.upper()}@Contoso.com", f"SMTP:{user}@CONTOSO.COM"])
                return (f'{t} ERROR New-MailUser {user}: The proxy address "{address}" is already being used by '
                        f'"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/{user} old". '
                        f'Choose another proxy address.')
        elif kind == 1:
            guid = "%08x-%04x-4%03x-8%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
            key = ("aad-object-conflict", f"publicfolder_{guid}")

            def render(t, rng, guid=guid, user=user):
                shown = guid.upper() if rng.random() < 0.5 else guid
                return (f"{t} ERROR Set-Mailbox {user}: An Azure Active Directory call was made to keep object in sync between "
                        f"Azure Active Directory and Exchange Online. However, it failed. Detailed error message: Another object "
                        f"with the same value for property proxyAddresses already exists. ConflictingObject: PublicFolder_{shown}")
        else:
            key = ("sync-duplicate-attribute", f"proxyaddresses|smtp:{user}@contoso.com")

            def render(t, rng, user=user):
                address = rng.choice([f"SMTP:{user}@contoso.com", f"smtp:{user}@Contoso.com"])
                return (f"{t} ERROR Export: Unable to update this object because the following attributes associated with this "
                        f"object have values that may already be associated with another object in your local directory services: "
                        f"[ProxyAddresses {address};]. Correct or remove the duplicate values in your local directory.")
        result.append((key, render))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=["lines", "csv", "jsonl"], default="lines")
    parser.add_argument("--size", default="64MiB")
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--density", type=int, default=2000, help="one conflict message per N lines")
    parser.add_argument("--distinct", type=int, default=500, help="distinct conflicts")
    parser.add_argument("--wrapped", type=float, default=0.1, help="share of conflict messages wrapped at 120 columns (lines)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    target = parse_size(args.size)
    pool = conflicts(args.distinct, rng)
    occurrences = {}
    messages = 0
    written = 0
    line_number = 0
    physical_lines = 0
    wrapped = 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        if args.format == "csv":
            header = '"TimeCreated","Id","Message"\n'
            out.write(header)
            written += len(header)
        while written < target:
            seconds = line_number // 50
            t = "2026-11-%02dT%02d:%02d:%02d.%03d0000Z" % (16 + seconds // 86400 % 7, seconds // 3600 % 24, seconds // 60 % 60, seconds % 60, line_number % 1000)
            is_conflict = line_number % args.density == args.density // 2
            if is_conflict:
                key, render = pool[rng.randrange(len(pool))]
                text = render(t, rng)
                occurrences[key] = occurrences.get(key, 0) + 1
                messages += 1
            else:
                user = f"user{rng.randrange(100000):05d}"
                guid = "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))
                text = f"{t} " + rng.choice(NOISE).format(u=user, g=guid, a="iGhmiAEBERG7uxI0VniQqw==")
            if args.format == "lines":
                if is_conflict and rng.random() < args.wrapped:
                    line = "\n".join(text[i:i + 120] for i in range(0, len(text), 120)) + "\n"
                    wrapped += 1
                else:
                    line = text + "\n"
            elif args.format == "csv":
                body = text.split(" ", 1)[1].replace('"', '""')
                line = f'"{t}","{line_number}","{body}"\n'
            else:
                level, body = text.split(" ", 2)[1:3]
                line = json.dumps({"time": t, "level": level.strip().lower(), "message": body}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            physical_lines += line.count("\n")
            line_number += 1
    truth = {
        "generator": GENERATOR_VERSION, "format": args.format, "bytes": written,
        "lines": physical_lines + (1 if args.format == "csv" else 0), "messages": messages, "wrapped": wrapped,
        "incidents": [{"kind": kind, "key": key, "occurrences": count} for (kind, key), count in sorted(occurrences.items())],
    }
    with open(args.output + ".truth.json", "w") as out:
        json.dump(truth, out, indent=1)


if __name__ == "__main__":
    main()

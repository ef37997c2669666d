#!/usr/bin/env python3
"""A realistic mixed log for the benchmark: what a provisioning script writes over a week.

Unlike generate-logs.py's uniform lines, this log has what real ones have:
- long lines (150-400 bytes): REST calls with URLs, GUIDs and request ids, non-ASCII names
  (Zoë Müller, José Núñez, 李雷), addresses and the words "proxy address" without a conflict;
- about 15% JSON lines (a raw REST response or a structured event on a line of its own), a few
  of them carrying a conflict message with escaped quotes (`\\"` as ConvertTo-Json and Newtonsoft
  write them, `\\u0022` as System.Text.Json does);
- timestamped lines with a REST body inside (`... failed (400): {"error":{"message":"...\\"SMTP:x\\"..."}}`);
- conflict messages wrapped at a space, continued on lines indented by four spaces;
- .NET stack traces (`   at Namespace.Type.Method(...) in C:\\...\\File.cs:line 42`) after errors;
- PowerShell 7 error lines with ANSI colour sequences around a real conflict;
- look-alike decoys of every kind: a script's own "Checking whether the proxy address ... is already
  being used by another recipient: no", "... is already being used by this object; no change
  required", alias conflicts, documentation placeholders (`SMTP:<address>`, `PublicFolder_<GUID>`).

Writes <output>.truth.json in generate-logs.py's form (messages, incidents with occurrences).

Usage: generate-realistic.py --size 1GiB --output FILE [--seed 7]
"""
# Bumped when the generated data changes, so cached benchmark data is made again.
GENERATOR_VERSION = 1

import argparse
import json
import random
import re

NAMES = ["Zoë Müller", "José Núñez", "李雷", "Åsa Lindqvist", "Chloé Dubois", "Łukasz Nowak", "Jane Doe", "Ahmed El-Sayed"]
OWNER = "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/{name}"


def parse_size(text):
    match = re.fullmatch(r"(\d+)\s*(B|KiB|MiB|GiB)?", text.strip())
    units = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}
    return int(match.group(1)) * units[match.group(2)]


class Log:
    def __init__(self, rng, distinct):
        self.rng = rng
        self.users = [f"user{index:05d}" for index in range(distinct)]
        self.guids = ["%08x-%04x-4%03x-8%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
                      for _ in range(distinct // 4)]
        self.occurrences = {}
        self.messages = 0

    def guid(self):
        r = self.rng
        return "%08x-%04x-%04x-%04x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(16), r.getrandbits(16), r.getrandbits(48))

    def count(self, kind, key):
        self.occurrences[(kind, key)] = self.occurrences.get((kind, key), 0) + 1
        self.messages += 1

    def in_use(self):
        """A real in-use message (counted) and the address it names."""
        user = self.rng.choice(self.users)
        address = self.rng.choice([f"SMTP:{user}@contoso.com", f"smtp:{user}@Contoso.com"])
        self.count("proxy-address-in-use", f"smtp:{user}@contoso.com")
        owner = OWNER.format(name=self.rng.choice(NAMES))
        return f'The proxy address "{address}" is already being used by "{owner}". Choose another proxy address.'

    def noise(self, t):
        r, user, name = self.rng, self.rng.choice(self.users), self.rng.choice(NAMES)
        filler = " ".join(f"{k}={v}" for k, v in (("requestId", self.guid()), ("clientRequestId", self.guid()), ("tenant", "contoso.onmicrosoft.com")))
        choices = [
            f"{t} INFO  Invoke-RestMethod GET https://graph.microsoft.com/v1.0/users/{user}@contoso.com?$select=displayName,proxyAddresses,onPremisesSyncEnabled 200 OK in {r.randrange(20, 900)} ms {filler}",
            f"{t} VERBOSE Set-Mailbox -Identity '{name}' -EmailAddresses @{{add='smtp:{user}.alias@contoso.com'}}: adding proxy address smtp:{user}.alias@contoso.com to {name} ({self.guid()})",
            f"{t} INFO  Export: object CN={name},OU=Staff,DC=corp,DC=contoso,DC=com exported to contoso.onmicrosoft.com - AAD connector, SourceAnchor {self.guid()}, {filler}",
            f"{t} DEBUG Get-EXORecipient -Filter \"EmailAddresses -eq 'smtp:{user}@contoso.com'\" returned 1 recipient(s): {name} <{user}@contoso.com> RecipientTypeDetails=UserMailbox {filler}",
            f"{t} WARN  Throttled by https://outlook.office365.com/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand (429): backing off {r.randrange(1, 30)} s for {user}; {filler}",
        ]
        return r.choice(choices)

    def decoy(self, t):
        r, user = self.rng, self.rng.choice(self.users)
        return r.choice([
            f'{t} DEBUG Checking whether the proxy address "SMTP:{user}@contoso.com" is already being used by another recipient: no',
            f'{t} INFO  The proxy address "smtp:{user}@contoso.com" is already being used by this object; no change required',
            f'{t} ERROR New-DistributionGroup {user}-team: The alias "{user}-team" is already being used by another object. Choose another alias.',
            f'{t} INFO  Runbook help: if the proxy address "SMTP:<address>" is already being used by "<owner>", remove it from the other recipient.',
            f'{t} INFO  Runbook help: ConflictingObject: PublicFolder_<GUID> means an orphaned public folder holds the address.',
        ])

    def json_line(self, t, conflict):
        """A JSON line: a structured event, or a REST error response carrying a conflict."""
        if not conflict:
            event = {"time": t, "level": "info", "operation": "GET /users/delta", "status": 200,
                     "user": self.rng.choice(NAMES), "requestId": self.guid(), "page": self.rng.randrange(1, 400),
                     "note": "proxy address list unchanged"}
            return json.dumps(event, ensure_ascii=self.rng.random() < 0.5)
        message = self.in_use()
        body = {"time": t, "level": "error", "operation": "POST /adminapi/beta/contoso.onmicrosoft.com/InvokeCommand",
                "status": 400, "error": {"code": "InvalidOperation", "message": message}}
        text = json.dumps(body, ensure_ascii=False)
        if self.rng.random() < 0.5:
            text = text.replace('\\"', "\\u0022")  # System.Text.Json's encoder
        return text

    def error_with_body(self, t):
        message = self.in_use()
        body = json.dumps({"error": {"code": "InvalidOperation", "message": message}})
        user = self.rng.choice(self.users)
        return f"{t} ERROR POST https://outlook.office365.com/adminapi/beta/contoso.onmicrosoft.com/Mailbox('{user}') failed (400): {body}"

    def public_folder(self, t):
        guid = self.rng.choice(self.guids)
        self.count("aad-object-conflict", f"publicfolder_{guid}")
        shown = guid.upper() if self.rng.random() < 0.5 else guid
        return (f"{t} ERROR Set-Mailbox {self.rng.choice(self.users)}: An Azure Active Directory call was made to keep object in sync "
                f"between Azure Active Directory and Exchange Online. However, it failed. Detailed error message: Another object with "
                f"the same value for property proxyAddresses already exists. ConflictingObject: PublicFolder_{shown}")

    def export_error(self, t):
        user = self.rng.choice(self.users)
        self.count("sync-duplicate-attribute", f"proxyaddresses|smtp:{user}@contoso.com")
        return (f"{t} ERROR Export: Unable to update this object because the following attributes associated with this object have "
                f"values that may already be associated with another object in your local directory services: [ProxyAddresses "
                f"SMTP:{user}@contoso.com;]. Correct or remove the duplicate values in your local directory.")

    def wrapped(self, t):
        """An in-use error wrapped at a space, continued on lines indented by four spaces."""
        text = f"{t} ERROR New-MailUser {self.rng.choice(self.users)}: {self.in_use()}"
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + 1 + len(word) > 120:
                lines.append(line)
                line = "    " + word
            else:
                line = f"{line} {word}" if line else word
        return "\n".join(lines + [line])

    def coloured(self, t):
        return f"{t} ERROR \x1b[31;1mNew-MailUser: \x1b[0m\x1b[31;1m{self.in_use()}\x1b[0m"

    def stack(self):
        frames = ["Microsoft.Exchange.Management.RecipientTasks.NewMailUser.InternalValidate()",
                  "Microsoft.Exchange.Configuration.Tasks.Task.<ProcessRecord>b__91_1()",
                  "System.Management.Automation.CommandProcessor.ProcessRecord()",
                  "Contoso.Provisioning.Runner.Invoke(String identity, Hashtable parameters)"]
        return "\n".join(f"   at {frame} in C:\\build\\src\\Provisioning\\Runner.cs:line {self.rng.randrange(10, 900)}"
                         for frame in self.rng.sample(frames, self.rng.randrange(2, 5)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="64MiB")
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--distinct", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    log = Log(rng, args.distinct)
    target = parse_size(args.size)
    written, number, lines = 0, 0, 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            seconds = number // 40
            t = "2026-11-%02dT%02d:%02d:%02d.%03dZ" % (16 + seconds // 86400 % 7, seconds // 3600 % 24, seconds // 60 % 60, seconds % 60, number % 1000)
            roll = rng.random()
            if roll < 0.15:
                text = log.json_line(t, conflict=rng.random() < 0.004)
            elif roll < 0.16:
                text = log.decoy(t)
            elif roll < 0.1625:
                text = rng.choice([log.error_with_body, log.public_folder, log.export_error, log.wrapped, log.coloured])(t)
                if rng.random() < 0.3:
                    text += "\n" + log.stack()
            else:
                text = log.noise(t)
            line = text + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            lines += line.count("\n")
            number += 1
    truth = {
        "generator": GENERATOR_VERSION, "format": "realistic", "bytes": written, "lines": lines, "messages": log.messages,
        "incidents": [{"kind": kind, "key": key, "occurrences": count} for (kind, key), count in sorted(log.occurrences.items())],
    }
    with open(args.output + ".truth.json", "w") as out:
        json.dump(truth, out, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`make bench`: generates the benchmark logs once (cached in bench-data/, outside git), then
times `proxyclash scan --format json` on them next to the tools a user would use instead, and
checks every proxyclash report against the generator's ground truth (a fast wrong answer fails).

Besides the timed rows it measures, once each, peak memory on hostile or large streams fed
through stdin (nothing on disk): the 1 GiB log 10 times over (10 GiB; peak RSS must stay within
10% of the 1 GiB run), one 1 GiB line without a newline, and BENCH_DISTINCT (default 10,000,000)
conflicts each with its own address.

It also times the compressed and archived copies of the 1 GiB log (tar.gz, tar.zst, .zst, .xz,
.bz2) next to the pipe a user would write instead (`zstd -dc x.zst | proxyclash scan -`), and a
second, realistic log (Benchmarks/generate-realistic.py: long lines, 15% JSON lines, escaped and
wrapped conflicts, stack traces, look-alike decoys) against `rg -c -P`, `rg -c` and
`rg --no-mmap -c`, next to the floor of this design (Benchmarks/read-floor.c, built with the
scanner's own C search code: reading the file with read(2) in 1 MiB blocks, then that plus the
line pass, no records).

Last, it times the text report on huge fields (one run each): `merge --format text` of a report
whose incident has a 50 MB owner, and `scan --format text` of one log line with a 900 KB owner.
`bench.py --long-fields` runs only those rows, `bench.py --containers` only the compressed,
archived and realistic-log rows, `bench.py --realistic` only the realistic-log rows.

Environment: BENCH_SIZE (default 1GiB), BENCH_RUNS (default 3), BENCH_WARMUP (untimed runs before
those, default 1), BENCH_DATA (default bench-data),
BENCH_DISTINCT (default 10000000; 0 skips that row).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, os.environ.get("BENCH_DATA", "bench-data"))
SIZE = os.environ.get("BENCH_SIZE", "1GiB")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "1"))
BINARY = os.path.join(ROOT, ".build", "release", "proxyclash")
DISTINCT = int(os.environ.get("BENCH_DISTINCT", "10000000"))
# The prefilter literals of the three message families the generator writes: what a user would
# give rg or grep to count the same lines.
# The folder of small logs (a day of collected logs): a 100 MiB log cut into this many files.
SMALL_FILES = 2000
PEER_PATTERN = "is already being used by|ConflictingObject|associated with another object"


def generator_version():
    source = open(os.path.join(ROOT, "Benchmarks", "generate-logs.py")).read()
    return int(source.split("GENERATOR_VERSION = ", 1)[1].split()[0])


def generate(fmt, size=None):
    """The cached log of this format and size, made again (with its derived copies) when the generator changed."""
    size = size or SIZE
    suffix = {"lines": "log", "csv": "csv", "jsonl": "jsonl"}[fmt]
    path = os.path.join(DATA, f"bench-{size}.{suffix}")
    truth = path + ".truth.json"
    if os.path.exists(truth) and json.load(open(truth)).get("generator") != generator_version():
        for stale in [truth, path, path + ".gz", path + ".utf16le"]:
            if os.path.exists(stale):
                os.remove(stale)
        if fmt == "lines":
            for parts in (8, SMALL_FILES):
                shutil.rmtree(os.path.join(DATA, f"bench-{size}-{parts}-files"), ignore_errors=True)
    if not os.path.exists(truth):
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate-logs.py"), "--format", fmt,
                        "--size", size, "--output", path], check=True)
    return path


def timed(command, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one run, from GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    seconds, rss = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def measure(name, command, size, stdout=subprocess.DEVNULL):
    # One untimed run first (as hyperfine's --warmup): the inputs are then in the page cache as
    # the table says, whatever the runs before evicted (this VM's page cache is small).
    for _ in range(WARMUP):
        timed(command, stdout)
    runs = [timed(command, stdout) for _ in range(RUNS)]
    times = [run[0] for run in runs]
    median = statistics.median(times)
    return {"name": name, "median": median, "min": min(times), "max": max(times),
            "mbps": size / 1e6 / median if median > 0 else float("inf"), "rss": max(run[1] for run in runs)}


def verify(report_path, truth_path, times=1):
    """Compares a report with the generator's truth (for an input repeated `times` over)."""
    report = json.load(open(report_path))
    truth = json.load(open(truth_path))
    got = {(i["kind"], i["key"]): i["occurrences"] for i in report["incidents"]}
    want = {(i["kind"], i["key"]): i["occurrences"] * times for i in truth["incidents"]}
    if got != want or report["summary"]["messages"] != truth["messages"] * times:
        missing = sorted(set(want) - set(got))[:5]
        extra = sorted(set(got) - set(want))[:5]
        raise SystemExit(f"WRONG ANSWER for {truth_path}: {report['summary']['messages']} messages (want {truth['messages']}), "
                         f"missing {missing}, extra {extra}")
    return f"{truth['messages'] * times} messages, {len(want)} incidents: exact"


# (row label, suffix, shell command writing the copy of {src} to {dst}, shell command writing the
# log's text to stdout, for the pipe a user would write).
CONTAINERS = [
    ("tar.gz", ".tar.gz", "tar -C {dir} -cf - {name} | gzip -1 > {dst}", "tar -xzOf {dst}"),
    ("tar.zst", ".tar.zst", "tar -C {dir} -cf - {name} | zstd -q -T0 -3 > {dst}", "zstd -dc {dst} | tar -xOf -"),
    (".zst", ".zst", "zstd -q -T0 -3 -c {src} > {dst}", "zstd -dc {dst}"),
    (".xz", ".xz", "xz -T0 -1 -c {src} > {dst}", "xz -dc {dst}"),
    (".bz2", ".bz2", "bzip2 -1 -c {src} > {dst}", "bzip2 -dc {dst}"),
]


def container_rows(path, report_path):
    """proxyclash on each compressed or archived copy of the log, and the matching pipe."""
    rows = []
    size = os.path.getsize(path)
    scan = f"'{BINARY}' scan - --jobs 1 --format json --quiet --output '{report_path}'; [ $? -le 1 ]"
    for label, suffix, make, unpack in CONTAINERS:
        copy = path + suffix
        names = {"src": f"'{path}'", "dst": f"'{copy}'", "dir": f"'{os.path.dirname(path)}'", "name": f"'{os.path.basename(path)}'"}
        if not os.path.exists(copy):
            print(f"making {copy} ...", file=sys.stderr)
            subprocess.run(["sh", "-c", make.format(**names)], check=True)
        row = measure(f"proxyclash --jobs 1, lines as {label}", [BINARY, "scan", copy, "--jobs", "1", "--format", "json", "--quiet", "--output", report_path], size)
        row["check"] = verify(report_path, path + ".truth.json")
        rows.append(row)
        row = measure(f"{unpack.format(dst='x' + suffix)} \\| proxyclash scan -", ["sh", "-c", f"{unpack.format(**names)} | {scan}"], size)
        row["check"] = verify(report_path, path + ".truth.json")
        rows.append(row)
    return rows


def realistic_rows(report_path):
    """The realistic log: proxyclash --jobs 1 (checked against the truth), rg -c -P and rg -c."""
    path = os.path.join(DATA, f"bench-realistic-{SIZE}.log")
    truth = path + ".truth.json"
    source = open(os.path.join(ROOT, "Benchmarks", "generate-realistic.py")).read()
    version = int(source.split("GENERATOR_VERSION = ", 1)[1].split()[0])
    if not os.path.exists(truth) or json.load(open(truth)).get("generator") != version:
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate-realistic.py"), "--size", SIZE, "--output", path], check=True)
    size = os.path.getsize(path)
    rows = []
    row = measure("realistic log: proxyclash --jobs 1", [BINARY, "scan", path, "--jobs", "1", "--format", "json", "--quiet", "--output", report_path], size)
    row["check"] = verify(report_path, truth)
    rows.append(row)
    if shutil.which("rg"):
        for name, flags in (("realistic log: rg -c -P", ["-c", "-P"]), ("realistic log: rg -c (Rust regex engine)", ["-c"])):
            with open(os.path.join(DATA, "peer.out"), "w") as sink:
                peer = measure(name, ["rg", *flags, PEER_PATTERN, path], size, stdout=sink)
            peer["check"] = "peer (counts lines, no extraction)"
            rows.append(peer)
        with open(os.path.join(DATA, "peer.out"), "w") as sink:
            peer = measure("realistic log: rg --no-mmap -c (reads as proxyclash does)", ["rg", "--no-mmap", "-c", PEER_PATTERN, path], size, stdout=sink)
        peer["check"] = "peer (counts lines, no extraction)"
        rows.append(peer)
    floor = read_floor()
    if floor:
        for mode, name in (("read", "realistic log: floor, read(2) in 1 MiB blocks only (C)"),
                           ("search", "realistic log: floor, read(2) + the line pass, no records (C)")):
            row = measure(name, [floor, path, mode, *prefilter_literals()], size)
            row["check"] = "lower bound of this design"
            rows.append(row)
    return rows


def prefilter_literals():
    """The `prefilter:` literals of the built-in pattern files (what the scanner's line pass looks for)."""
    literals = []
    folder = os.path.join(ROOT, "Patterns")
    for name in sorted(os.listdir(folder)):
        for listed in re.findall(r"^\s*prefilter:\s*(\[.*\])\s*$", open(os.path.join(folder, name)).read(), re.M):
            literals += [literal for literal in json.loads(listed) if literal not in literals]
    return literals


def read_floor():
    """Benchmarks/read-floor.c built against the scanner's C search code (bench-data/read-floor), or None without a C compiler."""
    compiler = shutil.which("clang") or shutil.which("cc")
    if not compiler:
        print("no C compiler: the floor rows are left out", file=sys.stderr)
        return None
    search = os.path.join(ROOT, "Sources", "CStringSearch")
    target = os.path.join(DATA, "read-floor")
    sources = [os.path.join(ROOT, "Benchmarks", "read-floor.c"), os.path.join(search, "CStringSearch.c"), os.path.join(search, "LiteralSet.c")]
    subprocess.run([compiler, "-O2", "-I", os.path.join(search, "include"), "-I", search, "-o", target, *sources], check=True)
    return target


def split_at_entries(path, folder, parts):
    """Cuts the log into `parts` files of about equal size, only before a timestamped line (so no
    wrapped message is cut in two, as log rotation would not cut one)."""
    os.makedirs(folder)
    target = os.path.getsize(path) // parts + 1
    index, size = 0, 0
    out = open(os.path.join(folder, f"part-{index:02d}"), "wb")
    with open(path, "rb") as source:
        for line in source:
            if size >= target and line[:2] == b"20" and index < parts - 1:
                out.close()
                index, size = index + 1, 0
                out = open(os.path.join(folder, f"part-{index:02d}"), "wb")
            out.write(line)
            size += len(line)
    out.close()


def streams(path, report_path):
    """Peak memory on large and hostile streams through stdin, one run each."""
    rows = []
    scan = f"'{BINARY}' scan - --jobs 1 --format json --quiet --output '{report_path}'; [ $? -le 1 ]"
    size = os.path.getsize(path)
    row = measure_once("stdin: the 1 GiB log", ["sh", "-c", f"cat '{path}' | {scan}"], size)
    row["check"] = verify(report_path, path + ".truth.json")
    rows.append(row)
    row = measure_once("stdin: the log 10 times (10 GiB)", ["sh", "-c", f"for i in 1 2 3 4 5 6 7 8 9 10; do cat '{path}'; done | {scan}"], size * 10)
    row["check"] = verify(report_path, path + ".truth.json", times=10)
    rows.append(row)
    line = 1 << 30
    row = measure_once("stdin: one 1 GiB line, no newline", ["sh", "-c", f"head -c {line} /dev/zero | tr '\\0' a | {scan}"], line)
    summary = json.load(open(report_path))["summary"]
    if summary["records"] != 1 or summary["diagnostics"].get("overlong-record") != 1:
        raise SystemExit(f"WRONG ANSWER for the 1 GiB line: {summary}")
    row["check"] = "1 record, cut at --max-record-length: as documented"
    rows.append(row)
    if DISTINCT > 0:
        generator = os.path.join(ROOT, "Benchmarks", "distinct-addresses.py")
        row = measure_once(f"stdin: {DISTINCT:,} distinct addresses", ["sh", "-c", f"'{sys.executable}' '{generator}' {DISTINCT} | {scan}"], DISTINCT * 265)
        summary = json.load(open(report_path))["summary"]
        if summary["messages"] != DISTINCT or summary["incidents"] != min(DISTINCT, 100_000) or (DISTINCT > 100_000) != ("incident-limit" in summary["diagnostics"]):
            raise SystemExit(f"WRONG ANSWER for {DISTINCT} distinct addresses: {summary}")
        row["check"] = f"{summary['messages']:,} messages, {summary['incidents']:,} incidents kept (--max-incidents), rest counted"
        rows.append(row)
    return rows


CONFLICT_LINE = ('2026-11-16T08:02:45Z ERROR The proxy address "SMTP:lee.chen@contoso.com" is already being used by '
                 '"{owner}". Choose another proxy address.\n')


def long_owner(size):
    """An owner of about `size` bytes: a path of words and folders, as a real owner is, only longer."""
    parts, length, index = ["corp.example/Users/"], 19, 0
    while length < size:
        part = f"Department {index:07d}/" if index % 4 == 0 else f"Owner{index:07d} "
        parts.append(part)
        length += len(part)
        index += 1
    return "".join(parts) + "Lee Chen"


def check_wrapped_owner(text_path, owner):
    """The owner is printed whole and in order under `held by`, in lines of at most 80 characters."""
    lines = open(text_path, encoding="utf-8").read().split("\n")
    start = next(index for index, line in enumerate(lines) if line.startswith("    held by"))
    held = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith(" " * 14):
            break
        held.append(line)
    if any(len(line) > 80 for line in held) or "".join(line[14:] for line in held).replace(" ", "") != owner.replace(" ", ""):
        raise SystemExit(f"WRONG ANSWER: the owner in {text_path} is not printed whole in lines of 80 characters")
    return f"owner in {len(held):,} lines of at most 80 characters: exact"


def long_fields():
    """Text reports of huge fields: a 50 MB owner through `merge --format text`, a 900 KB owner through `scan --format text`."""
    rows = []
    line_path = os.path.join(DATA, "long-owner-900KB.log")
    owner = long_owner(900_000)
    with open(line_path, "w", encoding="utf-8") as log:
        log.write(CONFLICT_LINE.format(owner=owner))
    text_path = os.path.join(DATA, "long-owner.txt")
    row = measure_once("text report: scan --format text, one line with a 900 KB owner", [BINARY, "scan", line_path, "--format", "text", "--output", text_path], len(owner))
    row["check"] = check_wrapped_owner(text_path, owner)
    rows.append(row)
    report_path = os.path.join(DATA, "long-owner-50MB.json")
    subprocess.run([BINARY, "scan", line_path, "--format", "json", "--output", report_path])
    report = json.load(open(report_path))
    owner = long_owner(50_000_000)
    report["incidents"][0]["owners"] = [owner]
    with open(report_path, "w", encoding="utf-8") as target:
        json.dump(report, target)
    row = measure_once("text report: merge --format text, a 50 MB owner", [BINARY, "merge", report_path, "--format", "text", "--output", text_path], len(owner))
    row["check"] = check_wrapped_owner(text_path, owner)
    rows.append(row)
    return rows


def measure_once(name, command, size):
    seconds, rss = timed(command)
    return {"name": name, "median": seconds, "min": seconds, "max": seconds,
            "mbps": size / 1e6 / seconds if seconds > 0 else float("inf"), "rss": rss}


def main():
    if not os.path.exists(BINARY):
        raise SystemExit("build first: swift build -c release --product proxyclash")
    os.makedirs(DATA, exist_ok=True)
    report_path = os.path.join(DATA, "report.json")
    rows = []
    only = {"--long-fields", "--containers", "--realistic"} & set(sys.argv)
    if "--containers" in sys.argv:
        # Only the compressed and archived copies and the realistic log (new rows, same table).
        path = generate("lines")
        rows += container_rows(path, report_path) + realistic_rows(report_path)
    if "--realistic" in sys.argv:
        rows += realistic_rows(report_path)
    for fmt in [] if only else ["lines", "csv", "jsonl"]:
        path = generate(fmt)
        size = os.path.getsize(path)
        row = measure(f"proxyclash --jobs 1, {fmt}", [BINARY, "scan", path, "--jobs", "1", "--format", "json", "--quiet", "--output", report_path], size)
        row["check"] = verify(report_path, path + ".truth.json")
        rows.append(row)
        if fmt == "lines":
            row = measure("proxyclash --jobs 2, lines, one file", [BINARY, "scan", path, "--jobs", "2", "--format", "json", "--quiet", "--output", report_path], size)
            row["check"] = verify(report_path, path + ".truth.json")
            rows.append(row)
            folder = os.path.join(DATA, f"bench-{SIZE}-8-files")
            if not os.path.isdir(folder):
                split_at_entries(path, folder, 8)
            utf16 = path + ".utf16le"
            if not os.path.exists(utf16):
                with open(path, "rb") as source, open(utf16, "wb") as target:
                    target.write(b"\xff\xfe")
                    for block in iter(lambda: source.read(1 << 24), b""):
                        target.write(block.decode("utf-8").encode("utf-16-le"))
            row = measure("proxyclash --jobs 1, lines as UTF-16LE", [BINARY, "scan", utf16, "--jobs", "1", "--format", "json", "--quiet", "--output", report_path], size)
            row["check"] = verify(report_path, path + ".truth.json")
            rows.append(row)
            gz = path + ".gz"
            if not os.path.exists(gz):
                with open(gz, "wb") as target:
                    subprocess.run(["gzip", "-1", "-c", path], stdout=target, check=True)
            row = measure("proxyclash --jobs 1, lines as .gz", [BINARY, "scan", gz, "--jobs", "1", "--format", "json", "--quiet", "--output", report_path], size)
            row["check"] = verify(report_path, path + ".truth.json")
            rows.append(row)
            row = measure("gzip -dc, piped to proxyclash scan -", ["sh", "-c", f"gzip -dc '{gz}' | '{BINARY}' scan - --jobs 1 --format json --quiet --output '{report_path}'; [ $? -le 1 ]"], size)
            row["check"] = verify(report_path, path + ".truth.json")
            rows.append(row)
            small_log = generate("lines", "100MiB")
            small = os.path.join(DATA, f"bench-100MiB-{SMALL_FILES}-files")
            if not os.path.isdir(small):
                split_at_entries(small_log, small, SMALL_FILES)
            for jobs in ("1", "2"):
                row = measure(f"proxyclash --jobs {jobs}, 100 MiB as {SMALL_FILES:,} files", [BINARY, "scan", small, "--jobs", jobs, "--format", "json", "--quiet", "--output", report_path], os.path.getsize(small_log))
                row["check"] = verify(report_path, small_log + ".truth.json")
                rows.append(row)
            for jobs in ("1", "2"):
                row = measure(f"proxyclash --jobs {jobs}, lines, 8 files", [BINARY, "scan", folder, "--jobs", jobs, "--format", "json", "--quiet", "--output", report_path], size)
                row["check"] = verify(report_path, path + ".truth.json")
                rows.append(row)
            peers = [("cat > /dev/null", ["cat", path])]
            if shutil.which("rg"):
                peers.append(("rg -c -P", ["rg", "-c", "-P", PEER_PATTERN, path]))
                peers.append(("rg -c (Rust regex engine)", ["rg", "-c", PEER_PATTERN, path]))
                peers.append(("rg -z -c -P on the .gz", ["rg", "-z", "-c", "-P", PEER_PATTERN, gz]))
            peers.append(("grep -c -P", ["grep", "-c", "-P", PEER_PATTERN, path]))
            peers.append(("python re, line by line", [sys.executable, os.path.join(ROOT, "Benchmarks", "python-re-extract.py"), path]))
            for name, command in peers:
                # GNU grep stops at the first match when stdout is /dev/null: give the counters a file.
                if name.startswith("cat"):
                    peer = measure(name, command, size)
                else:
                    with open(os.path.join(DATA, "peer.out"), "w") as sink:
                        peer = measure(name, command, size, stdout=sink)
                peer["check"] = ""
                rows.append(peer)
            rows += container_rows(path, report_path)
            rows += realistic_rows(report_path)
            rows += streams(path, report_path)
    if not {"--containers", "--realistic"} & set(sys.argv):
        rows += long_fields()
    with open(os.path.join(DATA, "cpu.txt"), "w") as cpu:
        subprocess.run(["sh", "-c", "nproc; grep -m1 'model name' /proc/cpuinfo"], stdout=cpu)
    print(f"\n{SIZE} inputs, {RUNS} runs each, warm page cache; machine: {open(os.path.join(DATA, 'cpu.txt')).read().strip().replace(chr(10), ' cores, ')}\n")
    peers = {row["name"]: row["mbps"] for row in rows if not row["check"]}
    realistic = {row["name"]: row["mbps"] for row in rows if row["name"].startswith("realistic log")}
    rg = peers.get("rg -c -P")
    grep = peers.get("grep -c -P")
    python = peers.get("python re, line by line")
    print("| command | median s | min-max s | MB/s | vs rg -c -P | vs grep -c -P | vs python re | peak RSS MiB | result |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        ratio = lambda peer: f"{row['mbps'] / peer:.2f}x" if peer and row["check"] and not row["name"].startswith(("stdin", "text report", "realistic")) else ""
        print(f"| {row['name']} | {row['median']:.2f} | {row['min']:.2f}-{row['max']:.2f} | {row['mbps']:.0f} | "
              f"{ratio(rg)} | {ratio(grep)} | {ratio(python)} | {row['rss'] / 1024:.0f} | {row['check']} |")
    medians = {row["name"]: row["median"] for row in rows}
    for what, single, double in (("one file", "proxyclash --jobs 1, lines", "proxyclash --jobs 2, lines, one file"),
                                 ("8 files", "proxyclash --jobs 1, lines, 8 files", "proxyclash --jobs 2, lines, 8 files"),
                                 (f"{SMALL_FILES:,} files", f"proxyclash --jobs 1, 100 MiB as {SMALL_FILES:,} files", f"proxyclash --jobs 2, 100 MiB as {SMALL_FILES:,} files")):
        if single in medians and double in medians:
            print(f"\n--jobs 2 vs --jobs 1, {what}: {medians[single] / medians[double]:.2f}x", end="")
    print()
    ours = realistic.get("realistic log: proxyclash --jobs 1")
    if ours and "realistic log: rg -c -P" in realistic:
        print(f"\nRealistic log, --jobs 1: {ours / realistic['realistic log: rg -c -P']:.2f}x rg -c -P, "
              f"{ours / realistic['realistic log: rg -c (Rust regex engine)']:.2f}x rg -c (Rust engine)", end="")
    print()
    one, ten = (next((row for row in rows if row["name"].startswith(prefix)), None) for prefix in ("stdin: the 1 GiB", "stdin: the log 10"))
    if one and ten:
        growth = ten["rss"] / one["rss"] - 1
        print(f"\nPeak RSS 10 GiB vs 1 GiB through stdin: {growth:+.1%}")
        if growth > 0.10:
            raise SystemExit("peak RSS grows with the input size")
    print("\nMB/s counts the UTF-8 text for every row (the UTF-16 copy is twice as many bytes on disk);"
          " 'vs' columns are throughput ratios to the peers on the 1 GiB log (above 1: proxyclash is faster).")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the archive and compressor fixtures of ArchiveTests (run once; the outputs are committed).

Needs python3, zstd, xz, bzip2 and lz4 (Debian packages of those names). Every member is a small
log whose conflicts are named after the container they sit in, so a test can tell which members
were read.
"""
import hashlib, io, os, subprocess, tarfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

def log(*names):
    lines = [f"2026-11-25T02:1{i}:00Z ERROR New-MailUser {n}: The proxy address \"SMTP:{n}@contoso.com\" is already being used by "
             f"\"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/{n}\". Choose another proxy address.\n"
             for i, n in enumerate(names)]
    filler = [f"2026-11-25T03:{i % 60:02d}:00Z INFO Set-Mailbox user{i}: nothing to change for user{i}@contoso.com\n" for i in range(120)]
    return ("".join(lines[:1] + filler + lines[1:])).encode()

def compress(tool, data, *flags):
    return subprocess.run([tool, "-c", *flags], input=data, stdout=subprocess.PIPE, check=True).stdout

def tar_bytes(members, fmt=tarfile.GNU_FORMAT, encoding="utf-8"):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=fmt, encoding=encoding) as tar:
        for name, data in members:
            if data is None:   # a folder
                info = tarfile.TarInfo(name); info.type = tarfile.DIRTYPE; info.mode = 0o755
                tar.addfile(info)
            elif isinstance(data, tuple):   # ("symlink" | "hardlink", target)
                info = tarfile.TarInfo(name); info.type = tarfile.SYMTYPE if data[0] == "symlink" else tarfile.LNKTYPE
                info.linkname = data[1]
                tar.addfile(info)
            else:
                info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 1795000000
                tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()

def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()

def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)

plain = log("plain.ann", "plain.bob")
write("plain.log.zst", compress("zstd", plain, "-q"))
write("plain.log.xz", compress("xz", plain))
write("plain.log.bz2", compress("bzip2", plain))
write("plain.log.lz4", compress("lz4", plain, "-q"))

long_name = "./logs/" + "/".join(["very-long-folder-name-for-a-gnu-long-name"] * 3) + "/trace-20261125.log"
gnu = tar_bytes([
    ("./logs", None),
    ("./logs/trace-20261125.log", log("tgz.trace")),
    ("./logs/rotated/trace-20261124.log.zst", compress("zstd", log("tgz.zstmember"), "-q")),
    (long_name, log("tgz.longname")),
    ("./logs/caf\udce9-latin1.log", log("tgz.latin1")),
    ("./logs/latest.log", ("symlink", "trace-20261125.log")),
    ("./logs/trace-copy.log", ("hardlink", "./logs/trace-20261125.log")),
], encoding="utf-8")
write("bundle.tar.gz", compress("gzip", gnu, "-n"))

pax = tar_bytes([
    ("transcripts/Zoë-20261125.log", log("pax.zoe")),
    ("transcripts/" + "x" * 120 + ".log", log("pax.longname")),
], fmt=tarfile.PAX_FORMAT)
write("bundle-pax.tar.xz", compress("xz", pax))

nested = tar_bytes([("exports/inner.zip", zip_bytes([("inner/sync-errors.log", log("zst.innerzip"))]))])
write("nested.tar.zst", compress("zstd", nested, "-q"))

deep = zip_bytes([("level2.tar", tar_bytes([("level3.zip", zip_bytes([("level4.tar", tar_bytes([("deep.log", log("deep.member"))]))]))]))])
write("deep.zip", deep)

bomb = tar_bytes([("huge.log", log("bomb.first") * 4000), ("after.log", log("bomb.after"))])
write("bomb.tar.zst", compress("zstd", bomb, "-q", "-19"))

def noisy_log(name, lines):
    """A log that compresses poorly (a hash per line), so that damage in its compressed form
    falls well after its first lines."""
    noise = "".join(f"2026-11-25T04:00:00Z DEBUG trace {hashlib.sha256(f'{name}{i}'.encode()).hexdigest()}\n" for i in range(lines))
    return log(name) + noise.encode()

# Damage: the compressed stream cut in the second member; a flipped byte in the middle.
two = tar_bytes([("first.log", noisy_log("cut.first", 1000)), ("second.log", noisy_log("cut.second", 2000)), ("third.log", log("cut.third"))])
packed = compress("zstd", two, "-q")
write("truncated.tar.zst", packed[: len(packed) * 2 // 3])
long_log = noisy_log("flip.early", 1500) + log("flip.late")
for tool, name in (("xz", "corrupt.log.xz"), ("bzip2", "corrupt.log.bz2"), ("zstd", "corrupt.log.zst")):
    data = bytearray(compress(tool, long_log, *(["-q"] if tool == "zstd" else [])))
    data[len(data) // 2] ^= 0xFF
    write(name, bytes(data))

# A plain tar whose second header is damaged (checksum broken), the third member intact.
damaged = bytearray(tar_bytes([("one.log", log("hdr.one")), ("two.log", log("hdr.two")), ("three.log", log("hdr.three"))]))
second_header = 512 + ((len(log("hdr.one")) + 511) // 512) * 512
damaged[second_header + 148: second_header + 156] = b"0000000\0"
write("damaged-header.tar", bytes(damaged))

# Lines with a time of day only: the member's name gives the date, the archive's does not.
timed = lambda name: f"[02:10:00.000] ERROR The proxy address \"SMTP:{name}@contoso.com\" is already being used by \"NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/{name}\".\n".encode()
write("logs-20261120.tar", tar_bytes([("aadc/trace-20261125.log", timed("named.member")), ("undated.log", timed("unnamed.member"))]))

# A flipped byte in a .tar.gz: gzip checks its CRC only at the member's end, so garbage reaches
# the tar reader first; the gzip damage is the diagnosis.
flipped = bytearray(compress("gzip", tar_bytes([("a.log", noisy_log("flip.tar.a", 800)), ("b.log", noisy_log("flip.tar.b", 800)),
                                                 ("c.log", noisy_log("flip.tar.c", 800))]), "-n"))
flipped[len(flipped) // 2] ^= 0xFF
write("flipped.tar.gz", bytes(flipped))

# A small zstd member that inflates to 42 MB of text: its header declares only the compressed size.
write("zstbomb.tar", tar_bytes([("huge.log.zst", compress("zstd", log("zstbomb.first") * 4000, "-q", "-19")), ("after.log", log("zstbomb.after"))]))

# Layers: a gzip log inside zstd (each compressor its own layer); an empty zstd log (logrotate's ifempty).
write("gzip-inside.log.gz.zst", compress("zstd", compress("gzip", log("layer.inner"), "-n"), "-q"))
write("empty.log.zst", compress("zstd", b"", "-q"))

#!/bin/bash
# Checks the .deb as a machine without the Swift toolchain uses it, and `make install`:
# 1. the package: files owned by root, Depends covering every library the binary needs, lintian;
# 2. the unpacked binary, run through PATH with an empty environment from a folder outside the
#    checkout: its version, a real scan of SampleLogs/ with the patterns of the unpacked share/
#    folder, and no file of the Swift toolchain's folder loaded (the loader's log, LD_DEBUG=libs);
# 3. the weekly job's script, run unpacked, writes the Markdown and HTML summaries;
# 4. systemd-analyze verify on the units, pointed at the unpacked program and man pages, and the
#    sysusers.d file creating the user (in an empty root);
# 5. make install PREFIX=TMP puts every file in place, man finds the page, make uninstall
#    removes them all.
# Usage: scripts/check-deb.sh DEB, with INSTALLED (the Makefile's list) in the environment.
# Everything is written in a temporary folder, removed on exit.
set -euo pipefail
deb=$(realpath "$1")
cd "$(dirname "$0")/.."
checkout=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }
pass() { echo "check-deb: $*"; }

# 1. The package.
dpkg-deb -x "$deb" "$tmp/root"
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
owners=$(dpkg-deb -c "$deb" | awk '$2 != "root/root"')
[ -z "$owners" ] || fail "files not owned by root:root: $owners"
bin=$tmp/root/usr/bin/proxyclash
# The libraries the binary names (NEEDED), where ldd finds them; theirs bring their own Depends.
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf found no NEEDED library in $bin"
for soname in $needed; do
    library=$(ldd "$bin" | awk -v soname="$soname" '$1 == soname && $3 ~ /^\// { print $3 } $1 ~ "/" soname "$" { print $1 }')
    [ -n "$library" ] || fail "ldd does not resolve $soname"
    # With merged /usr, dpkg knows a library under /lib or /usr/lib: ask for its name.
    package=$(dpkg -S "*/$(basename "$library")" | sed -n '1s/[:,].*//p')
    [ -n "$package" ] || fail "no package ships $library"
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
        fail "$library is in $package, which Depends ($depends) does not list"
done
pass "owned by root:root; Depends ($depends) lists the package of every library the binary needs:" $needed
lintian --fail-on error,warning "$deb" || fail "lintian found errors or warnings (above)"
pass "lintian: no error or warning"

# 2. The unpacked binary, from an empty environment and a folder without Patterns/, started
#    through PATH as users start it (argv[0] is then just "proxyclash").
toolchain=$(dirname "$(dirname "$(realpath "$(command -v swift)")")")
unpacked=(env -i PATH="$tmp/root/usr/bin")
mkdir "$tmp/cwd" && cd "$tmp/cwd"
[ "$("${unpacked[@]}" proxyclash --version)" = "$version" ] || fail "--version does not print $version"
patterns="$tmp/root/usr/share/proxyclash/patterns/"
"${unpacked[@]}" proxyclash patterns list > "$tmp/patterns.txt" || fail "patterns list failed (above)"
[ -s "$tmp/patterns.txt" ] || fail "patterns list printed nothing"
if grep -v -F "$patterns" "$tmp/patterns.txt"; then fail "patterns listed from elsewhere than $patterns (above)"; fi
status=0
"${unpacked[@]}" LD_DEBUG=libs LD_DEBUG_OUTPUT="$tmp/loader" proxyclash scan "$checkout/SampleLogs" --quiet --format json \
    --output "$tmp/report.json" --history "$tmp/state/history.sqlite" || status=$?
[ "$status" -eq 1 ] || fail "scan of SampleLogs/ exited $status, not 1 (incidents found)"
# The summary's count (the incidents array that follows it has no number after the key).
incidents=$(grep -o -E -m 1 '"incidents" *: *[0-9]+' "$tmp/report.json" | grep -o -E '[0-9]+$' || true)
[ "${incidents:-0}" -gt 0 ] || fail "the scan of SampleLogs/ reports no incident"
cat "$tmp"/loader.* > "$tmp/loader.log"
# The log must show the libraries being loaded, or its silence about the toolchain proves nothing.
grep -q 'libpcre2-8\.so' "$tmp/loader.log" || fail "LD_DEBUG=libs logged no library load"
if grep -F "$toolchain" "$tmp/loader.log"; then fail "the binary loaded files from the toolchain's folder $toolchain (above)"; fi
pass "unpacked binary: --version $version, $incidents incidents in SampleLogs/ with the patterns of $patterns, nothing loaded from $toolchain"

# 3. The weekly job's script, as the unit runs it.
mkdir "$tmp/summaries"
env -i PATH=/usr/bin:/bin PROXYCLASH_HISTORY="$tmp/state/history.sqlite" PROXYCLASH_SUMMARIES="$tmp/summaries" \
    PROXYCLASH_SUMMARY_OPTIONS="--timezone UTC" "$tmp/root/usr/libexec/proxyclash/weekly-summary" ||
    fail "the weekly summary script exited $?"
summaries=$(cd "$tmp/summaries" && echo *)
[[ "$summaries" =~ ^weekly-([0-9]{4}-W[0-9]{2})\.html\ weekly-([0-9]{4}-W[0-9]{2})\.md$ ]] &&
    [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] || fail "the weekly summary script wrote '$summaries'"
week=${BASH_REMATCH[1]}
head -1 "$tmp/summaries/weekly-$week.md" | grep -q "^# ProxyClash weekly summary $week" || fail "weekly-$week.md is not the summary of $week"
grep -q '<html' "$tmp/summaries/weekly-$week.html" || fail "weekly-$week.html is not HTML"
pass "weekly-summary wrote weekly-$week.md and weekly-$week.html"
cd "$checkout"

# 4. The units, with their programs at the unpacked paths (verify checks that they exist) and
#    their Documentation= pages looked up in the unpacked man pages.
mkdir "$tmp/units"
for unit in "$tmp"/root/usr/lib/systemd/system/*; do
    sed -e "s|^ExecStart=/usr/|ExecStart=$tmp/root/usr/|" "$unit" > "$tmp/units/$(basename "$unit")"
done
MANPATH="$tmp/root/usr/share/man" SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$tmp"/units/*.timer "$tmp"/units/*.service 2> "$tmp/verify.log" ||
    { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify failed"; }
[ ! -s "$tmp/verify.log" ] || { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify warned"; }
pass "systemd-analyze verify: $(cd "$tmp/units" && echo *)"
# The sysusers.d file creates the user the units run as (here in an empty root, not on this machine).
mkdir -p "$tmp/sysroot/etc"
touch "$tmp"/sysroot/etc/{passwd,group,shadow,gshadow}
systemd-sysusers --root="$tmp/sysroot" "$tmp/root/usr/lib/sysusers.d/proxyclash.conf" 2> /dev/null
grep -q '^proxyclash:x:[0-9]*:[0-9]*:[^:]*:/var/lib/proxyclash:/usr/sbin/nologin$' "$tmp/sysroot/etc/passwd" ||
    fail "sysusers.d/proxyclash.conf does not create the proxyclash user: $(cat "$tmp/sysroot/etc/passwd")"
pass "sysusers.d/proxyclash.conf creates the system user proxyclash"

# 5. make install and make uninstall into a temporary prefix.
prefix=$tmp/prefix
make --no-print-directory -s install PREFIX="$prefix" > /dev/null
for file in $INSTALLED; do [ -f "$prefix/$file" ] || fail "make install did not install $file"; done
[ -x "$prefix/bin/proxyclash" ] || fail "bin/proxyclash is not executable"
page=$(MANPATH="$prefix/share/man" man -w proxyclash)
[ "$page" = "$prefix/share/man/man1/proxyclash.1" ] || fail "man -w proxyclash found '$page'"
make --no-print-directory -s uninstall PREFIX="$prefix"
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left $left"
pass "make install put $(echo $INSTALLED | wc -w) files in place, man -w found $page, make uninstall removed them"

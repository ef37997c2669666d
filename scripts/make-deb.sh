#!/bin/sh
# Turns ROOT, filled by `make install DESTDIR=ROOT PREFIX=/usr`, into OUT/proxyclash_VERSION_ARCH.deb
# with dpkg-deb (no network): strips the binary, compresses the man pages, adds the systemd units
# (disabled), the Debian files and the control file, whose Depends dpkg-shlibdeps computes from
# the binary. Usage: scripts/make-deb.sh OUT, ROOT being OUT/debian/proxyclash (where
# dpkg-shlibdeps expects a package's files); it is changed in place and OUT/debian/control written.
set -eu
out=$(realpath "$1")
root=$out/debian/proxyclash
cd "$(dirname "$0")/.."
maintainer=${DEB_MAINTAINER:-ProxyClash maintainers <maintainers@users.noreply.r-seed-eb99ac96.example>}
# The commit's time dates the changelog and every file in the package (reproducible builds).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

# Debian policy: binaries stripped as dh_strip does, man pages compressed with gzip -9n.
strip --remove-section=.comment --remove-section=.note "$root/usr/bin/proxyclash"
gzip -9nf "$root"/usr/share/man/man1/*.1
# A completion script is sourced, not run: no #! line.
sed -i '1{/^#!/d}' "$root/usr/share/bash-completion/completions/proxyclash"
version=$(env -i "$root/usr/bin/proxyclash" --version)
arch=$(dpkg --print-architecture)

install -D -m 644 -t "$root/usr/lib/systemd/system" contrib/systemd/proxyclash-scan.service \
    contrib/systemd/proxyclash-scan.timer contrib/systemd/proxyclash-weekly.service contrib/systemd/proxyclash-weekly.timer
install -D -m 755 contrib/systemd/proxyclash-weekly "$root/usr/libexec/proxyclash/weekly-summary"
install -D -m 644 contrib/systemd/proxyclash.sysusers "$root/usr/lib/sysusers.d/proxyclash.conf"
install -D -m 644 contrib/systemd/proxyclash.default "$root/etc/default/proxyclash"
install -D -m 644 contrib/debian/copyright "$root/usr/share/doc/proxyclash/copyright"
install -D -m 644 contrib/debian/lintian-overrides "$root/usr/share/lintian/overrides/proxyclash"
# A native package's changelog is changelog.gz, in Debian's format; the history is git's.
changelog_date=$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")
printf 'proxyclash (%s) unstable; urgency=medium\n\n  * Built from commit %s; the changes are in the git history.\n\n -- %s  %s\n' \
    "$version" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$maintainer" "$changelog_date" |
    gzip -9n > "$root/usr/share/doc/proxyclash/changelog.gz"
chmod 644 "$root/usr/share/doc/proxyclash/changelog.gz"

# Depends: the packages of the shared libraries the binary loads (dpkg-shlibdeps reads the
# package's name from debian/control, and finds the package's root by its DEBIAN folder).
rm -rf "$root/DEBIAN" && install -d -m 755 "$root/DEBIAN"
printf 'Source: proxyclash\n\nPackage: proxyclash\nArchitecture: any\n' > "$out/debian/control"
depends=$(cd "$out" && dpkg-shlibdeps -O debian/proxyclash/usr/bin/proxyclash | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependency for $root/usr/bin/proxyclash" >&2; exit 1; }

installed_size=$(du -s -k --apparent-size --exclude=DEBIAN "$root" | cut -f1)
install -m 755 contrib/debian/postinst "$root/DEBIAN/postinst"
echo /etc/default/proxyclash > "$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
cat > "$root/DEBIAN/control" <<CONTROL
Package: proxyclash
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: admin
Priority: optional
Description: find proxy-address conflicts in Microsoft 365 sync logs
 ProxyClash reads Microsoft 365 provisioning and directory-sync logs (Exchange
 cmdlet errors, Entra Connect export errors, PowerShell transcripts; plain,
 compressed or archived) and reports each proxy-address conflict once: the
 address, who holds it, how often and when it was seen, and the PowerShell that
 fixes it. A history store gives weekly summaries of new, ongoing and resolved
 conflicts.
 .
 The package has man pages, bash, zsh and fish completions, and systemd timers
 for a daily scan and a weekly summary, installed disabled.
CONTROL
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

deb="$out/proxyclash_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"

#!/bin/sh
# Tidies the mdoc pages generate-manual writes (usage: scripts/tidy-man-pages.sh PAGE...):
# - a subcommand's page is named "proxyclash scan", which whatis and apropos cannot index (lexgrog
#   fails on a name with a space): the NAME section says proxyclash.scan, the page's file name,
#   and the synopsis keeps "proxyclash scan", spelled out where the page said just .Nm;
# - the help text's blank lines become .Pp (paragraph), which groff does not warn about.
set -eu
for page in "$@"; do
    name=$(sed -n 's/^\.Nm "\(.*\)"$/\1/p' "$page" | head -n 1)
    if [ -n "$name" ]; then
        sed -i -e "s/^\.Nm \"$name\"\$/.Nm $(echo "$name" | tr ' ' .)/" -e "s/^\.Nm\$/.Nm \"$name\"/" "$page"
    fi
    sed -i -e 's/^$/.Pp/' "$page"
done

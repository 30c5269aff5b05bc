#!/bin/bash
# data/check-install.sh — does `meson install` put everything in place?
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-install.sh MESON BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR LINGUAS APP_ID
#
# Installs the build in BUILDDIR into a temporary DESTDIR (`meson install
# --no-rebuild`: `meson test` has built everything already), then checks
# that every file a user needs is there, naming each one that is missing:
# the two programs, the desktop file, the D-Bus service, the metainfo, the
# icons, the GSettings schema, the user guide and one translation for every
# language in the LINGUAS file (read now, so a new language is checked as
# soon as it is listed). Then what ties them together: the desktop file's
# Icon= is the installed icon (which GTK can recognise as SVG), its name
# is the D-Bus name (DBusActivatable), the service starts the installed
# program with --gapplication-service, and the metainfo launches the
# installed desktop file.
#
# BINDIR, DATADIR and LOCALEDIR are meson's options (relative to PREFIX or
# absolute). Exit status: 0 good, 1 something missing or wrong.

set -u

meson=$1 builddir=$2 prefix=$3 bindir=$4 datadir=$5 localedir=$6 linguas=$7 app_id=$8

# meson's `prefix / dir`: an absolute dir stays as it is
under_prefix () { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$prefix" "$1" ;; esac; }
bindir=$(under_prefix "$bindir")
datadir=$(under_prefix "$datadir")
localedir=$(under_prefix "$localedir")

destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

if ! "$meson" install -C "$builddir" --destdir "$destdir" --no-rebuild > "$destdir.log" 2>&1; then
    echo "meson install failed:" >&2
    cat "$destdir.log" >&2
    rm -f "$destdir.log"
    exit 1
fi
rm -f "$destdir.log"

failed=0
fail () { echo "error: $*" >&2; failed=1; }

expected=(
    "$bindir/broadsheet"
    "$bindir/broadsheet-cli"
    "$datadir/applications/$app_id.desktop"
    "$datadir/dbus-1/services/$app_id.service"
    "$datadir/metainfo/$app_id.metainfo.xml"
    "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
    "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
    "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
    "$datadir/help/C/broadsheet/index.page"
)

languages=()
while read -r line; do
    line=${line%%#*}
    for lang in $line; do
        languages+=("$lang")
        expected+=("$localedir/$lang/LC_MESSAGES/broadsheet.mo")
    done
done < "$linguas"

for file in "${expected[@]}"; do
    [[ -f $destdir$file ]] || fail "not installed: $file"
done
# GTK loads icons from a stream and takes them for SVG only when the
# content says so: shared-mime-info's magic wants "<svg" in the first 256
# bytes (a long comment before it and the icon does not show at all).
for icon in "$datadir/icons/hicolor/scalable/apps/$app_id.svg" \
            "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"; do
    [[ ! -f $destdir$icon ]] || head -c 256 "$destdir$icon" | grep -q '<svg' \
        || fail "GTK will not recognise $icon as SVG: no <svg in its first 256 bytes"
done
for program in "$bindir/broadsheet" "$bindir/broadsheet-cli"; do
    [[ ! -f $destdir$program || -x $destdir$program ]] || fail "not executable: $program"
done

# The key's value in a desktop-entry style file (first match, any group).
key () { sed -n "s/^$2=//p" "$1" | head -n 1; }

desktop=$destdir$datadir/applications/$app_id.desktop
if [[ -f $desktop ]]; then
    icon=$(key "$desktop" Icon)
    [[ -n $icon && -f $destdir$datadir/icons/hicolor/scalable/apps/$icon.svg ]] \
        || fail "the desktop file's Icon=$icon is not an installed icon ($datadir/icons/hicolor/scalable/apps/$icon.svg)"
    [[ $(key "$desktop" DBusActivatable) == true ]] \
        || fail "the desktop file is not DBusActivatable"
    exec_line=$(key "$desktop" Exec)
    [[ ${exec_line%% *} == broadsheet || ${exec_line%% *} == "$bindir/broadsheet" ]] \
        || fail "the desktop file's Exec=$exec_line does not start broadsheet"
    # translated: the Name of every language with a translation of it
    grep -q '^Name\[' "$desktop" || (( ${#languages[@]} == 0 )) \
        || echo "note: the desktop file has no translated Name yet" >&2
fi

service=$destdir$datadir/dbus-1/services/$app_id.service
if [[ -f $service ]]; then
    [[ $(key "$service" Name) == "$app_id" ]] \
        || fail "the D-Bus service's Name=$(key "$service" Name) is not $app_id"
    [[ $(key "$service" Exec) == "$bindir/broadsheet --gapplication-service" ]] \
        || fail "the D-Bus service's Exec=$(key "$service" Exec) is not \"$bindir/broadsheet --gapplication-service\""
fi

metainfo=$destdir$datadir/metainfo/$app_id.metainfo.xml
if [[ -f $metainfo ]]; then
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
        || fail "the metainfo does not launch $app_id.desktop"
    grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo's id is not $app_id"
fi

if (( failed )); then
    echo "installed into $destdir (prefix $prefix):" >&2
    (cd "$destdir" && find . -type f | sort) >&2
    exit 1
fi
echo "installed under $prefix: ${#expected[@]} expected files (translations: ${languages[*]:-none}); desktop file, service and metainfo agree"

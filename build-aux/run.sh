#!/usr/bin/env bash
# build-aux/run.sh — install what is missing, build, and start Broadsheet.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   ./build-aux/run.sh [--data-dir DIR]  the window
#   ./build-aux/run.sh COMMAND [ARGS...]  broadsheet-cli, e.g. parse feed.xml
#
# Installs the missing Debian packages (only when some are missing),
# configures _build once, compiles, then starts the program with ARGS.
# Everything but the program's own output goes to stderr, so
# `./build-aux/run.sh parse feed.xml > feed.json` gives clean JSON.
# Runs from any directory: relative paths in ARGS stay relative to it.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=$srcdir/_build

# shellcheck source=build-aux/deps.sh
. "$srcdir/build-aux/deps.sh"

# The program to start: the window, or broadsheet-cli when the first
# argument is a CLI command (`run.sh add URL`, `run.sh parse feed.xml`).
start_broadsheet ()
{
    local app=$builddir/src/app/broadsheet
    local cli=$builddir/src/cli/broadsheet-cli

    if (( $# > 0 )) && [[ $1 != -* ]]; then
        exec "$cli" "$@"
    fi
    # devenv gives the app what meson.add_devenv() sets (the compiled
    # GSettings schema); -w keeps the caller's working directory.
    exec meson devenv -C "$builddir" -w "$PWD" "$app" "$@"
}

bs_ensure_packages "${BS_BUILD_PACKAGES[@]}"
bs_ensure_readability "$srcdir"
bs_setup_builddir "$srcdir" "$builddir"
meson compile -C "$builddir" >&2
start_broadsheet "$@"

#!/bin/bash
# tests/check-flatpak-manifest.sh — does the Flatpak manifest parse, and
# does it build the right application?
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-flatpak-manifest.sh MANIFEST
#
# Runs `flatpak-builder --show-manifest` on MANIFEST (flatpak-builder's own
# parser: a manifest it cannot load fails here, not on a packager's
# machine), then checks what it printed: the application id, the command,
# the sandbox permissions (exactly network, ipc, wayland, fallback-x11 and
# dri: files go through the portal, so no --filesystem) and a last module
# that builds this source tree with meson.
#
# Exit status: 0 good, 1 bad (the reason on stderr), 77 (skipped) when
# flatpak-builder is not installed.

set -eu

manifest=$(realpath "$1")

if ! command -v flatpak-builder >/dev/null 2>&1; then
    echo "flatpak-builder is not installed: skipped" >&2
    exit 77
fi

# flatpak-builder leaves a .flatpak-builder directory in the current one
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

if ! flatpak-builder --show-manifest "$manifest" > "$work/manifest.json" 2> "$work/errors"; then
    echo "flatpak-builder cannot load $manifest:" >&2
    cat "$work/errors" >&2
    exit 1
fi

python3 - "$work/manifest.json" <<'PY'
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    manifest = json.load(f)

problems = []

def expect(what, got, wanted):
    if got != wanted:
        problems.append(f'{what} is {got!r}, expected {wanted!r}')

expect('the application id', manifest.get('id', manifest.get('app-id')),
       'io.github.broadsheet.Broadsheet')
expect('the command', manifest.get('command'), 'broadsheet')
expect('the runtime', manifest.get('runtime'), 'org.gnome.Platform')
expect('the SDK', manifest.get('sdk'), 'org.gnome.Sdk')
expect('the sandbox permissions (finish-args)', sorted(manifest.get('finish-args', [])),
       sorted(['--share=network', '--share=ipc', '--socket=wayland',
               '--socket=fallback-x11', '--device=dri']))

modules = manifest.get('modules', [])
if not modules:
    problems.append('there are no modules')
else:
    app = modules[-1]
    expect('the last module', app.get('name'), 'broadsheet')
    expect('its build system', app.get('buildsystem'), 'meson')
    sources = app.get('sources', [])
    if not any(s.get('type') == 'dir' and s.get('path') == '../..' for s in sources):
        problems.append(f'the last module does not build this source tree (a "dir" source at "../.."): {sources!r}')

if problems:
    for problem in problems:
        print(f'error: {problem}', file=sys.stderr)
    sys.exit(1)

print(f"manifest: {manifest.get('id', manifest.get('app-id'))}, command {manifest['command']}, "
      f"runtime {manifest['runtime']} {manifest.get('runtime-version')}")
PY

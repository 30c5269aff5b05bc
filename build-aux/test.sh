#!/usr/bin/env bash
# build-aux/test.sh — install what is missing, build, and run every test.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   ./build-aux/test.sh
#
# 1. installs the missing Debian packages of the test list (build-aux/deps.sh),
#    and the pinned @mozilla/readability with npm (build-aux/readability);
# 2. builds _build and runs `meson test` there, headless (Xvfb and a private
#    session bus, build-aux/session.conf), with a private XDG_RUNTIME_DIR and
#    a temporary HOME/XDG_* so no test sees or touches the user's files;
# 3. runs the core suite again under valgrind (`--setup valgrind`);
# 4. when clang and libFuzzer are there, builds _build-fuzz with CC=clang and
#    -Dfuzzing=true and runs its `fuzz` suite (short bounded runs);
# 5. always ends with a line `N passed, N failed` counted from meson's test
#    logs, and exits non-zero when a test or a build failed.
#
# Idempotent: build directories are configured once and then only rebuilt.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"

# shellcheck source=build-aux/deps.sh
. "$srcdir/build-aux/deps.sh"

builddir=$srcdir/_build
fuzz_builddir=$srcdir/_build-fuzz
# libFuzzer needs clang. tests/fuzz/meson.build adds the sanitizers to the
# fuzz targets and their own copy of core.
fuzz_setup_args=(-Dfuzzing=true)
fuzz_suite=fuzz

# Test logs that the summary counts, and problems outside any test log.
testlogs=()
problems=()
tmpdir=

# ---------------------------------------------------------------------------

# WebKit's sandbox can leave an empty /.flatpak-info behind when it meets a
# dead session bus; GLib then believes it runs in Flatpak and GTK starts
# hang. Remove such a leftover (an empty one only: a real one has content).
guard_flatpak_info ()
{
    if [[ -e /.flatpak-info && ! -s /.flatpak-info ]]; then
        echo "Removing an empty /.flatpak-info left behind by a sandbox" >&2
        rm -f /.flatpak-info || echo "warning: could not remove /.flatpak-info" >&2
    fi
}

# Runs "$@" with a display and a private session bus, the way every test runs.
run_headless ()
{
    xvfb-run -a -s "-screen 0 1280x1024x24" \
        dbus-run-session --config-file="$srcdir/build-aux/session.conf" -- "$@"
}

# A private XDG_RUNTIME_DIR (mode 700) and temporary HOME/XDG_* for the tests,
# plus the settings ../shared/TOOLCHAIN.md recommends for quiet, deterministic
# GTK and WebKit runs.
enter_test_environment ()
{
    tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-test.XXXXXX")
    mkdir -m 700 "$tmpdir/runtime"
    mkdir "$tmpdir/home" "$tmpdir/data" "$tmpdir/config" "$tmpdir/cache" "$tmpdir/state"

    export HOME=$tmpdir/home
    export XDG_RUNTIME_DIR=$tmpdir/runtime
    export XDG_DATA_HOME=$tmpdir/data
    export XDG_CONFIG_HOME=$tmpdir/config
    export XDG_CACHE_HOME=$tmpdir/cache
    export XDG_STATE_HOME=$tmpdir/state

    export GSK_RENDERER=cairo
    export WEBKIT_DISABLE_COMPOSITING_MODE=1
    export GTK_A11Y=none
    export NO_AT_BRIDGE=1
    export GSETTINGS_BACKEND=memory

    # Never inherit a bus that may be dead (see guard_flatpak_info):
    # dbus-run-session sets a fresh one.
    unset DBUS_SESSION_BUS_ADDRESS
}

# Runs `meson test -C BUILDDIR ARGS...` headless. LOG is the JSON log meson
# writes for these arguments; it is removed first so a stale one never counts,
# and registered for the summary. NAME describes the run in messages.
run_meson_test ()
{
    local name=$1 dir=$2 log=$3
    shift 3

    rm -f "$log"
    echo >&2
    echo "=== $name: meson test -C ${dir#"$srcdir"/} $*" >&2
    if run_headless meson test -C "$dir" --print-errorlogs "$@"; then
        :
    elif [[ ! -s $log ]]; then
        # meson itself failed (bad option, rebuild failed, …): no log to count.
        problems+=("$name: meson test failed before running any test")
    fi
    [[ -s $log ]] && testlogs+=("$log")
    return 0
}

# shellcheck disable=SC2317  # summarize and on_exit run from the EXIT trap
# Prints the summary and returns the exit status of the whole run.
summarize ()
{
    local output passed failed skipped

    echo
    echo "=== Summary"
    # The counting script prints one line per failed test, then the counts.
    output=$(python3 - "${testlogs[@]}" <<'PY'
import json, sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            try:
                test = json.loads(line)
            except ValueError:
                continue
            result = test.get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                # FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, INTERRUPT, …
                failed += 1
                print("FAILED: %s (%s) in %s" % (test.get("name"), result, path))
print(passed, failed, skipped)
PY
) || output="0 0 0"
    if [[ $output == *$'\n'* ]]; then
        printf '%s\n' "${output%$'\n'*}"
    fi
    read -r passed failed skipped <<<"${output##*$'\n'}"

    if (( ${#problems[@]} > 0 )); then
        printf 'FAILED: %s\n' "${problems[@]}"
        failed=$(( failed + ${#problems[@]} ))
    fi
    if (( skipped > 0 )); then
        echo "$skipped skipped"
    fi
    echo "$passed passed, $failed failed"

    (( failed == 0 ))
}

# shellcheck disable=SC2317
on_exit ()
{
    local status=$?

    trap - EXIT
    set +e
    if (( status != 0 )); then
        problems+=("test.sh stopped early (exit status $status)")
    fi
    guard_flatpak_info
    [[ -n $tmpdir ]] && rm -rf "$tmpdir"
    # A bare `exit` in a trap would keep the status from before the trap.
    if summarize; then
        exit 0
    fi
    exit 1
}
trap on_exit EXIT

# ---------------------------------------------------------------------------

if ! bs_ensure_packages "${BS_TEST_PACKAGES[@]}"; then
    problems+=("installing the missing Debian packages failed")
    exit 1
fi

# reader mode's Readability.js, pinned (build-aux/readability)
if ! bs_ensure_readability "$srcdir"; then
    problems+=("installing @mozilla/readability with npm failed")
    exit 1
fi

guard_flatpak_info

have_fuzzer=false
if command -v clang >/dev/null 2>&1 \
   && [[ -z $(bs_missing_packages libclang-rt-14-dev) ]]; then
    have_fuzzer=true
fi

# Builds first, with the real environment (compiler caches and the like).
main_built=false
echo "=== Building ${builddir#"$srcdir"/}" >&2
if bs_setup_builddir "$srcdir" "$builddir" && meson compile -C "$builddir" >&2; then
    main_built=true
else
    problems+=("building ${builddir#"$srcdir"/} failed")
fi

fuzz_built=false
if $have_fuzzer; then
    echo "=== Building ${fuzz_builddir#"$srcdir"/} (clang, ${fuzz_setup_args[*]})" >&2
    if CC=clang bs_setup_builddir "$srcdir" "$fuzz_builddir" "${fuzz_setup_args[@]}" \
       && meson compile -C "$fuzz_builddir" >&2; then
        fuzz_built=true
    else
        problems+=("building ${fuzz_builddir#"$srcdir"/} failed")
    fi
else
    echo "=== clang or libclang-rt-14-dev missing: not building the fuzzers" >&2
fi

enter_test_environment

if $main_built; then
    run_meson_test "all tests" "$builddir" \
        "$builddir/meson-logs/testlog.json"
    run_meson_test "core under valgrind" "$builddir" \
        "$builddir/meson-logs/testlog-valgrind.json" \
        --setup valgrind --suite core
fi

if $fuzz_built; then
    if meson test -C "$fuzz_builddir" --no-rebuild --list --suite "$fuzz_suite" \
       >/dev/null 2>&1; then
        run_meson_test "fuzzers" "$fuzz_builddir" \
            "$fuzz_builddir/meson-logs/testlog.json" \
            --suite "$fuzz_suite"
    else
        echo "=== no tests in suite '$fuzz_suite' yet: no fuzzing run" >&2
    fi
fi

exit 0

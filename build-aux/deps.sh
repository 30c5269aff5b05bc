# shellcheck shell=bash disable=SC2034
# build-aux/deps.sh — the Debian packages Broadsheet needs, kept in one place.
# Sourced (not run) by build-aux/run.sh and build-aux/test.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keep --no-install-recommends: the recommends pull in xdg-desktop-portal,
# which slows every GTK start and can hang it (../shared/TOOLCHAIN.md).

# What building and running needs.
BS_BUILD_PACKAGES=(
    meson
    ninja-build
    pkg-config
    gcc
    libglib2.0-dev
    libxml2-dev
    libjson-glib-dev
    libsoup-3.0-dev
    libgtk-4-dev
    libadwaita-1-dev
    libwebkitgtk-6.0-dev
    gettext
    # gnome.post_install() runs these after `meson install`
    gtk-update-icon-cache
    desktop-file-utils
)

# Reader mode runs Mozilla's Readability, which npm installs from the npm
# registry (bs_ensure_readability below): Debian's npm, unless an npm is
# there already (a Node.js from elsewhere brings its own, and its package
# conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then
    BS_BUILD_PACKAGES+=(npm)
fi

# What the test suite needs on top: libFuzzer (clang + its runtime), valgrind,
# a headless X server and session bus, xdotool (the UI tests' key presses),
# dunst (a real notification daemon for tests/ui/test-ui-notify.c),
# imagemagick (its screenshots of the whole screen), and the validators for
# the data files.
BS_TEST_PACKAGES=(
    "${BS_BUILD_PACKAGES[@]}"
    clang
    libclang-rt-14-dev
    python3
    valgrind
    xvfb
    xauth
    xdotool
    dunst
    imagemagick
    dbus
    at-spi2-core
    libgl1-mesa-dri
    libxml2-utils
    appstream
    yelp-tools
    flatpak-builder
)

# Prints the packages among "$@" that are not installed, one a line.
bs_missing_packages ()
{
    local pkg status
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) || status=
        # A Multi-Arch: same package installed for two architectures prints
        # its status twice, hence the glob.
        [[ $status == *"install ok installed"* ]] || printf '%s\n' "$pkg"
    done
}

# Installs the packages among "$@" that are missing, and nothing else.
# Does nothing (and asks no server anything) when all are installed.
bs_ensure_packages ()
{
    local -a missing sudo=()

    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "warning: not a Debian system; not checking for: $*" >&2
        return 0
    fi

    mapfile -t missing < <(bs_missing_packages "$@")
    (( ${#missing[@]} > 0 )) || return 0

    if (( EUID != 0 )); then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "error: missing packages and neither root nor sudo: ${missing[*]}" >&2
            return 1
        fi
    fi

    echo "Installing missing packages: ${missing[*]}" >&2
    "${sudo[@]}" apt-get update >&2 || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" >&2 || return 1
}

# Installs @mozilla/readability into SRCDIR/build-aux/readability/node_modules
# with `npm ci`: the exact version and integrity hash of package-lock.json
# there, no install scripts. Does nothing (and asks the registry nothing)
# when that version is installed. The build takes Readability.js from there
# (meson option readability_js). Output goes to stderr.
bs_ensure_readability ()
{
    local dir=$1/build-aux/readability
    local installed=$dir/node_modules/@mozilla/readability/package.json
    local want

    want=$(sed -n 's/.*"@mozilla\/readability": *"\([^"]*\)".*/\1/p' "$dir/package.json")
    if [[ -n $want && -f $installed ]] \
       && grep -q "\"version\": *\"$want\"" "$installed"; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "error: npm is missing: cannot install @mozilla/readability" >&2
        return 1
    fi
    echo "Installing @mozilla/readability $want with npm ci" >&2
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund) >&2
}

# Waits (up to 15 minutes) while another ninja or meson works in BUILDDIR,
# so that a benchmark does not build, or measure, a tree half-way through
# someone else's build. Returns 1 if it gave up.
bs_wait_for_other_build ()
{
    local srcdir=$1 builddir=$2 waited=0 busy pid cmd cwd

    while :; do
        busy=0
        for pid in $(pgrep -x ninja || true) $(pgrep -x samu || true) $(pgrep -f 'meson' || true); do
            [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
            cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || continue
            cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || cwd=
            if [[ $cmd == *"$builddir"* || $cwd == "$builddir"* ||
                  ( $cwd == "$srcdir" && $cmd == *" $(basename "$builddir")"* ) ]]; then
                busy=1
                break
            fi
        done
        (( busy )) || return 0
        (( waited == 0 )) && echo "another build is running in $builddir; waiting for it" >&2
        if (( waited >= 900 )); then
            echo "gave up waiting for the other build after ${waited}s" >&2
            return 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
}

# Configures BUILDDIR (relative to the source root SRCDIR) unless it already
# is; extra arguments go to `meson setup`. Output goes to stderr.
bs_setup_builddir ()
{
    local srcdir=$1 builddir=$2
    shift 2

    [[ -f $builddir/build.ninja && -f $builddir/meson-private/coredata.dat ]] && return 0

    if [[ -f $builddir/meson-private/coredata.dat ]]; then
        # A configure that failed half-way: redo it from scratch.
        meson setup --wipe "$@" "$builddir" "$srcdir" >&2
    else
        meson setup "$@" "$builddir" "$srcdir" >&2
    fi
}

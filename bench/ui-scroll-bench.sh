#!/bin/bash
# Scrolling benchmark (issue 4: the article list "stays smooth with 25,000
# articles"): frame intervals while the article list of All Articles is
# scrolled from the top to the bottom and back, under Xvfb.
#
#   bench/ui-scroll-bench.sh [RUNS]        (default 3 runs)
#
# How:
#   - A store of ENTRIES articles (default 25,000) is filled once, with real
#     bodies: bench/search-bench --store merges the 500-feed corpus of
#     ../shared/bench/gen_corpus.py (its day1) again and again as new
#     subscriptions, each copy with its own links and dates. It is kept in
#     BUILDDIR/bench-ui-scroll/store-ENTRIES for the next run of the script.
#     Its feeds point at http://127.0.0.1:8088/, where nothing is served: the
#     refresh on start fails fast and changes nothing.
#   - Each run starts the app on a fresh copy of that store, under one Xvfb
#     (1400x900), a new dbus-run-session (build-aux/session.conf) and a clean
#     environment (LANG=C.UTF-8, GTK_A11Y=none, NO_AT_BRIDGE=1), with
#     BROADSHEET_BENCH_READY_FD and BROADSHEET_BENCH_SCROLL=1
#     (src/app/bs-window-bench.c): once the list is filled and the refresh on
#     start is over, plus 3 s, a tick callback moves the list's vertical
#     adjustment STEP pixels a frame (default 2000, some three pages: every
#     frame shows new rows, a very fast fling) down to the bottom and back
#     up, and every SELECT frames (default 30, half a second at 60 Hz)
#     selects the article in the middle of the list, as j would, so that the
#     article view loads it (and marks it read). The app writes the count of frames, the median, p95,
#     p99 and max of the intervals between the frame clock's "after-paint"
#     signals, and the number over 33 ms (two 60 Hz frames), then quits.
#   - Each round runs the app with GTK's default renderer (GL, on Mesa's
#     llvmpipe under Xvfb) and with GSK_RENDERER=cairo; WebKit keeps its
#     defaults.
#
# Environment: BUILDDIR (default _build), CORPUS (default
# _build/bench-corpus, shared with parse-bench.sh and search-bench.sh),
# ENTRIES (default 25000), STEP (default 2000), SELECT (default 30), FRAMES
# (default 0: top to bottom and back; N: turn back after N/2 frames, e.g.
# STEP=150 FRAMES=1200 is 20 s of a hand's fast fling, 9,000 px/s), OUT
# (default BUILDDIR/bench-ui-scroll: the store and the last run's logs).
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-$srcdir/_build}
builddir=$(mkdir -p "$builddir" && cd "$builddir" && pwd)
corpus=${CORPUS:-$builddir/bench-corpus}
out=${OUT:-$builddir/bench-ui-scroll}
entries=${ENTRIES:-25000}
step=${STEP:-2000}
select=${SELECT:-30}
frames=${FRAMES:-0}
gen=$srcdir/../shared/bench/gen_corpus.py
runs=${1:-3}
py=/usr/bin/python3

[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
[[ $entries =~ ^[1-9][0-9]*$ ]] || { echo "ENTRIES must be a number" >&2; exit 2; }
[[ $step =~ ^[1-9][0-9]*$ ]] || { echo "STEP must be a number of pixels" >&2; exit 2; }
[[ $select =~ ^[0-9]+$ ]] || { echo "SELECT must be a number of frames" >&2; exit 2; }
[[ $frames =~ ^[0-9]+$ ]] || { echo "FRAMES must be a number of frames" >&2; exit 2; }
[[ -f $gen ]] || { echo "not found: $gen (../shared must sit beside the project)" >&2; exit 1; }

# --- what it needs, the build ----------------------------------------------
# shellcheck source=../build-aux/deps.sh
. "$srcdir/build-aux/deps.sh"
bs_ensure_packages python3 xvfb dbus libgl1-mesa-dri libglib2.0-bin
bs_setup_builddir "$srcdir" "$builddir"
ninja -C "$builddir" src/app/broadsheet bench/search-bench data/gschemas.compiled >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/ui-scroll-bench.XXXXXX")
xvfb_pid=
cleanup ()
{
    if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Measure a private copy, so that a rebuild by someone else during the run
# does not change the program half-way (its resources are compiled in).
app=$work/broadsheet
cp "$builddir/src/app/broadsheet" "$app"
mkdir -p "$work/schemas"
cp "$builddir/data/gschemas.compiled" "$work/schemas/"
app_sum=$(sha256sum "$app" | cut -c1-12)
commit=$(git -C "$srcdir" log -1 --format=%h 2>/dev/null || echo unknown)
src_changes=$(git -C "$srcdir" status --short src 2>/dev/null || true)

# --- the store, filled once ------------------------------------------------
if [[ ! -d $corpus/day1/feeds ]]; then
    echo "generating the corpus in $corpus" >&2
    python3 "$gen" --out "$corpus" --n 500 --seed 1 >&2
fi
store=$out/store-$entries
mkdir -p "$out"
if [[ ! -f $store/.complete ]]; then
    rm -rf "$store"
    echo "filling $store with $entries articles" >&2
    "$builddir/bench/search-bench" --runs 1 --entries "$entries" --store "$store" "$corpus/day1" \
        > "$out/fill.log" 2>&1 || { echo "filling the store failed:"; tail -5 "$out/fill.log"; exit 1; } >&2
    touch "$store/.complete"
fi
store_line=$(grep -m1 '^library:' "$out/fill.log" 2>/dev/null || echo "library: $store")

# --- X server --------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3> "$work/display" 2> "$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; } >&2
display=:$(head -1 "$work/display")

echo "Broadsheet scrolling benchmark: $runs run(s), Xvfb $display 1400x900, step $step px a frame, a selection every $select frames, frames $frames (0: the whole list)"
echo "commit $commit, broadsheet sha256 $app_sum (copied from $builddir at start)"
if [[ -n $src_changes ]]; then
    echo "uncommitted changes under src/ when built: $(wc -l <<< "$src_changes") file(s)"
fi
echo "GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), WebKitGTK $(pkg-config --modversion webkitgtk-6.0 2>/dev/null || echo ?)"
echo "store: $store_line"
echo "nproc $(nproc); load average before starting: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(wall times on a shared machine move with other load: compare within one run only)"
echo

# --- the runs --------------------------------------------------------------
results=$work/results.txt
: > "$results"
# one_run TOOL RUN: one measured launch; appends "TOOL ready... scroll..." to $results.
one_run ()
{
    local tool=$1 run=$2 d=$work/run-$1-$2 h line
    local -a renderer=()
    [[ $tool == cairo ]] && renderer=(GSK_RENDERER=cairo)
    h=$d/home
    mkdir -p "$h/.config" "$h/.local/share" "$h/.cache" "$h/run"
    chmod 700 "$h/run"
    cp -a "$store" "$d/store"
    env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" \
        HOME="$h" XDG_CONFIG_HOME="$h/.config" XDG_DATA_HOME="$h/.local/share" \
        XDG_CACHE_HOME="$h/.cache" XDG_RUNTIME_DIR="$h/run" \
        GTK_A11Y=none NO_AT_BRIDGE=1 \
        GSETTINGS_SCHEMA_DIR="$work/schemas" GSETTINGS_BACKEND=memory "${renderer[@]}" \
        BROADSHEET_BENCH_READY_FD=3 BROADSHEET_BENCH_SCROLL=1 \
        BROADSHEET_BENCH_SCROLL_STEP="$step" BROADSHEET_BENCH_SCROLL_SELECT="$select" \
        BROADSHEET_BENCH_SCROLL_FRAMES="$frames" \
        dbus-run-session --config-file="$srcdir/build-aux/session.conf" -- \
        timeout -k 10 600 "$app" --data-dir "$d/store" \
        3> "$d/bench.txt" > "$d/app.log" 2>&1 || true
    line=$(tr '\n' ' ' < "$d/bench.txt")
    echo "$tool $line" >> "$results"
    if [[ $line == *scroll* ]]; then
        "$py" - "$tool" "$line" <<'PYEOF'
import sys
p = sys.argv[2].split()
s = p[p.index("scroll") + 1:]
print(f"  {sys.argv[1]:<8} {p[3]:<20} {int(s[0]):6d} frames in {float(s[7]):5.1f} s   median {float(s[1]):6.2f} ms"
      f"   p95 {float(s[2]):6.2f}   p99 {float(s[3]):6.2f}   max {float(s[4]):7.2f}   > 33 ms: {s[5]}   {s[6]} selections")
PYEOF
    else
        echo "  $tool: NO RESULT (hook wrote: ${line:-nothing}); last lines of the log:"
        tail -5 "$d/app.log" | sed 's/^/    /'
    fi
    rm -rf "$out/last-run-$tool.log"
    cp "$d/app.log" "$out/last-run-$tool.log"
    rm -rf "$d"
}

for run in $(seq "$runs"); do
    echo "round $run/$runs"
    one_run default "$run"
    one_run cairo "$run"
done
echo

"$py" - "$results" "$runs" <<'PYEOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    p = line.split()
    if "scroll" not in p:
        rows.setdefault(p[0], [])
        continue
    s = p[p.index("scroll") + 1:]
    rows.setdefault(p[0], []).append(dict(rows=int(p[3]), renderer=p[4], frames=int(s[0]),
                                          median=float(s[1]), p95=float(s[2]), p99=float(s[3]),
                                          max=float(s[4]), over=int(s[5]), secs=float(s[7])))
labels = {"default": "GTK default renderer", "cairo": "GSK_RENDERER=cairo"}
print(f"medians of {sys.argv[2]} run(s); frame interval = time between two after-paint signals while scrolling")
print(f"{'renderer':<22} {'runs':>4} {'articles':>8} {'frames':>7} {'seconds':>7} {'median':>8} {'p95':>8}"
      f" {'p99':>8} {'max':>8} {'>33 ms':>7} {'>33 ms %':>8}")
print("-" * 104)
for tool in ("default", "cairo"):
    rs = rows.get(tool, [])
    if not rs:
        print(f"{labels[tool]:<22} no successful run")
        continue
    m = lambda k: statistics.median(r[k] for r in rs)
    pct = statistics.median(100 * r["over"] / r["frames"] for r in rs)
    print(f"{labels[tool]:<22} {len(rs):4d} {m('rows'):8.0f} {m('frames'):7.0f} {m('secs'):7.1f}"
          f" {m('median'):6.2f}ms {m('p95'):6.2f}ms {m('p99'):6.2f}ms {m('max'):6.1f}ms {m('over'):7.0f} {pct:7.1f}%")
    print(f"{'':<22} renderer {', '.join(sorted({r['renderer'] for r in rs}))}")
print("(a 60 Hz frame is 16.7 ms; > 33 ms is a visibly dropped frame)")
PYEOF

#!/bin/bash
# UI benchmark (issue 4, point 9): with the 500-feed corpus of
# ../shared/bench/gen_corpus.py already in the store (about 14,000 articles),
# times the launch of the app to its first frame with the article list
# filled, and reads the memory of its processes once it has settled; and the
# same, in the same run, for Liferea (Debian's package) on the same corpus.
#
#   bench/ui-bench.sh [RUNS]        (default 5 runs)
#
# How:
#   - The corpus is served by a private nginx on 127.0.0.1:PORT
#     (../shared/bench/serve.sh). A Broadsheet store is filled once with
#     `broadsheet-cli import` + `refresh`; Liferea, in a private HOME, is given
#     the same 500 feeds (a feedlist.opml with one folder holding them),
#     fetches them all once ("update-all" through its GApplication actions on
#     D-Bus, until its liferea.db stops growing) and quits cleanly. Each
#     measured run starts from a fresh copy of that store or HOME, under one
#     Xvfb (1400x900) and a new dbus-run-session (build-aux/session.conf), in a
#     clean environment (LANG=C.UTF-8, accessibility off for both: GTK_A11Y=none,
#     NO_AT_BRIDGE=1). Runs alternate between the programs.
#   - The time is from exec to the end of the first frame painted with rows in
#     the article list, both on CLOCK_MONOTONIC: bench/ui-bench-run.py writes
#     the clock just before exec (in the forked child), and the program writes
#     it after that frame to a pipe. Broadsheet has a hook for it
#     (BROADSHEET_BENCH_READY_FD, src/app/bs-window.c: the frame clock's
#     "after-paint" once the list has rows, which also names the GskRenderer).
#     Liferea gets the same from a GTK 3 module loaded with GTK_MODULES
#     (bench/ui-bench-gtk3-probe.c: "after-paint" of its window, counting the
#     rows of its item list's GtkTreeView) that reads and changes nothing
#     else. Liferea shows a list at start only for the node that was selected
#     when it quit (setting last-node-selected): the folder holding all the
#     feeds, like Broadsheet's default "All Articles". Liferea builds the
#     whole list before its first frame, so its first frame is also full.
#   - Settled: at least SETTLE seconds after that frame, then until the UI
#     process used < 2% of a CPU for two seconds in a row (at most 150 s). Then
#     RSS and PSS of the UI process and of each process below it (WebKit's web
#     and network processes, bubblewrap, xdg-dbus-proxy) from
#     /proc/PID/smaps_rollup, and a screenshot of the screen in OUT.
#   - No downloads while measuring: nginx keeps serving the corpus.
#     Broadsheet refreshes on start (conditional GETs, all 304); Liferea
#     is set not to update at start (startup-feed-action=1: it sends no
#     conditional GETs and would download all 66 MB). The requests nginx
#     logged during each program's runs are printed.
#   - Broadsheet runs twice per round: with GTK's default renderer (GL, on
#     Mesa's llvmpipe under Xvfb) and with GSK_RENDERER=cairo; WebKit keeps its
#     defaults in both, as does Liferea.
#
# Environment: BUILDDIR (default _build), CORPUS (default
# _build/bench-corpus-ui; the corpus for port P goes in CORPUS/P), PORT
# (default 8094), SETTLE (default 5 s), OUT (screenshots and the GTK 3 module;
# default BUILDDIR/bench-ui).
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-$srcdir/_build}
builddir=$(mkdir -p "$builddir" && cd "$builddir" && pwd)
port=${PORT:-8094}
corpus_base=${CORPUS:-$builddir/bench-corpus-ui}
corpus=$corpus_base/$port
out=${OUT:-$builddir/bench-ui}
settle=${SETTLE:-5}
shared=$srcdir/../shared/bench
gen=$shared/gen_corpus.py
serve=$shared/serve.sh
runs=${1:-5}
py=/usr/bin/python3      # Debian's: not a pyenv shim, whose PATH would leak into Liferea

[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
[[ $port =~ ^[0-9]+$ ]] || { echo "PORT must be a number" >&2; exit 2; }
[[ $settle =~ ^[0-9]+$ ]] || { echo "SETTLE must be a number of seconds" >&2; exit 2; }
for f in "$gen" "$serve"; do
    [[ -f $f ]] || { echo "not found: $f (../shared must sit beside the project)" >&2; exit 1; }
done

# --- what it needs ---------------------------------------------------------
# shellcheck source=../build-aux/deps.sh
. "$srcdir/build-aux/deps.sh"
bs_ensure_packages nginx python3 xvfb dbus imagemagick libgl1-mesa-dri \
    liferea libgtk-3-dev gcc pkg-config libglib2.0-bin
# Debian's liferea depends on python3-gi for its plugins: check them too.
bs_ensure_packages python3-gi

# --- build (waiting for anyone else's build in the same directory) ---------
bs_wait_for_other_build "$srcdir" "$builddir" || exit 1
bs_setup_builddir "$srcdir" "$builddir"
ninja -C "$builddir" src/app/broadsheet src/cli/broadsheet-cli data/gschemas.compiled >&2

mkdir -p "$out"
probe=$out/ui-bench-gtk3-probe.so
# shellcheck disable=SC2046
gcc -O2 -Wall -shared -fPIC -o "$probe" "$srcdir/bench/ui-bench-gtk3-probe.c" \
    $(pkg-config --cflags --libs gtk+-3.0)

work=$(mktemp -d "${TMPDIR:-/tmp}/ui-bench.XXXXXX")
served=0
xvfb_pid=
cleanup ()
{
    if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    if (( served )); then "$serve" stop "$port" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Measure private copies, so that a rebuild by someone else during the run
# does not change the program under test half-way (the app links no library
# of the build tree; its resources are compiled in).
app=$work/broadsheet
cli=$work/broadsheet-cli
cp "$builddir/src/app/broadsheet" "$app"
cp "$builddir/src/cli/broadsheet-cli" "$cli"
mkdir -p "$work/schemas"
cp "$builddir/data/gschemas.compiled" "$work/schemas/"
app_sum=$(sha256sum "$app" | cut -c1-12)
commit=$(git -C "$srcdir" log -1 --format=%h 2>/dev/null || echo unknown)
src_changes=$(git -C "$srcdir" status --short src 2>/dev/null || true)

# --- corpus (once per port) ------------------------------------------------
if [[ ! -f $corpus/.complete ]]; then
    echo "generating the corpus for port $port in $corpus" >&2
    rm -rf "$corpus.tmp" "$corpus"
    mkdir -p "$corpus_base"
    "$py" "$gen" --out "$corpus.tmp" --n 500 --seed 1 --port "$port" >&2
    touch "$corpus.tmp/.complete"
    mv "$corpus.tmp" "$corpus"
fi
grep -q "^http://127.0.0.1:$port/" "$corpus/day1/urls" ||
    { echo "$corpus was not generated for port $port; remove it" >&2; exit 1; }
nfeeds=$(wc -l < "$corpus/day1/urls")

"$serve" start "$port" "$corpus/day1" >/dev/null
served=1
access_log=$("$serve" log "$port")
reset_log () { : > "$access_log"; }
requests () { "$serve" count "$port"; }

# --- X server --------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3> "$work/display" 2> "$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; } >&2
display=:$(head -1 "$work/display")

# clean_env HOME_DIR CMD...: CMD in a clean environment, its own HOME and
# XDG directories under HOME_DIR, on a new session bus.
clean_env ()
{
    local h=$1
    shift
    mkdir -p "$h/.config" "$h/.local/share" "$h/.cache"
    mkdir -p "$h/run"
    chmod 700 "$h/run"
    env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" \
        HOME="$h" XDG_CONFIG_HOME="$h/.config" XDG_DATA_HOME="$h/.local/share" \
        XDG_CACHE_HOME="$h/.cache" XDG_RUNTIME_DIR="$h/run" \
        GTK_A11Y=none NO_AT_BRIDGE=1 \
        dbus-run-session --config-file="$srcdir/build-aux/session.conf" -- "$@"
}

# --- the Broadsheet store, filled once -------------------------------------
store=$work/store
"$cli" import --data-dir "$store" "$corpus/day1/subscriptions.opml" > "$work/import.log" 2>&1 ||
    { echo "import failed:"; cat "$work/import.log"; exit 1; } >&2
"$cli" refresh --data-dir "$store" > "$work/refresh.log" 2>&1 ||
    { echo "refresh failed:"; tail -5 "$work/refresh.log"; exit 1; } >&2
bs_count=$("$cli" entries --json --data-dir "$store" | "$py" -c 'import json,sys; print(len(json.load(sys.stdin)))')

# --- Liferea's HOME, filled once -------------------------------------------
# Liferea 1.14 reads ~/.config/liferea/feedlist.opml at start; an outline
# with type="folder" is a folder, type="rss" a feed (any feed format), "id"
# its node id (kept when Liferea writes the list back). The "Unread" search
# folder is the one of Liferea's default list. Its GSettings go to a keyfile
# (GSETTINGS_BACKEND=keyfile) in the private HOME: schema net.sf.liferea,
# path /org/gnome/liferea/. intranet-connectivity: without NetworkManager
# Liferea otherwise thinks it is offline and fetches nothing.
lhome=$work/liferea-home
mkdir -p "$lhome/.config/liferea" "$lhome/.config/glib-2.0/settings"
"$py" - "$corpus/day1/subscriptions.opml" "$lhome/.config/liferea/feedlist.opml" <<'EOF'
import sys
import xml.etree.ElementTree as ET
opml = ET.Element("opml", version="1.0")
ET.SubElement(ET.SubElement(opml, "head"), "title").text = "Liferea Feed List Export"
body = ET.SubElement(opml, "body")
folder = ET.SubElement(body, "outline", text="Benchmark", title="Benchmark", description="Benchmark",
                       type="folder", expanded="true", id="uibenchfolder")
for i, o in enumerate(e for e in ET.parse(sys.argv[1]).iter("outline") if e.get("xmlUrl")):
    ET.SubElement(folder, "outline", text=o.get("text"), title=o.get("title") or o.get("text"),
                  description=o.get("text"), type="rss", id=f"uibench{i:03d}",
                  xmlUrl=o.get("xmlUrl"), htmlUrl=o.get("htmlUrl", ""), updateInterval="-1")
unread = ET.SubElement(body, "outline", text="Unread", title="Unread", description="Unread",
                       type="vfolder", htmlUrl="", xmlUrl="vfolder", id="uibenchunread")
ET.SubElement(unread, "outline", type="rule", text="Read status", rule="unread", value="", additive="true")
ET.ElementTree(opml).write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
EOF
printf '[org/gnome/liferea]\nintranet-connectivity=true\nlast-window-width=1100\nlast-window-height=720\n' \
    > "$lhome/.config/glib-2.0/settings/keyfile"
cat > "$work/liferea-fetch.sh" <<'EOF'
# Runs inside the session bus: starts Liferea, has it update every feed, waits
# until its database and nginx's log stop growing, quits it cleanly.
serve=$1 port=$2 py=$3
db=$XDG_DATA_HOME/liferea/liferea.db
actions () { gdbus call --session --dest net.sourceforge.liferea --object-path /net/sourceforge/liferea \
                 --method "org.gtk.Actions.$1" "${@:2}"; }
liferea > "$HOME/fetch.log" 2>&1 &
pid=$!
for _ in $(seq 300); do actions List > /dev/null 2>&1 && break; sleep 0.2; done
actions Activate update-all '[]' '{}' > /dev/null
last= same=0
for _ in $(seq 300); do
    sleep 2
    n=$("$py" -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("select count(*) from items").fetchone()[0])' "$db" 2>/dev/null || echo 0)
    now="$n $("$serve" count "$port")"
    if [[ $now == "$last" && $n != 0 ]]; then same=$((same + 1)); else same=0; fi
    last=$now
    (( same >= 3 )) && break
done
actions Activate quit '[]' '{}' > /dev/null
for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "Liferea did not quit; killed" >&2; kill -9 "$pid"; fi
echo "$last"
EOF
reset_log
fetch_start=$SECONDS
fetched=$(clean_env "$lhome" env GSETTINGS_BACKEND=keyfile bash "$work/liferea-fetch.sh" "$serve" "$port" "$py" 2> "$work/liferea-fetch.err") ||
    { echo "Liferea's fetch failed:"; cat "$work/liferea-fetch.err"; exit 1; } >&2
fetch_s=$((SECONDS - fetch_start))
lf_count=$("$py" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from items").fetchone()[0])' "$lhome/.local/share/liferea/liferea.db")
# From now on: no update at start, and the folder of all feeds selected.
sed -i -e '/^startup-feed-action=/d' -e '/^last-node-selected=/d' "$lhome/.config/glib-2.0/settings/keyfile"
sed -i 's/^\[org\/gnome\/liferea\]$/&\nstartup-feed-action=1\nlast-node-selected='"'uibenchfolder'"'/' \
    "$lhome/.config/glib-2.0/settings/keyfile"
rm -f "$lhome/fetch.log"

# --- header ----------------------------------------------------------------
lf_version=$(dpkg-query -W -f='${Version}' liferea 2>/dev/null || echo "?")
echo "Broadsheet UI benchmark: $runs run(s), corpus $corpus ($nfeeds feeds), http://127.0.0.1:$port/, Xvfb $display 1400x900"
echo "commit $commit, broadsheet sha256 $app_sum (copied from $builddir at start)"
if [[ -n $src_changes ]]; then
    echo "uncommitted changes under src/ when built: $(wc -l <<< "$src_changes") file(s)"
else
    echo "no uncommitted changes under src/"
fi
echo "GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), WebKitGTK $(pkg-config --modversion webkitgtk-6.0 2>/dev/null || echo ?); Liferea $lf_version (GTK $(pkg-config --modversion gtk+-3.0), WebKitGTK 4.0 $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.0-37 2>/dev/null | cut -d- -f1))"
echo "store: $bs_count articles in Broadsheet; Liferea fetched its copy in ${fetch_s} s: $lf_count items (db and nginx log at the end: $fetched)"
echo "nproc $(nproc); load average before starting: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(wall times on a shared machine move by 2x and more with other load: compare within one run only)"
echo

# --- the runs --------------------------------------------------------------
results=$work/results.jsonl
: > "$results"
# one_run TOOL RUN: one measured launch; appends a JSON line to $results.
one_run ()
{
    local tool=$1 run=$2 d=$work/run-$1-$2 line req
    local -a cmd
    mkdir -p "$d"
    case $tool in
    broadsheet-default|broadsheet-cairo)
        cp -a "$store" "$d/store"
        cmd=(env GSETTINGS_SCHEMA_DIR="$work/schemas" GSETTINGS_BACKEND=memory)
        [[ $tool == broadsheet-cairo ]] && cmd+=(GSK_RENDERER=cairo)
        cmd+=("$py" "$srcdir/bench/ui-bench-run.py" --fd-env BROADSHEET_BENCH_READY_FD
              --settle "$settle" --settle-max 150 --screenshot "$out/$tool.png" --log "$d/app.log"
              -- "$app" --data-dir "$d/store")
        clean_env "$d/home" "${cmd[@]}" > "$d/result.json" 2> "$d/session.log" || true
        ;;
    liferea)
        cp -a "$lhome" "$d/home"
        cmd=(env GSETTINGS_BACKEND=keyfile GTK_MODULES="$probe"
             "$py" "$srcdir/bench/ui-bench-run.py" --fd-env BENCH_PROBE_FD
             --settle "$settle" --settle-max 150 --screenshot "$out/$tool.png" --log "$d/app.log"
             -- liferea)
        clean_env "$d/home" "${cmd[@]}" > "$d/result.json" 2> "$d/session.log" || true
        ;;
    esac
    line=$(tail -1 "$d/result.json")
    req=$(requests)
    if ! "$py" -c 'import json,sys; json.loads(sys.argv[1])' "$line" 2>/dev/null; then
        echo "    warning: $tool run $run gave no result; last lines:"
        tail -5 "$d/session.log" "$d/app.log" 2>/dev/null | sed 's/^/      /'
        line='{}'
    fi
    "$py" - "$tool" "$run" "$req" "$line" >> "$results" <<'EOF'
import json, sys
r = json.loads(sys.argv[4])
r.update(tool=sys.argv[1], run=int(sys.argv[2]), requests=sys.argv[3])
print(json.dumps(r))
EOF
    "$py" - "$results" <<'EOF'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
def mib(k):
    return r[k]["rss"] / 1024, r[k]["pss"] / 1024
if "first_ms" in r and r.get("main"):
    web = [c for c in r["children"] if c["comm"].startswith("WebKitWebProc")]
    print(f"  {r['tool']:<19} first filled frame {r['first_ms'] / 1000:6.2f} s ({r['first_rows']} rows)"
          f"   settled after {r['settled_s']:5.1f} s{'' if r['quiet'] else ' (NOT idle)'}"
          f"   UI RSS {mib('main')[0]:5.0f} PSS {mib('main')[1]:5.0f} MiB"
          f"   {len(web)} web process(es)   requests: {r['requests']}")
else:
    print(f"  {r['tool']:<19} NO RESULT   requests: {r['requests']}")
EOF
    rm -rf "$d"
    reset_log
}

reset_log
for run in $(seq "$runs"); do
    echo "run $run/$runs (load $(cut -d' ' -f1-3 /proc/loadavg))"
    for tool in broadsheet-default broadsheet-cairo liferea; do
        one_run "$tool" "$run"
    done
done
echo
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "screenshots of the last run's settled screens: $out/{broadsheet-default,broadsheet-cairo,liferea}.png"
echo

# --- medians ----------------------------------------------------------------
"$py" - "$results" "$runs" "$bs_count" "$lf_count" "$nfeeds" "$lf_version" <<'EOF'
import json, statistics, sys
path, runs, bs_count, lf_count, nfeeds, lf_version = sys.argv[1:]
runs, bs_count, lf_count, nfeeds = int(runs), int(bs_count), int(lf_count), int(nfeeds)
rows = [json.loads(l) for l in open(path)]

def ok(r):
    return "first_ms" in r and r.get("main")

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

def group(tool, kind):
    """(rss, pss, count) in MiB of the children whose name starts with kind."""
    def f(r):
        c = [x for x in r["children"] if x["comm"].startswith(kind) and "rss" in x]
        return sum(x["rss"] for x in c) / 1024, sum(x["pss"] for x in c) / 1024, len(c)
    return f

def other(r):
    c = [x for x in r["children"] if not x["comm"].startswith("WebKit") and "pss" in x]
    return sum(x["pss"] for x in c) / 1024

stats = {}
for tool in ("broadsheet-default", "broadsheet-cairo", "liferea"):
    rs = [r for r in rows if r.get("tool") == tool and ok(r)]
    failed = sum(1 for r in rows if r.get("tool") == tool and not ok(r))
    if not rs:
        stats[tool] = None
        continue
    web, net = group(tool, "WebKitWebProc"), group(tool, "WebKitNetwork")
    stats[tool] = dict(
        n=len(rs), failed=failed,
        first=med(r["first_ms"] / 1000 for r in rs),
        lo=min(r["first_ms"] for r in rs) / 1000, hi=max(r["first_ms"] for r in rs) / 1000,
        rows=med(r["first_rows"] for r in rs), final=med(r["final_rows"] for r in rs),
        settled=med(r["settled_s"] for r in rs), idle=sum(r["quiet"] for r in rs),
        rss=med(r["main"]["rss"] / 1024 for r in rs), pss=med(r["main"]["pss"] / 1024 for r in rs),
        web_rss=med(web(r)[0] for r in rs), web_pss=med(web(r)[1] for r in rs),
        web_n=med(web(r)[2] for r in rs),
        net_rss=med(net(r)[0] for r in rs), net_pss=med(net(r)[1] for r in rs),
        other_pss=med(other(r) for r in rs),
        total_pss=med(r["main"]["pss"] / 1024 + sum(x.get("pss", 0) for x in r["children"]) / 1024 for r in rs),
        renderer=sorted({r.get("renderer") or "?" for r in rs}),
        empty_first=sum(r["first_any_ms"] < r["first_ms"] for r in rs),
        requests=[r["requests"] for r in rs])

labels = {
    "broadsheet-default": "Broadsheet, GTK default renderer",
    "broadsheet-cairo": "Broadsheet, GSK_RENDERER=cairo",
    "liferea": f"Liferea {lf_version} (GTK 3)",
}
print(f"medians of {runs} run(s); memory in MiB after settling; first frame: exec -> first frame painted with rows in the article list")
print(f"{'program':<36} {'1st filled':>10} {'(min-max)':>13} {'rows':>6} {'UI RSS':>7} {'UI PSS':>7}"
      f" {'web procs':>9} {'web RSS':>8} {'web PSS':>8} {'net RSS':>8} {'net PSS':>8} {'other':>6} {'all PSS':>8}")
print("-" * 150)
for tool, s in stats.items():
    if s is None:
        print(f"{labels[tool]:<36} no successful run")
        continue
    print(f"{labels[tool]:<36} {s['first']:9.2f}s {s['lo']:5.2f}-{s['hi']:5.2f} s {s['rows']:6.0f} {s['rss']:7.0f} {s['pss']:7.0f}"
          f" {s['web_n']:9.0f} {s['web_rss']:8.0f} {s['web_pss']:8.0f} {s['net_rss']:8.0f} {s['net_pss']:8.0f}"
          f" {s['other_pss']:6.0f} {s['total_pss']:8.0f}")
print("(web/net: WebKit's web processes (summed) and network process; other: bubblewrap and xdg-dbus-proxy (PSS);")
print(" all PSS: the UI process and every process below it)")
print()
for tool, s in stats.items():
    if s is None:
        continue
    if tool != "liferea":
        extra = f"; renderer {', '.join(s['renderer'])}"
    else:
        extra = f"; a frame without rows came first in {s['empty_first']}/{s['n']}"
    missing = f", {s['failed']} without a result" if s["failed"] else ""
    print(f"{labels[tool]}: {s['n']} run(s) measured{missing}"
          f"{extra}; settled {s['settled']:.0f} s after the first frame (idle in {s['idle']}/{s['n']});"
          f" nginx per run: {', '.join(sorted(set(s['requests'])))}")
print("floors (../shared/TOOLCHAIN.md, a minimal AdwApplication + WebKitWebView after one page): UI process"
      " ~216 MB RSS / ~130 MB PSS with GL, ~143 MB RSS / ~62 MB PSS with cairo;"
      " WebKitWebProcess 155-204 MB RSS; NetworkProcess ~61 MB RSS")
for tool, floor in (("broadsheet-default", (216e6, 130e6)), ("broadsheet-cairo", (143e6, 62e6))):
    s = stats.get(tool)
    if s:
        print(f"  {labels[tool]}: UI process {s['rss'] * 1048576 / 1e6 - floor[0] / 1e6:+.0f} MB RSS,"
              f" {s['pss'] * 1048576 / 1e6 - floor[1] / 1e6:+.0f} MB PSS against its floor")
print(f"articles: Broadsheet's store holds {bs_count} (its list showed {stats['broadsheet-cairo']['rows'] if stats.get('broadsheet-cairo') else '?':.0f}),"
      f" Liferea's database {lf_count} (its list showed {stats['liferea']['rows'] if stats.get('liferea') else 0:.0f});"
      f" Liferea 1.14 does not read JSON Feed (25 of the {nfeeds} feeds)")
print()

checks = []
lf = stats.get("liferea")
for tool in ("broadsheet-default", "broadsheet-cairo"):
    s = stats.get(tool)
    if s and lf:
        checks.append((f"{labels[tool]}: first filled frame sooner than Liferea's",
                       f"{s['first']:.2f} s vs {lf['first']:.2f} s", s["first"] < lf["first"]))
        checks.append((f"{labels[tool]}: UI process PSS below Liferea's",
                       f"{s['pss']:.0f} vs {lf['pss']:.0f} MiB", s["pss"] < lf["pss"]))
        checks.append((f"{labels[tool]}: PSS of all its processes below Liferea's",
                       f"{s['total_pss']:.0f} vs {lf['total_pss']:.0f} MiB", s["total_pss"] < lf["total_pss"]))
for tool in ("broadsheet-default", "broadsheet-cairo"):
    s = stats.get(tool)
    if s:
        checks.append((f"{labels[tool]}: the list shows every article of the store",
                       f"{s['rows']:.0f} of {bs_count}", s["rows"] == bs_count))
if lf:
    checks.append(("Liferea: its list shows every item of its database", f"{lf['rows']:.0f} of {lf_count}",
                   lf["rows"] == lf_count))
# Downloads during the runs: Broadsheet may only revalidate (304), Liferea not ask at all.
bs_req = [x for t in ("broadsheet-default", "broadsheet-cairo") if stats.get(t) for x in stats[t]["requests"]]
checks.append(("no feed downloaded while measuring (Broadsheet: only 304s)",
               "; ".join(sorted(set(bs_req + (lf["requests"] if lf else [])))),
               all(" 200=" not in x for x in bs_req + (lf["requests"] if lf else []))))
print("checks (issue 4 sets no figure for these: they compare with Liferea on the same corpus)")
for what, value, good in checks:
    print(f"  {'PASS' if good else 'FAIL'}  {what:<78} {value}")
EOF

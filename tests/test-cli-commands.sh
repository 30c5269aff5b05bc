#!/usr/bin/env bash
# tests/test-cli-commands.sh — the store commands of broadsheet-cli as a
# user or a script sees them.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-cli-commands.sh CLI FILL DATA_DIR
#
# CLI is the broadsheet-cli executable, FILL the cli-fill-store test helper
# (merges a feed file into a subscription, as a refresh would), DATA_DIR is
# tests/data (the fixtures are in DATA_DIR/cli). Every case uses a fresh
# --data-dir. A loopback HTTP server started here serves DATA_DIR/cli for
# add, discover and import from a URL. Prints TAP; exits 1 if any check
# failed.
set -uo pipefail

if (( $# != 3 )); then
    echo "usage: $0 CLI FILL DATA_DIR" >&2
    exit 2
fi

cli=$1
fill=$2
data=$3/cli
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-cli-commands.XXXXXX")
server_pid=
cleanup ()
{
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# Keep the user's real store out of reach, and dates predictable.
export XDG_DATA_HOME=$tmp/xdg-data
export TZ=UTC
export LC_ALL=C.UTF-8

count=0
failures=0
status=0
dir=

ok ()
{
    count=$(( count + 1 ))
    echo "ok $count - $1"
}

# not_ok NAME [DETAIL...]
not_ok ()
{
    local line

    count=$(( count + 1 ))
    failures=$(( failures + 1 ))
    echo "not ok $count - $1"
    shift
    for line in "$@"; do
        printf '#   %s\n' "$line"
    done
}

last_output ()
{
    printf 'status: %s\n' "$status"
    printf 'stdout: %s\n' "$(head -c 600 "$tmp/out")"
    printf 'stderr: %s' "$(head -c 600 "$tmp/err")"
}

# check NAME CONDITION-COMMAND...: ok when the command succeeds.
check ()
{
    local name=$1
    shift
    if "$@"; then
        ok "$name"
    else
        local details
        mapfile -t details < <(last_output)
        not_ok "$name" "${details[@]}"
    fi
}

# run ARGS...: runs the CLI with no standard input; stdout goes to
# $tmp/out, stderr to $tmp/err, the exit status to $status. A hang counts
# as a failure (timeout exits 124).
run ()
{
    status=0
    timeout 20 "$cli" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
}

# run_in ARGS...: run with --data-dir "$dir".
run_in ()
{
    run "$@" --data-dir "$dir"
}

# fresh: a new, empty data directory in $dir.
fresh ()
{
    dir=$(mktemp -d "$tmp/store.XXXXXX")
    rmdir "$dir"
}

status_is () { [[ $status == "$1" ]]; }
out_has () { grep -qF -- "$1" "$tmp/out"; }
err_has () { grep -qF -- "$1" "$tmp/err"; }
err_empty () { [[ ! -s $tmp/err ]]; }

# json EXPR: evaluates the Python expression EXPR with j = the JSON on
# stdout; succeeds when it is true.
json ()
{
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
' "$tmp/out" "$1" 2>/dev/null
}

# source_id URL: the id of the subscription to URL in $dir.
source_id ()
{
    "$cli" list --json --data-dir "$dir" </dev/null | python3 -c '
import json, sys
print(next(s["id"] for s in json.load(sys.stdin) if s["url"] == sys.argv[1]))
' "$1"
}

commands=(add remove rename move list import export discover entries show mark-read star search)

# --- help and usage -------------------------------------------------------

run --help
check "top-level --help exits 0" status_is 0
missing=
for c in "${commands[@]}"; do
    grep -qE "^  $c " "$tmp/out" || missing+=" $c"
done
check "top-level usage lists every command with a summary" test -z "$missing"

for c in "${commands[@]}"; do
    fresh
    run "$c" --help
    check "$c --help exits 0 and shows usage and --data-dir" \
        eval 'status_is 0 && out_has "broadsheet-cli $c" && out_has "--data-dir" && out_has "Exit status"'
done

for c in "${commands[@]}"; do
    fresh
    run_in "$c" --no-such-option
    check "$c with an unknown option is a usage error (2)" \
        eval 'status_is 2 && err_has "broadsheet-cli $c:" && err_has "--help"'
done

usage_cases=(
    "add"
    "add http://a.example/ http://b.example/"
    "add --pick -1 http://a.example/"
    "remove"
    "rename someid"
    "move someid folder extra"
    "list extra"
    "import"
    "export a.opml b.opml"
    "discover"
    "entries --limit -3"
    "show"
    "mark-read"
    "mark-read --all --source someid"
    "mark-read --all --unread"
    "star"
    "search"
)
for args in "${usage_cases[@]}"; do
    fresh
    # shellcheck disable=SC2086
    run_in $args
    check "usage error exits 2: $args" eval 'status_is 2 && [[ ! -s $tmp/out ]]'
done

# --- empty store ----------------------------------------------------------

fresh
run_in list
check "list on an empty store exits 0 and says there are no subscriptions" \
    eval 'status_is 0 && out_has "No subscriptions"'
check "the data directory is created with mode 0700" \
    eval '[[ $(stat -c %a "$dir") == 700 ]]'
run_in list --json
check "list --json on an empty store prints []" eval 'status_is 0 && json "j == []"'
run_in entries --json
check "entries --json on an empty store prints []" eval 'status_is 0 && json "j == []"'

run list --json
check "without --data-dir the store is \$XDG_DATA_HOME/broadsheet" \
    eval 'status_is 0 && [[ -d $XDG_DATA_HOME/broadsheet ]]'

# --- import, list, export -------------------------------------------------

fresh
run_in import "$data/subscriptions.opml"
check "import of an OPML file exits 0" status_is 0
check "import counts added, already there and skipped, with the reason" \
    eval 'out_has "4 feeds added, 0 already there, 1 skipped" && out_has "ftp://files.example.com/feed.xml"'
run_in list --json
check "list --json shows the imported feeds with their folders" \
    json 'sorted((s["url"], s["folder"], s["title"]) for s in j) == sorted([
        ("https://planet.example.org/rss.xml", "News", "Planet Broadsheet"),
        ("https://example.org/journal/feed.atom", "News", "Le journal"),
        ("https://kernel.example.net/feed", "Tech / Linux", "Kernel notes"),
        ("https://blog.example.com/atom.xml", None, "Unfiled blog")])
        and all(s["unread"] == 0 and s["last_check"] is None and s["error"] is None for s in j)'
cp "$tmp/out" "$tmp/list1.json"
run_in list
check "list prints aligned columns with a header" \
    eval 'status_is 0 && head -1 "$tmp/out" | grep -q "^ID  *TITLE  *FOLDER  *UNREAD  *LAST CHECK  *URL" \
          && [[ $(grep -c "never" "$tmp/out") == 4 ]] \
          && python3 -c "import sys; lines = open(sys.argv[1]).read().splitlines(); \
                         sys.exit(len({l.index(\"http\") for l in lines[1:]}) != 1 or lines[0].index(\"URL\") != lines[1].index(\"http\"))" "$tmp/out"'

run_in import "$data/subscriptions.opml"
check "re-importing adds nothing" eval 'status_is 0 && out_has "0 feeds added, 4 already there"'
run_in list --json
check "re-importing leaves the list as it was" cmp -s "$tmp/out" "$tmp/list1.json"

run_in export "$tmp/export.opml"
check "export FILE exits 0 and writes OPML 2.0" \
    eval 'status_is 0 && grep -q "<opml version=\"2.0\"" "$tmp/export.opml"'
check "export keeps folders as groups" \
    eval 'grep -q "<outline text=\"News\"" "$tmp/export.opml" && grep -q "Tech / Linux" "$tmp/export.opml"'
run_in export
check "export without FILE writes to stdout" eval 'status_is 0 && out_has "<opml" && out_has "Kernel notes"'

first_dir=$dir
fresh
run_in import "$tmp/export.opml"
check "importing the export into another store adds every feed" \
    eval 'status_is 0 && out_has "4 feeds added, 0 already there, 0 skipped"'
run_in list --json
check "the export round-trips: the second store lists the same" cmp -s "$tmp/out" "$tmp/list1.json"

run_in import "$tmp/no-such-file.opml"
check "import of a missing file fails (1) naming it" \
    eval 'status_is 1 && err_has "no-such-file.opml"'
run_in import "$data/rss2.xml"
check "import of a file that is not OPML fails (1)" eval 'status_is 1 && err_has "rss2.xml"'
run_in export "$tmp/no-such-dir/x.opml"
check "export to an unwritable place fails (1)" eval 'status_is 1 && err_has "no-such-dir"'

# --- rename, move, remove -------------------------------------------------

dir=$first_dir
planet=$(source_id https://planet.example.org/rss.xml)
run_in rename "$planet" "My planet"
check "rename exits 0" eval 'status_is 0 && out_has "My planet"'
run_in list --json
check "list shows the new title, the feed title is kept" \
    json "[(s['title'], s['feed_title']) for s in j if s['id'] == '$planet'] == [('My planet', 'Planet Broadsheet')]"
run_in export
check "export writes titles as displayed" out_has 'text="My planet"'
run_in rename "$planet" ""
run_in list --json
check "rename to \"\" goes back to the feed's title" \
    json "[s['title'] for s in j if s['id'] == '$planet'] == ['Planet Broadsheet']"

run_in move "$planet" "Elsewhere"
run_in list --json
check "move puts the source in the folder" \
    json "[s['folder'] for s in j if s['id'] == '$planet'] == ['Elsewhere']"
run_in move "${planet:0:6}" ""
run_in list --json
check "move to \"\" (by an id prefix) takes it out of any folder" \
    json "[s['folder'] for s in j if s['id'] == '$planet'] == [None]"

run_in remove "$planet"
check "remove exits 0" eval 'status_is 0 && out_has "$planet"'
run_in list --json
check "the removed source is gone, the others stay" \
    json "len(j) == 3 and '$planet' not in [s['id'] for s in j]"

for args in "remove nosuchid" "rename nosuchid title" "move nosuchid folder"; do
    # shellcheck disable=SC2086
    run_in $args
    check "${args%% *} of an unknown id fails (1) with a clear message" \
        eval 'status_is 1 && err_has "no source with the id “nosuchid”"'
done

# --- the lock -------------------------------------------------------------

# The store locks DIR/lock with flock(); hold the same lock from here.
exec 9>>"$dir/lock"
flock -n 9
for args in "remove $(source_id https://kernel.example.net/feed)" "import $data/subscriptions.opml" \
            "rename $(source_id https://kernel.example.net/feed) x" "mark-read --all"; do
    # shellcheck disable=SC2086
    run_in $args
    check "${args%% *} while another process writes the store fails (1) saying it is locked" \
        eval 'status_is 1 && err_has "locked" && err_has "$dir"'
done
run_in list --json
check "reading commands still work while the store is locked" eval 'status_is 0 && json "len(j) == 3"'
flock -u 9
exec 9>&-
run_in move "$(source_id https://kernel.example.net/feed)" "Kernel"
check "once the lock is released, writing works again" status_is 0

# --- a loopback server: add, discover, import from a URL ------------------

mkfifo "$tmp/port"
python3 -c '
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
' "$data" >"$tmp/port" &
server_pid=$!
read -r port <"$tmp/port"
base=http://127.0.0.1:$port

fresh
run_in add "$base/rss2.xml"
rss_id=$(source_id "$base/rss2.xml")
check "add of a feed URL subscribes and prints its id and title" \
    eval 'status_is 0 && [[ -n $rss_id ]] && out_has "$rss_id" && out_has "Planet Broadsheet"'
run_in add "$base/rss2.xml"
check "adding a feed already subscribed says so and exits 0" \
    eval 'status_is 0 && out_has "Already subscribed"'
run_in list --json
check "... without a duplicate" json 'len(j) == 1'

run_in add "$base/page-two-feeds.html"
check "add of a page with two feeds exits 1 listing both, numbered" \
    eval 'status_is 1 && out_has " 1. " && out_has "$base/rss2.xml" && out_has " 2. " && out_has "$base/atom.xml" && err_has "--pick"'
run_in list --json
check "... and adds nothing" json 'len(j) == 1'
run_in add --pick 2 --folder "Journaux" "$base/page-two-feeds.html"
check "add --pick 2 subscribes to the second feed" \
    eval 'status_is 0 && out_has "$base/atom.xml"'
run_in list --json
check "... in the folder given" \
    json "[s['folder'] for s in j if s['url'] == '$base/atom.xml'] == ['Journaux']"
run_in add --pick 3 "$base/page-two-feeds.html"
check "add --pick past the last feed fails (1)" eval 'status_is 1 && err_has "only 2 feeds"'

fresh
run_in add --title "The journal" "$base/page-one-feed.html"
check "add of a page with one feed subscribes to it" \
    eval 'status_is 0 && out_has "The journal" && out_has "$base/atom.xml"'
run_in list --json
check "... with the --title given and the page as its site" \
    json "[(s['url'], s['title'], s['site_url']) for s in j] == [('$base/atom.xml', 'The journal', '$base/page-one-feed.html')]"
run_in add "$base/no-such-feed.xml"
check "add of a URL that answers 404 fails (1) saying why" \
    eval 'status_is 1 && err_has "404" && err_has "no-such-feed.xml"'

run discover "$base/page-two-feeds.html"
check "discover lists the feeds a page advertises" \
    eval 'status_is 0 && out_has " 1. Posts (RSS)" && out_has " 2. Journal (Atom)" && out_has "application/atom+xml"'
run discover --json "$base/page-two-feeds.html"
check "discover --json gives url, title and type" \
    json "j == [{'url': '$base/rss2.xml', 'title': 'Posts (RSS)', 'type': 'application/rss+xml'},
               {'url': '$base/atom.xml', 'title': 'Journal (Atom)', 'type': 'application/atom+xml'}]"
run discover "$base/no-such-page.html"
check "discover of a missing page fails (1)" eval 'status_is 1 && err_has "no-such-page.html"'

fresh
run_in import "$base/subscriptions.opml"
check "import from an http URL subscribes to its feeds" \
    eval 'status_is 0 && out_has "4 feeds added"'
run_in import "$base/no-such-list.opml"
check "import from a URL that answers 404 fails (1)" eval 'status_is 1 && err_has "404"'

# --- entries, show, mark-read, star, search -------------------------------

fresh
run_in add "$base/rss2.xml"
run_in add "$base/atom.xml"
rss_id=$(source_id "$base/rss2.xml")
atom_id=$(source_id "$base/atom.xml")
"$fill" "$dir" "$rss_id" "$data/rss2.xml" >/dev/null
"$fill" "$dir" "$atom_id" "$data/atom.xml" >/dev/null

offline="$rss_id/https://planet.example.org/2024/01/offline"
fish="$rss_id/tag:planet.example.org,2023:42"
premiere="$atom_id/tag:example.org,2024:journal/1"

run_in entries --json
check "entries --json lists every entry newest first with its fields" \
    json "[e['id'] for e in j] == ['$premiere', '$offline', '$fish']
          and j[1] == {'id': '$offline', 'key': 'https://planet.example.org/2024/01/offline',
                       'source': '$rss_id', 'source_title': 'Planet Broadsheet',
                       'title': 'Reading feeds offline', 'link': 'https://planet.example.org/2024/01/offline',
                       'author': 'ada@example.org (Ada Lovelace)', 'published': '2024-01-01T12:00:00Z',
                       'updated': None, 'read': False, 'starred': False}"
run_in entries
check "entries prints date, source, title, an unread mark and the id" \
    eval 'status_is 0 && grep -q "^•  *2024-01-01 12:00  Planet Broadsheet  *Reading feeds offline  *$offline\$" "$tmp/out"'
run_in entries --source "$atom_id" --json
check "entries --source shows one subscription" json "[e['id'] for e in j] == ['$premiere']"
run_in entries --limit 2 --json
check "entries --limit N shows the newest N" json "[e['id'] for e in j] == ['$premiere', '$offline']"
run_in entries --source nosuchid
check "entries --source of an unknown id fails (1)" eval 'status_is 1 && err_has "nosuchid"'

run_in show "$offline"
check "show SOURCE-ID/KEY prints the header and the article as text" \
    eval 'status_is 0 && out_has "Reading feeds offline" && out_has "Planet Broadsheet" \
          && out_has "Ada Lovelace" && out_has "2024-01-01 12:00" \
          && out_has "https://planet.example.org/2024/01/offline" \
          && out_has "https://planet.example.org/media/offline.ogg (audio/ogg)" \
          && out_has "Everything you read stays readable." && ! out_has "<p>"'
run_in show --html "$offline"
check "show --html prints the sanitised HTML" out_has "<p>Everything you read stays <em>readable</em>.</p>"
run_in show "tag:planet.example.org,2023:42"
check "show accepts a bare key that only one source has" eval 'status_is 0 && out_has "Fish & chips"'
run_in show "$rss_id/no-such-entry"
check "show of an unknown entry fails (1)" eval 'status_is 1 && err_has "no entry"'

run_in mark-read "$offline" "$fish"
check "mark-read ID… marks the entries read" eval 'status_is 0 && out_has "2 entries marked read"'
run_in entries --unread --json
check "... entries --unread no longer shows them" json "[e['id'] for e in j] == ['$premiere']"
run_in list --json
check "... and list counts what is left unread" \
    json "sorted(s['unread'] for s in j) == [0, 1]"
run_in mark-read --unread "$fish"
run_in entries --unread --json
check "mark-read --unread marks an entry unread again" json "[e['id'] for e in j] == ['$premiere', '$fish']"
run_in mark-read --source "$rss_id"
check "mark-read --source marks a subscription read" eval 'status_is 0 && out_has "1 entry marked read"'
run_in mark-read --all
run_in entries --unread --json
check "mark-read --all leaves nothing unread" json 'j == []'
run_in mark-read "$premiere" nosuchentry
check "mark-read of an unknown entry fails (1)" eval 'status_is 1 && err_has "nosuchentry"'

run_in star "$premiere"
run_in entries --starred --json
check "star ID stars the entry" json "[e['id'] for e in j] == ['$premiere'] and j[0]['starred']"
run_in star --unstar "$premiere"
run_in entries --starred --json
check "star --unstar removes the star" json 'j == []'

run_in search chips --json
check "search finds an entry by a word of its title" json "[e['id'] for e in j] == ['$fish']"
run_in search PREMIERE
check "search ignores case and accents" eval 'status_is 0 && out_has "Première version"'
run_in search readable offline --json
check "search needs every word" json "[e['id'] for e in j] == ['$offline']"
run_in search zebra --json
check "search with no match exits 0 with no entries" eval 'status_is 0 && json "j == []"'

echo "1..$count"
(( failures == 0 ))

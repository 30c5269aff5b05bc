#!/usr/bin/env bash
# tests/test-cli-refresh.sh — `broadsheet-cli refresh` end to end.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-cli-refresh.sh CLI DATA_DIR
#
# CLI is the broadsheet-cli executable, DATA_DIR is tests/data (the feeds
# are in DATA_DIR/updater). Starts a small HTTP server on 127.0.0.1 (a free
# port) serving them, subscribes a temporary store to them with `add` and
# `import`, and checks what `refresh` reports: counts, 304s, errors with
# reasons, exit statuses, the JSON shape; and which old entries it removes
# (--keep-days, --keep-per-feed, the GSettings keys, their defaults).
# Prints TAP; exits 1 if any check failed.
set -uo pipefail

if (( $# != 2 )); then
    echo "usage: $0 CLI DATA_DIR" >&2
    exit 2
fi

cli=$1
feeds=$2/updater
schema=$2/../../data/io.github.broadsheet.Broadsheet.gschema.xml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-cli-refresh.XXXXXX")
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

# The retention settings are the schema's defaults unless a test says
# otherwise, whatever the user running the tests has set.
export GSETTINGS_BACKEND=memory

count=0
failures=0

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
        printf '%s\n' "$line" | sed 's/^/# /'
    done
}

# check NAME COMMAND...: ok when COMMAND succeeds
check ()
{
    local name=$1
    shift
    if "$@"; then
        ok "$name"
    else
        not_ok "$name" "stdout: $(cat "$tmp/out" 2>/dev/null)" "stderr: $(cat "$tmp/err" 2>/dev/null)"
    fi
}

# /feed and /atom with an ETag (304 on If-None-Match), /broken is a web
# page, /gone answers 410, /t/NAME is the file $tmp/live/NAME as it is now
# (no ETag). It prints its port once it listens.
server='
import http.server, os, sys
root = sys.argv[1]
live = sys.argv[2]
files = {"/feed": ("feed-v1.xml", "application/rss+xml"),
         "/atom": ("atom.xml", "application/atom+xml"),
         "/broken": ("not-a-feed.html", "text/html")}
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path == "/gone":
            return self.reply(410)
        if self.path == "/icon.png":
            png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                "1f15c489")
            return self.reply(200, png, [("Content-Type", "image/png")])
        if self.path.startswith("/t/"):
            try:
                with open(os.path.join(live, os.path.basename(self.path)), "rb") as f:
                    body = f.read()
            except OSError:
                return self.reply(404)
            return self.reply(200, body, [("Content-Type", "application/rss+xml")])
        if self.path not in files:
            return self.reply(404)
        name, ctype = files[self.path]
        etag = "\"%s\"" % self.path[1:]
        if self.headers.get("If-None-Match") == etag:
            return self.reply(304, headers=[("ETag", etag)])
        with open(os.path.join(root, name), "rb") as f:
            body = f.read()
        self.reply(200, body, [("ETag", etag), ("Content-Type", ctype)])
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
'
mkfifo "$tmp/port"
mkdir "$tmp/live"
python3 -c "$server" "$feeds" "$tmp/live" > "$tmp/port" &
server_pid=$!
read -r port < "$tmp/port"
if [[ -z $port ]]; then
    echo "Bail out! the test server did not start"
    exit 1
fi
base=http://127.0.0.1:$port

# json_check FILE PYTHON-EXPRESSION: the expression, over `items` (the
# parsed array) and `by` (items by url path), is true
json_check ()
{
    python3 -c '
import json, sys, urllib.parse
items = json.load(open(sys.argv[1]))
by = {urllib.parse.urlparse(i["url"]).path: i for i in items}
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2"
}

store=$tmp/store
"$cli" add --data-dir "$store" "$base/feed" > "$tmp/out" 2> "$tmp/err"
check "add the RSS feed" test $? -eq 0

cat > "$tmp/subs.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline type="rss" text="Atom" xmlUrl="$base/atom"/>
</body></opml>
OPML
"$cli" import --data-dir "$store" "$tmp/subs.opml" > "$tmp/out" 2> "$tmp/err"
check "import the Atom feed" test $? -eq 0

# first refresh: everything is new
"$cli" refresh --data-dir "$store" --json > "$tmp/out" 2> "$tmp/err"
rc=$?
check "first refresh exits 0" test $rc -eq 0
check "first refresh is quiet on stderr when it is not a terminal" test ! -s "$tmp/err"
check "first refresh: one object per feed" json_check "$tmp/out" 'len(items) == 2'
check "first refresh: the JSON fields" json_check "$tmp/out" \
    'all(set(i) >= {"id", "title", "status", "new", "updated", "error"} for i in items)'
check "first refresh: 3 new RSS entries" json_check "$tmp/out" \
    'by["/feed"]["status"] == "new-entries" and by["/feed"]["new"] == 3 and by["/feed"]["error"] is None'
check "first refresh: 2 new Atom entries" json_check "$tmp/out" \
    'by["/atom"]["status"] == "new-entries" and by["/atom"]["new"] == 2'
check "first refresh: the feed's title" json_check "$tmp/out" \
    'by["/feed"]["title"] == "Updater Test Feed"'
rss_id=$(python3 -c 'import json,sys; print([i["id"] for i in json.load(open(sys.argv[1])) if i["url"].endswith("/feed")][0])' "$tmp/out")

# second refresh: the ETags give 304s
"$cli" refresh --data-dir "$store" --json > "$tmp/out" 2> "$tmp/err"
check "second refresh exits 0" test $? -eq 0
check "second refresh: both not modified" json_check "$tmp/out" \
    'len(items) == 2 and all(i["status"] == "not-modified" and i["new"] == 0 for i in items)'

# the human summary
"$cli" refresh --data-dir "$store" > "$tmp/out" 2> "$tmp/err"
check "summary exits 0" test $? -eq 0
check "summary says not modified" grep -q "not modified" "$tmp/out"
check "summary totals" grep -q "2 feeds refreshed: 0 new entries, 2 not modified, 0 failed" "$tmp/out"

# one source by id
"$cli" refresh --data-dir "$store" --json "$rss_id" > "$tmp/out" 2> "$tmp/err"
check "refresh ID exits 0" test $? -eq 0
check "refresh ID: only that feed" json_check "$tmp/out" \
    'len(items) == 1 and items[0]["id"] == "'"$rss_id"'"'

# failures: a web page and a gone feed
cat > "$tmp/bad.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline type="rss" text="Broken" xmlUrl="$base/broken"/>
<outline type="rss" text="Gone" xmlUrl="$base/gone"/>
</body></opml>
OPML
"$cli" import --data-dir "$store" "$tmp/bad.opml" > "$tmp/out" 2> "$tmp/err"
check "import the failing feeds" test $? -eq 0

"$cli" refresh --data-dir "$store" --json > "$tmp/out" 2> "$tmp/err"
check "a failed feed makes refresh exit 1" test $? -eq 1
check "failures: the others still refreshed" json_check "$tmp/out" \
    'len(items) == 4 and by["/feed"]["status"] == "not-modified" and by["/atom"]["status"] == "not-modified"'
check "failures: a web page is a parse error with a reason" json_check "$tmp/out" \
    'by["/broken"]["status"] == "error" and by["/broken"]["error_kind"] == "parse" and by["/broken"]["error"]'
check "failures: 410 is gone" json_check "$tmp/out" \
    'by["/gone"]["status"] == "gone" and by["/gone"]["error_kind"] == "gone" and "410" in by["/gone"]["error"]'

"$cli" refresh --data-dir "$store" > "$tmp/out" 2> "$tmp/err"
check "summary with failures exits 1" test $? -eq 1
check "summary names the error" grep -q "error: " "$tmp/out"
check "summary: the gone feed is not checked again" grep -q "gone, not checked" "$tmp/out"
check "summary totals with failures" grep -q "3 feeds refreshed: 0 new entries, 2 not modified, 1 failed" "$tmp/out"

# usage errors
"$cli" refresh --data-dir "$store" --no-such-option > "$tmp/out" 2> "$tmp/err"
check "unknown option exits 2" test $? -eq 2
"$cli" refresh --data-dir "$store" no-such-source > "$tmp/out" 2> "$tmp/err"
check "unknown source exits 1" test $? -eq 1

# the progress line, when a terminal is at hand
if command -v script > /dev/null; then
    script -qec "\"$cli\" refresh --data-dir \"$store\" \"$rss_id\"" /dev/null > "$tmp/tty" 2>&1 < /dev/null
    check "progress on a terminal" grep -q "refreshing 1/1" "$tmp/tty"
else
    ok "progress on a terminal # SKIP script(1) is not installed"
fi

# retention
#
# live_feed NAME TITLE:DAYS...: $tmp/live/NAME (served as /t/NAME) is an
# RSS feed of posts titled TITLE, published DAYS days ago
live_feed ()
{
    python3 - "$tmp/live/$1" "${@:2}" <<'PY'
import email.utils, sys, time
now = time.time()
items = []
for arg in sys.argv[2:]:
    title, days = arg.split(":")
    items.append("<item><guid>http://example.com/%s</guid><title>%s</title>"
                 "<link>http://example.com/%s</link><pubDate>%s</pubDate></item>"
                 % (title, title, title, email.utils.formatdate(now - float(days) * 86400)))
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>'
            '<link>http://example.com/</link>%s</channel></rss>' % "".join(items))
PY
}

# titles STORE: the titles of the entries in STORE, sorted, comma-separated
titles ()
{
    "$cli" entries --data-dir "$1" --json \
        | python3 -c 'import json, sys; print(",".join(sorted(e["title"] for e in json.load(sys.stdin))))'
}

# entry_ids STORE TITLE...: the ids of those entries
entry_ids ()
{
    "$cli" entries --data-dir "$1" --json \
        | python3 -c '
import json, sys
by = {e["title"]: e["id"] for e in json.load(sys.stdin)}
print("\n".join(by[t] for t in sys.argv[1:]))' "${@:2}"
}

# expect_titles NAME STORE TITLES: the store holds exactly TITLES
expect_titles ()
{
    local got

    got=$(titles "$2")
    if [[ $got == "$3" ]]; then
        ok "$1"
    else
        not_ok "$1" "expected: $3" "got: $got"
    fi
}

# --keep-days and --keep-per-feed. p1, p8: read, old, gone from the feed;
# p2: read and old but starred; p3: read and old but still in the feed;
# p4: old but unread; p5: read, recent, gone from the feed.
keep=$tmp/keep
live_feed keep p1:400 p2:300 p3:200 p4:250 p5:50 p6:10 p8:180
"$cli" add --data-dir "$keep" "$base/t/keep" > "$tmp/out" 2> "$tmp/err"
check "retention: subscribe" test $? -eq 0
"$cli" refresh --data-dir "$keep" > "$tmp/out" 2> "$tmp/err"
check "retention: first refresh exits 0" test $? -eq 0
expect_titles "retention: nothing in the feed is removed" "$keep" "p1,p2,p3,p4,p5,p6,p8"
check "retention: no removal line when nothing was removed" eval '! grep -q removed "$tmp/out"'
mapfile -t ids < <(entry_ids "$keep" p1 p2 p3 p5 p8)
"$cli" mark-read --data-dir "$keep" "${ids[@]}" > "$tmp/out" 2> "$tmp/err"
check "retention: mark-read" test $? -eq 0
"$cli" star --data-dir "$keep" "${ids[1]}" > "$tmp/out" 2> "$tmp/err"
check "retention: star" test $? -eq 0

live_feed keep p3:200 p6:10 p7:1
"$cli" refresh --data-dir "$keep" --keep-days 0 --keep-per-feed 0 > "$tmp/out" 2> "$tmp/err"
check "retention: --keep-days 0 --keep-per-feed 0 exits 0" test $? -eq 0
expect_titles "retention: 0 is no limit, over the 90 days default" "$keep" "p1,p2,p3,p4,p5,p6,p7,p8"

"$cli" refresh --data-dir "$keep" --keep-days 150 > "$tmp/out" 2> "$tmp/err"
check "retention: --keep-days 150 exits 0" test $? -eq 0
expect_titles "retention: --keep-days removes the old read entries only" "$keep" "p2,p3,p4,p5,p6,p7"
check "retention: the summary counts them" grep -qx "2 old entries removed" "$tmp/out"

"$cli" refresh --data-dir "$keep" --json --keep-days 0 --keep-per-feed 2 > "$tmp/out" 2> "$tmp/err"
check "retention: --keep-per-feed 2 exits 0" test $? -eq 0
check "retention: --json output stays an array per feed" json_check "$tmp/out" \
    'len(items) == 1 and items[0]["status"] == "no-change"'
# newest first: p7 p6 | p5 p3 p4 p2, of which only p5 may go
expect_titles "retention: --keep-per-feed removes read entries past the newest N" "$keep" \
    "p2,p3,p4,p6,p7"

# usage errors of the options: nothing is fetched or removed
live_feed keep p7:1
for bad in -1 abc "" 36501 "5 days"; do
    "$cli" refresh --data-dir "$keep" --keep-days "$bad" > "$tmp/out" 2> "$tmp/err"
    check "retention: --keep-days \"$bad\" exits 2" test $? -eq 2
    check "retention: --keep-days \"$bad\" says why" grep -q -- "--keep-days needs a number" "$tmp/err"
done
"$cli" refresh --data-dir "$keep" --keep-per-feed 100001 > "$tmp/out" 2> "$tmp/err"
check "retention: --keep-per-feed 100001 exits 2" test $? -eq 2
check "retention: --keep-per-feed 100001 says why" grep -q -- "--keep-per-feed needs a number" "$tmp/err"
"$cli" refresh --data-dir "$keep" --keep-per-feed > "$tmp/out" 2> "$tmp/err"
check "retention: --keep-per-feed without a value exits 2" test $? -eq 2
expect_titles "retention: a usage error changes nothing" "$keep" "p2,p3,p4,p6,p7"

# Without the app's schema: its defaults, 90 days and 500 a feed. 505
# recent posts (q0 the newest, 72 minutes apart) and one 100 days old, all
# read; then the feed has q0 only. No schema is installed at all there, so
# GIO's GNOME proxy resolver (which reads its own settings) is kept out.
dflt=$tmp/default
mkdir "$tmp/empty"
no_schema=(env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$tmp/empty" XDG_DATA_HOME="$tmp/empty"
           GIO_USE_PROXY_RESOLVER=dummy)
live_feed default old:100 $(for i in $(seq 0 504); do printf 'q%d:%d.%02d ' "$i" $(( i * 5 / 100 )) $(( i * 5 % 100 )); done)
"$cli" add --data-dir "$dflt" "$base/t/default" > "$tmp/out" 2> "$tmp/err"
check "retention defaults: subscribe" test $? -eq 0
"${no_schema[@]}" "$cli" refresh --data-dir "$dflt" > "$tmp/out" 2> "$tmp/err"
check "retention defaults: first refresh exits 0" test $? -eq 0
"$cli" mark-read --data-dir "$dflt" --all > "$tmp/out" 2> "$tmp/err"
check "retention defaults: mark all read" test $? -eq 0
live_feed default q0:0
"${no_schema[@]}" "$cli" refresh --data-dir "$dflt" > "$tmp/out" 2> "$tmp/err"
check "retention defaults: refresh exits 0" test $? -eq 0
check "retention defaults: quiet on stderr" test ! -s "$tmp/err"
check "retention defaults: the summary counts 6" grep -qx "6 old entries removed" "$tmp/out"
expected=$(printf 'q%d\n' $(seq 0 499) | sort | paste -sd,)
expect_titles "retention defaults: the newest 500, none over 90 days" "$dflt" "$expected"

# The user's GSettings: a schema compiled into a temporary directory and
# the keyfile backend reading $XDG_CONFIG_HOME/glib-2.0/settings/keyfile.
if command -v glib-compile-schemas > /dev/null; then
    mkdir -p "$tmp/schemas" "$tmp/config/glib-2.0/settings"
    cp "$schema" "$tmp/schemas/"
    glib-compile-schemas "$tmp/schemas" > "$tmp/out" 2> "$tmp/err"
    check "settings: the schema compiles" test $? -eq 0
    settings=(env GSETTINGS_SCHEMA_DIR="$tmp/schemas" GSETTINGS_BACKEND=keyfile
              XDG_CONFIG_HOME="$tmp/config")
    # keyfile DAYS COUNT: the user's retention-days and max-entries-per-feed
    keyfile ()
    {
        printf '[io/github/broadsheet/Broadsheet]\nretention-days=%s\nmax-entries-per-feed=%s\n' \
            "$1" "$2" > "$tmp/config/glib-2.0/settings/keyfile"
    }
    check "settings: the keyfile backend reads the file" \
        eval 'keyfile 7 2 && [[ $("${settings[@]}" gsettings get io.github.broadsheet.Broadsheet max-entries-per-feed) == "uint32 2" ]]'

    gs=$tmp/settings
    live_feed settings g1:1 g2:2 g3:5 g4:10 g5:20
    "$cli" add --data-dir "$gs" "$base/t/settings" > "$tmp/out" 2> "$tmp/err"
    check "settings: subscribe" test $? -eq 0
    "${settings[@]}" "$cli" refresh --data-dir "$gs" > "$tmp/out" 2> "$tmp/err"
    check "settings: first refresh exits 0" test $? -eq 0
    "$cli" mark-read --data-dir "$gs" --all > "$tmp/out" 2> "$tmp/err"
    check "settings: mark all read" test $? -eq 0
    live_feed settings g1:1

    keyfile 7 0
    "${settings[@]}" "$cli" refresh --data-dir "$gs" --keep-days 0 > "$tmp/out" 2> "$tmp/err"
    check "settings: refresh --keep-days 0 exits 0" test $? -eq 0
    expect_titles "settings: an option overrides the setting" "$gs" "g1,g2,g3,g4,g5"

    "${settings[@]}" "$cli" refresh --data-dir "$gs" > "$tmp/out" 2> "$tmp/err"
    check "settings: refresh exits 0" test $? -eq 0
    check "settings: quiet on stderr" test ! -s "$tmp/err"
    expect_titles "settings: retention-days=7" "$gs" "g1,g2,g3"

    keyfile 0 2
    "${settings[@]}" "$cli" refresh --data-dir "$gs" > "$tmp/out" 2> "$tmp/err"
    check "settings: refresh exits 0 again" test $? -eq 0
    expect_titles "settings: max-entries-per-feed=2" "$gs" "g1,g2"
    check "settings: the summary counts 1" grep -qx "1 old entry removed" "$tmp/out"
else
    ok "settings # SKIP glib-compile-schemas is not installed"
fi

# --icons: the feed's logo (RSS <image>) is found once, kept in the store,
# and not looked for again the next time.
is=$tmp/icons
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Icon</title><link>%s/nosite/</link><image><url>%s/icon.png</url><title>Icon</title><link>%s/</link></image><item><guid>i1</guid></item></channel></rss>' \
    "$base" "$base" "$base" > "$tmp/live/icon"
"$cli" add --data-dir "$is" "$base/t/icon" > "$tmp/out" 2> "$tmp/err"
check "icons: subscribe" test $? -eq 0
"$cli" refresh --data-dir "$is" > "$tmp/out" 2> "$tmp/err"
check "icons: a refresh without --icons exits 0" test $? -eq 0
"$cli" list --data-dir "$is" --json > "$tmp/out" 2> "$tmp/err"
check "icons: none without --icons" json_check "$tmp/out" 'items[0]["icon"] is None'
"$cli" refresh --data-dir "$is" --icons > "$tmp/out" 2> "$tmp/err"
check "icons: refresh --icons exits 0" test $? -eq 0
check "icons: the summary counts the icon" grep -qx "1 icon found" "$tmp/out"
"$cli" list --data-dir "$is" --json > "$tmp/out" 2> "$tmp/err"
check "icons: list --json shows the stored icon" json_check "$tmp/out" \
    'items[0]["icon"] == {"url": "'"$base"'/icon.png", "type": "image/png", "size": 33}'
"$cli" refresh --data-dir "$is" --icons > "$tmp/out" 2> "$tmp/err"
check "icons: not looked for again at once" bash -c "! grep -q 'icons\? found' '$tmp/out'"

echo "1..$count"
(( failures == 0 ))

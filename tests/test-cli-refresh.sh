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
# reasons, exit statuses, the JSON shape. Prints TAP; exits 1 if any check
# failed.
set -uo pipefail

if (( $# != 2 )); then
    echo "usage: $0 CLI DATA_DIR" >&2
    exit 2
fi

cli=$1
feeds=$2/updater
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
# page, /gone answers 410. It prints its port once it listens.
server='
import http.server, os, sys
root = sys.argv[1]
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
python3 -c "$server" "$feeds" > "$tmp/port" &
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

echo "1..$count"
(( failures == 0 ))

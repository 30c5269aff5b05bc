#!/usr/bin/env bash
# tests/test-cli-parse.sh — `broadsheet-cli parse` as a user or script sees it.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-cli-parse.sh CLI DATA_DIR
#
# CLI is the broadsheet-cli executable, DATA_DIR is tests/data (the fixtures
# are in DATA_DIR/cli). Checks the exit statuses and the JSON shape of the
# contract in ../shared/conformance/README.md; the conformance suite checks
# the parsing itself in depth. Prints TAP; exits 1 if any check failed.
set -uo pipefail

if (( $# != 2 )); then
    echo "usage: $0 CLI DATA_DIR" >&2
    exit 2
fi

cli=$1
data=$2/cli
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-cli-parse.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

count=0
failures=0
status=0

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

# Shows what the last run printed, for a failure message.
last_output ()
{
    printf 'stdout: %s' "$(head -c 400 "$tmp/out")"
    printf '\nstderr: %s' "$(head -c 400 "$tmp/err")"
}

# run ARGS...: runs the CLI with no standard input; stdout goes to $tmp/out,
# stderr to $tmp/err, the exit status to $status. A hang counts as a failure.
run ()
{
    status=0
    timeout 20 "$cli" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
}

# expect_usage_error NAME ARGS...: exit status 2 and a message on stderr.
expect_usage_error ()
{
    local name=$1
    shift

    run "$@"
    if (( status != 2 )); then
        not_ok "$name" "broadsheet-cli $* exited with $status, expected 2 (usage error)" \
            "$(last_output)"
    elif [[ ! -s $tmp/err ]]; then
        not_ok "$name" "broadsheet-cli $* exited with 2 but printed nothing on stderr"
    else
        ok "$name"
    fi
}

# expect_read_error NAME ARGS...: exit status 1 and one line on stderr.
expect_read_error ()
{
    local name=$1 lines
    shift

    run "$@"
    lines=$(grep -c '' "$tmp/err")
    if (( status != 1 )); then
        not_ok "$name" "broadsheet-cli $* exited with $status, expected 1 (no result)" \
            "$(last_output)"
    elif (( lines != 1 )) || ! grep -q '[^[:space:]]' "$tmp/err"; then
        not_ok "$name" "expected a one-line message on stderr, got $lines lines:" \
            "$(head -c 400 "$tmp/err")"
    else
        ok "$name"
    fi
}

# expect_help NAME ARGS...: exit status 0 and help text on stdout.
expect_help ()
{
    local name=$1
    shift

    run "$@"
    if (( status != 0 )); then
        not_ok "$name" "broadsheet-cli $* exited with $status, expected 0" "$(last_output)"
    elif ! grep -q '[^[:space:]]' "$tmp/out"; then
        not_ok "$name" "broadsheet-cli $* printed no help on stdout"
    else
        ok "$name"
    fi
}

# The contract's shape, then the checks read from standard input (Python,
# with the helpers below). Arguments: the output file, the checks file.
read -r -d '' checker <<'PY'
import json, re, sys

problems = []

def fail(message):
    problems.append(message)

FORMATS = {"rss2.0", "rss1.0", "rss0.9x", "rss", "atom1.0", "atom0.3",
           "atom", "json1.0", "json1.1", "unknown"}
FEED_STRINGS = ["encoding", "title", "subtitle", "rights", "link", "id",
                "language", "icon", "image", "author", "updated", "published"]
ENTRY_STRINGS = ["id", "title", "link", "author", "published", "updated",
                 "summary", "content"]

def check_string_list(value, where):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail("%s: expected a list of strings, got %r" % (where, value))

def check_author_detail(value, where):
    if value is None:
        return
    if not isinstance(value, dict):
        fail("%s: expected an object or null, got %r" % (where, value))
        return
    for key in ("name", "email", "url"):
        if key not in value:
            fail("%s.%s: missing" % (where, key))
        elif value[key] is not None and not isinstance(value[key], str):
            fail("%s.%s: expected a string or null, got %r" % (where, key, value[key]))

def check_strings(obj, keys, where):
    for key in keys:
        if key not in obj:
            fail("%s%s: missing" % (where, key))
        elif obj[key] is not None and not isinstance(obj[key], str):
            fail("%s%s: expected a string or null, got %r" % (where, key, obj[key]))

def check_shape(d):
    if not isinstance(d, dict):
        fail("stdout is not a JSON object")
        return
    if d.get("format") not in FORMATS:
        fail("format: %r is not one of the contract's formats" % d.get("format"))
    check_strings(d, FEED_STRINGS, "")
    for key in ("author_detail", "categories", "entries", "errors"):
        if key not in d:
            fail("%s: missing" % key)
    check_author_detail(d.get("author_detail"), "author_detail")
    check_string_list(d.get("categories"), "categories")
    check_string_list(d.get("errors"), "errors")
    entries = d.get("entries")
    if not isinstance(entries, list):
        fail("entries: expected a list")
        return
    for i, e in enumerate(entries):
        where = "entries[%d]" % i
        if not isinstance(e, dict):
            fail("%s: expected an object" % where)
            continue
        check_strings(e, ENTRY_STRINGS, where + ".")
        for key in ("author_detail", "categories", "enclosures"):
            if key not in e:
                fail("%s.%s: missing" % (where, key))
        check_author_detail(e.get("author_detail"), where + ".author_detail")
        check_string_list(e.get("categories"), where + ".categories")
        enclosures = e.get("enclosures")
        if not isinstance(enclosures, list):
            fail("%s.enclosures: expected a list" % where)
            continue
        for j, enc in enumerate(enclosures):
            w = "%s.enclosures[%d]" % (where, j)
            if not isinstance(enc, dict):
                fail("%s: expected an object" % w)
                continue
            check_strings(enc, ["url", "type"], w + ".")
            length = enc.get("length", "missing")
            if length is not None and (type(length) is not int):
                fail("%s.length: expected an integer or null, got %r" % (w, length))

MISSING = object()

def get(path):
    value = doc
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(value, list) or index >= len(value):
                return MISSING
            value = value[index]
        else:
            if not isinstance(value, dict) or part not in value:
                return MISSING
            value = value[part]
    return value

def show(value):
    return "missing" if value is MISSING else repr(value)

def collapse(s):
    return re.sub(r"[ \t\r\n]+", " ", s).strip(" \t\r\n")

def eq(path, expected):
    value = get(path)
    if value is MISSING or value != expected or type(value) is not type(expected):
        fail("%s: expected %r, got %s" % (path, expected, show(value)))

def text_eq(path, expected):
    value = get(path)
    if not isinstance(value, str) or collapse(value) != expected:
        fail("%s: expected the text %r, got %s" % (path, expected, show(value)))

def contains(path, needle):
    value = get(path)
    if not isinstance(value, str) or needle not in value:
        fail("%s: expected a string containing %r, got %s" % (path, needle, show(value)))

def not_contains(path, needle):
    value = get(path)
    if isinstance(value, str) and needle in value:
        fail("%s: should not contain %r, got %r" % (path, needle, value))

def is_null(path):
    value = get(path)
    if value is not None and value is not MISSING:
        fail("%s: expected null, got %r" % (path, value))

def length(path, n):
    value = get(path)
    if not isinstance(value, list) or len(value) != n:
        fail("%s: expected a list of %d, got %s" % (path, n, show(value)))

def nonempty(path):
    value = get(path)
    if not isinstance(value, list) or not value:
        fail("%s: expected a non-empty list, got %s" % (path, show(value)))

out_path, checks_path = sys.argv[1], sys.argv[2]
with open(out_path, "rb") as f:
    raw = f.read()
try:
    doc = json.loads(raw.decode("utf-8"))
except (UnicodeDecodeError, ValueError) as e:
    print("stdout is not one UTF-8 JSON object: %s" % e)
    print("stdout: %r" % raw[:400])
    sys.exit(1)

check_shape(doc)
if not problems:
    with open(checks_path, encoding="utf-8") as f:
        exec(f.read())
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# expect_json NAME ARGS... < CHECKS: exit status 0, one JSON object on stdout
# with every key of the contract, and CHECKS (Python) hold.
expect_json ()
{
    local name=$1 report
    shift

    cat >"$tmp/checks.py"
    run "$@"
    if (( status != 0 )); then
        not_ok "$name" "broadsheet-cli $* exited with $status, expected 0" "$(last_output)"
        return
    fi
    if report=$(python3 -c "$checker" "$tmp/out" "$tmp/checks.py" 2>&1); then
        ok "$name"
    else
        local -a lines
        mapfile -t lines <<<"$report"
        not_ok "$name" "broadsheet-cli $*:" "${lines[@]}"
    fi
}

# ---------------------------------------------------------------------------

echo "# $cli"

if [[ ! -x $cli ]]; then
    echo "1..1"
    not_ok "broadsheet-cli exists" "not an executable: $cli"
    exit 1
fi

# Usage errors: 2 and a message on stderr.
expect_usage_error "no arguments is a usage error"
expect_usage_error "unknown command is a usage error" frobnicate "$data/rss2.xml"
expect_usage_error "parse without FILE is a usage error" parse
expect_usage_error "unknown option is a usage error" parse --no-such-option "$data/rss2.xml"
expect_usage_error "--base without a URL is a usage error" parse --base
expect_usage_error "two files is a usage error" parse "$data/rss2.xml" "$data/atom.xml"

# --help: 0 and help on stdout.
expect_help "--help succeeds" --help
expect_help "parse --help succeeds" parse --help

# No result possible: 1 and a one-line message.
expect_read_error "a missing file is an error" parse "$tmp/no-such-feed.xml"
expect_read_error "a directory is an error" parse "$data"
# An endless input is refused at the size limit, not read until memory
# runs out (run's own timeout turns a hang into a failure).
expect_read_error "an endless file is refused at the size limit" parse /dev/zero
if (( EUID != 0 )); then
    cp "$data/rss2.xml" "$tmp/unreadable.xml"
    chmod 000 "$tmp/unreadable.xml"
    expect_read_error "an unreadable file is an error" parse "$tmp/unreadable.xml"
else
    ok "an unreadable file is an error # SKIP root can read any file"
fi

# A valid RSS 2.0 feed.
expect_json "RSS 2.0 feed" parse "$data/rss2.xml" <<'PY'
eq("format", "rss2.0")
eq("encoding", "utf-8")
length("errors", 0)
text_eq("title", "Planet Broadsheet")
text_eq("subtitle", "Posts from the people who write Broadsheet")
text_eq("rights", "Copyright 2024 the authors")
eq("link", "https://planet.example.org/")
eq("language", "en-gb")
eq("updated", "2024-01-02T09:30:00Z")
eq("categories", ["GNOME"])
length("entries", 2)
text_eq("entries[0].title", "Reading feeds offline")
eq("entries[0].link", "https://planet.example.org/2024/01/offline")
eq("entries[0].id", "https://planet.example.org/2024/01/offline")
eq("entries[0].author", "ada@example.org (Ada Lovelace)")
eq("entries[0].author_detail.name", "Ada Lovelace")
eq("entries[0].author_detail.email", "ada@example.org")
eq("entries[0].published", "2024-01-01T12:00:00Z")
is_null("entries[0].updated")
contains("entries[0].summary", "<em>readable</em>")
eq("entries[0].categories", ["reading", "offline"])
eq("entries[0].enclosures", [{"url": "https://planet.example.org/media/offline.ogg",
                              "type": "audio/ogg", "length": 123456}])
text_eq("entries[1].title", "Fish & chips")
eq("entries[1].id", "tag:planet.example.org,2023:42")
eq("entries[1].link", "https://planet.example.org/2023/12/fish")
eq("entries[1].author", "Grace Hopper")
eq("entries[1].published", "2024-01-01T04:59:59Z")
contains("entries[1].summary", "Plain words, no markup.")
length("entries[1].enclosures", 0)
PY

# A valid Atom 1.0 feed.
expect_json "Atom 1.0 feed" parse "$data/atom.xml" <<'PY'
eq("format", "atom1.0")
length("errors", 0)
text_eq("title", "Le journal de Broadsheet")
text_eq("subtitle", "Nouvelles du projet")
eq("id", "urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6")
eq("link", "https://example.org/journal/")
eq("language", "fr")
eq("updated", "2024-03-01T07:00:00Z")
eq("author", "Marie Curie (marie@example.org)")
eq("author_detail", {"name": "Marie Curie", "email": "marie@example.org", "url": None})
length("entries", 1)
text_eq("entries[0].title", "Première version")
eq("entries[0].id", "tag:example.org,2024:journal/1")
eq("entries[0].link", "https://example.org/journal/1")
eq("entries[0].published", "2024-03-01T00:30:00Z")
eq("entries[0].updated", "2024-03-01T07:00:00Z")
eq("entries[0].categories", ["release"])
contains("entries[0].content", "<strong>première</strong>")
not_contains("entries[0].content", "<div xmlns")
contains("entries[0].summary", "<strong>première</strong>")
eq("entries[0].enclosures", [{"url": "https://example.org/journal/1.ogg",
                              "type": "audio/ogg", "length": 1000}])
PY

# Output stays UTF-8 whatever the locale (cron jobs and CI often run in C).
LC_ALL=C LANG=C expect_json "non-ASCII text survives a C locale" parse "$data/atom.xml" <<'PY'
text_eq("entries[0].title", "Première version")
PY

# --base resolves relative references; without it they stay relative.
expect_json "--base resolves relative links" \
    parse --base https://example.org/feeds/main.atom "$data/relative.xml" <<'PY'
length("errors", 0)
eq("link", "https://example.org/blog/")
eq("entries[0].link", "https://example.org/feeds/posts/1.html")
contains("entries[0].content", "https://example.org/about.html")
PY
expect_json "--base=URL works too" \
    parse --base=https://example.org/feeds/main.atom "$data/relative.xml" <<'PY'
eq("entries[0].link", "https://example.org/feeds/posts/1.html")
PY
expect_json "without --base relative links stay relative" parse "$data/relative.xml" <<'PY'
eq("link", "/blog/")
eq("entries[0].link", "posts/1.html")
PY

# Documents that are not feeds still give a result: 0, with errors.
expect_json "a text file gives format unknown and errors" parse "$data/not-a-feed.txt" <<'PY'
eq("format", "unknown")
nonempty("errors")
length("entries", 0)
PY
expect_json "an empty file gives errors" parse "$data/empty.xml" <<'PY'
nonempty("errors")
length("entries", 0)
PY

echo "1..$count"
if (( failures > 0 )); then
    echo "# $failures of $count checks failed"
    exit 1
fi
exit 0

#!/bin/sh
# Search benchmark: generates the 500-feed corpus with
# ../shared/bench/gen_corpus.py (once, cached, shared with parse-bench.sh)
# and runs search-bench on it: a store of ENTRIES entries is filled from the
# corpus (in a temporary directory, or in STORE and kept for the next run),
# then the first query on a loaded library, the background preparation of
# the search text and the time per keystroke after it are reported as
# medians.
#
#   bench/search-bench.sh [RUNS]        (default 5 runs)
#
# Environment: BUILDDIR (default _build), CORPUS (default _build/bench-corpus),
# ENTRIES (default 100000), STORE (default: a temporary directory; a store
# kept there is reused as it is: remove it after changing the store format
# or ENTRIES).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-$srcdir/_build}
corpus=${CORPUS:-$builddir/bench-corpus}
gen=$srcdir/../shared/bench/gen_corpus.py
runs=${1:-5}
entries=${ENTRIES:-100000}

if [ ! -f "$gen" ]; then
    echo "corpus generator not found: $gen (../shared must sit beside the project)" >&2
    exit 1
fi
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir" >&2
ninja -C "$builddir" bench/search-bench >&2
if [ ! -d "$corpus/day1/feeds" ]; then
    echo "generating the corpus in $corpus" >&2
    python3 "$gen" --out "$corpus" --n 500 --seed 1 >&2
fi
if [ -n "${STORE:-}" ]; then
    exec "$builddir/bench/search-bench" --runs "$runs" --entries "$entries" \
        --store "$STORE" "$corpus/day1"
fi
exec "$builddir/bench/search-bench" --runs "$runs" --entries "$entries" "$corpus/day1"

#!/bin/sh
# Parsing benchmark: generates the 500-feed corpus with
# ../shared/bench/gen_corpus.py (once, cached) and runs bench-parse on it,
# which reports the xmlReader floor, our parse and our parse + sanitise
# side by side as medians.
#
#   bench/parse-bench.sh [RUNS]        (default 7 runs)
#
# Environment: BUILDDIR (default _build), CORPUS (default _build/bench-corpus).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-$srcdir/_build}
corpus=${CORPUS:-$builddir/bench-corpus}
gen=$srcdir/../shared/bench/gen_corpus.py
runs=${1:-7}

if [ ! -f "$gen" ]; then
    echo "corpus generator not found: $gen (../shared must sit beside the project)" >&2
    exit 1
fi
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir" >&2
ninja -C "$builddir" bench/bench-parse >&2
if [ ! -d "$corpus/day1/feeds" ]; then
    echo "generating the corpus in $corpus" >&2
    python3 "$gen" --out "$corpus" --n 500 --seed 1 >&2
fi
exec "$builddir/bench/bench-parse" --runs "$runs" "$corpus/day1"

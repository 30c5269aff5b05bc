#!/bin/sh
# A short, bounded libFuzzer run for the test suite.
#   run-fuzz.sh TARGET CORPUS_DIR SECONDS SEED_DIR...
# New inputs go to CORPUS_DIR (kept in the build directory, so later runs
# start where this one stopped); seed directories are only read. Seed
# directories that do not exist are skipped.
set -eu
target=$1
corpus=$2
seconds=$3
shift 3
mkdir -p "$corpus"
seeds=""
for d in "$@"; do
    [ -d "$d" ] && seeds="$seeds $d"
done
# -detect_leaks stays on: a leak is a failure too.
# shellcheck disable=SC2086
exec "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$corpus/../" \
    "$corpus" $seeds

#!/bin/sh
# Runs ../shared/conformance against broadsheet-cli parse.
#   run-conformance.sh SHARED_DIR CLI KNOWN_FAILURES
set -eu
shared=$1
cli=$2
known=$3
if [ ! -f "$shared/conformance/run.py" ]; then
    echo "conformance suite not found: expected $shared/conformance/run.py" >&2
    echo "(../shared must sit beside the project's root)" >&2
    exit 1
fi
exec python3 "$shared/conformance/run.py" \
    --cmd "$cli parse" \
    --cases "$shared/conformance/cases" \
    --known-failures "$known" \
    --show-failures -1

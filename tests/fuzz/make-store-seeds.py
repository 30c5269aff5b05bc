#!/usr/bin/env python3
# make-store-seeds.py — seeds for fuzz-store's second kind of input.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make-store-seeds.py OUTPUT_DIR STORE_FILE...
#
# fuzz-store takes an input that does not start with "broadsheet-" as a
# selector byte and the serialised payload of a store file, and puts a valid
# "(suv)" header around it (see fuzz-store.c). This writes such an input
# for each store file given: OUTPUT_DIR/NAME.payload, where NAME is the
# file's path with '/' replaced by '-'.
#
# tests/fuzz/store-seeds was made with
#
#   tests/fuzz/make-store-seeds.py tests/fuzz/store-seeds \
#       tests/data/store/v*/*.gvariant tests/data/store/v*/*/*.gvariant \
#       tests/fuzz/store-seeds/*.gvariant
#
# where the *.gvariant files of store-seeds are the two smallest entries
# files of a 500-feed store made from the benchmark corpus, and
# varied.gvariant, three entries saved through bs_store_save_entries() to
# have what those lack: entries with several enclosures (one with no type),
# absent and empty fields, non-ASCII text; and articles-*.gvariant, an
# articles file of two whole articles (one without title, byline or site)
# made with GLib.Variant("(suv)", ("broadsheet-articles", 3, ...)).

import os
import struct
import sys

# The selector's low two bits: the kind, as fuzz-store.c numbers them;
# bit 4 for an articles file.
KINDS = {
    b"broadsheet-entries": 0,
    b"broadsheet-sources": 1,
    b"broadsheet-flags": 2,
    b"broadsheet-icon": 3,
    b"broadsheet-articles": 0x10,
}
VERSION_1 = 4  # the selector's bits 2-3 = 1: format version 1
VERSION_3 = 8  # the selector's bits 2-3 = 2: format version 3 (0 is 2)


def offset_width(size):
    for width, limit in ((1, 0xFF), (2, 0xFFFF), (4, 0xFFFFFFFF)):
        if size <= limit:
            return width
    return 8


def split(data):
    """The magic, version and payload of a serialised "(suv)"."""
    width = offset_width(len(data))
    magic_end = int.from_bytes(data[len(data) - width:], "little")
    magic = data[:magic_end].rstrip(b"\0")
    version_start = (magic_end + 3) & ~3
    (version,) = struct.unpack_from("<I", data, version_start)
    # a variant is aligned to 8
    variant = data[(version_start + 4 + 7) & ~7:len(data) - width]
    # a variant is the value's bytes, a zero byte and the type string
    return magic, version, variant[:variant.rindex(b"\0")]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            magic, version, payload = split(f.read())
        selector = KINDS[magic]
        if version == 1:
            selector |= VERSION_1
        elif version == 3:
            selector |= VERSION_3
        name = os.path.normpath(path).replace(os.sep, "-") + ".payload"
        with open(os.path.join(out, name), "wb") as f:
            f.write(bytes([selector]) + payload)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# po/check-potfiles.py — is po/POTFILES.in complete and current?
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-potfiles.py SOURCE_ROOT
#
# Fails, naming the files, when a file under src/ or data/ holds strings
# for translation but is missing from po/POTFILES.in (its strings would
# never reach the translators), or when POTFILES.in names a file that no
# longer exists (xgettext would stop the template's build on it).
#
# What counts as holding strings for translation:
#   C sources and headers: _( N_( C_( NC_( Q_( gettext ngettext
#     g_dgettext g_dngettext g_dpgettext2 … outside comments;
#   GtkBuilder .ui files: translatable="yes" (or "true", "1");
#   GSettings schemas (*.gschema.xml): a <summary> or a <description>;
#   desktop, metainfo and other *.in files that intltool/ITS translate:
#     *.desktop.in, *.metainfo.xml.in, *.appdata.xml.in, *.policy.in
#     (always, they exist to be translated).

import os
import re
import sys

SCANNED_DIRS = ('src', 'data')

C_EXTENSIONS = ('.c', '.h')
C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(?:_|N_|C_|NC_|Q_|gettext|ngettext|dgettext|dngettext|pgettext|npgettext|'
    r'g_dgettext|g_dngettext|g_dpgettext|g_dpgettext2|g_dcgettext)'
    r'\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_TEXT = re.compile(r'<(?:summary|description)\b')
ALWAYS_TRANSLATED = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in',
                     '.policy.in', '.desktop.in.in', '.metainfo.xml.in.in',
                     '.appdata.xml.in.in')

# A C comment, or a string or character literal (kept: it is not code we
# look at, but it must not hide a comment start inside it).
C_TOKENS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                      re.DOTALL)


def strip_c_comments(text):
    return C_TOKENS.sub(lambda m: ' ' if m.group(0).startswith('/') else m.group(0), text)


def has_translatable_strings(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS_TRANSLATED):
        return True
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    if name.endswith(C_EXTENSIONS):
        return C_KEYWORDS.search(strip_c_comments(text)) is not None
    if name.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    if name.endswith('.gschema.xml'):
        return SCHEMA_TEXT.search(text) is not None
    return False


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            # intltool's "[type: gettext/glade]file" prefix
            line = re.sub(r'^\[[^]]*\]\s*', '', line)
            entries.append((number, line))
    return entries


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    entries = read_potfiles(potfiles_in)
    listed = {}
    problems = []

    for number, entry in entries:
        if entry in listed:
            problems.append('po/POTFILES.in:%d: %s is listed twice' % (number, entry))
        listed[entry] = number
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append('po/POTFILES.in:%d: %s does not exist' % (number, entry))

    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                relative = os.path.relpath(path, root).replace(os.sep, '/')
                if has_translatable_strings(path):
                    found.append(relative)
                    if relative not in listed:
                        problems.append('%s has strings for translation but is missing '
                                        'from po/POTFILES.in' % relative)

    for problem in problems:
        print(problem)
    if problems:
        print('%d problems with po/POTFILES.in' % len(problems))
        return 1
    print('po/POTFILES.in lists all %d files with strings for translation' % len(found))
    return 0


if __name__ == '__main__':
    sys.exit(main())

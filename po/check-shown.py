#!/usr/bin/env python3
# po/check-shown.py — do the programs, run uninstalled, speak LANG?
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-shown.py LOCALEDIR LANG PROGRAM…
#
# Runs each PROGRAM with --help, LANGUAGE=LANG and BS_LOCALEDIR=LOCALEDIR
# (the build directory's po/, where the .mo files are built; `meson devenv`
# sets the same), and fails unless its usage text is the translation found
# in LOCALEDIR/LANG/LC_MESSAGES/broadsheet.mo. That catches a main() that
# no longer binds the text domain, a .mo that is not built, and a usage
# text that is no longer marked for translation.

import gettext
import os
import subprocess
import sys

# A message from each program's --help (the GOption description of an option
# or the command list), by program file name.
PROBES = {
    'broadsheet-cli': 'Usage: broadsheet-cli COMMAND [OPTION…]',
    'broadsheet': 'Keep subscriptions and articles in DIR instead of the usual place',
}


def main():
    if len(sys.argv) < 4:
        print('usage: check-shown.py LOCALEDIR LANG PROGRAM…', file=sys.stderr)
        return 2
    localedir, lang, programs = sys.argv[1], sys.argv[2], sys.argv[3:]
    translation = gettext.translation('broadsheet', localedir, [lang])
    env = dict(os.environ)
    for name in ('LC_ALL', 'LC_MESSAGES', 'DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(name, None)
    # C.UTF-8, not C: glibc ignores LANGUAGE in the C locale
    env.update(LANG='C.UTF-8', LANGUAGE=lang, BS_LOCALEDIR=localedir)
    failed = False

    for program in programs:
        msgid = PROBES[os.path.basename(program)]
        expected = translation.gettext(msgid)
        if expected == msgid:
            print('FAIL: %s/%s/LC_MESSAGES/broadsheet.mo has no translation of “%s”'
                  % (localedir, lang, msgid))
            failed = True
            continue
        result = subprocess.run([program, '--help'], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
        if expected in result.stdout:
            print('%s --help with LANGUAGE=%s shows “%s”' % (os.path.basename(program), lang, expected))
        else:
            print('FAIL: %s --help with LANGUAGE=%s does not show “%s”; it printed:\n%s'
                  % (program, lang, expected, result.stdout))
            failed = True

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

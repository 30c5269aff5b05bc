#!/usr/bin/env python3
# po/check-translation.py — is a translation valid and complete?
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-translation.py SOURCE_ROOT LANG
#
# 1. `msgfmt --check --check-format` on po/LANG.po: the header, the plural
#    forms and every c-format string agree with the original.
# 2. A fresh template is made from the sources listed in po/POTFILES.in,
#    with the same xgettext options as the build's `broadsheet-pot` target
#    (meson's i18n 'glib' preset), and merged into a copy of po/LANG.po:
#    the test fails, naming them, when a message is untranslated or fuzzy,
#    i.e. when someone added or changed a string and the translation was not
#    brought up to date. The merged copy is checked with msgfmt again.
#
# po/LANG.po itself is never written to.

import os
import subprocess
import sys
import tempfile

# meson's i18n module, preset 'glib' (mesonbuild/modules/i18n.py).
XGETTEXT_GLIB_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def main():
    if len(sys.argv) != 3:
        print('usage: check-translation.py SOURCE_ROOT LANG', file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    lang = sys.argv[2]
    po_dir = os.path.join(root, 'po')
    po_file = os.path.join(po_dir, lang + '.po')
    failed = False

    result = run(['msgfmt', '--check', '--check-format', '--statistics',
                  '-o', os.devnull, po_file])
    print('msgfmt --check --check-format po/%s.po: %s' % (lang, result.stdout.strip()))
    if result.returncode != 0:
        print('FAIL: po/%s.po does not pass msgfmt --check' % lang)
        failed = True

    with tempfile.TemporaryDirectory(prefix='bs-po-') as tmp:
        pot = os.path.join(tmp, 'broadsheet.pot')
        result = run(['xgettext', '--package-name=broadsheet', '--directory=' + root,
                      '--files-from=' + os.path.join(po_dir, 'POTFILES.in'),
                      '--output=' + pot] + XGETTEXT_GLIB_ARGS)
        if result.returncode != 0 or not os.path.exists(pot):
            print(result.stdout)
            print('FAIL: xgettext could not make the template')
            return 1

        merged = os.path.join(tmp, lang + '.po')
        result = run(['msgmerge', '--quiet', '--no-wrap', '--output-file=' + merged,
                      po_file, pot])
        if result.returncode != 0:
            print(result.stdout)
            print('FAIL: msgmerge po/%s.po with the template' % lang)
            return 1

        result = run(['msgfmt', '--check', '--check-format', '--statistics',
                      '-o', os.devnull, merged])
        print('merged with the current sources: %s' % result.stdout.strip())
        if result.returncode != 0:
            failed = True

        for what, option in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
            result = run(['msgattrib', option, '--no-obsolete', '--no-wrap', merged])
            if result.returncode != 0:
                print(result.stdout)
                failed = True
                continue
            # every entry but the header (msgid "")
            entries = [b for b in result.stdout.split('\n\n')
                       if 'msgid ' in b and not b.split('msgid ', 1)[1].startswith('""\nmsgstr')]
            if entries:
                failed = True
                print('FAIL: %d %s message%s in po/%s.po against the current sources:'
                      % (len(entries), what, '' if len(entries) == 1 else 's', lang))
                for entry in entries:
                    print(entry.strip())
                    print()

    if failed:
        print('Update the translation: meson compile -C BUILDDIR broadsheet-update-po, '
              'then translate what is untranslated or fuzzy in po/%s.po' % lang)
        return 1
    print('po/%s.po is valid and complete' % lang)
    return 0


if __name__ == '__main__':
    sys.exit(main())

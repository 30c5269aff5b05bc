#!/usr/bin/env python3
# check-pages.py — the user guide hangs together
#
# Copyright 2026 The Broadsheet developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-pages.py HELP_MESON_BUILD PAGES_DIR
#
# Fails (exit status 1, saying what is wrong) when:
#  - a page of PAGES_DIR is missing from help_pages in HELP_MESON_BUILD
#    (it would not be installed), or help_pages names a file that is not
#    there;
#  - a page's id is not its file name (yelp finds pages by id, and
#    help:broadsheet/ID links open the file ID.page);
#  - a link (xref="PAGE" or xref="PAGE#SECTION") names a page or a section
#    that does not exist;
#  - a topic page links to no guide, so that no guide lists it.

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MAL = '{http://projectmallard.org/1.0/}'


def listed_pages(meson_build):
    text = meson_build.read_text(encoding='utf-8')
    match = re.search(r'help_pages\s*=\s*\[(.*?)\]', text, re.S)
    if match is None:
        sys.exit(f'{meson_build}: no help_pages = [ … ] list')
    body = re.sub(r'#[^\n]*', '', match.group(1))
    return re.findall(r"'([^']+)'", body)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: check-pages.py HELP_MESON_BUILD PAGES_DIR')
    meson_build = Path(sys.argv[1])
    pages_dir = Path(sys.argv[2])
    problems = []

    listed = listed_pages(meson_build)
    files = sorted(p.name for p in pages_dir.glob('*.page'))
    for name in files:
        if name not in listed:
            problems.append(f'{name} is not listed in help_pages in {meson_build}')
    for name in listed:
        if not (pages_dir / name).is_file():
            problems.append(f'help_pages lists {name}, which is not in {pages_dir}')
    if len(set(listed)) != len(listed):
        problems.append(f'help_pages in {meson_build} lists a page twice')

    # every page: its id, its section ids, its links
    pages = {}   # id -> (file name, set of section ids, root)
    for name in files:
        path = pages_dir / name
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            problems.append(f'{name}: {error}')
            continue
        page_id = root.get('id')
        if page_id != path.stem:
            problems.append(f'{name}: the page id is "{page_id}", not "{path.stem}"')
        sections = {s.get('id') for s in root.iter(MAL + 'section') if s.get('id')}
        pages[page_id] = (name, sections, root)

    for page_id, (name, _, root) in pages.items():
        has_guide = False
        for element in root.iter():
            xref = element.get('xref')
            if xref is None:
                continue
            target, _, section = xref.partition('#')
            target = target or page_id
            if element.tag == MAL + 'link' and element.get('type') == 'guide':
                has_guide = True
            if target not in pages:
                problems.append(f'{name}: xref="{xref}" names no page')
            elif section and section not in pages[target][1]:
                problems.append(f'{name}: xref="{xref}": {pages[target][0]} has no '
                                f'section "{section}"')
        if root.get('type') == 'topic' and not has_guide:
            problems.append(f'{name}: a topic that links to no guide is in no list')

    if 'index' not in pages:
        problems.append('there is no index page (help:broadsheet opens index)')

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f'{len(pages)} pages, every one listed, every link to a page that exists')


if __name__ == '__main__':
    main()

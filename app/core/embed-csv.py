#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turn a CSV file into a C string constant (build step; no third-party modules)."""
import sys

src, dst = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
with open(dst, 'w', encoding='ascii') as out:
    out.write('/* generated from %s: do not edit */\n#pragma once\n' % src.split('/')[-1])
    out.write('static const char gw_townships_csv[] =\n')
    for line in data.replace(b'\r', b'').split(b'\n'):
        if not line:
            continue
        esc = ''.join('\\%03o' % b if b >= 0x80 or b < 0x20 or b in (0x22, 0x5c, 0x3f) else chr(b) for b in line + b'\n')
        out.write('  "%s"\n' % esc)
    out.write(';\n')

#!/usr/bin/env python3
"""The include rule (docs/LAYERS.md): a file of the library includes
headers of its own folder and of lower layers only; the CLI only the public
API and its own headers. Every quoted #include of every C file outside tests/ is checked
against LAYERS below; exit 1 with one line per violation.

usage: include_rule.py [ROOT]"""
import os
import re
import sys

# Folder -> level. A file may include its own folder and lower levels.
LAYERS = {
    'include/mtrace': 0,   # the public API
    'syscalls': 1,         # number, constant and signature tables (data)
    'lib/xlat': 2,         # looking constants up, printing them
    'arch': 2,             # backends (data)
    'lib/output': 2,       # strbuf, printers, writers (events via the public API)
    'lib/decode': 3,       # decoders: arguments to printer calls
    'lib/stack': 3,        # stack capture
    'lib/engine': 4,       # tracing: sessions, stops, tracees, memory
}
# The command: the public API and nothing else (but its own headers).
ONLY_PUBLIC = {'cli'}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folder_of(path):
    """The LAYERS folder a path (relative to the root) belongs to."""
    best = None
    for f in list(LAYERS) + list(ONLY_PUBLIC):
        if (path == f or path.startswith(f + '/')) and (best is None or len(f) > len(best)):
            best = f
    return best


def target_folder(inc):
    # "mtrace/x.h" is the public API (include/ is on the include path).
    return 'include/mtrace' if inc.startswith('mtrace/') else folder_of(inc)


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..'))
    bad, seen = [], 0
    for top in list(LAYERS) + list(ONLY_PUBLIC):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                if not n.endswith(('.c', '.h')):
                    continue
                path = os.path.relpath(os.path.join(dirpath, n), root)
                mine = folder_of(path)
                if mine != top:
                    continue  # a deeper folder of its own
                seen += 1
                text = open(os.path.join(root, path), errors='replace').read()
                for inc in INCLUDE.findall(text):
                    theirs = target_folder(inc)
                    if theirs is None:
                        bad.append('%s: includes "%s", which is in no layer' % (path, inc))
                    elif mine in ONLY_PUBLIC:
                        if theirs not in ('include/mtrace', mine):
                            bad.append('%s: includes "%s": %s uses the public API only'
                                       % (path, inc, mine))
                    elif theirs != mine and LAYERS.get(theirs, 99) >= LAYERS[mine]:
                        bad.append('%s: includes "%s" (%s, level %d) from %s (level %d)'
                                   % (path, inc, theirs, LAYERS[theirs], mine, LAYERS[mine]))
    for b in bad:
        print(b)
    print('%d files checked, %d violations' % (seen, len(bad)))
    return 1 if bad or seen == 0 else 0


if __name__ == '__main__':
    sys.exit(main())

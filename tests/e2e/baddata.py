#!/usr/bin/env python3
"""Bad data from the tracee (tests/programs/baddata.c): invalid pointers,
strings and vectors that run into an unmapped page, huge counts, bytes a
terminal would act on.

Checks that mtrace
- prints what strace 6.1 prints for every such call (addresses,
  "... /* 0x... */", "2 vars, unterminated", -s cuts), at -s 32 and -s 5;
- finishes quickly (a million-entry environment, counts of 2^31 and
  2^40: nothing is read or allocated in proportion to them);
- never writes a raw control byte, DEL or high byte: the trace is
  printable ASCII lines, with -v as well;
- exits like the program.

usage: baddata.py --mtrace BIN --programs DIR. Exit 0 pass, 1 fail, 77
skip (no strace: the comparisons are skipped, the other checks run)."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracecmp  # noqa: E402

SKIP = 77
FIRST_CALL = 'write(-1, 0x1, 10)'
# Generous: mtrace needs ~20 ms here; a reader that walks a million
# environment pointers one syscall at a time needs ~1 s.
TIME_LIMIT = 5.0
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def trace(cmd, out, cwd):
    start = time.monotonic()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=60)
    elapsed = time.monotonic() - start
    with open(out, 'rb') as f:
        return r.returncode, f.read(), elapsed


def calls(text):
    """The lines from the first bad call on, addresses and random bytes
    normalized (the scratch page moves with ASLR)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(FIRST_CALL):
            lines = lines[i:]
            break
    else:
        return []
    out = []
    for line in lines:
        line = re.sub(r'\) +(= [^=]*)$', r') \1', line)
        line = re.sub(r'0x[0-9a-f]{5,}', 'ADDR', line)
        line = re.sub(r'getrandom\("[^"]*"', 'getrandom("RANDOM"', line)
        out.append(line)
    return out


def printable(data):
    """Offsets of bytes that are neither printable ASCII nor newline."""
    return [i for i, b in enumerate(data) if not (32 <= b < 127 or b == 10)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', required=True)
    a = p.parse_args()
    prog = os.path.join(os.path.abspath(a.programs), 'baddata')
    mtrace = os.path.abspath(a.mtrace)
    strace = shutil.which('strace')
    why = tracecmp.bpf_engine_missing(mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    with tempfile.TemporaryDirectory(prefix='mtrace-baddata-') as tmp:
        for opts in (['-s', '32'], ['-s', '5'], ['-v']):
            name = ' '.join(opts)
            m_out = os.path.join(tmp, 'm.out')
            rc, data, elapsed = trace([mtrace, *opts, '-o', m_out, prog], m_out, tmp)
            check(rc == 0, '%s: mtrace exits 0 like the program (got %d)' % (name, rc))
            check(elapsed < TIME_LIMIT, '%s: mtrace done in %.2f s (< %.0f s)'
                  % (name, elapsed, TIME_LIMIT))
            bad = printable(data)
            check(not bad, '%s: only printable ASCII in the trace (raw bytes at %s)'
                  % (name, bad[:5]))
            got = calls(data.decode('ascii', 'replace'))
            check(len(got) > 30, '%s: the bad calls are all there (%d lines)' % (name, len(got)))
            if not strace or opts == ['-v']:
                # -v prints whole structures that tracecmp does not
                # normalize (times, inodes): only the checks above.
                continue
            s_out = os.path.join(tmp, 's.out')
            _, ref, _ = trace([strace, *opts, '-o', s_out, prog], s_out, tmp)
            want = calls(ref.decode('ascii', 'replace'))
            if got != want:
                for line in tracecmp.difflib.unified_diff(want, got, 'strace', 'mtrace',
                                                          lineterm='', n=0):
                    print('  ' + line)
            check(got == want, '%s: every bad call printed as strace prints it' % name)
        # The expectations themselves, in case strace is missing.
        rc, data, _ = trace([mtrace, '-o', os.path.join(tmp, 'x.out'), prog],
                            os.path.join(tmp, 'x.out'), tmp)
        text = '\n'.join(calls(data.decode('ascii', 'replace')))
        for pat in [
            r'^write\(-1, 0x1, 10\) = -1 EBADF',
            r'^openat\(AT_FDCWD, 0x1, O_RDONLY\) = -1 EFAULT',
            r'^openat\(AT_FDCWD, ADDR, O_RDONLY\) = -1 EFAULT',
            r'^memfd_create\(ADDR, 0\)',
            r'^execve\("/nonexistent/baddata", \["/nonexistent/baddata", ADDR\], NULL\)',
            r'^execve\("/nonexistent/baddata", \["one", "two", \.\.\. /\* ADDR \*/\], '
            r'ADDR /\* 2 vars, unterminated \*/\)',
            r'^writev\(-1, \[\{iov_base="ab", iov_len=2\}, \{iov_base=ADDR, iov_len=100\}, '
            r'\.\.\. /\* ADDR \*/\], 5\)',
            r'^write\(-1, "huge count(\\0)+"\.\.\., 1099511627776\)',
            r'^writev\(-1, \[(\{iov_base=[^}]*\}, ){32}\.\.\.\], 2147483648\)',
            r'ADDR /\* 1048576 vars \*/\) = -1',
            r'^write\(-1, "\\33\[2J\\33\]0;title\\7\\r\\177\\200\\377\\t\\n\\0end", 24\)',
            r'^mkdirat\(AT_FDCWD, "/nonexistent/\\2332J\\7", 0700\)',
            r'^syscall_0x3e8\(0x1, 0x2, 0x3, 0x4, 0x5, 0x6\) = -1 ENOSYS',
            r'^syscall_0x1c3\(ADDR, 0, 0, 0, ',
            r'^getpid\(\) = -1 ENOSYS',
        ]:
            check(re.search(pat, text, re.M) is not None, 'shows /%s/' % pat)
    print('%d checks failed' % len(failures) if failures else 'all checks passed')
    if failures:
        return 1
    return 0 if strace else SKIP


if __name__ == '__main__':
    sys.exit(main())

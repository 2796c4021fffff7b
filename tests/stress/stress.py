#!/usr/bin/env python3
"""Stress tests: mtrace -f on workloads that make many processes, threads,
calls and signals. Each runs the workload untraced and traced, checks that
the traced run's output and exit status are the untraced run's, and counts
events in the trace: none lost, none shown twice.

usage: stress.py --mtrace BIN --programs DIR CASE
CASE: make (make -j2 of a generated 30-file C project), fork (500 short
children), threads (8 threads x 200,000 marker calls), signals (4,000
signals received while traced), count (-c under both engines: 8 threads x
200,000 calls and 500 children, every call counted). Exit 0 pass, 1 fail, 77 skip. Each case
stops by itself (a time-out per run) and prints what it counted."""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
import tracecmp  # noqa: E402

SKIP = 77
TIMEOUT = 180
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    t = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kw)
    r.seconds = time.time() - t
    return r


def both(cmd, tmp, name, opts=(), cwd=None, before=None):
    """Run cmd untraced, then under mtrace -f -q -o; return both results
    and the trace's text."""
    if before:
        before()
    plain = run(cmd, cwd=cwd)
    if before:
        before()
    trace = os.path.join(tmp, name + '.trace')
    traced = run([A.mtrace, '-f', '-q', *opts, '-o', trace, *cmd], cwd=cwd)
    print('%s: untraced %.2f s, traced %.2f s' % (name, plain.seconds, traced.seconds))
    check(traced.returncode == plain.returncode,
          '%s: exit status %d as untraced (%d)' % (name, traced.returncode, plain.returncode))
    with open(trace, errors='replace') as f:
        text = f.read()
    return plain, traced, text


def integrity(text, name):
    """Every process in the trace ends once; every child a fork, vfork or
    clone returned (not a thread) appears; no call is left unfinished.
    Returns {pid: [lines]}."""
    procs = tracecmp.per_process(text)
    ends = collections.Counter()
    children, threads = set(), set()
    unfinished = 0
    for pid, lines in procs.items():
        for line in lines:
            if line.startswith('+++ exited with ') or line.startswith('+++ killed by '):
                ends[pid] += 1
            if line.endswith(tracecmp.UNFINISHED):
                unfinished += 1
            m = re.match(r'^(clone3?|fork|vfork)\((.*)\) += (\d+)$', line)
            if m:
                (threads if 'CLONE_THREAD' in m.group(2) else children).add(int(m.group(3)))
    procs_ended = {p for p in procs if ends[p]}
    check(all(n == 1 for n in ends.values()), '%s: every process ends once (%d ends)' % (name, sum(ends.values())))
    missing = (children | threads) - set(procs)
    check(not missing, '%s: every child in the trace (%d children, %d threads, missing %s)'
          % (name, len(children), len(threads), sorted(missing)[:5]))
    check(children <= procs_ended, '%s: every child process has its end' % name)
    check(unfinished == 0, '%s: no call left unfinished (%d)' % (name, unfinished))
    return procs


MAKE_UNIT = '''\
#include <string.h>
#include "common.h"

static const char *const words_%(i)d[] = {"alpha", "beta", "gamma", "delta", "%(i)d"};

int unit%(i)d(int n)
{
	int s = 0;
	for (int k = 0; k < n + 5; k++)
		s += (int)strlen(words_%(i)d[k %% 5]) * (k + %(i)d);
	return s %% 1000;
}
'''


def make_project(d, nfiles=30):
    os.makedirs(d)
    with open(os.path.join(d, 'common.h'), 'w') as f:
        f.writelines('int unit%d(int n);\n' % i for i in range(nfiles))
    for i in range(nfiles):
        with open(os.path.join(d, 'unit%d.c' % i), 'w') as f:
            f.write(MAKE_UNIT % {'i': i})
    with open(os.path.join(d, 'main.c'), 'w') as f:
        f.write('#include <stdio.h>\n#include "common.h"\n\nint main(void)\n{\n\tlong s = 0;\n')
        f.writelines('\ts += unit%d(%d);\n' % (i, i) for i in range(nfiles))
        f.write('\tprintf("sum %ld\\n", s);\n\treturn 0;\n}\n')
    objs = ' '.join(['main.o'] + ['unit%d.o' % i for i in range(nfiles)])
    with open(os.path.join(d, 'Makefile'), 'w') as f:
        f.write('CC = cc\nCFLAGS = -O1 -Wall\nOBJS = %s\n\n' % objs)
        f.write('all: prog\n\t./prog\n\n')
        f.write('prog: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n\n')
        f.write('%.o: %.c common.h\n\t$(CC) $(CFLAGS) -c -o $@ $<\n\n')
        f.write('clean:\n\trm -f prog $(OBJS)\n')


def case_make(tmp):
    if not shutil.which('make') or not shutil.which('cc'):
        print('make or cc missing')
        return SKIP
    d = os.path.join(tmp, 'proj')
    make_project(d)

    def clean():
        subprocess.run(['make', '-s', 'clean'], cwd=d, check=True)
    plain, traced, text = both(['make', '-j2'], tmp, 'make', cwd=d, before=clean)
    check(plain.returncode == 0, 'make: the untraced build succeeds')
    # -j2 may order the command lines differently from run to run.
    check(sorted(plain.stdout.splitlines()) == sorted(traced.stdout.splitlines()),
          'make: same output lines as untraced')
    check(plain.stdout.splitlines()[-1:] == traced.stdout.splitlines()[-1:],
          'make: the built program prints the same (%s)' % traced.stdout.splitlines()[-1:])
    procs = integrity(text, 'make')
    execs = sum(1 for lines in procs.values() for l in lines if re.match(r'^execve\(.*\) += 0$', l))
    compiles = sum(1 for lines in procs.values() for l in lines
                   if re.match(r'^execve\("[^"]*/cc1", ', l))
    print('make: %d processes, %d execve, %d cc1, %d lines' % (len(procs), execs, compiles, text.count('\n')))
    check(compiles == 31, 'make: one cc1 per source file (%d of 31)' % compiles)


def case_fork(tmp):
    prog = os.path.join(A.programs, 'forker')
    plain, traced, text = both([prog, '500'], tmp, 'fork')
    check(traced.stdout == plain.stdout and plain.stdout.startswith('children=500 ended=500 '),
          'fork: same output as untraced (%r)' % traced.stdout.strip())
    procs = integrity(text, 'fork')
    kids = [p for p, lines in procs.items() if any(l.startswith('getppid()') for l in lines)]
    codes = [int(m.group(1)) for p in kids for l in procs[p]
             for m in [re.match(r'^\+\+\+ exited with (\d+) \+\+\+$', l)] if m]
    print('fork: %d processes in the trace, %d children with their getppid, exit codes sum %d'
          % (len(procs), len(kids), sum(codes)))
    check(len(procs) == 501 and len(kids) == 500, 'fork: 500 children traced, lost 0')
    check(all(sum(l.startswith('getppid()') for l in procs[p]) == 1 for p in kids),
          'fork: one marker call per child, duplicated 0')
    want = int(re.search(r'sum=(\d+)', plain.stdout).group(1))
    check(sum(codes) == want, 'fork: exit codes in the trace sum to the program\'s %d' % want)


def case_threads(tmp):
    prog = os.path.join(A.programs, 'threads')
    n, threads = 200000, 8
    plain, traced, text = both([prog, str(threads), str(n)], tmp, 'threads')
    check(traced.stdout == plain.stdout and 'unexpected=0' in plain.stdout,
          'threads: same output as untraced (%r)' % traced.stdout.strip())
    procs = integrity(text, 'threads')
    marker = re.compile(r'^lseek\(-1, (\d+), SEEK_SET\) += -1 EBADF ')
    per = {}
    for pid, lines in procs.items():
        offs = [int(m.group(1)) for l in lines for m in [marker.match(l)] if m]
        if offs:
            per[pid] = offs
    lost = dup = disorder = 0
    seen_threads = set()
    for pid, offs in per.items():
        t = offs[0] // 1000000
        seen_threads.add(t)
        got = collections.Counter(offs)
        dup += sum(c - 1 for c in got.values())
        lost += sum(1 for i in range(n) if got[t * 1000000 + i] == 0)
        disorder += sum(1 for a, b in zip(offs, offs[1:]) if b <= a)
        check(all(o // 1000000 == t for o in offs), 'threads: tid %d makes only thread %d\'s calls' % (pid, t))
    total = sum(len(o) for o in per.values())
    print('threads: %d threads, %d marker calls traced, lost %d, duplicated %d, out of order %d'
          % (len(per), total, lost + n * (threads - len(seen_threads)), dup, disorder))
    check(len(per) == threads and seen_threads == set(range(threads)), 'threads: all 8 threads traced')
    check(lost == 0 and dup == 0 and total == n * threads,
          'threads: %s marker calls, lost 0, duplicated 0' % format(n * threads, ','))
    check(disorder == 0, 'threads: each thread\'s calls in order')


def bpf_missing():
    """Why the BPF engine cannot run here, or None."""
    r = run([A.mtrace, '-c', '--engine=bpf', '-o', os.devnull, '/bin/true'])
    return None if r.returncode == 0 else r.stderr.strip()


def counts(text):
    """{syscall: (calls, errors)} of a -c table."""
    rows = {}
    for l in text.splitlines():
        m = re.match(r'^ *[\d.]+ +[\d.]+ +\d+ +(\d+) +(\d*) ?(\w+)$', l)
        if m:
            rows[m.group(3)] = (int(m.group(1)), int(m.group(2) or 0))
    return rows


def case_count(tmp):
    """-c under both engines: 8 threads x 200,000 marker calls and 500
    children, every call counted once."""
    why = bpf_missing()
    engines = ['ptrace'] + (['bpf'] if why is None else [])
    if why is not None:
        print('skip the BPF engine: %s' % why)
    threads, n = 8, 200000
    for engine in engines:
        out = os.path.join(tmp, 'count-%s.txt' % engine)
        r = run([A.mtrace, '-f', '-c', '--engine=' + engine, '-o', out,
                 os.path.join(A.programs, 'threads'), str(threads), str(n)])
        rows = counts(open(out).read())
        print('count %s: %.2f s, lseek %s' % (engine, r.seconds, rows.get('lseek')))
        check(r.returncode == 0 and 'unexpected=0' in r.stdout,
              'count %s: the threads program ran as untraced (%r)' % (engine, r.stdout.strip()))
        check(rows.get('lseek') == (threads * n, threads * n),
              'count %s: 1,600,000 lseek calls and errors (%s)' % (engine, rows.get('lseek')))
        out = os.path.join(tmp, 'fork-%s.txt' % engine)
        r = run([A.mtrace, '-f', '-c', '--engine=' + engine, '-o', out,
                 os.path.join(A.programs, 'forker'), '500'])
        rows = counts(open(out).read())
        # (exit_group never returns: strace -c does not count it; a fork
        # a SIGCHLD interrupts fails with ERESTARTNOINTR and is made again)
        clone = rows.get('clone', (0, 0))
        check(r.returncode == 0 and rows.get('getppid') == (500, 0) and
              clone[0] - clone[1] == 500,
              'count %s: 500 forks and each child\'s getppid counted (%s, %s)'
              % (engine, rows.get('clone'), rows.get('getppid')))
    return 0


def case_signals(tmp):
    prog = os.path.join(A.programs, 'sigstorm')
    n = 2000
    plain, traced, text = both([prog, str(n)], tmp, 'signals')
    want = 'sent=%d usr1=%d rt=%d child=0' % (2 * n, n, n)
    check(plain.stdout.strip() == want, 'signals: untraced, every signal delivered once (%r)' % plain.stdout.strip())
    check(traced.stdout == plain.stdout, 'signals: traced, the same (%r)' % traced.stdout.strip())
    procs = integrity(text, 'signals')
    receiver = min(procs)  # the parent: its pid is the smaller (no wrap in a test run)
    sig = collections.Counter()
    for line in procs[receiver]:
        m = re.match(r'^--- (SIG\w+) \{', line)
        if m:
            # glibc's SIGRTMIN is the kernel's SIGRT_2 (strace names it so)
            sig['SIGRTMIN' if m.group(1).startswith('SIGRT') else m.group(1)] += 1
    sender = [p for p in procs if p != receiver]
    kills = sum(1 for p in sender for l in procs[p] if re.match(r'^kill\(\d+, SIGUSR1\) += 0$', l))
    queued = sum(1 for p in sender for l in procs[p] if re.match(r'^rt_sigqueueinfo\(\d+, SIGRT\w+, .*\) += 0$', l))
    print('signals: sent %d SIGUSR1 and %d SIGRTMIN (trace of the sender); the trace shows %d and %d '
          'delivered, the program counted %s' % (kills, queued, sig['SIGUSR1'], sig['SIGRTMIN'], traced.stdout.strip()))
    check(kills == n and queued == n, 'signals: every kill and sigqueue of the sender traced')
    check(sig['SIGUSR1'] == n and sig['SIGRTMIN'] == n,
          'signals: one --- line per delivered signal (lost %d, duplicated %d)'
          % (max(0, 2 * n - sig['SIGUSR1'] - sig['SIGRTMIN']), max(0, sig['SIGUSR1'] + sig['SIGRTMIN'] - 2 * n)))


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', required=True)
    p.add_argument('case', choices=['make', 'fork', 'threads', 'signals', 'count'])
    A = p.parse_args()
    A.mtrace, A.programs = os.path.abspath(A.mtrace), os.path.abspath(A.programs)
    why = tracecmp.bpf_engine_missing(A.mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    start = time.time()
    with tempfile.TemporaryDirectory(prefix='mtrace-stress-') as tmp:
        rc = globals()['case_' + A.case](tmp)
    if rc == SKIP:
        return SKIP
    print('%s: %.1f s; %s' % (A.case, time.time() - start,
                              '%d checks failed' % len(failures) if failures else 'all checks passed'))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

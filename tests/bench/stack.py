#!/usr/bin/env python3
"""Benchmark --stack: mtrace -f --stack against strace -f -k.

The workload is tests/programs/callchain.c: N getppid() calls, each through
main -> a -> b (7 frames with libc's). Variants, run round-robin (one of
each per repetition, the order rotated each time):

  untraced       the program alone
  strace         strace -f -o /dev/null
  mtrace         mtrace -f -o /dev/null
  strace -k      strace -f -k -o /dev/null
  mtrace -k      mtrace -f --stack -o /dev/null

It prints the median wall time of each, the ratio mtrace -k / strace -k
(of the medians, and the median of the per-repetition ratios), the cost a
stop of each stack trace above its plain trace, and checks first that both
print the same frames. With --caches it also runs mtrace -k once per
MTRACE_STACK_NOCACHE setting and prints its own count of the time a
capture takes (MTRACE_STACK_STATS), with and without each cache.

Not part of ctest. Stdlib only.

--pin CPU runs every variant on that one CPU (taskset): on a virtual machine
the cross-CPU wake-ups of a tracer and its tracee can cost more than the
tracing itself, and they grow with the time the tracer spends a stop.

usage: stack.py [--quick] [--n N] [--reps R] [--pin CPU] [--caches] [--mtrace BIN]
                [--json FILE]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOCACHE = ['', 'mem', 'regs', 'maps', 'syms', 'rs', 'all', 'strace']


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def build_program(bdir):
    os.makedirs(bdir, exist_ok=True)
    src = os.path.join(ROOT, 'tests', 'programs', 'callchain.c')
    exe = os.path.join(bdir, 'callchain')
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        subprocess.run([os.environ.get('CC', 'gcc'), '-O2', '-g', '-pthread', '-o', exe, src],
                       check=True)
    return exe


def wall(argv, env=None):
    t0 = time.monotonic()
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env, timeout=1800)
    t = time.monotonic() - t0
    if r.returncode != 0:
        raise SystemExit('%s: exit %d: %s' % (' '.join(argv), r.returncode,
                                             r.stderr.decode(errors='replace')[-300:]))
    return t


def frames(tracer, opt, prog, n, out):
    """The frame lines of every getppid call, as one list per call."""
    subprocess.run([tracer, opt, '-e', 'trace=getppid', '-o', out, prog, str(n)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    calls, cur = [], None
    for line in open(out):
        if line.startswith(' > '):
            if cur is not None:
                cur.append(line.rstrip('\n'))
        elif re.match(r'^(\d+ +)?getppid\(\)', line):
            cur = []
            calls.append(cur)
        else:
            cur = None
    return calls


def capture_cost(mtrace, prog, n, setting):
    env = dict(os.environ, MTRACE_STACK_STATS='1', MTRACE_STACK_NOCACHE=setting)
    r = subprocess.run([mtrace, '-f', '--stack', '-o', '/dev/null', prog, str(n)], env=env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=1800)
    m = re.search(r'([\d.]+) us a capture', r.stderr)
    reads = re.search(r'memory reads \d+ \(([\d.]+) a capture\)', r.stderr)
    return (float(m.group(1)) if m else None, float(reads.group(1)) if reads else None,
            r.stderr)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--quick', action='store_true', help='N=20000, 3 repetitions')
    p.add_argument('--n', type=int)
    p.add_argument('--reps', type=int)
    p.add_argument('--caches', action='store_true', help='cost a capture with each cache off')
    p.add_argument('--pin', type=int, metavar='CPU', help='run everything on this CPU')
    p.add_argument('--mtrace', default=os.path.join(ROOT, 'build', 'release', 'mtrace'))
    p.add_argument('--strace', default='strace')
    p.add_argument('--json')
    a = p.parse_args()
    n = a.n or (20000 if a.quick else 100000)
    reps = a.reps or (3 if a.quick else 5)
    prog = build_program(os.path.join(ROOT, 'build', 'bench'))
    for argv in ([a.mtrace, '--stack', 'true'], [a.strace, '-k', '-e', 'trace=none', 'true']):
        if subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            raise SystemExit('%s cannot trace stacks here' % argv[0])

    out = os.path.join(ROOT, 'build', 'bench', 'stack')
    sf = frames(a.strace, '-k', prog, 3, out + '.strace')
    mf = frames(a.mtrace, '--stack', prog, 3, out + '.mtrace')
    same = sf == mf and len(mf) == 3 and all(len(f) >= 7 for f in mf)
    log('same frames as strace -k: %s (%d calls, %s frames)'
        % ('yes' if same else 'NO', len(mf), [len(f) for f in mf]))
    if not same:
        log('strace:\n%s\nmtrace:\n%s' % ('\n'.join(map('\n'.join, sf)), '\n'.join(map('\n'.join, mf))))

    fo = ['-f', '-o', '/dev/null']
    variants = {
        'untraced': [prog, str(n)],
        'strace': [a.strace, *fo, prog, str(n)],
        'mtrace': [a.mtrace, *fo, prog, str(n)],
        'strace -k': [a.strace, '-k', *fo, prog, str(n)],
        'mtrace -k': [a.mtrace, '--stack', *fo, prog, str(n)],
    }
    if a.pin is not None:
        variants = {v: ['taskset', '-c', str(a.pin), *argv] for v, argv in variants.items()}
    load0 = os.getloadavg()
    log('N=%d getppid calls through main -> a -> b, %d repetitions%s, load average %.2f %.2f %.2f'
        % (n, reps, '' if a.pin is None else ', on CPU %d' % a.pin, *load0))
    times = {v: [] for v in variants}
    names = list(variants)
    for r in range(reps):
        order = names[r % len(names):] + names[:r % len(names)]
        for v in order:
            times[v].append(wall(variants[v]))
        log('rep %d: %s' % (r + 1, ', '.join('%s %.3f' % (v, times[v][-1]) for v in names)))
    load1 = os.getloadavg()
    med = {v: statistics.median(t) for v, t in times.items()}
    ratios = [m / s for m, s in zip(times['mtrace -k'], times['strace -k'])]
    stops = 2 * n
    print('%-10s %10s %12s' % ('variant', 'median s', 'us per call'))
    for v in names:
        print('%-10s %10.3f %12.2f' % (v, med[v], med[v] * 1e6 / n))
    print('mtrace -k / strace -k: %.3f (ratio of medians), %.3f (median of paired ratios)'
          % (med['mtrace -k'] / med['strace -k'], statistics.median(ratios)))
    print('stack cost a syscall stop (over the plain trace): strace -k %.2f us, mtrace -k %.2f us'
          % ((med['strace -k'] - med['strace']) * 1e6 / stops,
             (med['mtrace -k'] - med['mtrace']) * 1e6 / stops))
    print('load average: %.2f %.2f %.2f before, %.2f %.2f %.2f after' % (*load0, *load1))
    result = {'n': n, 'reps': reps, 'pin': a.pin, 'times': times, 'median': med, 'same_frames': same,
              'ratio_of_medians': med['mtrace -k'] / med['strace -k'],
              'median_ratio': statistics.median(ratios), 'load': [load0, load1]}

    if a.caches:
        cn = min(n, 20000)
        print('\nmtrace capture cost (its own clock, N=%d; a capture is one syscall entry):' % cn)
        print('%-22s %14s %18s' % ('MTRACE_STACK_NOCACHE', 'us a capture', 'memory reads a capture'))
        result['caches'] = {}
        for setting in NOCACHE:
            us, reads, _ = capture_cost(a.mtrace, prog, cn if setting in ('', 'mem', 'regs', 'maps')
                                        else min(cn, 5000), setting)
            result['caches'][setting or 'none'] = us
            print('%-22s %14s %18s' % (setting or '(all caches on)',
                                       '%.2f' % us if us is not None else '?',
                                       '%.2f' % reads if reads is not None else '?'))
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(result, f, indent=1)
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())

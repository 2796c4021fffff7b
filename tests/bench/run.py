#!/usr/bin/env python3
"""Benchmark mtrace against strace, the untraced command and two floors.

For each workload it runs every variant round-robin (one of each per
repetition, the order rotated each time), takes the median of the wall
times, and prints tables. "mtrace" is the ptrace engine (--engine=ptrace)
and "mtrace bpf" the BPF engine (--engine=bpf), which auto takes where it
runs:

  full trace   untraced, strace -f -o /dev/null, mtrace -f -o /dev/null,
               floor (floor.c: PTRACE_SYSCALL at every stop, nothing else),
               floor+info (the same plus one PTRACE_GET_SYSCALL_INFO a stop)
               and mtrace --pin; then the same on one CPU: mtrace --pin
               pins itself and the command to one (lib/engine/pin.c), so strace
               and the floors run under taskset -c for a like-for-like ratio
  trace=openat strace and mtrace with -e trace=openat, strace also with
               --seccomp-bpf; seccomp floor (seccomp_floor.c: the filter
               alone, every action ALLOW) and floor -e (floor.c with a
               SECCOMP_RET_TRACE filter: the least a seccomp tracer does)
  -c, -k       strace (also on one CPU) and mtrace, when `mtrace -c true`
               (`-k`) exits 0; -c also with --engine=bpf where it runs

Not part of ctest. Stdlib only.

usage: run.py [--quick] [--reps N] [--filter NAME,...] [--groups G,...]
              [--stat median|min] [--pin CPUS] [--mtrace BIN] [--strace BIN]
              [--json FILE | --from-json FILE] [--list]

A cell marked '*' had samples spread by more than half their median: on a
busy machine ptrace round trips are at the scheduler's mercy; --stat min
and --pin help, and so does a quiet machine.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 300

# name, description, N with --quick, N otherwise
SYNTHETIC = [
    ('getppid', 'getppid loop', 20000, 100000),
    ('openat', 'openat+close loop', 10000, 50000),
    ('forkexec', 'fork+exec /bin/true loop', 40, 300),
    ('devnull', 'write 64 B to /dev/null loop', 20000, 100000),
    ('threads', '4 threads, getppid loop', 20000, 100000),
    # few calls, much spinning: the cost of --pin's one CPU (issue 19)
    ('handshake', 'fork, spin on shared memory, SIGKILL loop', 1000, 10000),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- building

def build_tools(bdir):
    """Compile the workload and the floors with the system compiler."""
    os.makedirs(bdir, exist_ok=True)
    cc = os.environ.get('CC', 'gcc')
    out = {}
    for name, extra in (('workload', ['-pthread']), ('floor', []), ('seccomp_floor', [])):
        src = os.path.join(HERE, name + '.c')
        exe = os.path.join(bdir, name)
        deps = [src, os.path.join(HERE, 'seccomp_filter.h')]
        if not os.path.exists(exe) or os.path.getmtime(exe) < max(map(os.path.getmtime, deps)):
            subprocess.run([cc, '-O2', '-Wall', '-Wextra', '-o', exe, src] + extra, check=True)
        out[name] = exe
    return out


MAKE_SRC = '''\
#include <stdio.h>
#include <string.h>
struct item%(i)d { int key; char name[32]; double weight; };
static int cmp%(i)d(const void *a, const void *b)
{
	const struct item%(i)d *x = a, *y = b;
	return x->key - y->key;
}
int unit%(i)d(int n);
int unit%(i)d(int n)
{
	struct item%(i)d items[16];
	for (int k = 0; k < 16; k++) {
		items[k].key = (k * 7919 + n) %% 97;
		snprintf(items[k].name, sizeof(items[k].name), "item-%%d-%%d", %(i)d, k);
		items[k].weight = k * 1.5 + n;
	}
	qsort(items, 16, sizeof(items[0]), cmp%(i)d);
	int sum = 0;
	for (int k = 0; k < 16; k++)
		sum += items[k].key + (int)strlen(items[k].name);
	return sum;
}
'''


def make_project(bdir, nfiles=12):
    """A small C project (nfiles units and a main) and its Makefile."""
    d = os.path.join(bdir, 'makeproj')
    os.makedirs(d, exist_ok=True)
    for i in range(nfiles):
        with open(os.path.join(d, 'unit%d.c' % i), 'w') as f:
            f.write('#include <stdlib.h>\n' + MAKE_SRC % {'i': i})
    with open(os.path.join(d, 'main.c'), 'w') as f:
        f.write('#include <stdio.h>\n')
        f.writelines('int unit%d(int n);\n' % i for i in range(nfiles))
        f.write('int main(void)\n{\n\tint s = 0;\n')
        f.writelines('\ts += unit%d(%d);\n' % (i, i) for i in range(nfiles))
        f.write('\tprintf("%d\\n", s);\n\treturn 0;\n}\n')
    objs = ' '.join(['main.o'] + ['unit%d.o' % i for i in range(nfiles)])
    with open(os.path.join(d, 'Makefile'), 'w') as f:
        f.write('CC ?= cc\nCFLAGS = -O1 -Wall\nOBJS = %s\n\n' % objs)
        f.write('prog: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n\n')
        f.write('%.o: %.c\n\t$(CC) $(CFLAGS) -c -o $@ $<\n\n')
        f.write('clean:\n\trm -f prog $(OBJS)\n')
    return d


SHELL_SCRIPT = '''\
#!/bin/sh
# Typical shell work: files, pipes, command substitution, tests, loops.
set -e
w=$(mktemp -d "${TMPDIR:-/tmp}/mtrace-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
i=0
while [ "$i" -lt "$1" ]; do
	mkdir -p "$w/d$i"
	printf 'alpha %s\\nbeta %s\\ngamma %s\\n' "$i" "$i" "$i" >"$w/d$i/f.txt"
	cat /etc/passwd "$w/d$i/f.txt" | grep -v nologin | sort | uniq -c >"$w/d$i/sorted"
	n=$(wc -l <"$w/d$i/sorted")
	sed -e 's/:/ /g' /etc/group | awk '{print $1}' | head -n 5 >/dev/null
	cp "$w/d$i/f.txt" "$w/d$i/g.txt"
	if [ -f "$w/d$i/g.txt" ] && [ "$n" -gt 0 ]; then
		ls -l "$w/d$i" >/dev/null
	fi
	case "$i" in
	*0) date +%s >/dev/null ;;
	*) basename "$w/d$i/g.txt" .txt >/dev/null ;;
	esac
	x=$(echo "$i" | tr 0-9 a-j)
	test -n "$x"
	rm -f "$w/d$i/g.txt"
	i=$((i + 1))
done
find "$w" -type f | xargs cat | wc -c >/dev/null
'''


def shell_script(bdir):
    path = os.path.join(bdir, 'script.sh')
    with open(path, 'w') as f:
        f.write(SHELL_SCRIPT)
    return path


def workloads(tools, bdir, quick):
    """(name, description, argv) of every workload."""
    wl = [(name, '%s, N=%d' % (desc, q if quick else full),
           [tools['workload'], name, str(q if quick else full)])
          for name, desc, q, full in SYNTHETIC]
    depth = 2 if quick else 4
    wl.append(('find', 'find /usr/share -maxdepth %d' % depth,
               ['find', '/usr/share', '-maxdepth', str(depth)]))
    nfiles = 4 if quick else 12
    proj = make_project(bdir, 12)
    targets = ['main.o'] + ['unit%d.o' % i for i in range(nfiles - 1)] if quick else ['prog']
    wl.append(('make', 'make -B -j2 of %d C files' % (nfiles if quick else 13),
               ['make', '-s', '-B', '-j2', '-C', proj] + targets))
    iters = 3 if quick else 20
    wl.append(('shell', 'sh script, %d iterations of typical work' % iters,
               ['/bin/sh', shell_script(bdir), str(iters)]))
    return wl


# ---------------------------------------------------------------- variants

def unsupported(argv):
    """None if this tracer accepts these options (exits 0 on /bin/true),
    else why not: the first line it printed."""
    try:
        r = subprocess.run(argv + ['/bin/true'], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if r.returncode == 0:
        return None
    lines = r.stderr.decode(errors='replace').strip().splitlines()
    return 'exit %d%s' % (r.returncode, ': ' + lines[0] if lines else '')


def variants(tools, mtrace, strace, groups):
    """Ordered {variant: argv prefix} and the table groups to print.

    A group is (title, [columns], [(ratio label, numerator, denominator)])
    or (title, None, message) when it cannot run."""
    v = {'untraced': []}
    tables = []
    has_strace = strace is not None
    fo = ['-f', '-o', '/dev/null']
    # One CPU for tracer and tracees, as mtrace --pin does (lib/engine/pin.c):
    # strace and the floors get it from taskset, for a like-for-like ratio.
    one = ['taskset', '-c', str(min(os.sched_getaffinity(0)))]
    if 'full' in groups:
        if has_strace:
            v['strace'] = [strace] + fo
        v['mtrace'] = [mtrace, '--engine=ptrace'] + fo
        v['mtrace pin'] = [mtrace, '--pin'] + fo
        v['floor'] = [tools['floor']]
        v['floor+info'] = [tools['floor'], '-i']
        cols = ['untraced', 'strace', 'mtrace', 'floor', 'floor+info', 'mtrace pin']
        ratios = [('mtrace/strace', 'mtrace', 'strace'),
                  ('mtrace/floor', 'mtrace', 'floor'),
                  ('mtrace/floor+info', 'mtrace', 'floor+info'),
                  ('mtrace/untraced', 'mtrace', 'untraced'),
                  ('strace/untraced', 'strace', 'untraced'),
                  ('pin/strace', 'mtrace pin', 'strace')]
        # the BPF engine (--engine=bpf), where it can run
        if not unsupported([mtrace, '--engine=bpf', '-o', '/dev/null']):
            v['mtrace bpf'] = [mtrace, '--engine=bpf'] + fo
            cols.append('mtrace bpf')
            ratios += [('bpf/strace', 'mtrace bpf', 'strace'),
                       ('bpf/ptrace', 'mtrace bpf', 'mtrace'),
                       ('bpf/untraced', 'mtrace bpf', 'untraced')]
        tables.append(('full trace: -f -o /dev/null, as run by default; mtrace pin: --pin; '
                       'mtrace bpf: --engine=bpf', cols, ratios))
        if len(os.sched_getaffinity(0)) > 1:
            if has_strace:
                v['strace 1cpu'] = one + [strace] + fo
            v['floor 1cpu'] = one + [tools['floor']]
            v['floor+info 1cpu'] = one + [tools['floor'], '-i']
            cols = ['untraced', 'strace 1cpu', 'mtrace pin', 'floor 1cpu', 'floor+info 1cpu']
            tables.append(('full trace on one CPU: strace and the floors under taskset -c %s, '
                           'mtrace --pin pinning itself' % one[2], cols, [
                               ('pin/strace', 'mtrace pin', 'strace 1cpu'),
                               ('pin/floor', 'mtrace pin', 'floor 1cpu'),
                               ('pin/floor+info', 'mtrace pin', 'floor+info 1cpu'),
                               ('strace/floor', 'strace 1cpu', 'floor 1cpu'),
                           ]))
    if 'openat' in groups:
        e = ['-e', 'trace=openat']
        if has_strace:
            v['strace -e'] = [strace] + fo + e
            v['strace -e bpf'] = [strace] + fo + e + ['--seccomp-bpf']
        v['mtrace -e'] = [mtrace, '--engine=ptrace'] + fo + e
        v['seccomp floor'] = [tools['seccomp_floor'], '-e', 'openat']
        v['floor -e'] = [tools['floor'], '-e', 'openat']
        cols = ['untraced', 'strace -e', 'strace -e bpf', 'mtrace -e', 'seccomp floor',
                'floor -e']
        ratios = [('mtrace/strace', 'mtrace -e', 'strace -e'),
                  ('mtrace/strace-bpf', 'mtrace -e', 'strace -e bpf'),
                  ('mtrace/floor-e', 'mtrace -e', 'floor -e'),
                  ('mtrace/untraced', 'mtrace -e', 'untraced'),
                  ('filter/untraced', 'seccomp floor', 'untraced')]
        if not unsupported([mtrace, '--engine=bpf', '-o', '/dev/null']):
            v['mtrace -e bpf'] = [mtrace, '--engine=bpf'] + fo + e
            cols.append('mtrace -e bpf')
            ratios += [('bpf/seccomp-floor', 'mtrace -e bpf', 'seccomp floor'),
                       ('bpf/strace-bpf', 'mtrace -e bpf', 'strace -e bpf')]
        tables.append(('-e trace=openat (strace also with --seccomp-bpf); seccomp floor: '
                       'the filter alone; floor -e: ptrace+SECCOMP_RET_TRACE; mtrace -e bpf: '
                       '--engine=bpf', cols, ratios))
    for g, opt, title in (('c', '-c', '-c (summary)'), ('k', '-k', '-k (stack trace)')):
        if g not in groups:
            continue
        why = unsupported([mtrace, opt, '-o', '/dev/null'])
        if why:
            tables.append((title, None, 'not supported yet (mtrace %s /bin/true: %s)' % (opt, why)))
            continue
        if has_strace and not unsupported([strace, opt, '-o', '/dev/null']):
            v['strace ' + opt] = [strace] + fo + [opt]
        v['mtrace ' + opt] = [mtrace, '--engine=ptrace'] + fo + [opt]
        cols = ['untraced', 'strace ' + opt, 'mtrace ' + opt]
        ratios = [('mtrace/strace', 'mtrace ' + opt, 'strace ' + opt),
                  ('mtrace/untraced', 'mtrace ' + opt, 'untraced')]
        if 'strace ' + opt in v and len(os.sched_getaffinity(0)) > 1:
            v['strace %s 1cpu' % opt] = one + v['strace ' + opt]
            cols.append('strace %s 1cpu' % opt)
            ratios.insert(1, ('mtrace/strace-1cpu', 'mtrace ' + opt, 'strace %s 1cpu' % opt))
        # -c in the kernel (--engine=bpf), where it can run
        bpf = [mtrace, opt, '--engine=bpf', '-o', '/dev/null']
        if g == 'c' and not unsupported(bpf):
            v['mtrace -c bpf'] = [mtrace] + fo + [opt, '--engine=bpf']
            cols.append('mtrace -c bpf')
            ratios += [('bpf/strace', 'mtrace -c bpf', 'strace ' + opt),
                       ('bpf/untraced', 'mtrace -c bpf', 'untraced')]
        tables.append((title, cols, ratios))
    return v, tables


# ---------------------------------------------------------------- running

def run_once(argv, errfile):
    """Wall seconds, CPU seconds (user+sys of it and what it reaped) and
    exit code of one run; (None, None, 'timeout') past TIMEOUT.

    posix_spawn and a blocking wait4: subprocess's wait with a timeout
    polls, which rounds every time up to a multiple of 50 ms."""
    errfile.seek(0)
    errfile.truncate()
    acts = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, errfile.fileno(), 2)]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=acts)
    timer = threading.Timer(TIMEOUT, os.kill, (pid, signal.SIGKILL))
    timer.start()
    _, status, ru = os.wait4(pid, 0)
    dt = time.perf_counter() - t0
    timed_out = not timer.is_alive()
    timer.cancel()
    if timed_out:
        return None, None, 'timeout'
    return dt, ru.ru_utime + ru.ru_stime, os.waitstatus_to_exitcode(status)


def bench_workload(name, argv, vs, reps, errfile, failures):
    """Round-robin over the variants reps times; {variant: [[wall, cpu]]}."""
    run_once(argv, errfile)  # warm the page cache, untimed
    times = {k: [] for k in vs}
    order = list(vs)
    for rep in range(reps):
        shift = rep % len(order)
        for var in order[shift:] + order[:shift]:
            if var in failures.get(name, {}):
                continue
            dt, cpu, rc = run_once(vs[var] + argv, errfile)
            if dt is None or rc != 0:
                errfile.seek(0)
                tail = errfile.read().decode(errors='replace').strip().splitlines()[-3:]
                failures.setdefault(name, {})[var] = '%s %s' % (
                    'timeout' if dt is None else 'exit %d' % rc, ' | '.join(tail))
                continue
            times[var].append([dt, cpu])
    return times


NOISY = 0.5  # (max - min) / median above this: the cell is marked '*'


def summary(xs, i, stat):
    """The median (or min) of column i of the samples, and whether they
    spread so much that it is unreliable."""
    if not xs:
        return None, False
    vals = [x[i] for x in xs]
    mid = statistics.median(vals)
    noisy = mid > 0 and (max(vals) - min(vals)) / mid > NOISY
    return (min(vals) if stat == 'min' else mid), noisy


def fmt_s(x, noisy=False):
    return '-' if x is None else '%.3f%s' % (x, '*' if noisy else '')


def print_table(head, rows):
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]

    def line(r):
        return '| ' + ' | '.join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                                 for i, c in enumerate(r)) + ' |'
    print(line(head))
    print('|' + '|'.join('-' * (w + 2) for w in widths) + '|')
    for r in rows:
        print(line(r))


def print_tables(results, wls, tables, failures, stat='median'):
    any_noisy = False
    names = [w for w, _, _ in wls if w in results]
    for what, idx in (('wall', 0), ('cpu', 1)):
        summ = {w: {v: summary(ts, idx, stat) for v, ts in results[w].items()} for w in names}
        for title, cols, ratios in tables:
            if what == 'cpu' and cols is None:
                continue
            print('\n## %s %s: %s' % (stat, 'wall seconds' if what == 'wall' else
                                        'CPU seconds (user+sys of tracer and tracees)', title))
            if cols is None:
                print(ratios)
                continue
            cols = [c for c in cols if any(c in results[w] for w in names)]
            ratios = [r for r in ratios if r[1] in cols and r[2] in cols]
            head = ['workload'] + cols + [r[0] for r in ratios]
            rows = []
            for w in names:
                m = {v: x for v, (x, _) in summ[w].items()}
                row = [w] + [fmt_s(*summ[w].get(c, (None, False))) for c in cols]
                any_noisy |= any(summ[w].get(c, (None, False))[1] for c in cols)
                for _, a, b in ratios:
                    x, y = m.get(a), m.get(b)
                    row.append('-' if x is None or not y else '%.2f' % (x / y))
                rows.append(row)
            print_table(head, rows)
    if any_noisy:
        print('\n* the samples spread by more than %d%% of their median: unreliable, the machine '
              'was busy (see the load average)' % (100 * NOISY))
    if failures:
        print('\n## failures (runs left out of the medians)')
        for w, fv in failures.items():
            for v, why in fv.items():
                print('%s / %s: %s' % (w, v, why))


def git_state(mtrace):
    """Which source the mtrace binary is from, as far as git can tell."""
    src = os.path.dirname(os.path.abspath(mtrace))
    try:
        with open(os.path.join(src, 'CMakeCache.txt')) as f:
            for line in f:
                if line.startswith('CMAKE_HOME_DIRECTORY:'):
                    src = line.split('=', 1)[1].strip()
    except OSError:
        pass
    try:
        head = subprocess.run(['git', '-C', src, 'rev-parse', '--short', 'HEAD'],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(['git', '-C', src, 'status', '--porcelain', '-uno'],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return 'source %s' % src
    if not head:
        return 'source %s, not a git work tree' % src
    return 'git %s%s' % (head, ', work tree modified' if dirty else '')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--quick', action='store_true', help='small N, 3 repetitions')
    ap.add_argument('--reps', type=int, help='repetitions (default 5, 3 with --quick)')
    ap.add_argument('--filter', help='only these workloads, comma-separated')
    ap.add_argument('--groups', default='full,openat,c,k',
                    help='tables to run: full,openat,c,k (default all)')
    ap.add_argument('--mtrace', default=os.path.join(ROOT, 'build', 'release', 'mtrace'))
    ap.add_argument('--strace', default=shutil.which('strace'))
    ap.add_argument('--build-dir', default=os.path.join(ROOT, 'build', 'bench'))
    ap.add_argument('--json', help='also write every sample to this file')
    ap.add_argument('--stat', choices=('median', 'min'), default='median',
                    help='what the tables show of each variant\'s samples (default median; '
                    'min is steadier on a busy machine)')
    ap.add_argument('--pin', help='run everything on these CPUs (comma-separated), '
                    'e.g. away from other load')
    ap.add_argument('--from-json', metavar='FILE',
                    help='print the tables of an earlier --json run instead of running')
    ap.add_argument('--list', action='store_true', help='list the workloads and exit')
    a = ap.parse_args()
    if a.pin:
        os.sched_setaffinity(0, {int(c) for c in a.pin.split(',')})
    reps = a.reps or (3 if a.quick else 5)

    if not os.access(a.mtrace, os.X_OK):
        sys.exit('run.py: no mtrace at %s; build it: cmake --preset release && '
                 'cmake --build --preset release --target mtrace' % a.mtrace)
    tools = build_tools(a.build_dir)
    wls = workloads(tools, a.build_dir, a.quick)
    if a.list:
        for name, desc, argv in wls:
            print('%-9s %s: %s' % (name, desc, ' '.join(argv)))
        return 0
    if a.filter:
        want = set(a.filter.split(','))
        unknown = want - {w[0] for w in wls}
        if unknown:
            sys.exit('run.py: unknown workload(s) %s; see --list' % ', '.join(sorted(unknown)))
        wls = [w for w in wls if w[0] in want]
    if a.strace is None:
        log('run.py: strace not found, its columns are left out')
    vs, tables = variants(tools, a.mtrace, a.strace, set(a.groups.split(',')))

    load0 = os.getloadavg()
    if a.from_json:
        with open(a.from_json) as f:
            d = json.load(f)
        print('# from %s: %s, %d repetitions; load average at start %.2f %.2f %.2f, '
              'at end %.2f %.2f %.2f' % (a.from_json, 'quick' if d['quick'] else 'full',
                                         d['reps'], *d['load_start'], *d['load_end']))
        wls = [(n, w['description'], w['argv']) for n, w in d['workloads'].items()]
        print_tables(d['samples'], wls, tables, d['failures'], a.stat)
        return 0
    print('# mtrace benchmark: %s, %d repetitions%s' % (
        'quick' if a.quick else 'full', reps, ', on CPUs ' + a.pin if a.pin else ''))
    print('# mtrace %s (%s); %s; %d CPUs; load average at start %.2f %.2f %.2f' % (
        a.mtrace, git_state(a.mtrace), subprocess.run([a.strace or 'true', '-V'], capture_output=True,
                                              text=True).stdout.split('\n')[0] or 'no strace',
        os.cpu_count(), *load0))
    for name, desc, argv in wls:
        print('# %-9s %s' % (name, desc))
    sys.stdout.flush()

    results, failures = {}, {}
    t_start = time.perf_counter()
    with tempfile.TemporaryFile() as errfile:
        for name, desc, argv in wls:
            t0 = time.perf_counter()
            results[name] = bench_workload(name, argv, vs, reps, errfile, failures)
            log('run.py: %s done in %.1f s' % (name, time.perf_counter() - t0))
    load1 = os.getloadavg()
    print_tables(results, wls, tables, failures, a.stat)
    print('\n# total %.0f s; load average at end %.2f %.2f %.2f' % (
        time.perf_counter() - t_start, *load1))
    if a.json:
        with open(a.json, 'w') as f:
            json.dump({'reps': reps, 'quick': a.quick, 'load_start': load0, 'load_end': load1,
                       'workloads': {n: {'description': d, 'argv': av} for n, d, av in wls},
                       'variants': vs, 'samples': results, 'failures': failures}, f, indent=1)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

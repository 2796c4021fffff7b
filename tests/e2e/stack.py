#!/usr/bin/env python3
"""End-to-end tests of --stack (-k): the known call chain of
tests/programs/callchain.c (main -> a -> b -> getppid) dynamically and
statically linked, in a second thread, in a signal handler and across an
execve, checked for the chain and compared frame by frame (module, symbol,
offset, rel) with strace -k on the same program.

usage: stack.py --mtrace BIN --programs DIR
       stack.py --mtrace BIN --diff CMD [ARGS]   compare one command's frames
Exit 0 pass, 1 fail, 77 skip (a build without stack support)."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
failures = []

FRAME = re.compile(r'^ > (?P<module>.*?)\((?:(?P<symbol>.+)\+(?P<offset>0x[0-9a-f]+|0))?\) '
                   r'\[(?P<rel>0x[0-9a-f]+)\]$')
CALL = re.compile(r'^(?:\d+ +)?(?:<\.\.\. (?P<resumed>\w+) resumed>|(?P<name>\w+)\()')


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)
    return cond


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def parse(text):
    """{pid: [(call name, [frame line, ...]), ...]} in order, pids in order
    of appearance. Frames belong to the line before them."""
    procs = {}
    last = None
    for line in text.splitlines():
        if line.startswith(' > '):
            if last is not None:
                last[1].append(line)
            continue
        m = re.match(r'^(\d+) +(.*)$', line)
        pid, rest = (int(m.group(1)), m.group(2)) if m else (0, line)
        if rest.startswith('+++'):
            # strace prints exit_group's frames after the +++ line.
            calls = procs.get(pid)
            last = calls[-1] if calls and not calls[-1][1] else None
            continue
        c = CALL.match(rest)
        if rest.startswith('--- SIG'):
            last = ('signal', [])  # a stack at signals too
            procs.setdefault(pid, []).append(last)
            continue
        if not c or rest.startswith('---'):
            last = None
            continue
        if rest.endswith('<unfinished ...>'):
            last = None
            continue
        last = (c.group('resumed') or c.group('name'), [])
        procs.setdefault(pid, []).append(last)
    return procs


def frames_of(line):
    m = FRAME.match(line)
    return m.groupdict() if m else None


def trace(tracer, args, tmp, name, calls='getppid'):
    out = os.path.join(tmp, name)
    opts = ['-f', '-k', '-o', out] + (['-e', 'trace=' + calls] if calls else [])
    r = run([tracer, *opts, *args])
    with open(out) as f:
        return r, parse(f.read())


def chain_at(frames, chain):
    """Index where the symbols of chain appear consecutively, or -1."""
    syms = [(frames_of(f) or {}).get('symbol') for f in frames]
    for i in range(len(syms) - len(chain) + 1):
        if syms[i:i + len(chain)] == chain:
            return i
    return -1


def check_chain(procs, name, chain, module, expect_calls, first_module=None, which=None):
    calls = [(pid, c) for pid, cs in procs.items() for c in cs if c[0] == 'getppid']
    check(len(calls) == expect_calls, '%s: %d getppid calls (got %d)'
          % (name, expect_calls, len(calls)))
    for i, (pid, (_, frames)) in enumerate(calls):
        if which is not None and i not in which:
            continue
        at = chain_at(frames, chain)
        if not check(at >= 0, '%s: call %d shows %s in that order' % (name, i, ' <- '.join(chain))):
            print('\n'.join(frames))
            continue
        mods = {frames_of(f)['module'] for f in frames[at:at + len(chain)]}
        if module:
                check(mods == {module}, '%s: call %d: the chain is in %s (got %s)'
                  % (name, i, module, sorted(mods)))
        if first_module:
            first = frames_of(frames[0])
            check(first and first['module'] == first_module,
                  '%s: call %d: first frame in %s (got %s)'
                  % (name, i, first_module, first and first['module']))
    return calls


def same_frames(ref, got):
    return ref == got


def compare(ref, got, name, skip_first_exec=True):
    """Frames of every call, process by process (in order of appearance),
    identical to strace's. Returns the number of frames compared."""
    compared = 0
    rp, gp = list(ref.values()), list(got.values())
    check(len(rp) == len(gp), '%s: %d processes like strace (%d)' % (name, len(gp), len(rp)))
    for k, (rc, gc) in enumerate(zip(rp, gp)):
        for i, ((rn, rf), (gn, gf)) in enumerate(zip(rc, gc)):
            if rn != gn:
                print('%s: process %d call %d: %s vs strace %s, stop comparing it'
                      % (name, k, i, gn, rn))
                break
            # The command's own execve: strace shows the new image's
            # entry, mtrace the stack that called execve (in mtrace).
            if skip_first_exec and k == 0 and i == 0 and gn == 'execve':
                continue
            # strace unwinds rt_sigreturn at its exit, in the restored
            # context; mtrace at entry, in the signal trampoline.
            if gn == 'rt_sigreturn':
                continue
            # Calls strace unwinds at entry (execve, exit_group) print a
            # frame without a symbol as "(+0x0)", the others as "()".
            rf = [f.replace('(+0x0) [', '() [') for f in rf]
            if not check(same_frames(rf, gf), '%s: process %d call %d (%s): %d frames like strace'
                         % (name, k, i, gn, len(gf))):
                print('strace:\n%s\nmtrace:\n%s' % ('\n'.join(rf), '\n'.join(gf)))
            compared += len(gf)
    return compared


def case(tmp, name, args, chain, expect_calls, module, first_module=None, calls='getppid',
         which=None):
    r, got = trace(A.mtrace, args, tmp, name + '.mtrace', calls)
    check(r.returncode == 0, '%s: exit 0 (%d %s)' % (name, r.returncode, r.stderr.strip()[-200:]))
    check_chain(got, name, chain, module, expect_calls, first_module, which)
    if HAS_STRACE_K:
        _, ref = trace('strace', args, tmp, name + '.strace', calls)
        n = compare(ref, got, name)
        print('%s: %d frames compared with strace -k' % (name, n))
    return got


def main_tests():
    prog = os.path.realpath(os.path.join(A.programs, 'callchain'))
    static = os.path.realpath(os.path.join(A.programs, 'callchain-static'))
    libc = None
    with tempfile.TemporaryDirectory() as tmp:
        got = case(tmp, 'dynamic', [prog, '3'], ['b', 'a', 'main'], 3, prog)
        calls = [c for cs in got.values() for c in cs if c[0] == 'getppid']
        if calls and calls[0][1]:
            libc = frames_of(calls[0][1][0])['module']
            check(libc != prog and 'libc' in os.path.basename(libc),
                  'dynamic: getppid itself is in libc (%s)' % libc)
        if check(os.path.exists(static), 'static program built (%s)' % static):
            case(tmp, 'static', [static, '2'], ['b', 'a', 'main'], 2, static, first_module=static)
        got = case(tmp, 'thread', [prog, 'thread', '2'], ['b', 'a', 'thread_main'], 2, prog,
                   calls='getppid,exit_group')
        pids = [pid for pid, cs in got.items() if any(c[0] == 'getppid' for c in cs)]
        main = [pid for pid, cs in got.items() if any(c[0] == 'exit_group' for c in cs)]
        check(len(pids) == 1 and len(main) == 1 and pids[0] != main[0],
              'thread: the calls come from the second thread (%s, main %s)' % (pids, main))
        got = case(tmp, 'signal', [prog, 'signal'], ['b', 'a', 'handler'], 1, prog)
        sigs = [c for cs in got.values() for c in cs if c[0] == 'signal']
        check(len(sigs) == 1 and any((frames_of(f) or {}).get('symbol') == 'main' for f in sigs[0][1]),
              'signal: the SIGUSR1 line has its stack, down to main (%s)' % sigs)
        # C++ names are demangled, as strace -k prints them.
        case(tmp, 'mangled', [prog, 'mangled'], ['b', 'a', 'mtrace::chain::step(int)', 'main'], 1,
             prog)
        # Re-exec of the same file: the new image's maps, not the cached ones.
        got = case(tmp, 'exec', [prog, 'exec'], ['b', 'a', 'main'], 2, prog,
                   calls='getppid,execve')
        # Exec into another file: modules and symbols of the new one only.
        if os.path.exists(static):
            got = case(tmp, 'exec-static', [prog, 'exec', static], ['b', 'a', 'main'], 2, None,
                       calls='getppid')
            calls = [c for cs in got.values() for c in cs if c[0] == 'getppid']
            if len(calls) == 2:
                mods = [{frames_of(f)['module'] for f in c[1]} for c in calls]
                check(prog in mods[0] and static not in mods[0],
                      'exec-static: before the exec, frames in %s' % prog)
                check(mods[1] == {static},
                      'exec-static: after it, every frame in %s (got %s)' % (static, mods[1]))
        # A library mapped by calls that -e trace=getppid hides: the
        # unwinder is not told, and must still find it.
        dso = os.path.realpath(os.path.join(A.programs, 'callchain-dso.so'))
        loader = os.path.realpath(os.path.join(A.programs, 'callchain-dlopen'))
        if check(os.path.exists(dso), 'library built (%s)' % dso):
            got = case(tmp, 'dlopen', [loader, dso], ['b', 'a', 'main'], 3, None, which={1})
            calls = [c for cs in got.values() for c in cs if c[0] == 'getppid']
            if len(calls) == 3:
                at = chain_at(calls[1][1], ['b', 'a', 'main'])
                mods = [frames_of(f)['module'] for f in calls[1][1][at:at + 3]] if at >= 0 else []
                check(mods == [dso, dso, loader],
                      'dlopen: b and a in the library, main in the program (got %s)' % mods)
        # Every call of a whole run, not just the marker.
        r, got = trace(A.mtrace, [prog, '2'], tmp, 'full.mtrace', None)
        check(r.returncode == 0, 'full: exit 0')
        if HAS_STRACE_K:
            _, ref = trace('strace', [prog, '2'], tmp, 'full.strace', None)
            n = compare(ref, got, 'full')
            check(n > 50, 'full: %d frames compared with strace -k' % n)
        # --stack-depth cuts the stack.
        out = os.path.join(tmp, 'depth')
        run([A.mtrace, '-k', '--stack-depth', '2', '-e', 'trace=getppid', '-o', out, prog])
        calls = [c for cs in parse(open(out).read()).values() for c in cs]
        check(len(calls) == 1 and len(calls[0][1]) == 2,
              '--stack-depth 2: two frames (got %s)' % [len(c[1]) for c in calls])
    if failures:
        print('%d failed: %s' % (len(failures), '; '.join(failures)))
        return 1
    return 0


def main_diff(cmd):
    with tempfile.TemporaryDirectory() as tmp:
        _, got = trace(A.mtrace, cmd, tmp, 'm', None)
        _, ref = trace('strace', cmd, tmp, 's', None)
        n = compare(ref, got, os.path.basename(cmd[0]))
    print('%d frames compared, %d calls differ' % (n, len(failures)))
    return 1 if failures else 0


def main():
    global A, HAS_STRACE_K
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs')
    p.add_argument('--diff', nargs=argparse.REMAINDER)
    A = p.parse_args()
    r = run([A.mtrace, '-k', 'true'])
    if r.returncode != 0 and 'no stack trace support' in r.stderr:
        print('skip: %s' % r.stderr.strip())
        return SKIP
    try:
        HAS_STRACE_K = run(['strace', '-k', '-e', 'trace=none', 'true']).returncode == 0
    except OSError:
        HAS_STRACE_K = False
    if not HAS_STRACE_K:
        print('strace -k not available: checking the chains only')
    if A.diff:
        return main_diff(A.diff)
    if not A.programs:
        p.error('--programs is required')
    return main_tests()


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Transparency: a program under mtrace sees of itself what it sees
untraced (README "Transparency"). programs/selfstate reports its signal
dispositions and mask, affinity (and after setting its own), limits, nice,
umask, descriptors, environment, cwd, session and terminal, ...; it is
launched untraced, under strace (the control) and under each mode of
mtrace, from launchers that set all of that to something unusual, and
every line must equal the untraced one but for the differences README
names: TracerPid always; Seccomp under the seccomp filter (and NoNewPrivs
when the filter needs it, unprivileged); with --pin, the pinned CPU in
/proc/self/status until the program asks for its affinity.

usage: transparency.py --mtrace BIN --programs DIR
Exit 0 pass, 1 fail, 77 skip (no strace)."""
import argparse
import fcntl
import os
import pty
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracecmp  # noqa: E402

SKIP = 77
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def launch(state):
    """The launcher (run as 'transparency.py --launch'): a session leader
    with a pty as its terminal, like a login shell, that starts the
    command as its child with the state a user may have set: signals
    ignored and blocked, a CPU mask, nice, umask, limits, an extra
    descriptor, a variable, a directory, oom_score_adj."""
    cmd = state['cmd']
    os.setsid()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    pid = os.fork()
    if pid == 0:
        os.dup2(slave, 0)
        os.close(slave)
        os.close(master)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        # Python ignores these two for itself; a shell would not.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
        if state['cpus'] is not None:
            os.sched_setaffinity(0, state['cpus'])
        os.nice(5)
        os.umask(0o027)
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(500, soft), hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        with open('/proc/self/oom_score_adj', 'w') as f:
            f.write('100')
        extra = os.open('/dev/null', os.O_RDWR)
        os.dup2(extra, 7, inheritable=True)
        os.close(extra)
        os.chdir(state['cwd'])
        os.environ['MTRACE_TRANSPARENCY'] = 'a b\tc'
        if state.get('pidfile'):
            with open(state['pidfile'], 'w') as f:
                f.write(str(os.getpid()))
        os.execvp(cmd[0], cmd)
    _, st = os.waitpid(pid, 0)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # closing the master hangs us up
    os.close(master)
    os._exit(os.waitstatus_to_exitcode(st) & 0xff)


def report(text):
    out = {}
    for line in text.splitlines():
        k, _, v = line.partition(' ')
        out[k] = v
    return out


def run_launched(cmd, cpus, tmp, pidfile=None):
    state = {'cmd': cmd, 'cpus': cpus, 'cwd': tmp, 'pidfile': pidfile}
    return subprocess.Popen([sys.executable, os.path.abspath(__file__), '--launch', repr(state)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)


def finish(p, what):
    try:
        out, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    check(p.returncode == 0, '%s: exit 0 (%s, %s)' % (what, p.returncode, err.strip()[-300:]))
    return report(out)


def attached(tracer, probe, cpus, tmp):
    """Launch the probe, then attach the tracer with -p once it runs."""
    pidfile = os.path.join(tmp, 'probe.pid')
    if os.path.exists(pidfile):
        os.unlink(pidfile)
    p = run_launched([probe, 'attached'], cpus, tmp, pidfile)
    end = time.time() + 10
    while not os.path.exists(pidfile) or not open(pidfile).read():
        if time.time() > end:
            break
        time.sleep(0.01)
    pid = open(pidfile).read()
    t = subprocess.Popen([*tracer, '-p', pid], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    got = finish(p, ' '.join(tracer) + ' -p')
    t.wait(timeout=30)
    return got


def compare(what, got, want, allowed):
    diff = sorted(k for k in set(got) | set(want)
                  if got.get(k) != want.get(k) and k not in allowed)
    check(got and not diff, '%s: as untraced%s' % (
        what, '' if not diff else ' but ' + '; '.join(
            '%s: %r against %r' % (k, got.get(k), want.get(k)) for k in diff[:6])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mtrace')
    ap.add_argument('--programs')
    ap.add_argument('--launch')
    a = ap.parse_args()
    if a.launch:
        launch(eval(a.launch))  # our own repr(), from run_launched
    if not shutil.which('strace'):
        print('strace is not installed: skipping')
        return SKIP
    # (absolute: the launcher changes directory)
    probe = os.path.abspath(os.path.join(a.programs, 'selfstate'))
    M = os.path.abspath(a.mtrace)
    why = tracecmp.bpf_engine_missing(M)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    has_stack = subprocess.run([M, '-k', '-o', '/dev/null', 'true'],
                               capture_output=True).returncode == 0
    cpus = sorted(os.sched_getaffinity(0))
    root = os.geteuid() == 0
    # Two launchers: one with a CPU mask of its own (the first CPU; the
    # first half on larger machines), one with every CPU, where --pin pins.
    launchers = (('a CPU mask', set(cpus[:max(1, len(cpus) // 2)])), ('every CPU', None))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'trace')
        filtered = {'Seccomp'} | (set() if root else {'NoNewPrivs'})
        modes = [  # (name, command prefix, keys that may differ besides TracerPid)
            ('strace -f (the control)', ['strace', '-f', '-o', out], set()),
            ('mtrace', [M, '-o', out], set()),
            ('mtrace, trace on stderr', [M], set()),
            ('mtrace -f', [M, '-f', '-o', out], set()),
            ('mtrace -f -e trace=openat,getppid (seccomp filter)',
             [M, '-f', '-e', 'trace=openat,getppid', '-o', out], filtered),
            ('mtrace -f -e trace=openat --seccomp-bpf=no',
             [M, '-f', '-e', 'trace=openat', '--seccomp-bpf=no', '-o', out], set()),
            ('mtrace --json', [M, '--json', '-f', '-o', out], set()),
            ('mtrace -c', [M, '-c', '-f', '-o', out], set()),
            ('mtrace -ff', [M, '-ff', '-o', out], set()),
            ('mtrace --pin -f', [M, '--pin', '-f', '-o', out], {'pin'}),
            ('mtrace --pin -f -e trace=openat', [M, '--pin', '-f', '-e', 'trace=openat', '-o', out],
             filtered | {'pin'}),
        ]
        if has_stack:
            modes.append(('mtrace -k', [M, '-k', '-f', '-o', out], set()))
        if subprocess.run([M, '-c', '--engine=bpf', '-o', os.devnull, '/bin/true'],
                          capture_output=True).returncode == 0:
            modes.append(('mtrace -c --engine=bpf', [M, '-c', '--engine=bpf', '-f', '-o', out],
                          set()))
            modes.append(('mtrace -f --engine=bpf', [M, '--engine=bpf', '-f', '-o', out], set()))
            modes.append(('mtrace -f -e trace=openat --engine=bpf',
                          [M, '--engine=bpf', '-f', '-e', 'trace=openat', '-o', out], set()))
        for lname, lcpus in launchers:
            want = finish(run_launched([probe], lcpus, tmp), 'untraced (%s)' % lname)
            check(want.get('signal1', '').startswith('ignored') and
                  want.get('signal15', '').startswith('ignored') and want.get('nice') == '5',
                  'untraced (%s): the launcher state is there (%s, %s, nice %s)' % (
                      lname, want.get('signal1'), want.get('signal15'), want.get('nice')))
            check(want.get('TracerPid') == '0', 'untraced (%s): no tracer' % lname)
            for name, prefix, allowed in modes:
                what = '%s (%s)' % (name, lname)
                got = finish(run_launched([*prefix, probe], lcpus, tmp), what)
                check(got.get('TracerPid', '0') != '0', '%s: traced' % what)
                allow = {'TracerPid'} | (allowed - {'pin'})
                if 'pin' in allowed and lcpus is None and len(cpus) > 1:
                    # Pinned until its first affinity call, which it sees
                    # unpinned (affinity_count) and after which its own
                    # mask stays (own_*).
                    allow.add('Cpus_allowed_list')
                    check(got.get('Cpus_allowed_list', '').strip().isdigit(),
                          '%s: pinned to one CPU at first (%s)' % (what, got.get('Cpus_allowed_list')))
                compare(what, got, want, allow)
            for tracer in (['strace', '-o', out], [M, '-o', out], [M, '-f', '-o', out]):
                what = '%s -p (%s)' % (' '.join(tracer[:-2]), lname)
                got = attached(tracer, probe, lcpus, tmp)
                check(got.get('TracerPid', '0') != '0', '%s: traced' % what)
                compare(what, got, want, {'TracerPid'})
    print('all checks passed' if not failures else '%d checks failed' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""strace's option surface (issue 15): every option mtrace takes, in its
short and long forms, against strace 6.1 on the same program; strace's
messages for bad input, in mtrace's name, on one line.

usage: surface.py --mtrace BIN CASE|all. Exit 0 pass, 1 fail, 77 skip (no strace,
or MTRACE_ENGINE=bpf and the BPF engine cannot run)."""
import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracecmp  # noqa: E402

SKIP = 77
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors='replace', timeout=120, **kw)


def norm(text):
    """A trace without what differs between two runs: addresses (ASLR),
    the padding they shift, inodes of each run's pipes, pids (named in the
    order they show up)."""
    pids = {}
    for pid in re.findall(r'^(\d+) ', text, re.M):
        pids.setdefault(pid, 'P%d' % len(pids))
    if pids:
        def pid_sub(m):
            return m.group(1) + pids.get(m.group(2), m.group(2))
        text = '\n'.join(tracecmp.sub_pids(re.sub(r'^(\d+) ', lambda m: pids[m.group(1)] + ' ', line), pid_sub)
                         for line in text.split('\n'))
    text = re.sub(r'(pipe|socket):\[\d+\]', r'\1:[INODE]', text)
    text = re.sub(r'0x[0-9a-f]{6,}', 'ADDR', text)
    return [re.sub(r'\) +=', ') =', line) for line in text.splitlines()]


def traces(tmp, opts, args, mtrace_opts=None):
    """strace's and mtrace's -o files for the same options and program."""
    out = []
    for tool, o in (('strace', opts), (A.mtrace, opts if mtrace_opts is None else mtrace_opts)):
        path = os.path.join(tmp, os.path.basename(tool) + '.out')
        if os.path.exists(path):
            os.unlink(path)
        r = run([tool, *o, '-o', path, *args])
        out.append(open(path).read() if os.path.exists(path) else 'exit %d: %s' % (r.returncode, r.stderr))
    return out


def same_as_strace(tmp, opts, args, what, mtrace_opts=None, columns=False):
    """The same trace as strace's: with columns, line for line but for
    addresses; otherwise with -f, per process, as tracecmp compares."""
    if not columns:
        opts = ['-f', *opts]
        mtrace_opts = mtrace_opts and ['-f', *mtrace_opts]
    ref, got = traces(tmp, opts, args, mtrace_opts)
    if columns:
        ok = norm(ref) == norm(got)
        diff = '\n'.join(list(difflib.unified_diff(norm(ref), norm(got), 'strace', 'mtrace',
                                                  lineterm='', n=1))[:40])
    else:
        same, total, diff = tracecmp.compare(ref, got)
        ok = same == total
    check(ok and got, '%s: as strace' % what)
    if not ok:
        print(diff[:4000])
    return got


CAT = ['cat']


def mask_pids(text):
    """The traced processes' pids (each line's leader) masked where they
    stand in the lines: each run's own, whatever their number of digits
    (after a wrap past pid_max they are as short as 300)."""
    pids = set(re.findall(r'(?m)^(\d+)', text))
    return re.sub(r'(?m)(?<=.)\b(\d+)\b', lambda m: 'N' if m.group(1) in pids else m.group(1), text)


def same_lines_as_strace(tmp, opts, prog, least, clean):
    """Traces PROG with -f and OPTS under both tracers; every line, after
    CLEAN drops or masks what changes run to run, the same, and more than
    LEAST of them."""
    ref, got = [clean(t) for t in traces(tmp, ['-f', *opts], prog)]
    same, total, diff = tracecmp.compare(ref, got)
    check(same == total and total > least, '%s %s: as strace (%d of %d lines)'
          % (' '.join(opts), os.path.basename(prog[0]), same, total))
    if same != total:
        print(diff[:3000])


def case_output(tmp):
    data = os.path.join(tmp, 'x.bin')
    with open(data, 'wb') as f:
        f.write(b'ab\x01\x1bc\n\x7f\xff')
    cat = ['cat', data]
    rw = ['-e', 'trace=read,write,close']
    # The long forms print what the short ones do, in both tools.
    for short, long in ((['-e', 'trace=openat'], ['--trace=openat']),
                        (['-s', '5'], ['--string-limit=5']),
                        (['-e', 'status=failed'], ['--status=failed']),
                        (['-e', 'signal=none'], ['--signal=none']),
                        (['-x'], ['--strings-in-hex=non-ascii']),
                        (['-xx'], ['--strings-in-hex']),
                        (['-y'], ['--decode-fds']),
                        (['-y'], ['-e', 'decode-fds=path']),
                        (['-v'], ['--no-abbrev'])):
        same_as_strace(tmp, rw + long, cat, ' '.join(long))
        same_as_strace(tmp, rw + short, cat, ' '.join(short) + ' (the short form of %s)' % long[0],
                       mtrace_opts=rw + long)
    # -y on the descriptors of whole-call decoders and of pipe2/socketpair results
    same_as_strace(tmp, ['-y', '-e', 'signal=none', '-e', 'trace=pipe2,socketpair,fcntl,ioctl,sendfile,getsockopt'],
                   ['/usr/bin/python3', '-c', 'import os, socket; r, w = os.pipe(); a, b = socket.socketpair(); '
                    'a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE); os.sendfile(w, os.open("/etc/hostname", 0), 0, 4)'],
                   '-y: pipe2, socketpair, fcntl, ioctl, sendfile, getsockopt', columns=True)
    ref, got = traces(tmp, ['-f', '-e', 'trace=execve,exit_group'], ['sh', '-c', '/bin/true; /bin/true'],
                      ['--follow-forks', '-e', 'trace=execve,exit_group'])
    same, total, _ = tracecmp.compare(ref, got)
    check(same == total == 11, '--follow-forks: the 3 processes as strace -f (%d of %d)' % (same, total))
    for opts in (['-a', '60'], ['--columns=0'], ['-a', '1'], ['-z'], ['--successful-only'], ['-Z'],
                 ['--failed-only'], ['--strings-in-hex=non-ascii-chars']):
        same_as_strace(tmp, rw + opts, ['/bin/ls', data, '/nonexistent-mtrace'], ' '.join(opts),
                       columns=True)
    # -n: the number on every line, signals and exits too (of the latest
    # call: untraced ones count in strace, so the whole trace here).
    for opts in (['-n'], ['--syscall-number'], ['-n', '-a', '20', '-z']):
        same_as_strace(tmp, opts, ['/bin/ls', data, '/nonexistent-mtrace'], ' '.join(opts))
    # (a signal the shell sends itself, and no child: whether the shell's
    # wait4 finds a child gone or must wait for it is the scheduler's choice)
    same_as_strace(tmp, ['-n', '-e', 'signal=!CHLD'], ['sh', '-c', 'trap "echo x" USR1; kill -USR1 $$; echo y'],
                   '-n: signal lines too')
    same_as_strace(tmp, ['-e', 'trace=openat', '-Z'], ['/bin/ls', '/nonexistent-mtrace'],
                   '-Z on failed openat calls')
    # -i: with ASLR off (setarch -R, inherited by the tracer's child) the
    # addresses are the same in both runs: strace's, exactly.
    if shutil.which('setarch'):
        for opts in (['-i'], ['--instruction-pointer', '-n'], ['-i', '-e', 'trace=read,write']):
            texts = []
            for tool in ('strace', A.mtrace):
                path = os.path.join(tmp, 'ip.' + os.path.basename(tool))
                # (builtins only: with a child, whether its SIGCHLD comes
                # before or during the shell's wait4 is the scheduler's
                # choice, and so are rt_sigreturn's result and place)
                run(['setarch', '-R', tool, '-f', *opts, '-o', path, 'sh', '-c',
                     'while read -r l; do echo "$l"; done < %s; kill -USR1 $$' % data])
                # (the first execve is made by each tracer's own child)
                texts.append(re.sub(r'^(\d+ +(?:\[ *\d+\] )?)\[[0-9a-f]+\] execve', r'\1[IP] execve',
                                    open(path).read(), count=1))
            same, total, diff = tracecmp.compare(*texts)
            check(same == total and '[????????????????] +++ killed by SIGUSR1 +++' in texts[1] and
                  re.search(r'\[[0-9a-f]{16}\] --- SIGUSR1 ', texts[1]),
                  '%s (ASLR off): the same addresses as strace, signals and exits too (%d of %d)'
                  % (' '.join(opts), same, total))
            if same != total:
                print(diff[:2000])
    # -q, -qq, -qqq, -e quiet=: the messages each leaves out.
    kid = ['sh', '-c', '/bin/true & wait; exec /bin/true']
    for opts in (['-q'], ['-qq'], ['-qqq'], ['-e', 'quiet=exit'], ['--quiet=exit,attach'],
                 ['-e', 'quiet=!exit'], ['-e', 'quiet=all'], ['--quiet=none']):
        same_as_strace(tmp, ['-e', 'trace=execve', *opts], kid, ' '.join(opts))
    # -A appends, as strace; without it the file is replaced.
    for opts in (['-A'], ['--output-append-mode'], []):
        files = []
        for tool in ('strace', A.mtrace):
            path = os.path.join(tmp, 'append.' + os.path.basename(tool))
            with open(path, 'w') as f:
                f.write('before\n')
            run([tool, *opts, '-o', path, '-e', 'trace=exit_group', 'true'])
            files.append(open(path).read())
        check(files[0] == files[1] and files[1].startswith('before\n') == bool(opts),
              '%s: the file as strace leaves it (%r)' % (' '.join(opts) or 'no -A', files[1]))
    # -o '|CMD' and '!CMD': the trace through a pipe.
    for mark in ('|', '!'):
        piped = os.path.join(tmp, 'piped')
        r = run([A.mtrace, '-o', '%scat > %s' % (mark, piped), '-e', 'trace=exit_group', 'true'])
        check(r.returncode == 0 and open(piped).read() == 'exit_group(0)                           = ?\n+++ exited with 0 +++\n',
              "-o '%sCMD': the trace on CMD's input (%r)" % (mark, open(piped).read()))


def case_filter(tmp):
    """-e trace= classes, numbers and personalities, as strace 6.1 has them."""
    # (a directory of its own: / changes while other tests run)
    fixture = os.path.join(tmp, 'fixture')
    os.makedirs(os.path.join(fixture, 'sub'), exist_ok=True)
    for name in ('a', 'b'):
        open(os.path.join(fixture, name), 'w').write(name)
    os.symlink('a', os.path.join(fixture, 'link'))
    # (no df: the mount table it reads moves when other tests mount;
    # stat -f makes the statfs calls)
    prog = ['sh', '-c', 'ls -l %s >/dev/null; stat -f %s >/dev/null; id >/dev/null' % (fixture, fixture)]
    for t in ('%stat', '%lstat', '%fstat', '%%stat', '%statfs', '%fstatfs', '%%statfs', '%pure',
              '%net', '%creds', '%clock', 'stat', 'fstat', '0', '0,1', 'read@64', 'read@32,write',
              '%file@64', '/^re@64', '?nosuch@64', '335', '!%pure,%memory,write,rt_sigreturn'):
        # (no signals: when SIGCHLD comes among the calls is the scheduler's choice)
        same_as_strace(tmp, ['-e', 'signal=none', '-e', 'trace=' + t], prog, '-e trace=%s' % t)


def case_tamper(tmp):
    """-e inject= and -e fault=: the same calls tampered with, the same
    trace, what the program sees (its output, its exit) as under strace."""
    host = ['cat', '/etc/hostname']
    py = ['/usr/bin/python3', '-c', 'import os; print([os.getpid() == os.getppid() for i in range(7)])']
    cases = [
        (['-e', 'trace=openat', '-e', 'inject=openat:error=ENOENT:when=3'], host),
        (['-e', 'trace=openat', '--inject=openat:error=EACCES:when=2..4'], host),
        (['-e', 'trace=openat', '-e', 'fault=openat:when=2..3'], host),
        (['-e', 'trace=openat', '--fault=openat:error=EPERM:when=4+'], host),
        (['-e', 'trace=getppid', '-e', 'inject=getppid:retval=1:when=2+2'], py),
        (['-e', 'trace=getppid', '-e', 'inject=getppid:retval=1:when=2..5+2'], py),
        (['-e', 'trace=write', '-e', 'inject=write:error=EIO'], ['/bin/echo', 'hi']),
        (['-e', 'trace=write', '-e', 'inject=write:poke_enter=@arg2=414243'], ['/bin/echo', 'hi']),
        (['-e', 'trace=write', '-e', 'inject=write:poke_exit=@arg2=5a5a'], ['/bin/echo', 'hi']),
        (['-e', 'trace=chdir', '-e', 'inject=chdir:signal=USR1'], ['sh', '-c', 'trap "echo got" USR1; cd /']),
        (['-e', 'trace=chdir', '-e', 'inject=chdir:error=ENOENT:signal=USR1'],
         ['sh', '-c', 'trap "echo got" USR1; cd / || echo failed']),
        (['-e', 'trace=openat', '-e', 'inject=openat:syscall=getpid:error=ENOENT:when=3'], host),
        (['-e', 'trace=openat,getppid', '-e', 'inject=%file:error=ENOENT:when=5',
          '-e', 'inject=getppid:retval=7'], py),
        # -f with a subset: the seccomp filter stops them (its stop
        # cannot carry a signal: it comes with the exit instead)
        (['-e', 'trace=openat,chdir', '-e', 'inject=openat:error=EACCES:when=3',
          '-e', 'inject=chdir:signal=USR2'],
         ['sh', '-c', 'trap "echo usr2" USR2; cd /; cat /etc/hostname; cat /etc/hostname']),
        # untraced calls are never tampered with, as in strace
        (['-e', 'trace=none', '-e', 'inject=write:error=EIO'], ['/bin/echo', 'hi']),
    ]
    for opts, args in cases:
        outs = []
        for tool in ('strace', A.mtrace):
            path = os.path.join(tmp, 'tamper.' + os.path.basename(tool))
            r = run([tool, '-f', *opts, '-o', path, *args])
            outs.append((r.returncode, r.stdout, open(path).read()))
        (sc, sout, strace_text), (mc, mout, mtrace_text) = outs
        same, total, diff = tracecmp.compare(strace_text, mtrace_text)
        what = ' '.join(opts)
        check(same == total and total >= 1, '%s: the trace as strace\'s (%d of %d lines)' % (what, same, total))
        if same != total:
            print(diff[:3000])
        check((sc, sout) == (mc, mout), '%s: the program sees what it sees under strace (%r, strace %r)'
              % (what, (mc, mout), (sc, sout)))
    # delays hold the thread that long: -T shows the entry's (the exit's
    # comes after the call's end, in strace too), the run both
    path = os.path.join(tmp, 'delayed')
    t0 = time.monotonic()
    r = run([A.mtrace, '-T', '-e', 'trace=getppid', '-e', 'inject=getppid:delay_enter=150ms:delay_exit=250000',
             '-o', path, '/usr/bin/python3', '-c', 'import os; os.getppid()'])
    took = time.monotonic() - t0
    lines = [l for l in open(path).read().splitlines() if l.startswith('getppid')]
    secs = [float(re.search(r'<([\d.]+)>$', l).group(1)) for l in lines]
    check(r.returncode == 0 and len(lines) == 1 and ' (DELAYED) <' in lines[0] and 0.15 <= secs[0] < 2
          and took >= 0.4, 'delay_enter=150ms:delay_exit=250000: held 0.4 s in all, -T %s, (DELAYED) (%s)'
          % (secs, lines))
    r = run([A.mtrace, '--json', '-e', 'trace=openat', '-e', 'inject=openat:error=ENOENT:when=1', '-o', path, *host])
    first = [l for l in open(path).read().splitlines() if '"openat"' in l][:1]
    check(first and '"injected":true' in first[0] and '"errno":"ENOENT"' in first[0], '--json: "injected":true (%s)' % first)
    # --engine=bpf refuses: it cannot tamper (or, where it cannot run at
    # all, says that, as for any other use)
    probe = run([A.mtrace, '--engine=bpf', '-o', os.devnull, 'true'])
    want = probe.stderr if probe.returncode else \
        'mtrace: the BPF engine does not tamper with calls (-e inject=, -e fault=)\n'
    r = run([A.mtrace, '--engine=bpf', '-e', 'inject=openat:error=ENOENT', 'true'])
    check(r.returncode == 1 and r.stderr == want,
          '--engine=bpf -e inject=: refused on one line (%r, want %r)' % (r.stderr, want))


def case_times(tmp):
    """Times differ from run to run: their form is checked, against the
    form strace gives the same options."""
    def shape(text):
        return [re.sub(r'\d', '9', re.sub(r'\) += ', ') = ', l)) for l in text.splitlines()]
    args = ['/bin/echo', 'hi']
    w = ['-e', 'trace=write']
    for opts in (['-t'], ['-tt'], ['-ttt'], ['-r'], ['-T'], ['-r', '-t'],
                 ['--relative-timestamps=ms'], ['--relative-timestamps=ns', '-t'],
                 ['--relative-timestamps=s'], ['--syscall-times=ns'], ['--syscall-times=s'],
                 ['--syscall-times=ms'], ['--absolute-timestamps'], ['--absolute-timestamps=unix'],
                 ['--absolute-timestamps=unix,ms'], ['--absolute-timestamps=format:time,precision:ns'],
                 ['--absolute-timestamps=precision:us'], ['--absolute-timestamps=format:none'],
                 ['--timestamps=ns']):
        ref, got = traces(tmp, w + opts, args)
        check(shape(ref) == shape(got), '%s: times in strace\'s form (%r, strace %r)' % (' '.join(opts), got.splitlines()[:1],
                                                                  ref.splitlines()[:1]))


def case_summary(tmp):
    args = ['/bin/ls', '/nonexistent-mtrace']
    cols = 'time-percent,total-time,min-time,max-time,avg-time,calls,errors,name'
    for opts in (['-c', '-U', cols], ['-c', '-U', 'name,calls,errors'], ['-c', '-U', 'calls,name,min-time'],
                 ['--summary-only', '--summary-columns=name,count,error'],
                 ['-c', '-U', 'syscall,shortest,longest,time_avg']):
        ref, got = traces(tmp, opts, args)
        head = [l for l in ref.splitlines() if not re.search(r'\d', l)]
        mhead = [l for l in got.splitlines() if not re.search(r'\d', l)]
        check(head == mhead and head, '%s: headings and rules as strace (%r)' % (' '.join(opts), mhead))

        names = [mtrace_col(c) for c in opts[-1].split('=')[-1].split(',')]
        if 'name' in names and 'calls' in names:
            def calls(text):
                rows = [l.split() for l in text.splitlines() if re.search(r'\d', l) and not l.startswith('-')]
                return {f[names.index('name')]: f[names.index('calls')] for f in rows if len(f) == len(names)}
            check(calls(ref) == calls(got) and calls(got),
                  '%s: calls per syscall as strace' % ' '.join(opts))
    # Sorts: by name and by number the order is the same as strace's.
    for key in ('name', 'nothing', 'none', 'syscall', 'calls'):
        opts = ['-c', '-U', 'name,calls', '-S', key]
        ref, got = traces(tmp, opts, args)
        order = [l.split()[0] for l in ref.splitlines()[2:-2]]
        morder = [l.split()[0] for l in got.splitlines()[2:-2]]
        if key == 'calls':  # ties in any order: compare the counts' order
            order = [l.split()[1] for l in ref.splitlines()[2:-2]]
            morder = [l.split()[1] for l in got.splitlines()[2:-2]]
        check(order == morder and order, '-S %s: rows in strace\'s order' % key)
    # -S max-time: the longest calls first; -S min-time likewise.
    for key, col in (('max-time', 3), ('min-time', 2), ('avg-time', 4)):
        _, got = traces(tmp, ['-c', '-w', '-U', cols, '-S', key], args)
        vals = [float(l.split()[col]) for l in got.splitlines()[2:-2]]
        check(vals and vals == sorted(vals, reverse=True), '-S %s: descending %s' % (key, vals[:5]))
    # -O takes the overhead off each call, not below zero.
    _, plain = traces(tmp, ['-c', '-w', '-U', 'calls,name,max-time'], ['/bin/sleep', '0.2'])
    _, less = traces(tmp, ['-c', '-w', '-O', '100ms', '-U', 'calls,name,max-time'], ['/bin/sleep', '0.2'])

    def longest(text, name):
        return next((float(l.split()[2]) for l in text.splitlines() if l.split()[1:2] == [name]), None)
    a, b = longest(plain, 'clock_nanosleep'), longest(less, 'clock_nanosleep')
    # (two runs: a loaded machine may sleep longer in one; a 0.2 s sleep
    # never counts less than 0.2 s, so below that 0.1 s came off)
    check(a and a >= 0.2 and b is not None and 0.095 <= b < 0.2,
          '-O 100ms: the sleep %s s, then %s s' % (a, b))
    c = longest(less, 'close')
    check(c == 0.0, '-O 100ms: a short call counts 0, not less (%s)' % c)


def mtrace_col(name):
    return {'count': 'calls', 'error': 'errors', 'syscall': 'name'}.get(name, name)


def case_startup(tmp):
    # -E VAR=VAL, -E VAR: the command's environment, as strace.
    env = dict(os.environ, MTRACE_GONE='x')
    outs = []
    for tool in ('strace', A.mtrace):
        r = run([tool, '-E', 'MTRACE_NEW=1', '--env=MTRACE_GONE', '-E', 'MTRACE_NEW=2', '-o', os.devnull,
                 'sh', '-c', 'echo "$MTRACE_NEW ${MTRACE_GONE-unset}"'], env=env)
        outs.append(r.stdout)
    check(outs[0] == outs[1] == '2 unset\n', '-E: the environment as strace gives it (%r)' % outs)
    # -u USER: the command as nobody, as strace runs it; strace's errors.
    if os.geteuid() == 0:
        outs = [run([tool, '-f', '-u', 'nobody', '-e', 'trace=setuid,setgid,setgroups,getuid,geteuid,exit_group',
                     '-o', os.path.join(tmp, 'user.' + os.path.basename(tool)), 'id'])
                for tool in ('strace', A.mtrace)]
        texts = [open(os.path.join(tmp, 'user.' + os.path.basename(t))).read() for t in ('strace', A.mtrace)]
        same, total, _ = tracecmp.compare(*texts)
        check(outs[0].stdout == outs[1].stdout and 'uid=65534' in outs[1].stdout and same == total,
              '-u nobody: the command runs as nobody, as under strace (%r, %d of %d)' % (outs[1].stdout, same, total))
        for args, who in ((['-u', 'nosuchuser-mtrace', 'true'], None),
                          (['-u', 'nobody', 'true'], ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'])):
            got = [run([*(who or []), tool, *args]) for tool in ('strace', A.mtrace)]
            want = got[0].stderr.splitlines()[:1]
            check(got[1].returncode == got[0].returncode == 1 and
                  got[1].stderr.splitlines() == [w.replace('strace', 'mtrace') for w in want],
                  '-u %s%s: strace\'s error (%r)' % (args[1], ' unprivileged' if who else '', got[1].stderr))
    # "Process N attached": not with -o FILE PROG (strace's implied -q),
    # but for every process with -o FILE -p PID alone, children too.
    for opts, prog in ((['-e', 'trace=none'], ['true']), (['-f', '-e', 'trace=none'], [])):
        said = []
        for tool in ('strace', A.mtrace):
            p = subprocess.Popen(['sh', '-c', 'sleep 1.5; /bin/true; sleep 0.3'])
            time.sleep(0.1)
            r = run([tool, *opts, '-o', os.path.join(tmp, 'attached.out'), '-p', str(p.pid), *prog])
            p.wait()
            said.append(r.stderr.count(' attached\n'))
        check(said[0] == said[1] == (0 if prog else 3), '-o FILE -p PID%s: %d "attached" lines, as strace (%d)'
              % (' PROG' if prog else ' -f', said[1], said[0]))
    # -I never: a SIGTERM does not stop the trace; the command ends it.
    codes = []
    for tool in ('strace', A.mtrace):
        p = subprocess.Popen([tool, '-I', 'never', '-o', os.devnull, 'sleep', '1'])
        check(child_running(p.pid, 'sleep'), '-I never: %s started sleep' % os.path.basename(tool))
        p.send_signal(signal.SIGTERM)
        codes.append(p.wait(timeout=10))
    check(codes == [0, 0], '-I never: SIGTERM blocked, the command\'s exit (%s)' % codes)
    p = subprocess.Popen([A.mtrace, '-I', '2', '-o', os.devnull, 'sleep', '5'])
    child_running(p.pid, 'sleep')
    p.send_signal(signal.SIGTERM)
    check(p.wait(timeout=10) == 143, '-I 2: SIGTERM stops mtrace')


# The command finds its tracer by TracerPid and says whether the tracer
# shares its process group and its session, and who its parent is.
WHERE = ('import os; t = int([l.split()[1] for l in open("/proc/self/status") if l.startswith("TracerPid")][0]); '
         'print(os.getpid(), os.getppid(), t != os.getppid(), os.getpgid(t) == os.getpgid(0), '
         'os.getsid(t) == os.getsid(0))')


def case_daemonize(tmp):
    """-D, -DD, -DDD: the command in mtrace's place (its parent is
    mtrace's parent), the tracer a grandchild, in the command's process
    group and session or not, as strace's. The trace comes on stderr:
    capturing it waits for the tracer, which outlives the command."""
    for opts, group, session in ((['-D'], True, True), (['-DD'], False, True), (['-DDD'], False, False),
                                 (['--daemonize=pgrp'], False, True), (['--daemonize=session'], False, False),
                                 (['--daemonize'], True, True)):
        want = '%d True %s %s\n' % (os.getpid(), group, session)
        got = [run([tool, *opts, '-e', 'trace=none', 'python3', '-c', WHERE], start_new_session=True)
               for tool in ('strace', A.mtrace)]
        said = ['%s: Process %s attached\n+++ exited with 0 +++\n' % (tool, (r.stdout.split() or ['?'])[0])
                for tool, r in zip(('strace', 'mtrace'), got)]
        check([r.stdout.split(' ', 1)[-1] for r in got] == [want, want] and [r.stderr for r in got] == said,
              '%s: the command where strace puts it, "attached" (%r %r, strace %r %r, want %r)'
              % (' '.join(opts), got[1].stdout, got[1].stderr, got[0].stdout, got[0].stderr, want))
        # the whole trace with -f, and the command's exit code as ours
        # (but the child's SIGCHLD: whether it comes before or during the
        # shell's wait4 is the scheduler's choice, and so is where its
        # handler's rt_sigreturn goes)
        got = [run([tool, *opts, '-f', '-e', 'signal=none', '-e', 'trace=!rt_sigreturn', '-o', '/dev/stderr',
                    'sh', '-c', '/bin/true; exit 3'])
               for tool in ('strace', A.mtrace)]
        same, total, diff = tracecmp.compare(got[0].stderr, got[1].stderr)
        check(same == total > 20 and got[1].returncode == got[0].returncode == 3,
              '%s -f: as strace, exit 3 (%d of %d lines, exit %d)' % (' '.join(opts), same, total, got[1].returncode))
        if same != total:
            print(diff[:2000])
    # In a process group of its own, the tracer outlives a kill(0, ...)
    # of the command and tells of its death.
    for opts in (['-DD'], ['-DDD']):
        got = [run([tool, *opts, '-f', '-e', 'trace=kill', '-o', '/dev/stderr', 'sh', '-c', 'kill -TERM 0'],
                   start_new_session=True)
               for tool in ('strace', A.mtrace)]
        same, total, diff = tracecmp.compare(got[0].stderr, got[1].stderr)
        check(same == total == 3 and got[1].stderr.endswith(' +++ killed by SIGTERM +++\n'),
              '%s: the tracer outlives kill(0, SIGTERM), as strace (%d of %d lines: %r)'
              % (' '.join(opts), same, total, got[1].stderr))
    # -D with -p: the tracer attaches once the command is its own
    sleeper = subprocess.Popen(['sleep', '30'])
    try:
        r = subprocess.Popen([A.mtrace, '-D', '-p', str(sleeper.pid), '-e', 'trace=exit_group', 'true'],
                             stderr=subprocess.PIPE, text=True)
        check(r.wait(timeout=10) == 0 and sleeper.poll() is None,
              '-D -p PID PROG: the command ends, PID runs on, traced')
        sleeper.kill()
        err = r.stderr.read()
        check(err.count(' attached\n') == 2 and 'exit_group(0)' in err and '+++ killed by SIGKILL +++' in err,
              '-D -p PID PROG: both traced, the end of PID told (%r)' % err)
    finally:
        sleeper.kill()
        sleeper.wait()


def case_paths(tmp):
    """-P PATH: the calls on PATH, by name or descriptor, as strace."""
    link = os.path.join(tmp, 'hostname-link')
    os.symlink('/etc/hostname', link)
    prog = ['sh', '-c', 'cat /etc/hostname; head -1 /etc/passwd; cat %s' % link]
    for opts in (['-P', '/etc/hostname'], ['--trace-path=/etc/passwd', '-P', '/etc/hostname'],
                 ['-P', link], ['-P', '/etc/hostname', '-e', 'trace=read,close'], ['-P', '/nonexistent'],
                 ['-e', 'quiet=path-resolution', '-P', link], ['-P', link, '-e', 'quiet=path-resolution'],
                 ['-qqq', '-P', link]):
        outs = []
        for tool in ('strace', A.mtrace):
            path = os.path.join(tmp, 'paths.' + os.path.basename(tool))
            r = run([tool, '-f', '-e', 'signal=none', *opts, '-o', path, *prog])
            stderr = re.sub(r'Process \d+', 'Process N', r.stderr.replace('strace:', 'mtrace:'))
            outs.append((r.returncode, stderr, open(path).read()))
        same, total, diff = tracecmp.compare(outs[0][2], outs[1][2])
        what = ' '.join(opts)
        check(same == total and outs[0][:2] == outs[1][:2],
              '%s: the trace as strace\'s (%d of %d), and its message (%r)' % (what, same, total, outs[1][1]))
        if same != total:
            print(diff[:2000])
    # the arguments strace looks at: select's and poll's sets, both of
    # dup2's descriptors, epoll_ctl's third but not its first
    prog = os.path.join(tmp, 'paths.py')
    open(prog, 'w').write(PATHS_PROGRAM)
    for path, want, unwanted in (
            ('/etc/hostname', [r'pselect6\(\d+, \[3 \d+\]', r'poll\(\[\{fd=3, ', r'dup2\(3, 20\)',
                               r'epoll_ctl\(\d+, EPOLL_CTL_ADD, 3, '], r'epoll_wait'),
            ('anon_inode:[eventpoll]', [r'epoll_wait\(\d+, '], r'epoll_ctl')):
        ref, got = traces(tmp, ['-f', '-e', 'signal=none', '-P', path], ['/usr/bin/python3', prog])
        same, total, diff = tracecmp.compare(ref, got)
        check(same == total > 0 and all(re.search(w, got) for w in want) and not re.search(unwanted, got),
              '-P %s: the calls strace shows (%d of %d), %s, no %s' % (path, same, total, want, unwanted))
        if same != total:
            print(diff[:2000])


PATHS_PROGRAM = r"""
import os, select
f = open('/etc/hostname'); fd = f.fileno(); r, w = os.pipe()
select.select([f, r], [], [], 0); select.select([r], [w], [], 0)
p = select.poll(); p.register(f); p.register(r); p.poll(0)
p2 = select.poll(); p2.register(r); p2.poll(0)
e = select.epoll(); e.register(r); e.poll(0)
try:
    e.register(fd)  # a regular file: EPERM, but a call on it all the same
except OSError:
    pass
os.dup2(fd, 20); os.close(20)
"""


def case_detach(tmp):
    """-b execve: every process but the command lets go at its execve,
    its entry shown when traced, as strace; the program runs on."""
    prog = ['sh', '-c', 'sh -c "echo a"; /bin/true; echo x']
    # (all but rt_sigreturn, whose result is the interrupted call's: when
    # SIGCHLD comes is the scheduler's choice)
    for opts in (['-e', 'trace=execve,exit_group,write'], ['-e', 'trace=none'], ['-e', 'trace=write'],
                 ['-e', 'trace=!rt_sigreturn']):
        outs = []
        for tool in ('strace', A.mtrace):
            path = os.path.join(tmp, 'detach.' + os.path.basename(tool))
            # (no signals: when SIGCHLD comes, and the pid of a child
            # let go of before any line, are not the tracer's doing)
            r = run([tool, '-f', '-b', 'execve', '-e', 'signal=none', *opts, '-o', path, *prog])
            outs.append((r.returncode, r.stdout, open(path).read()))
        # A vfork parent's line can come between a child's execve entry
        # and its detach: strace then leaves the entry <unfinished ...>
        # for good, where mtrace, detaching at once, says <detached ...>.
        def let_go(text):
            return re.sub(r'^(\d+ +execve\(.*) <unfinished \.\.\.>$', r'\1 <detached ...>', text, flags=re.M)
        same, total, diff = tracecmp.compare(let_go(outs[0][2]), outs[1][2])
        what = '-b execve %s' % ' '.join(opts)
        check(same == total and total >= 1, '%s: the trace as strace\'s (%d of %d)' % (what, same, total))
        if same != total:
            print(diff[:2000])
        check(outs[0][:2] == outs[1][:2] == (0, 'a\nx\n'), '%s: the program runs on (%r)' % (what, outs[1][:2]))
    r = run([A.mtrace, '-f', '--detach-on=execve', '-e', 'trace=execve', *prog])
    # (strace's order: the entry, the message, then "<detached ...>")
    check(len(re.findall(r'/\* \d+ vars \*/mtrace: Process \d+ detached\n <detached \.\.\.>$', r.stderr, re.M)) == 2,
          '--detach-on=execve: entry, "Process N detached", <detached ...> twice on stderr (%r)' % r.stderr)


def child_running(pid, name):
    """Wait (10 s at most) until pid has a child running name: the
    tracer is past its start-up and the command runs."""
    for _ in range(200):
        r = subprocess.run(['pgrep', '-P', str(pid), '-x', name], capture_output=True)
        if r.returncode == 0:
            return True
        time.sleep(0.05)
    return False


def case_dumps(tmp):
    """-e read= and -e write=: strace's hex dumps of every call that moves
    data, under the same sets (programs/iodata names its descriptors)."""
    prog = [os.path.join(A.programs, 'iodata')]
    calls = ['-e', 'trace=read,write,readv,writev,pread64,pwrite64,preadv,pwritev,preadv2,pwritev2,'
             'vmsplice,sendto,recvfrom,sendmsg,recvmsg,sendmmsg,recvmmsg']
    for sets in (['-e', 'read=all', '-e', 'write=all'], ['--read=!20', '--write=21,23,1500'],
                 ['-e', 'reads=22', '-e', 'writes=!!24'], ['-e', 'read=none', '-e', 'write=20,,24']):
        ref, got = traces(tmp, calls + sets, prog)
        # (recvmmsg's vector is not decoded yet: its line differs, its dump not)
        ref, got = [[l for l in norm(re.sub(r'pid \d+ @', 'pid P @', t)) if not l.startswith('recvmmsg(')]
                    for t in (ref, got)]
        dumped = sum(l.startswith(' | ') for l in got)
        check(ref == got and dumped > 100, '%s: the dumps as strace (%d lines)' % (' '.join(sets), dumped))
        if ref != got:
            print('\n'.join(list(difflib.unified_diff(ref, got, 'strace', 'mtrace', lineterm='', n=1))[:40]))
    # the BPF engine does not dump: asked for, it says so
    probe = run([A.mtrace, '--engine=bpf', '-o', os.devnull, 'true'])
    want = probe.stderr if probe.returncode else \
        'mtrace: the BPF engine does not dump data (-e read=, -e write=) yet\n'
    r = run([A.mtrace, '--engine=bpf', '-e', 'write=1', 'true'])
    check(r.returncode == 1 and r.stderr == want, '--engine=bpf -e write=: refused (%r)' % r.stderr)


def case_consts(tmp):
    """-X raw, -X verbose (and abbrev, the default): every named constant
    as a number, or as a number and its name, in strace's radix."""
    fixture = os.path.join(tmp, 'consts')
    os.makedirs(fixture, exist_ok=True)
    open(os.path.join(fixture, 'f'), 'w').write('f')
    py = ('import os, signal, socket, resource\n'
          's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n'
          's.bind(("127.0.0.1", 0)); s.listen(); os.getsockname = s.getsockname()\n'
          'signal.signal(signal.SIGUSR1, signal.SIG_IGN); os.kill(os.getpid(), signal.SIGUSR1)\n'
          'resource.getrlimit(resource.RLIMIT_NOFILE); os.lseek(0, 0, os.SEEK_CUR)\n')
    progs = [[os.path.join(A.programs, 'fileops'), os.path.join(tmp, 'fileops.txt')],
             ['ls', '-l', fixture], ['stat', fixture], ['/usr/bin/python3', '-c', py]]
    for opts in (['-X', 'raw'], ['-X', 'verbose'], ['--const-print-style=abbrev'],
                 ['--const-print-style=raw']):
        # values outside the tables, and ints that are -1 (x86_64 numbers)
        if os.uname().machine == 'x86_64':
            same_as_strace(tmp, opts + ['-e', 'trace=getrusage,getpriority'],
                           ['perl', '-e', 'syscall(98, 1234, 0); syscall(98, -1, 0); '
                            'syscall(140, 77, 0); syscall(140, 1, 0)'],
                           '%s getrusage, getpriority' % ' '.join(opts))
        for prog in progs:
            # (the socket's type is printed as one value, strace's as two:
            # docs/options.md; the kernel picks the port; sysinfo's free
            # memory changes)
            # (strace -X raw prints statx's flags 0x900 as "|0x900": not copied)
            same_lines_as_strace(tmp, opts, prog, 10, lambda t: re.sub(
                r'(?m)^(\d+ +)?(socket|statx|sysinfo)\(.*\n', '', re.sub(r'sin_port=[^,]+', 'sin_port=P', t)))


# -yy's subjects: TCP (listening, both ends), UDP, a socketpair, a bound
# unix socket, netlink, a pidfd, a device, an unlinked file, poll's fds.
FDS_PROGRAM = r"""
import os, select, socket, sys
d = sys.argv[1]
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
c = socket.create_connection(l.getsockname()); a, _ = l.accept()
c.send(b"x"); a.recv(1)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); u.getsockname()
s1, s2 = socket.socketpair(); s1.send(b"y"); s2.recv(1)
b = socket.socket(socket.AF_UNIX); b.bind(os.path.join(d, "sock")); b.listen(1); b.getsockname()
n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); n.bind((0, 0)); n.getsockname()
os.close(os.pidfd_open(os.getpid()))
fd = os.open("/dev/null", os.O_WRONLY); os.write(fd, b"z")
p = select.poll(); p.register(fd, select.POLLOUT); p.register(a); p.poll(0); os.close(fd)
f = os.path.join(d, "gone"); fd = os.open(f, os.O_CREAT | os.O_WRONLY, 0o600); os.unlink(f)
os.write(fd, b"q"); os.close(fd); os.unlink(os.path.join(d, "sock"))
"""


def case_fds(tmp):
    """-y, -yy and --decode-fds=SET on what strace annotates: sockets'
    endpoints (from sock_diag), devices, pidfds, unlinked files."""
    d = os.path.join(tmp, 'fds')
    os.makedirs(d, exist_ok=True)
    prog = os.path.join(tmp, 'fds.py')
    open(prog, 'w').write(FDS_PROGRAM)
    calls = ['-e', 'signal=none', '-e', 'trace=socket,bind,listen,connect,accept4,sendto,recvfrom,getsockname,'
             'socketpair,pidfd_open,openat,write,close,unlink,poll']
    # ports, inodes and pids change run to run; the text around them not
    volatile = re.compile(r'(?m)(?<=.)\b\d{4,}\b')  # (not the pids leading lines; those below too)
    for opts in (['-y'], ['-yy'], ['-yyy'], ['--decode-fds=socket'], ['--decode-fds=dev,pidfd'],
                 ['-e', 'decode-fds=all'], ['--decode-fds=!path'], ['--decode-fds=none']):
        same_lines_as_strace(tmp, calls + opts, ['/usr/bin/python3', prog, d], 30,
                             lambda t: volatile.sub('N', mask_pids(t)))
    # each subject seen, so that the comparison above cannot pass on less
    got = traces(tmp, ['-yy', *calls], ['/usr/bin/python3', prog, d])[1]
    for what in (r'TCP:\[127\.0\.0\.1:\d+->127\.0\.0\.1:\d+\]', r'UDP:\[127\.0\.0\.1:\d+\]',
                 r'UNIX-STREAM:\[\d+->\d+\]', r'UNIX-STREAM:\[\d+,"[^"]*/sock"\]', r'NETLINK:\[ROUTE:\d+\]',
                 r'<pid:\d+>', r'</dev/null<char 1:3>>', r'\{fd=\d+</dev/null<char 1:3>>, events=POLLOUT\}',
                 r'/gone>\(deleted\)'):
        check(re.search(what, got), '-yy shows %s' % what)
    # the library's JSON: a returned descriptor's, a socket's endpoints
    path = os.path.join(tmp, 'fds.jsonl')
    run([A.mtrace, '--json', '-yy', *calls, '-o', path, '/usr/bin/python3', prog, d])
    # (tests/e2e/json.py checks the schema; here, that it is said)
    accepted = [line for line in open(path) if '"name":"accept4"' in line]
    check(accepted and re.search(r'"ret_fd":\{"fd":\d+,"path":"socket:\[\d+\]","socket":"TCP:\[127\.0\.0\.1:\d+->',
                                 accepted[0]),
          '--json -yy: accept4\'s ret_fd names the endpoints (%r)' % accepted[:1])


PIDS_PROGRAM = r"""
import ctypes, os, signal, threading
libc = ctypes.CDLL(None, use_errno=True)
me = os.getpid()
os.getppid(); os.getpgrp(); os.getpgid(0); os.getpgid(me); os.getsid(me)
os.kill(me, 0); os.kill(-os.getpgrp(), 0)
os.sched_getaffinity(me); os.getpriority(os.PRIO_PROCESS, me); os.getpriority(os.PRIO_PGRP, 0)
signal.pthread_kill(threading.main_thread().ident, 0)
t = threading.Thread(target=lambda: signal.pthread_kill(threading.get_ident(), 0)); t.start(); t.join()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
go, ready = os.pipe(), os.pipe()
kid = os.fork()
if kid == 0:  # a name with the characters strace escapes in it
    libc.prctl(15, b"kid<1>")
    os.write(ready[1], b"r"); os.read(go[0], 1)
    os.getpid(); os.getppid(); os._exit(3)
os.read(ready[0], 1)
os.kill(kid, 0); os.getpgid(kid); os.sched_getaffinity(kid)
os.close(os.pidfd_open(kid))
os.setpgid(kid, 0)
os.write(go[1], b"g")
os.waitid(os.P_PID, kid, os.WEXITED | os.WNOWAIT)  # (a zombie has a name)
signal.sigwaitinfo({signal.SIGCHLD})
os.waitpid(kid, 0)
"""


def case_pids(tmp):
    """-Y, --decode-pids=, --pidns-translation: the thread's name after
    its pid on each line (kept as strace keeps it: renamed by prctl and
    exec), and what each pid in arguments, results and siginfo refers to,
    in another PID namespace too."""
    prog = os.path.join(tmp, 'pids.py')
    open(prog, 'w').write(PIDS_PROGRAM)
    calls = ('getpid,getppid,getpgrp,getpgid,getsid,kill,tgkill,sched_getaffinity,getpriority,pidfd_open,'
             'setpgid,waitid,rt_sigtimedwait,clone,clone3,gettid,exit_group')
    py = ['/usr/bin/python3', prog]
    # (a clone's child may have run, renamed itself or exec'd by the time
    # its parent's call returns: its name there is the scheduler's choice)
    clones = re.compile(r'^(.*\bclone(?:\(| resumed>).*= \d+)<(?:[^<>\\]|\\.)*>', re.M)
    for opts in (['-Y', '-e', 'trace=%s,prctl,wait4' % calls],
                 # prctl untraced: stopped all the same, its rename seen
                 ['--decode-pids=comm', '-e', 'trace=%s,wait4' % calls],
                 ['-e', 'decode-pids=all', '-e', 'trace=' + calls],
                 ['--pidns-translation', '-Y', '-e', 'trace=' + calls],
                 # (none: the BPF engine's under auto, which shows clone3's
                 # tid pointers as addresses, docs/engines.md)
                 ['-Y', '--decode-pids=none', '-e', 'trace=' + calls.replace(',clone3', '')],
                 # a pidfd's process by name too
                 ['-yy', '-Y', '-e', 'trace=pidfd_open,close,getpid']):
        # (bare pids in arguments are the runs' own: masked)
        same_lines_as_strace(tmp, opts, py, 30,
                             lambda t: clones.sub(r'\1', mask_pids(t)))
    # Another PID namespace: each pid with mtrace's number for it (and
    # unshare's wait4 left out: whether its child is still "unshare"
    # at the call is the scheduler's choice).
    if shutil.which('unshare') and run(['unshare', '-pf', 'true']).returncode == 0:
        for opts in (['--decode-pids=comm,pidns'], ['--pidns-translation']):
            same_lines_as_strace(tmp, [*opts, '-e', 'trace=' + calls], ['unshare', '-pf', *py], 40,
                                 lambda t: clones.sub(r'\1', t.replace("in strace's PID NS", "in mtrace's PID NS")))
    # each subject seen, so that the comparisons cannot pass on less
    got = traces(tmp, ['-f', '--decode-pids=comm,pidns', '-e', 'trace=%s,wait4' % calls], ['unshare', '-pf', *py])[1]
    for what in (r'^\d+<kid\\0741\\76> getppid\(\) += 1<python3> /\* \d+ in mtrace\'s PID NS \*/$',
                 r'si_pid=3<kid\\0741\\76> /\* \d+ in', r'parent_tid=\[2<python3> /\*',
                 r'tgkill\(1<python3> /\* \d+ in mtrace\'s PID NS \*/, 2<python3>',
                 r'= 17 \(SIGCHLD\)$'):
        check(re.search(what, got, re.M), '--decode-pids=comm,pidns shows %s' % what)
    # without -f, no leader: the same lines as strace's, but the pid
    ref, got = [re.sub(r'\d+(?=<)', 'N', t)
                for t in traces(tmp, ['-Y', '-e', 'trace=getpid,exit_group'],
                                ['/usr/bin/python3', '-c', 'import os; os.getpid()'])]
    check(ref == got and got.startswith('getpid()'), '-Y, one process: as strace (%r)' % got)
    # the library's JSON: the thread's name, and a returned pid's
    path = os.path.join(tmp, 'pids.jsonl')
    run([A.mtrace, '--json', '-f', '-Y', '-e', 'trace=getpid', '-o', path, *py])
    lines = [line for line in open(path) if '"name":"getpid"' in line]
    check(lines and all(re.search(r'"comm":"(python3|kid<1>)".*"ret":\d+,"ret_pid":\{"pid":\d+,"comm":"(python3|kid<1>)"\}',
                                  line) for line in lines),
          '--json -Y: comm and ret_pid (%r)' % lines[:1])


def case_kvm(tmp):
    """-e kvm=vcpu: KVM_RUN's exit reason after its result, as strace
    shows it, on a seven-byte guest (tests/programs/kvm.c; x86, /dev/kvm)."""
    prog = [os.path.join(A.programs, 'kvm')]
    if run(prog).returncode == SKIP:
        print('skip: no KVM here (or no x86 guest)')
        return
    calls = ['-e', 'trace=ioctl,mmap']
    for opts in (['-e', 'kvm=vcpu'], ['--kvm=vcpu', '-y'], []):
        got = same_as_strace(tmp, calls + opts, prog, ' '.join(['-e trace=ioctl,mmap'] + opts), columns=True)
        reasons = re.findall(r'KVM_RUN, 0\) += 0(.*)', got or '')
        check(re.search(r'KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY\) += 1$', got or '', re.M) and
              re.search(r'KVM_CHECK_EXTENSION, 0x7777 /\* KVM_CAP_\?\?\? \*/\) += 0$', got or '', re.M),
              'KVM_CHECK_EXTENSION\'s capability by name')
        check(reasons == ([' (KVM_EXIT_IO)', ' (KVM_EXIT_HLT)'] if opts else ['', '']),
              '%s: KVM_RUN\'s exit reasons (%r)' % (' '.join(opts) or 'no -e kvm=', reasons))


def case_decoding(tmp):
    """-e abbrev=, -e verbose=, -e raw= and -v among them: how each call
    is shown, per call, as strace shows it."""
    fixture = os.path.join(tmp, 'decoding')
    os.makedirs(os.path.join(fixture, 'sub'), exist_ok=True)
    open(os.path.join(fixture, 'f'), 'w').write('f')
    progs = [[os.path.join(A.programs, 'decoders')], [os.path.join(A.programs, 'iodata')],
             ['ls', '-l', fixture]]
    # What changes run to run: pids (in hex under raw), the inodes and
    # times of the files decoders makes afresh, sysinfo; sendmmsg's and
    # recvmmsg's messages are not whole under the BPF engine
    # (docs/engines.md).
    skip = re.compile(r'(\d+ +)?(<\.\.\. )?(set_tid_address|gettid|getpid|getppid|tgkill|kill|clone|clone3|wait4|'
                      r'sysinfo%s)[( ]' % ('|sendmmsg|recvmmsg' if os.environ.get('MTRACE_ENGINE') == 'bpf' else ''))
    volatile = re.compile(r'\b((st|stx|d)_ino|st_[amc]time(_nsec)?|tv_sec|tv_nsec)=\d+|/\* \d{4}-[^*]+\*/')
    for opts in (['-e', 'raw=all'], ['-e', 'verbose=none'], ['--abbrev=none'], ['-v', '-e', 'abbrev=all'],
                 ['-e', 'abbrev=all', '-v'], ['--raw=%file,close', '--verbose=!%stat,readv', '-e', 'abbrev=none'],
                 ['-e', 'x=read', '-e', 'v=!getdents64,execve', '-e', 'a=!statx,newfstatat']):
        for prog in progs:
            same_lines_as_strace(tmp, opts, prog, 40, lambda t: '\n'.join(
                volatile.sub('X', l) for l in t.splitlines() if not skip.match(l)))
    # a restart errno in raw: strerror's words, as strace
    same_as_strace(tmp, ['-e', 'raw=all', '-e', 'trace=read', '-e', 'inject=read:error=ERESTARTSYS:when=1'],
                   ['sh', '-c', 'read x < /dev/null'], '-e raw=all: ERESTARTSYS (Unknown error 512)')


def case_misc(tmp):
    r = run([A.mtrace, '-V'])
    check(r.returncode == 0 and re.match(r'^mtrace -- version \d+\.\d+\.\d+\nOptional features enabled:', r.stdout),
          '-V: version and features (%r)' % r.stdout)
    r = run([A.mtrace, '--tips=id:2,format:compact', '-o', os.devnull, 'true'])
    check(r.returncode == 0 and re.match(r'^mtrace: tip: .+\n$', r.stderr), '--tips: one tip (%r)' % r.stderr)
    r = run([A.mtrace, '--tips=format:none', '-o', os.devnull, 'true'])
    check(r.returncode == 0 and r.stderr == '', '--tips=format:none: nothing')
    r = run([A.mtrace, '-d', '-o', os.devnull, 'true'])
    check(r.returncode == 0 and re.search(r'^mtrace: engine (ptrace|bpf) \(asked: ', r.stderr, re.M),
          '-d: the engine chosen (%r)' % r.stderr)


# Bad input strace refuses with a message: mtrace's is the same, in its
# name, on one line, exit 2.
BAD = [
    ['-a', 'x'], ['-a', '-1'], ['-I', '5'], ['-I', 'x'], ['-I', '0'], ['-O', 'x'], ['-O', '1x'],
    ['-S', 'bogus'], ['-U', 'bogus'], ['-U', 'name,bogus'], ['--relative-timestamps=xs'],
    ['--syscall-times=bogus'], ['--absolute-timestamps=bogus'], ['--strings-in-hex=bogus'],
    ['-e', 'quiet=bogus'], ['--quiet=bogus'], ['--decode-fds=bogus'], ['-w'], ['--tips=bogus'],
    ['--bogus'], ['-Q'], ['--follow-forks=3'], ['-s', 'x'], ['-ttt', '--absolute-timestamps=ms'],
    ['-x', '--strings-in-hex=non-ascii-chars'], ['-q', '-e', 'quiet=exit'], ['-ff', '-o', '|cat'],
    ['-e', 'trace=nosuchcall'], ['-e', 'trace=read@99'], ['-e', 'trace=99999'], ['-e', 'trace=creds'],
    ['-e', 'trace=pure'], ['-e', 'trace=%bogus@64'],
    ['-e', 'inject=openat'], ['-e', 'inject=openat:error=EBOGUS'], ['-e', 'inject=openat:error=5000'],
    ['-e', 'inject=openat:retval=x'], ['-e', 'inject=openat:error=ENOENT:retval=1'],
    ['-e', 'inject=openat:syscall=openat:error=ENOENT'], ['-e', 'inject=openat:when=0'],
    ['-e', 'inject=openat:when=x'], ['-e', 'inject=openat:when=2..1'], ['-e', 'inject=openat:signal=BOGUS'],
    ['-e', 'inject=openat:delay_enter=x'], ['-e', 'inject=openat:bogus=1'], ['-e', 'inject=nosuch:error=ENOENT'],
    ['-e', 'fault=openat:retval=1'], ['-e', 'inject=openat:poke_enter=@arg9=00'], ['-e', 'fault=openat:signal=USR1'],
    ['--inject=openat:error=ENOENT:when=65536'], ['-e', 'inject=:error=ENOENT'], ['-b', 'bogus'],
    ['-e', 'read=foo'], ['-e', 'write=-1'], ['--read=,'], ['-e', 'reads=all,1'], ['--write=!'],
    ['-e', 'read='], ['-e', 'trace='], ['-e', 'signal='], ['-e', 'quiet='], ['--status='],
    ['-X', 'foo'], ['--const-print-style=bogus'], ['--columns=x'], ['--string-limit=-1'], ['--timestamps=bogus'],
    ['--interruptible=9'], ['--summary-syscall-overhead=x'],
    ['-e', 'abbrev=bogus'], ['--raw='], ['-e', 'verbose=%nosuch'], ['-e', 'x=read@99'],
    ['--daemonize=bogus'], ['-DDDD'], ['-D', '--daemonize'], ['--daemonize=session', '-D'],
    ['-y', '--decode-fds=path'], ['--decode-fds=socket', '-yy'], ['-y', '-e', 'decode-fds=dev'],
    ['-e', 'kvm=bogus'], ['--kvm='], ['-e', 'kvm=vcpu,x'], ['-e', 'kvm=all'],
    ['--decode-pids=bogus'], ['--decode-pids='], ['-e', 'decode-pid=comm,x'], ['--decode-pids=!'],
    ['--decode-fds=path,x'], ['--decode-fds='], ['--quiet=!'], ['-e', 'quiet=attach,x'], ['--decode-pids=,'],
]


def case_bad(tmp):
    for args in BAD:
        s = run(['strace', *args, 'true'])
        m = run([A.mtrace, *args, 'true'])
        want = s.stderr.splitlines()[0].replace('strace', 'mtrace') if s.stderr else ''
        lines = m.stderr.splitlines()
        check(m.returncode == 2 and lines == [want] and s.returncode == 1,
              '%s: exit 2 and strace\'s words on one line (%r; strace %r)' % (' '.join(args), m.stderr, want))
    m = run([A.mtrace, '--pin', '-D', 'true'])
    check(m.returncode == 2 and m.stderr == 'mtrace: --pin and -D/--daemonize cannot be provided simultaneously\n',
          '--pin -D: refused (%r)' % m.stderr)
    # -D needs a command of its own to become
    s, m = run(['strace', '-D', '-p', '1']), run([A.mtrace, '-D', '-p', '1'])
    check(m.returncode == 2 and m.stderr.splitlines() == [s.stderr.splitlines()[0].replace('strace', 'mtrace')],
          '-D -p 1: strace\'s words (%r)' % m.stderr)
    # Missing arguments: getopt's words, one line.
    for args, want in ((['-o'], "mtrace: option requires an argument -- 'o'"),
                       (['--output'], "mtrace: option '--output' requires an argument")):
        m = run([A.mtrace, *args])
        check(m.returncode == 2 and m.stderr.splitlines() == [want], '%s: %r' % (args, m.stderr))
    # strace's warnings, same words.
    for args in (['-A'], ['--output-separately'], ['-S', 'calls'], ['-z', '-Z']):
        s = run(['strace', *args, '-e', 'trace=none', 'true'])
        m = run([A.mtrace, *args, '-e', 'trace=none', 'true'])
        check(m.returncode == 0 and m.stderr.splitlines()[:1] == [s.stderr.splitlines()[0].replace('strace', 'mtrace')],
              '%s: strace\'s warning (%r)' % (' '.join(args), m.stderr.splitlines()[:1]))


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', default='', help='the test programs (the dumps case)')
    cases = ['output', 'filter', 'paths', 'tamper', 'detach', 'times', 'summary', 'startup', 'daemonize', 'dumps',
             'consts', 'decoding', 'fds', 'pids', 'kvm', 'misc', 'bad']
    p.add_argument('case', choices=cases + ['all'])
    A = p.parse_args()
    A.mtrace = os.path.abspath(A.mtrace)
    A.programs = os.path.abspath(A.programs)
    why = tracecmp.bpf_engine_missing(A.mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    if not shutil.which('strace'):
        print('strace is not installed')
        return SKIP
    with tempfile.TemporaryDirectory(prefix='mtrace-surface-') as tmp:
        # The traced programs run in a directory of their own: decoders
        # makes and removes files in its working directory, and the two
        # engines' runs of this script go on side by side.
        os.chdir(tmp)
        for case in cases if A.case == 'all' else [A.case]:
            globals()['case_' + case](tmp)
        os.chdir('/')
    print('%d failure(s)' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

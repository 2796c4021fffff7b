#!/usr/bin/env python3
"""Bad input and security: what mtrace says and does when the command line,
the command, the pid, the output or the tracee is not what it should be,
and the checks of docs/security.md. Each check is a row of the table in
docs/bad-input.md; cases already in run.py (cli, process) are not repeated
here, the table points at them.

usage: badinput.py --mtrace BIN --programs DIR --e2e-programs DIR CASE
CASE: cli, output, process, tracee or security. DIR holds the programs
of tests/stress/programs, the e2e one those of tests/programs. Exit 0
pass, 1 fail, 77 skip."""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# (this directory has a json.py of its own: take the standard library's)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or '.') != HERE]
import json  # noqa: E402

SKIP = 77
DISABLED = os.environ.get('MTRACE_DISABLE', '')
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, timeout=60, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)


def text(b):
    return b.decode('utf-8', 'replace')


def bad(args, code, pattern, what, **kw):
    """mtrace ARGS exits CODE with one line on stderr matching PATTERN."""
    r = run([A.mtrace, *args], **kw)
    err = text(r.stderr).strip()
    check(r.returncode == code, '%s: exit %d (got %d)' % (what, code, r.returncode))
    check(re.search(pattern, err) is not None and err.count('\n') == 0,
          '%s: one line /%s/ (got %r)' % (what, pattern, err[:300]))
    return r


def prog(name):
    return os.path.join(A.programs, name)


def proc_status(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            return dict(l.split(':\t', 1) for l in f.read().splitlines() if ':\t' in l)
    except (FileNotFoundError, ProcessLookupError):
        return None


def wait_for(pred, seconds=5.0):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.02)
    return pred()


def left_alone(pid):
    """Gone, a zombie, or running untraced: never stopped by or still
    traced by a dead mtrace."""
    st = proc_status(pid)
    return st is None or st['State'][0] in 'ZX' or (st['TracerPid'].strip() == '0' and st['State'][0] in 'RSD')


def raw_bytes(data):
    """Offsets of bytes a terminal would act on: controls but newline,
    DEL, and everything above ASCII (C1 controls, broken UTF-8)."""
    return [i for i, c in enumerate(data) if (c < 0x20 and c != 0x0a) or c >= 0x7f]


def as_nobody():
    """A prefix that runs a command as uid/gid 65534, or None."""
    if os.getuid() != 0 or not shutil.which('setpriv'):
        return None
    return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']


def case_cli(tmp):
    # (run.py cli: unknown option, -e qualifier, syscall, class, regex,
    # signal, status, -S key, -s, no command, missing program, not in
    # PATH, -o in a missing directory)
    bad(['-e', 'trace=', 'true'], 2, r"^mtrace: invalid system call ''$", 'empty -e set')
    bad(['-e', 'signal=9x', 'true'], 2, r"^mtrace: invalid signal in 'signal=9x'$", 'signal number with junk')
    bad(['-e', 'trace=open,,%nosuch', 'true'], 2, r"^mtrace: invalid system call '%nosuch'$",
        'unknown class after an empty element')
    bad(['-s', '-1', 'true'], 2, r"^mtrace: invalid -s argument: '-1'$", 'negative -s')
    bad(['-p', 'abc'], 2, r"^mtrace: invalid process id 'abc'$", '-p not a number')
    bad(['-p', '99999999999'], 2, r"^mtrace: invalid process id '99999999999'$", '-p too large')
    bad(['-p', '0'], 2, r"^mtrace: invalid process id '0'$", '-p 0')
    noexec = os.path.join(tmp, 'noexec')
    with open(noexec, 'w') as f:
        f.write('#!/bin/sh\necho never\n')
    os.chmod(noexec, 0o644)
    # (a long name is cut in the message, the reason kept)
    bad(['/' + 'x' * 5000], 1, r"^mtrace: cannot run '/x{159}\.\.\.': File name too long$", 'command path too long')
    bad(['y' * 5000], 1, r"^mtrace: cannot find 'y{160}\.\.\.' in PATH: [A-Z][a-z ]+$",
        'command name too long')
    bad(['no-such-program-mtrace'], 1, r"^mtrace: cannot find 'no-such-program-mtrace' in PATH: No such file",
        'not in PATH (PATH unset: the default path)', env={k: v for k, v in os.environ.items() if k != 'PATH'})
    # A path that exists but cannot be executed: as strace, the child's
    # execve fails in the trace, the exit follows, mtrace says why on
    # stderr and exits 1 (issue 19).
    badelf = os.path.join(tmp, 'badelf')
    with open(badelf, 'wb') as f:
        f.write(b'\x7fELF not really')
    os.chmod(badelf, 0o755)
    for path, why in ((noexec, 'Permission denied'), (tmp, 'Permission denied'),
                      (badelf, 'Exec format error')):
        s_out, m_out = os.path.join(tmp, 'cannot.strace'), os.path.join(tmp, 'cannot.mtrace')
        ref = run(['strace', '-o', s_out, path])
        r = bad(['-o', m_out, path], 1, r"^mtrace: cannot run '%s': %s$" % (re.escape(path), why),
                'cannot execute %s' % os.path.basename(path))

        def norm(t):
            return re.sub(r'0x[0-9a-f]+ /\*', 'ENV /*', t)
        got, want = norm(open(m_out).read()), norm(open(s_out).read())
        check(ref.returncode == r.returncode and got == want,
              'cannot execute %s: the trace as strace (%r against %r)' % (os.path.basename(path), got, want))


def case_output(tmp):
    # (run.py cli: -o in a missing directory)
    bad(['-o', tmp, 'true'], 1, r"^mtrace: cannot open '%s': Is a directory$" % re.escape(tmp), '-o a directory')
    # An existing file is truncated (strace does the same), not appended to.
    out = os.path.join(tmp, 'existing')
    with open(out, 'w') as f:
        f.write('JUNK\n' * 20000)
    r = run([A.mtrace, '-o', out, '/bin/true'])
    data = open(out).read()
    check(r.returncode == 0 and data.startswith('execve("/bin/true"') and 'JUNK' not in data,
          '-o an existing file: truncated, then the trace')
    nobody = as_nobody()
    if nobody:
        ro = os.path.join(tmp, 'readonly')
        open(ro, 'w').close()
        os.chmod(tmp, 0o755)
        marker = os.path.join(tmp, 'ran')
        r = run([*nobody, A.mtrace, '-o', ro, 'sh', '-c', 'touch %s' % marker])
        check(r.returncode == 1 and re.match(r"^mtrace: cannot open '%s': Permission denied$" % re.escape(ro),
                                             text(r.stderr).strip()) is not None,
              '-o unwritable (as nobody): exit 1, one line (%r)' % text(r.stderr).strip())
        check(not os.path.exists(marker), '-o unwritable: the command is not run')
    # A full device: nothing says the trace was lost (strace prints an
    # error per failed write and exits 0 too). Known, docs/bad-input.md.
    if os.path.exists('/dev/full'):
        # a lost trace must not look like a good one: one line, exit 1
        r = run([A.mtrace, '-o', '/dev/full', '/bin/true'])
        check(r.returncode == 1 and text(r.stderr).strip().startswith("mtrace: error writing '/dev/full'"),
              '-o /dev/full: write error reported, exit 1 (%r)' % text(r.stderr).strip())

    # mtrace | head -1: the reader goes away. mtrace dies of SIGPIPE (as a
    # filter does); the command it started goes with it (EXITKILL), or
    # without EXITKILL runs on untraced; nothing is left stopped or traced.
    pidf = os.path.join(tmp, 'pid.spawned')
    rc, secs = read_then_close([A.mtrace, prog('pidfile'), pidf, '30'], r'^write\(1, "3\\n"')
    pid = int(open(pidf).read())
    check(rc == -signal.SIGPIPE and secs < 20,
          'mtrace CMD | head: mtrace ends at once, of SIGPIPE (%s, %.1f s)' % (rc, secs))
    check(wait_for(lambda: left_alone(pid)), 'mtrace CMD | head: the command is not left stopped or traced (%s)'
          % (proc_status(pid) or {}).get('State'))
    if 'exitkill' not in DISABLED:
        check(wait_for(lambda: proc_status(pid) is None or proc_status(pid)['State'][0] in 'ZX'),
              'mtrace CMD | head: the command dies with mtrace (EXITKILL)')
    if proc_status(pid):
        os.kill(pid, signal.SIGKILL)
    # The same with -p: the attached process runs on, untraced.
    pidf = os.path.join(tmp, 'pid.attached')
    target = subprocess.Popen([prog('pidfile'), pidf, '30'], stdout=subprocess.DEVNULL)
    wait_for(lambda: os.path.exists(pidf) and os.path.getsize(pidf) > 0)
    rc, secs = read_then_close([A.mtrace, '-p', str(target.pid)], r'^write\(1, ')
    check(rc == -signal.SIGPIPE and secs < 20, 'mtrace -p PID | head: mtrace ends, of SIGPIPE (%s)' % rc)
    st = proc_status(target.pid)
    check(st is not None and wait_for(lambda: left_alone(target.pid)) and target.poll() is None,
          'mtrace -p PID | head: the attached process runs on, untraced (%s)' % (st or {}).get('State'))
    target.kill()
    target.wait()


def read_then_close(cmd, pattern):
    """cmd | head: read cmd's stderr up to a line matching pattern, then
    close the pipe; return cmd's exit status and how long it took to end."""
    m = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for line in m.stderr:
        if re.search(pattern, text(line)):
            break
    m.stderr.close()
    t0 = time.time()
    try:
        m.wait(timeout=30)
    except subprocess.TimeoutExpired:
        m.kill()
        m.wait()
        return 'hung', time.time() - t0
    return m.returncode, time.time() - t0


def case_process(tmp):
    # (run.py process: -p of a missing pid, of mtrace itself, not
    # permitted; SIGINT of mtrace with -p and spawned; SIGKILL with
    # spawned; --kill-on-exit)
    # A zombie cannot be traced.
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    wait_for(lambda: (proc_status(pid) or {}).get('State', 'Z')[0] == 'Z')
    bad(['-p', str(pid)], 1, r"^mtrace: attach: cannot trace process %d: Operation not permitted$" % pid,
        '-p of a zombie')
    os.waitpid(pid, 0)
    # SIGKILL of mtrace: an attached process runs on (the kernel detaches
    # it; it has no EXITKILL).
    pidf = os.path.join(tmp, 'pid')
    target = subprocess.Popen([prog('pidfile'), pidf, '30'], stdout=subprocess.DEVNULL)
    wait_for(lambda: os.path.exists(pidf) and os.path.getsize(pidf) > 0)
    m = subprocess.Popen([A.mtrace, '-q', '-o', os.devnull, '-p', str(target.pid)])
    wait_for(lambda: (proc_status(target.pid) or {}).get('TracerPid', '0').strip() == str(m.pid))
    time.sleep(0.2)
    m.kill()
    m.wait()
    check(wait_for(lambda: left_alone(target.pid)) and target.poll() is None,
          'SIGKILL of mtrace -p: the attached process runs on, untraced (%s)'
          % (proc_status(target.pid) or {}).get('State'))
    target.kill()
    target.wait()
    # SIGHUP and SIGQUIT stop mtrace like SIGINT and SIGTERM: exit
    # 128+sig, the command killed.
    for sig in (signal.SIGHUP, signal.SIGQUIT):
        pidf = os.path.join(tmp, 'pid.%d' % sig)
        m = subprocess.Popen([A.mtrace, '-q', '-o', os.devnull, prog('pidfile'), pidf, '30'],
                             stdout=subprocess.DEVNULL)
        wait_for(lambda: os.path.exists(pidf) and os.path.getsize(pidf) > 0)
        child = int(open(pidf).read())
        time.sleep(0.1)
        m.send_signal(sig)
        m.wait(timeout=10)
        check(m.returncode == 128 + sig, '%s of mtrace: exit %d (got %d)' % (sig.name, 128 + sig, m.returncode))
        check(wait_for(lambda: proc_status(child) is None or proc_status(child)['State'][0] in 'ZX'),
              '%s of mtrace: the command is killed' % sig.name)


def case_tracee(tmp):
    # The tracee closes its standard descriptors and dup2s a file over
    # them: mtrace's output (its own stderr, or -o) is not affected, and
    # the -o file is not among the tracee's descriptors (close-on-exec).
    out = os.path.join(tmp, 'fds.out')
    plain = run([prog('fdchaos'), out])
    plain_out = open(out).read()
    r = run([A.mtrace, prog('fdchaos'), out])
    err = text(r.stderr)
    check(r.returncode == plain.returncode == 3, 'fds 0-2 closed: exit 3 traced and untraced')
    check(re.search(r'^close\(2\) += 0$', err, re.M) and re.search(r'^dup2\(0, 2\) += 2$', err, re.M)
          and err.rstrip().endswith('+++ exited with 3 +++'), 'fds 0-2 closed: the trace on stderr is whole')
    check(open(out).read().split('fd ')[0] == plain_out.split('fd ')[0] == 'stdout\nstderr\n',
          'fds 0-2 closed: the program\'s own output as untraced')
    trace = os.path.join(tmp, 'fds.trace')
    r = run([A.mtrace, '-o', trace, prog('fdchaos'), out])
    fds = open(out).read()
    check(r.returncode == 3 and trace not in fds, '-o FILE is not inherited by the tracee (%s)'
          % re.findall(r'^fd .*$', fds, re.M))
    check(open(trace).read().rstrip().endswith('+++ exited with 3 +++'), 'fds 0-2 closed: the -o trace is whole')

    # Memory that is unmapped or rewritten by another thread while mtrace
    # reads it: addresses where it is gone, strings as they were, nothing
    # else.
    trace = os.path.join(tmp, 'unmap.trace')
    plain = run([prog('unmapper'), '3000'], timeout=120)
    t0 = time.time()
    r = run([A.mtrace, '-f', '-o', trace, prog('unmapper'), '3000'], timeout=120)
    data = open(trace, 'rb').read()
    check(r.returncode == plain.returncode == 0 and r.stdout == plain.stdout,
          'memory unmapped while read: exit 0 and output as untraced (%.1f s)' % (time.time() - t0))
    check(not raw_bytes(data), 'memory unmapped while read: the trace is printable')
    lines = data.decode().splitlines()
    writes = [l for l in lines if re.match(r'^\d+ +write\(3, ', l)]
    shapes = [l for l in writes if re.match(r'^\d+ +write\(3, (0x[0-9a-f]+|"[^"]*"\.\.\.), 65536', l)]
    check(writes and len(shapes) == len(writes), 'memory unmapped while read: %d writes, each an address or a '
          'string' % len(writes))
    check(lines[-1].endswith('+++ exited with 0 +++'), 'memory unmapped while read: ends with the exit')

    # A forged control-message length (sendmsg's cmsg_len near 2^64): the
    # decoder walked it for ever (found by fuzzing).
    t0 = time.time()
    r = run([A.mtrace, prog('cmsgloop')], timeout=30)
    check(r.returncode == 0 and time.time() - t0 < 10 and 'cmsg_len=18446744073709551609' in text(r.stderr),
          'forged cmsg_len: decoded once, in %.1f s' % (time.time() - t0))


def case_security(tmp):
    # Tracee bytes never reach the terminal raw: terminal escapes in data,
    # in a file name (-y), in argv, in text and in --json.
    d = os.path.join(tmp, 'esc')
    os.mkdir(d)
    arg = '\x1b[5mblink\x07\u202e'
    for opts in ([], ['-y'], ['-x'], ['-f', '-y', '-v']):
        r = run([A.mtrace, *opts, prog('escapes'), d, arg])
        bad_at = raw_bytes(r.stderr)
        check(r.returncode == 0 and not bad_at, 'escapes %s: no raw control byte in the trace (at %s)'
              % (' '.join(opts) or '(plain)', bad_at[:5]))
    r = run([A.mtrace, '-y', prog('escapes'), d, arg])
    err = text(r.stderr)
    check('\\33]0;pwned\\7\\33[2J\\33[31mRED\\r\\2331m\\177\\0tail' in err, 'escapes: the data escaped as strace')
    check('<%s/\\33[31mfile\\7\\74x\\76>' % d in err, 'escapes -y: the file name escaped as strace -y')
    check('"\\33[5mblink\\7\\342\\200\\256"' in err, 'escapes: argv escaped')
    r = run([A.mtrace, '--json', '-y', prog('escapes'), d, arg])
    ok = r.returncode == 0 and not raw_bytes(r.stderr)
    for line in text(r.stderr).splitlines():
        try:
            json.loads(line)
        except ValueError:
            ok = False
    check(ok, 'escapes --json: valid JSON lines, no raw control byte')

    # -k: module names come from /proc/PID/maps (file names), symbols from
    # the module: a program named with escapes.
    weird = os.path.join(d, 'tr\x1b[31mue')
    shutil.copy('/bin/true', weird)
    r = run([A.mtrace, '-k', '-e', 'trace=exit_group', weird])
    if r.returncode == 1 and b'no stack trace support' in r.stderr:
        print('skip -k: built without libunwind')
    else:
        check(r.returncode == 0 and not raw_bytes(r.stderr) and b'tr\\33[31mue(' in r.stderr,
              '-k: a module named with escapes is shown escaped')

    # A set-uid program is traced without its privilege: the kernel runs it
    # with the tracer's credentials when the tracer could not trace it
    # otherwise (no notice is printed, strace prints none either).
    nobody = as_nobody()
    idprog = shutil.which('id')
    if nobody and idprog:
        sdir = os.path.join(tmp, 'suid')
        os.mkdir(sdir)
        os.chmod(tmp, 0o755)
        os.chmod(sdir, 0o755)
        suid = os.path.join(sdir, 'id-suid')
        shutil.copy(idprog, suid)
        os.chown(suid, 0, 0)
        os.chmod(suid, 0o4755)
        plain = run([*nobody, suid, '-u'])
        if text(plain.stdout).strip() != '0':
            print('note: set-uid has no effect here (nosuid mount?): %r' % text(plain.stdout))
        else:
            r = run([*nobody, A.mtrace, '-o', os.devnull, suid, '-u'])
            check(r.returncode == 0 and text(r.stdout).strip() == '65534',
                  'set-uid program traced by an unprivileged mtrace runs unprivileged (euid %r)'
                  % text(r.stdout).strip())
    else:
        print('skip set-uid: needs root and setpriv')

    # -o and symbolic links. As root, the last component is not followed
    # (a link planted where root writes its trace, say in /tmp, would have
    # its target truncated), whatever fs.protected_symlinks says, except
    # /dev/* and /proc/self/fd/* (/dev/stderr is a link); as another user,
    # followed like strace.
    victim = os.path.join(tmp, 'victim')
    with open(victim, 'w') as f:
        f.write('precious\n')
    if os.getuid() == 0:
        sticky = os.path.join(tmp, 'sticky')
        os.mkdir(sticky)
        os.chmod(sticky, 0o1777)
        link = os.path.join(sticky, 'trace')
        os.symlink(victim, link)
        os.lchown(link, 65534, 65534)
        r = run([A.mtrace, '-o', link, '/bin/true'])
        check(r.returncode == 1 and open(victim).read() == 'precious\n' and
              text(r.stderr).startswith("mtrace: cannot open '%s': " % link),
              '-o a symlink planted in a sticky directory, as root: refused, target untouched (%r)'
              % text(r.stderr).strip())
        link = os.path.join(tmp, 'own-link')
        os.symlink(victim, link)
        r = run([A.mtrace, '-o', link, '/bin/true'])
        check(r.returncode == 1 and open(victim).read() == 'precious\n' and
              text(r.stderr).strip() == "mtrace: cannot open '%s': Too many levels of symbolic links "
              "(a symbolic link: not followed as root)" % link,
              '-o a symlink as root: refused, target untouched (%r)' % text(r.stderr).strip())
        r = run([A.mtrace, '-o', '/dev/stderr', '/bin/true'])
        check(r.returncode == 0 and text(r.stderr).startswith('execve("/bin/true"'),
              '-o /dev/stderr as root: still written (a link under /dev)')
    nobody = as_nobody()
    if nobody:
        home = os.path.join(tmp, 'nobody')
        os.mkdir(home)
        os.chmod(tmp, 0o755)
        os.chown(home, 65534, 65534)
        target = os.path.join(home, 'target')
        os.symlink(target, os.path.join(home, 'link'))
        r = run([*nobody, A.mtrace, '-o', os.path.join(home, 'link'), '/bin/true'])
        check(r.returncode == 0 and os.path.exists(target) and open(target).read().startswith('execve('),
              '-o a symlink as another user: followed, as strace')

    # No fixed-size buffer overflows (these run under the ASan build too):
    # argv of 100,000 arguments ...
    args = ['a%d' % i for i in range(100000)]
    r = run([A.mtrace, '-e', 'trace=execve', '/bin/true', *args])
    first = text(r.stderr).splitlines()[0] if r.stderr else ''
    check(r.returncode == 0 and first.startswith('execve("/bin/true", ["/bin/true", "a0", ') and
          first.endswith('= 0') and '...]' in first and len(first) < 2000,
          '100,000 arguments: the execve line cut after -s arguments (%d bytes)' % len(first))
    r = run([A.mtrace, '-v', '-e', 'trace=execve', '/bin/true', *args])
    first = text(r.stderr).splitlines()[0] if r.stderr else ''
    # (-v shows at most 65536 elements of an array: a bound against forged
    # counts and unterminated vectors)
    check(r.returncode == 0 and '"a65534", ...]' in first,
          '100,000 arguments with -v: 65536 shown, then ... (%d bytes)' % len(first))
    # ... paths of PATH_MAX and more, and a working directory deeper than
    # PATH_MAX (components of 255 bytes) ...
    deep = os.path.join(tmp, 'deep')
    os.mkdir(deep)
    fd = os.open(deep, os.O_RDONLY)
    comp = 'd' * 255
    for _ in range(20):
        os.mkdir(comp, dir_fd=fd)
        nfd = os.open(comp, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nfd
    os.close(fd)
    long1 = ('/' + 'p' * 254) * 16 + '/' + 'p' * 14   # 4095 bytes, components of 254
    long2 = ('/' + 'q' * 254) * 20                     # 5100 bytes
    script = 'cd %s && %s; pwd; ls -la . >/dev/null; cat %s %s; exit 0' % (
        deep, ' && '.join(['cd ' + comp] * 20), long1, long2)
    plain = run(['sh', '-c', script])
    r = run([A.mtrace, '-f', '-y', '-s', '10000', 'sh', '-c', script])
    err = text(r.stderr)
    check(r.returncode == plain.returncode and r.stdout == plain.stdout,
          'paths over PATH_MAX: the program behaves as untraced')
    check(re.search(r'openat\(AT_FDCWD[^,]*, "%s", O_RDONLY\) += -1 ENOENT' % long1, err) and
          re.search(r'openat\(AT_FDCWD[^,]*, "%s"\.\.\., O_RDONLY\) += -1 ENAMETOOLONG' % long2[:4095], err),
          'paths of 4095 and 5100 bytes: the first whole, the second cut at PATH_MAX - 1 bytes')
    # ... and I/O vectors at and past every limit.
    plain = run([prog('hugeiov')])
    for opts in ([], ['-v'], ['-s', '100000']):
        r = run([A.mtrace, *opts, prog('hugeiov')])
        lines = [l for l in text(r.stderr).splitlines() if re.match(r'^(writev|readv)\(', l)]
        check(r.returncode == plain.returncode == 0 and r.stdout == plain.stdout and len(lines) == 4 and
              max(map(len, lines)) < 200000,
              'huge I/O vectors %s: 4 lines, longest %d bytes' % (' '.join(opts), max(map(len, lines or ['']))))


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', required=True)
    p.add_argument('--e2e-programs', required=True)
    p.add_argument('case', choices=['cli', 'output', 'process', 'tracee', 'security'])
    A = p.parse_args()
    for k in ('mtrace', 'programs', 'e2e_programs'):
        setattr(A, k, os.path.abspath(getattr(A, k)))
    with tempfile.TemporaryDirectory(prefix='mtrace-badinput-') as tmp:
        globals()['case_' + A.case](tmp)
    print('%d checks failed' % len(failures) if failures else 'all checks passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

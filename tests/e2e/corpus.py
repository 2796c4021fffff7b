#!/usr/bin/env python3
"""Differential corpus: trace real programs nobody here wrote (coreutils,
tar, gzip, shells, python, gcc, make) and the e2e test programs with
`strace -f -qq -o A` and `mtrace -f -qq -o B`, and compare the two traces
per process with tracecmp (pids and addresses normalized).

usage: corpus.py --mtrace BIN --programs DIR [--only NAME,...] [--diff]
                 [--self] [--keep DIR]

Each program runs in a scratch directory whose contents are rebuilt
identically (same names, same bytes, same times) before each of the two
runs, so both tracers see the same paths and the same file system.

Prints a table (program, lines, identical %) and the total. Exit 0 if the
total is at least 98% identical, 1 if not, 77 if strace is missing.

--diff prints the differing lines of every program; --self compares strace
with strace instead (what is left then is run-to-run noise the
normalizations below miss).

Noise no normalization removes, a line or two here and there (strace
against strace shows it too): where a SIGCHLD lands relative to wait4 and
the calls around it (scheduling); an extra getrandom(8, GRND_NONBLOCK)
when mkstemp's random name needs more bits; the sizes glibc's malloc
trims thread arenas to (they follow the arena's address); whether a
pthread_join finds its thread already gone (no futex wait); whether a
process killed in a blocking call is seen to leave the call (pause() = ?).

The real programs' own total is printed too: the threads test program's
8000 identical getppid lines weigh a lot in the overall one."""
import argparse
import difflib
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
MIN_IDENTICAL = 0.98
# One fixed time for every file the corpus creates (ls -la, tar and gzip
# put file times in their output).
FIXED_TIME = 1700000000

FILES = {
    'tree/a.txt': 'alpha\nbeta\ngamma\n',
    'tree/b.txt': 'one line\n',
    'tree/sub/c.txt': 'deeper\n',
    'tree/sub/d.dat': '\x00\x01\x02binary\xff\n',
    'tree/sub/deep/e.txt': 'deepest\n',
    'words.txt': 'pear\napple\nfig\nbanana\napple\ncherry\n',
    'copy.txt': 'to be moved\n',
    'gz.txt': 'compress me\n' * 50,
    'rmdir/x': 'x\n',
    'rmdir/y/z': 'z\n',
    'hello.c': '#include <stdio.h>\nint main(void)\n{\n\tputs("hello");\n\treturn 0;\n}\n',
    'Makefile': ('all: out.txt\n\t@cat out.txt\n\n'
                 'out.txt: words.txt\n\tsort words.txt > out.txt\n\techo done >> out.txt\n\n'
                 'clean:\n\trm -f out.txt\n'),
    'script.sh': ('x=1\nfor w in a b c; do x=$((x + 1)); echo "$w $x"; done\n'
                  'cat words.txt | sort | head -n 2\n(echo sub; exit 3) || echo "status $?"\n'
                  'test -d tree && echo dir\n'),
    'script.bash': ('declare -a arr=(3 1 2)\nfor i in "${arr[@]}"; do echo "item $i"; done\n'
                    'echo "$(ls tree | wc -l) entries"\n[[ -f words.txt ]] && echo file\n'
                    'read -r first < words.txt; echo "first=$first"\n'),
}

PY_JOB = ('import json, os\n'
          'd = {"name": "corpus", "items": [1, 2, 3], "nested": {"ok": True}}\n'
          'with open("out.json", "w") as f:\n'
          '    json.dump(d, f, sort_keys=True)\n'
          'print(os.path.getsize("out.json"))\n')


# Sockets, select and poll through python's standard library.
PY_NET = ('import os, select, socket\n'
          'a, b = socket.socketpair()\n'
          'a.sendall(b"ping")\n'
          'print(select.select([b], [], [], 1.0)[0] == [b], b.recv(16))\n'
          'p = select.poll(); p.register(a, select.POLLOUT); print(p.poll(100))\n'
          'u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n'
          'u.bind("sock"); print(u.getsockname())\n'
          'u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)\n'
          'print(u.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE))\n'
          'i = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n'
          'i.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n'
          'print(i.connect_ex(("127.0.0.1", 1)))\n'
          'e = select.epoll(); e.register(a.fileno(), select.EPOLLOUT); print(e.poll(0.1))\n'
          'os.unlink("sock")\n')


# Threads, a subprocess, a pipe, mmap'd file, select of a timeout.
PY_PROC = ('import mmap, os, subprocess, threading\n'
           'r = subprocess.run(["sh", "-c", "echo sub"], capture_output=True)\n'
           'print(r.stdout)\n'
           't = threading.Thread(target=lambda: os.getpid()); t.start(); t.join()\n'
           'with open("words.txt", "rb") as f:\n'
           '    m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ); print(m[:4]); m.close()\n'
           'rd, wr = os.pipe(); os.write(wr, b"z"); print(os.read(rd, 1))\n')


def build_fixture(work):
    """Rebuild work/ with FILES, a tar.gz of tree and gz.txt.gz, all at
    FIXED_TIME."""
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(os.path.join(work, 'tmp'))
    for name, text in FILES.items():
        path = os.path.join(work, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='latin-1') as f:
            f.write(text)
    os.makedirs(os.path.join(work, 'extract'))
    env = {'PATH': '/usr/bin:/bin', 'LC_ALL': 'C'}
    for path in walk(work):
        os.utime(path, (FIXED_TIME, FIXED_TIME))
    subprocess.run(['tar', '--sort=name', '--mtime=@%d' % FIXED_TIME, '--owner=0', '--group=0',
                    '-czf', 'in.tar.gz', 'tree'], cwd=work, env=env, check=True)
    subprocess.run(['gzip', '-n', '-k', '-c', 'gz.txt'], cwd=work, env=env, check=True,
                   stdout=open(os.path.join(work, 'in.gz'), 'wb'))
    for path in walk(work):
        os.utime(path, (FIXED_TIME, FIXED_TIME))


def walk(top):
    """Every path under top, deepest first, then top."""
    out = []
    for root, dirs, files in os.walk(top, topdown=False):
        out.extend(os.path.join(root, n) for n in files + dirs)
    out.append(top)
    return out


REAL_PROGRAMS = set()


def corpus(programs):
    """(name, argv) pairs; argv runs in the scratch directory."""
    py = shutil.which('python3', path='/usr/bin:/bin') or 'python3'
    cases = [
        ('ls', ['ls', '-la', 'tree', 'tree/sub']),
        ('cat', ['cat', 'tree/a.txt', 'tree/sub/d.dat']),
        ('cp', ['cp', 'tree/a.txt', 'copied.txt']),
        ('mv', ['mv', 'copy.txt', 'moved.txt']),
        ('rm', ['rm', '-r', 'rmdir']),
        ('find', ['find', 'tree', '-name', '*.txt']),
        ('tar-czf', ['tar', '-czf', 'out.tar.gz', 'tree']),
        ('tar-xzf', ['tar', '-xzf', 'in.tar.gz', '-C', 'extract']),
        ('gzip', ['gzip', 'gz.txt']),
        ('gunzip', ['gunzip', '-c', 'in.gz']),
        ('sort', ['sort', 'words.txt']),
        ('dash', ['dash', 'script.sh']),
        ('bash', ['bash', 'script.bash']),
        ('python3', [py, '-c', PY_JOB]),
        ('gcc', ['gcc', '-o', 'hello', 'hello.c']),
        ('make', ['make', '-s']),
        ('stat', ['stat', 'tree/a.txt', 'tree']),
        ('df', ['df', '-P', '.']),
        ('ln-readlink', ['sh', '-c', 'ln -s tree/a.txt link && readlink link && ls -l link']),
        ('touch-chmod', ['sh', '-c', 'touch -d @1700000000 t.txt && chmod 640 t.txt && '
                         'mkfifo fifo && mkdir -p d/e && rmdir d/e d']),
        ('uname-id', ['sh', '-c', 'uname -a; id -u; nproc']),
        ('sleep', ['sleep', '0.01']),
        ('dd', ['dd', 'if=words.txt', 'of=dd.out', 'bs=4', 'count=3', 'status=none']),
        ('xz', ['xz', '-k', '-T1', 'gz.txt']),
        ('python3-net', [py, '-c', PY_NET]),
        ('text-tools', ['sh', '-c', 'grep -rn a tree | sort | sed s/a/A/g | awk "{print \\$1}" | '
                        'tr a-z A-Z | head -n 3 | tail -n 2 | wc -l']),
        ('perl', ['perl', '-e', 'opendir(D, "tree"); print join(",", sort readdir(D)), "\\n"; '
                  'open(F, ">", "p.txt"); print F "x"; close(F); print -s "p.txt", "\\n"']),
        ('diff-md5', ['sh', '-c', 'diff tree/a.txt tree/b.txt; md5sum words.txt; du -s tree; '
                      'base64 words.txt | cksum']),
        ('bzip2', ['bzip2', '-k', 'words.txt']),
        ('timeout', ['timeout', '5', 'true']),
        ('nice-taskset', ['sh', '-c', 'nice -n 5 true; taskset -c 0 true; chrt -m >/dev/null; '
                          'ionice -c 3 true; ionice true']),
        ('flock', ['flock', 'words.txt', 'true']),
        ('getent', ['sh', '-c', 'getent passwd root; getent group root; whoami']),
        ('tty-stty', ['sh', '-c', 'tty; stty size; true'] ),
        ('python3-proc', [py, '-c', PY_PROC]),
        ('git', ['sh', '-c', 'git init -q repo && git -C repo status --short && git --version']),
        ('file', ['file', 'words.txt', 'in.gz', 'tree']),
        ('curl', ['sh', '-c', 'curl -s file://$HOME/words.txt']),
        ('openssl', ['openssl', 'version']),
        ('zip', ['sh', '-c', 'zip -q -X z.zip words.txt && unzip -l z.zip >/dev/null']),
        ('cmake', ['cmake', '--version']),
        ('ssh', ['ssh', '-V']),
    ]
    REAL_PROGRAMS.update(name for name, _ in cases)
    for name, args in [('fileops', ['fileops.txt']), ('signals', []), ('exitcode', ['3']),
                       ('threads', []), ('decoders', [])]:
        prog = os.path.join(programs, name)
        if os.path.exists(prog):
            cases.append((name, [prog, *args]))
    return cases


# ---- normalization ------------------------------------------------------
#
# Applied to both traces before tracecmp (which already names pids P1..,
# turns addresses of 5+ hex digits into ADDR, hides getrandom's bytes and
# si_utime/si_stime, and drops the padding before " = "). Each rule removes
# something that differs between two runs of the same program under the
# same tracer: none may hide a decoding difference, so every rule matches
# the value only, in the exact place strace prints it.
RULES = [
    # mkstemp() names (gcc's /tmp/ccXXXXXX.s, .o, .res ...): random.
    (re.compile(r'(/cc)[A-Za-z0-9]{6}(\.[a-z]+)'), r'\1XXXXXX\2'),
    # zip writes its archive to a mkstemp("ziXXXXXX") file first.
    (re.compile(r'"zi[A-Za-z0-9]{6}"'), r'"ziXXXXXX"'),
    # git init probes the file system with mkstemp(".git/tXXXXXX").
    (re.compile(r'(/\.git/t)[A-Za-z0-9]{6}"'), r'\1XXXXXX"'),
    # sysinfo(): uptime, load and free memory change from second to second.
    (re.compile(r'(uptime|freeram|sharedram|bufferram|freeswap|procs)=\d+'), r'\1=N'),
    (re.compile(r'loads=\[\d+, \d+, \d+\]'), 'loads=[N, N, N]'),
    # Times the kernel returns: tv_sec/tv_nsec of clock_gettime and the
    # time() family are the current time.
    (re.compile(r'(clock_gettime\(\w+, \{tv_sec=)\d+, tv_nsec=\d+'), r'\1S, tv_nsec=NS'),
    (re.compile(r'^(time\(NULL\) += )\d+'), r'\1T'),
    # CPU times used so far (getrusage) and of a dead child (SIGCHLD; tracecmp
    # hides the number, this the "/ * 0.01 s * /" that goes with it).
    (re.compile(r'(ru_[us]time=\{tv_sec=)\d+, tv_usec=\d+'), r'\1S, tv_usec=US'),
    (re.compile(r'(si_[us]time=\d+) /\* \d+\.\d\d s \*/'), r'\1'),
    # The time a poll, select or sleep had left when it returned.
    (re.compile(r'left \{tv_sec=\d+, tv_(n|u)sec=\d+\}'), r'left {tv_sec=S, tv_\1sec=NS}'),
    # epoll data the program did not set (stack garbage in the upper half
    # of u64) or set to a pointer: both change with ASLR.
    (re.compile(r'(u64=)\d{10,}'), r'\1U64'),
    # A port the kernel picked for an implicit bind (32768-60999).
    (re.compile(r'(sin6?_port=htons\()(3276[89]|327[7-9]\d|32[89]\d\d|3[3-9]\d{3}|[45]\d{4}|60\d{3})\)'),
     r'\1EPHEMERAL)'),
    # Absolute timeouts of FUTEX_WAIT_BITSET (pthread condition waits):
    # a point on the monotonic or real-time clock.
    (re.compile(r'^(futex\(0x[0-9a-f]+, FUTEX_WAIT_BITSET\w*(?:\|FUTEX_CLOCK_REALTIME)?, \d+, '
                r'\{tv_sec=)\d+, tv_nsec=\d+'), r'\1S, tv_nsec=NS'),
    # /proc/self/maps read back: its addresses move with ASLR.
    (re.compile(r'^(read\(\d+, )"[0-9a-f]{8,}-[0-9a-f]{8,} [^"]*"'), r'\1"MAPS"'),
    # statfs(): free blocks and inodes change with whatever else writes to
    # the file system in between.
    (re.compile(r'\b(f_bfree|f_bavail|f_ffree)=\d+'), r'\1=N'),
]


FUTEX_TID = re.compile(r'^(futex\(0x[0-9a-f]+, FUTEX_WAIT\w*(?:\|FUTEX_CLOCK_REALTIME)?, )(\d+)')


RANDOM_OPEN = re.compile(r'^open(?:at)?\(.*"/dev/u?random".* = (\d+)$')


def random_reads(lines):
    """Bytes read from /dev/urandom or /dev/random (perl seeds its hash
    this way): random by definition. Follows the descriptor from its open
    to its close, in one process's lines."""
    fds, out = set(), []
    for line in lines:
        m = RANDOM_OPEN.match(line)
        if m:
            fds.add(m.group(1))
        m = re.match(r'^(read\((\d+), )"[^"]*"(\.\.\.)?', line)
        if m and m.group(2) in fds:
            line = m.group(1) + '"RANDOM"' + line[m.end():]
        m = re.match(r'^close\((\d+)\)', line)
        if m:
            fds.discard(m.group(1))
        out.append(line)
    return out


RESULT = re.compile(r'\) += (?=-?\d|0x[0-9a-f]|\?)')


def normalize_line(line):
    # The padding before " = " (tracecmp's own rule misses a result note
    # holding "=", as poll's "= 1 ([{fd=3, revents=POLLIN}])"): the last
    # ") = value" is the result.
    last = None
    for last in RESULT.finditer(line):
        pass
    if last:
        line = line[:last.start()] + ') = ' + line[last.end():]
    for pat, rep in RULES:
        line = pat.sub(rep, line)
    return line


def compare(reference, candidate):
    """tracecmp.compare() with RULES applied to the joined lines first:
    (identical, total, diff_text)."""
    def prepare(text):
        procs = tracecmp.per_process(text)

        # pthread_join() waits on the thread's tid: futex(&tid, FUTEX_WAIT*,
        # TID, ...) holds a pid where tracecmp does not look for one.
        def tid(m):
            return m.group(1) + ('TID' if int(m.group(2)) in procs else m.group(2))
        return tracecmp.normalize({pid: random_reads([FUTEX_TID.sub(tid, normalize_line(l))
                                                      for l in lines])
                                   for pid, lines in procs.items()})
    ref, cand = prepare(reference), prepare(candidate)
    identical = total = 0
    diffs = []
    for i in range(max(len(ref), len(cand))):
        a = ref[i] if i < len(ref) else []
        b = cand[i] if i < len(cand) else []
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        identical += sum(block.size for block in sm.get_matching_blocks())
        total += max(len(a), len(b))
        if a != b:
            diffs.extend(difflib.unified_diff(a, b, 'strace P%d' % (i + 1),
                                              'mtrace P%d' % (i + 1), lineterm='', n=0))
    return identical, total, '\n'.join(diffs)


# ---- running ------------------------------------------------------------

def tracer_env(work):
    """A small fixed environment: both tracers pass it to the program
    unchanged (execve shows its size)."""
    env = {
        'PATH': '/usr/local/bin:/usr/bin:/bin',
        'HOME': work,
        'LC_ALL': 'C',
        'TZ': 'UTC',
        'TMPDIR': os.path.join(work, 'tmp'),
        'TERM': 'dumb',
    }
    # mtrace's kernel-feature switches (the fallback paths), given to
    # both runs so that the programs see the same environment.
    if 'MTRACE_DISABLE' in os.environ:
        env['MTRACE_DISABLE'] = os.environ['MTRACE_DISABLE']
    return env


def run_traced(cmd, work, out):
    build_fixture(work)
    r = subprocess.run(cmd, cwd=work, env=tracer_env(work), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    try:
        with open(out, encoding='utf-8', errors='surrogateescape') as f:
            text = f.read()
    except OSError:
        text = ''
    return r.returncode, text, r.stderr.decode(errors='replace')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', default='')
    p.add_argument('--only', default='')
    p.add_argument('--diff', action='store_true')
    p.add_argument('--self', action='store_true', help='strace against strace')
    p.add_argument('--keep', default='', help='copy the raw traces here')
    a = p.parse_args()
    strace = shutil.which('strace')
    if not strace:
        print('strace is not installed: skipping the corpus')
        return SKIP
    mtrace = os.path.abspath(a.mtrace)
    why = tracecmp.bpf_engine_missing(mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    # The same options for both; an mtrace without -qq (it keeps the
    # "+++ exited" lines strace -qq leaves out) gets -f alone.
    helptext = subprocess.run([mtrace, '--help'], capture_output=True, text=True).stdout
    opts = ['-f', '-qq'] if '-qq' in helptext else ['-f']
    only = set(filter(None, a.only.split(',')))
    start = time.monotonic()
    rows, failures = [], []
    with tempfile.TemporaryDirectory(prefix='mtrace-corpus-') as tmp:
        work = os.path.join(tmp, 'work')
        for name, argv in corpus(os.path.abspath(a.programs) if a.programs else ''):
            if only and name not in only:
                continue
            ref_out, got_out = os.path.join(tmp, name + '.A'), os.path.join(tmp, name + '.B')
            rc_s, ref, _ = run_traced([strace, '-f', '-qq', '-o', ref_out, *argv], work, ref_out)
            if a.self:
                rc_m, got, err = run_traced([strace, '-f', '-qq', '-o', got_out, *argv], work,
                                            got_out)
            else:
                rc_m, got, err = run_traced([mtrace, *opts, '-o', got_out, *argv], work, got_out)
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                shutil.copy(ref_out, os.path.join(a.keep, name + '.strace'))
                if os.path.exists(got_out):
                    shutil.copy(got_out, os.path.join(a.keep, name + '.mtrace'))
            if rc_m != rc_s:
                failures.append('%s: mtrace exits %d, strace %d (%s)' %
                                (name, rc_m, rc_s, err.strip()[:200]))
            same, total, diff = compare(ref, got)
            rows.append((name, total, same))
            if a.diff and diff:
                print('==== %s' % name)
                print(diff)
    width = max([len(r[0]) for r in rows] + [7])
    print('%-*s %7s %10s' % (width, 'program', 'lines', 'identical'))
    for name, total, same in rows:
        print('%-*s %7d %9.1f%%' % (width, name, total, 100.0 * same / total if total else 0))
    real = [r for r in rows if r[0] in REAL_PROGRAMS]
    real_total, real_same = sum(r[1] for r in real), sum(r[2] for r in real)
    if real and len(real) != len(rows):
        print('%-*s %7d %9.1f%%' % (width, 'real programs', real_total,
                                    100.0 * real_same / real_total if real_total else 0))
    all_total = sum(r[1] for r in rows)
    all_same = sum(r[2] for r in rows)
    share = all_same / all_total if all_total else 0.0
    print('%-*s %7d %9.1f%%' % (width, 'TOTAL', all_total, 100 * share))
    print('(%.1f s)' % (time.monotonic() - start))
    for f in failures:
        print('FAIL ' + f)
    if share < MIN_IDENTICAL:
        print('FAIL total below %.0f%% identical' % (100 * MIN_IDENTICAL))
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

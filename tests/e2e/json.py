#!/usr/bin/env python3
"""End-to-end test of --json (JSON Lines, docs/json.md): every line of every
trace parses with a real JSON parser and follows the schema of its event
type; the reference story is there with typed values; and per process, the
calls and their results are those of the text output of the same program.

usage: json.py --mtrace BIN --programs DIR --data DIR
Exit 0 pass, 1 fail, 77 skip (this mtrace has no --json)."""
import os
import sys

# This file is json.py: take its directory off the path so that "import
# json" is the standard library's, then put it back last for tracecmp.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or '.') != HERE]
import argparse  # noqa: E402
import difflib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

sys.path.append(HERE)
import tracecmp  # noqa: E402

SKIP = 77
SEIZE = 'seize' not in os.environ.get('MTRACE_DISABLE', '')
failures = []
START = time.time()


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


# ---- schema ----

HEX = re.compile(r'^0x[0-9a-f]+$')
COMMON = {'type', 'pid', 'time'}
KEYS = {  # type: (required, optional)
    'syscall': ({'arch', 'nr', 'name', 'args', 'ret'},
                {'errno', 'error', 'duration', 'unfinished', 'detached', 'resumed', 'stack', 'ret_fd',
                 'injected', 'delayed', 'poked'}),
    'signal': ({'signal', 'siginfo'}, {'stack'}),
    'stop': ({'signal'}, set()),
    'exit': ({'status'}, set()),
    'killed': ({'signal', 'core_dumped'}, set()),
    'attach': ({'by_user'}, set()),
    'detach': (set(), set()),
    'superseded': ({'by'}, set()),
    'lost': ({'records', 'unseen'}, set()),
}


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_signal(v):
    return (isinstance(v, str) and v.startswith('SIG')) or is_int(v)


def value_errors(v, where):
    """Problems in a decoded value: only integers (never floats), strings,
    null, arrays, objects; the typed objects well formed."""
    errs = []
    if isinstance(v, float):
        errs.append('%s: a float %r' % (where, v))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            errs += value_errors(x, '%s[%d]' % (where, i))
    elif isinstance(v, dict):
        keys = set(v)
        if keys in ({'raw', 'names'}, {'raw', 'names', 'rest'}):
            if not (is_int(v['raw']) and isinstance(v['names'], list)
                    and all(isinstance(n, str) for n in v['names'])
                    and is_int(v.get('rest', 0)) and v.get('rest', 1) != 0):
                errs.append('%s: bad flags %r' % (where, v))
        elif keys == {'raw', 'unknown'}:
            if not (is_int(v['raw']) and (v['unknown'] is None or isinstance(v['unknown'], str))):
                errs.append('%s: bad unknown symbol %r' % (where, v))
        elif keys == {'str', 'truncated'}:
            if not (isinstance(v['str'], str) and v['truncated'] is True):
                errs.append('%s: bad truncated string %r' % (where, v))
        elif keys == {'expr'}:
            if not isinstance(v['expr'], str):
                errs.append('%s: bad expr %r' % (where, v))
        elif keys == {'value', 'comment'}:
            if not isinstance(v['comment'], str):
                errs.append('%s: bad comment %r' % (where, v))
        elif {'fd', 'path'} <= keys <= {'fd', 'path', 'deleted', 'socket', 'device', 'pid'}:
            # -y, -yy: a descriptor and what it refers to
            if not (isinstance(v['path'], str) and v.get('deleted', True) is True
                    and isinstance(v.get('socket', ''), str) and isinstance(v.get('device', ''), str)
                    and is_int(v.get('pid', 0))):
                errs.append('%s: bad descriptor %r' % (where, v))
            keys = keys - {'deleted'}
        elif keys == {'all_but'}:
            if not isinstance(v['all_but'], list):
                errs.append('%s: bad all_but %r' % (where, v))
        for k, x in v.items():
            if k not in keys and k != '...':
                continue
            if k == '...' and x is True:
                continue
            if k == 'truncated':
                continue
            errs += value_errors(x, '%s.%s' % (where, k))
    elif isinstance(v, str):
        if any(ord(c) > 0xff for c in v):
            errs.append('%s: a code point above U+00FF in %r' % (where, v))
    elif isinstance(v, bool):
        errs.append('%s: a bare boolean' % where)
    elif not (v is None or is_int(v)):
        errs.append('%s: unexpected %r' % (where, v))
    return errs


def record_errors(r, now=True):
    t = r.get('type')
    if t not in KEYS:
        return ['unknown type %r' % t]
    required, optional = KEYS[t]
    errs = []
    keys = set(r)
    if not (COMMON | required) <= keys:
        errs.append('missing %s' % sorted((COMMON | required) - keys))
    if keys - COMMON - required - optional:
        errs.append('unexpected %s' % sorted(keys - COMMON - required - optional))
    # (a lost count is of no one process: pid 0)
    if not (is_int(r.get('pid')) and (r['pid'] > 0 or (r.get('type') == 'lost' and r['pid'] == 0))):
        errs.append('pid %r' % r.get('pid'))
    tm = r.get('time')
    if not (isinstance(tm, (int, float)) and tm > 0 and
            (not now or START - 5 < tm < time.time() + 5)):
        errs.append('time %r' % tm)
    if t == 'syscall':
        if not (r.get('arch') is None or isinstance(r.get('arch'), str)):
            errs.append('arch %r' % r.get('arch'))
        if not (is_int(r.get('nr')) and r['nr'] >= 0):
            errs.append('nr %r' % r.get('nr'))
        if not (r.get('name') is None or isinstance(r.get('name'), str)):
            errs.append('name %r' % r.get('name'))
        if not isinstance(r.get('args'), list):
            errs.append('args %r' % r.get('args'))
        else:
            errs += value_errors(r['args'], 'args')
        ret = r.get('ret')
        if not (ret is None or is_int(ret) or (isinstance(ret, str) and HEX.match(ret))
                or (isinstance(ret, dict) and set(ret) <= {'raw', 'names', 'rest'}
                    and not value_errors(ret, 'ret'))):
            errs.append('ret %r' % ret)
        if 'ret_fd' in r and not (isinstance(r['ret_fd'], dict) and r['ret_fd'].get('fd') == ret
                                  and not value_errors(r['ret_fd'], 'ret_fd')):
            errs.append('ret_fd %r' % r['ret_fd'])
        if ('errno' in r) != ('error' in r):
            errs.append('errno without error')
        if 'errno' in r and not (ret == -1 or ret is None):
            errs.append('failed with ret %r' % ret)
        ends = [k for k in ('unfinished', 'detached') if k in r]
        if ends and (ret is not None or r[ends[0]] is not True or len(ends) > 1 or 'duration' in r):
            errs.append('cut short, yet %r' % r)
        if not ends and not r.get('resumed') and not (
                isinstance(r.get('duration'), (int, float)) and r['duration'] >= 0):
            errs.append('duration %r' % r.get('duration'))
        if 'resumed' in r and r['resumed'] is not True:
            errs.append('resumed %r' % r['resumed'])
        for f in r.get('stack', []):
            if not (set(f) == {'module', 'symbol', 'offset', 'rel', 'ip'}
                    and HEX.match(f['ip']) and HEX.match(f['rel']) and is_int(f['offset'])):
                errs.append('frame %r' % f)
    elif t in ('signal', 'stop', 'killed') and not is_signal(r.get('signal')):
        errs.append('signal %r' % r.get('signal'))
    if t == 'signal' and not (isinstance(r.get('siginfo'), dict) and
                              r['siginfo'].get('si_signo') == r.get('signal')):
        errs.append('siginfo %r' % r.get('siginfo'))
    if t == 'exit' and not (is_int(r.get('status')) and 0 <= r['status'] <= 255):
        errs.append('status %r' % r.get('status'))
    if t == 'killed' and not isinstance(r.get('core_dumped'), bool):
        errs.append('core_dumped %r' % r.get('core_dumped'))
    if t == 'attach' and not isinstance(r.get('by_user'), bool):
        errs.append('by_user %r' % r.get('by_user'))
    if t == 'superseded' and not is_int(r.get('by')):
        errs.append('by %r' % r.get('by'))
    if t == 'lost' and not (is_int(r.get('records')) and is_int(r.get('unseen')) and
                            r['records'] >= 0 and r['unseen'] >= 0 and r['records'] + r['unseen'] > 0):
        errs.append('records %r, unseen %r' % (r.get('records'), r.get('unseen')))
    return errs


def load(path, name):
    """Parse every line (each must be one JSON object) and check its schema."""
    records, bad = [], []
    with open(path, 'rb') as f:
        raw = f.read()
    check(raw.endswith(b'\n') or not raw, '%s: ends with a newline' % name)
    for n, line in enumerate(raw.split(b'\n')[:-1], 1):
        try:
            r = json.loads(line.decode('ascii'))
        except (ValueError, UnicodeDecodeError) as e:
            bad.append('line %d: not JSON (%s): %r' % (n, e, line[:200]))
            continue
        if not isinstance(r, dict):
            bad.append('line %d: not an object' % n)
            continue
        bad += ['line %d: %s' % (n, e) for e in record_errors(r)]
        records.append(r)
    check(records and not bad, '%s: %d lines, all JSON objects of the schema %s'
          % (name, len(records), bad[:5]))
    return records


# ---- the same calls as the text output ----

# Results that differ from run to run: pids and addresses.
VOLATILE = {'clone', 'clone3', 'fork', 'vfork', 'wait4', 'waitid', 'getpid', 'getppid',
            'gettid', 'set_tid_address', 'rt_sigreturn', 'mmap', 'brk', 'mremap', 'shmat',
            'getrandom'}
TEXT_CALL = re.compile(r'^(?:<\.\.\. (\w+) resumed>|(\w+)\().*\) += (\S+)')


def text_result(tok):
    if tok == '?':
        return None
    if re.match(r'^0[0-7]+$', tok):
        return int(tok, 8)
    return int(tok, 0)


def json_result(ret):
    if isinstance(ret, dict):
        return ret['raw']
    if isinstance(ret, str):
        return int(ret, 16)
    return ret


def text_calls(path):
    """[[(name, result), ...] per process in pid order] from -f -o text."""
    out = []
    procs = tracecmp.per_process(open(path).read())
    for pid in tracecmp.pid_order(procs):
        calls = []
        for line in procs[pid]:
            m = TEXT_CALL.match(line)
            if m:
                calls.append((m.group(1) or m.group(2), text_result(m.group(3))))
        out.append(calls)
    return out


def json_calls(records):
    procs = {r['pid']: [] for r in records}
    for r in records:
        if r['type'] == 'syscall':
            name = r['name'] or 'syscall_%#x' % r['nr']
            procs.setdefault(r['pid'], []).append((name, json_result(r['ret'])))
    return [procs[pid] for pid in tracecmp.pid_order(procs)]


def call_differences(text_path, records):
    """Where the calls per process differ: names, then results."""
    t, j = text_calls(text_path), json_calls(records)
    if len(t) != len(j):
        return ['%d processes in the text, %d in the JSON' % (len(t), len(j))]
    # Where a SIGKILL stops a process depends on the run (signals: the
    # child may not have left its write yet).
    pids = sorted({r['pid'] for r in records})
    killed = {pids.index(r['pid']) for r in records
              if r['type'] == 'killed' and r['signal'] == 'SIGKILL'}
    out = []
    for i, (a, b) in enumerate(zip(t, j)):
        if i in killed:
            continue
        names_a, names_b = [c[0] for c in a], [c[0] for c in b]
        if names_a != names_b:
            out.append('P%d calls differ:\n' % (i + 1) + '\n'.join(
                difflib.unified_diff(names_a, names_b, 'text', 'json', lineterm='', n=1)))
            continue
        diff = [(x, y) for x, y in zip(a, b) if x[0] not in VOLATILE and x != y]
        if diff:
            out.append('P%d results differ: %s' % (i + 1, diff[:3]))
    return out


def trace(name, args, tmp, opts=('-f',), cwd=None, code=0, text=True):
    """Trace with --json and check every line; with text, trace again in
    text and compare the calls and results per process. Two runs of a
    program can differ by scheduling (a SIGCHLD before or after a wait4),
    so a difference is retried twice: a real one shows every time."""
    jpath = os.path.join(tmp, name + '.jsonl')
    for attempt in range(3 if text else 1):
        r = run([A.mtrace, '--json', *opts, '-o', jpath, *args], cwd=cwd)
        check(r.returncode == code,
              '%s: exit %d (got %d) %s' % (name, code, r.returncode, r.stderr[-200:]))
        check(r.stderr == '', '%s: nothing on stderr with --json -o (%r)' % (name, r.stderr[:200]))
        records = load(jpath, name)
        if not text:
            break
        tpath = os.path.join(tmp, name + '.text')
        run([A.mtrace, *opts, '-o', tpath, *args], cwd=cwd)
        diff = call_differences(tpath, records)
        if not diff:
            break
        print('%s, attempt %d: %s' % (name, attempt + 1, '\n'.join(diff)))
    if text:
        check(not diff, '%s: per process, the calls and results of the text output' % name)
    return records


def calls(records, name=None, pid=None):
    return [r for r in records if r['type'] == 'syscall' and (name is None or r['name'] == name)
            and (pid is None or r['pid'] == pid)]


def of_type(records, t):
    return [r for r in records if r['type'] == t]


# ---- cases ----

def case_reference(tmp):
    recs = trace('reference', ['/bin/sh', './test-minimal'], tmp, cwd=A.data)
    first = recs[0] if recs else {}
    check(first.get('name') == 'execve' and first.get('args', [None])[0] == '/bin/sh'
          and first['args'][1] == ['/bin/sh', './test-minimal'] and first.get('ret') == 0
          and isinstance(first.get('arch'), str),
          'reference: first, execve("/bin/sh", ["/bin/sh", "./test-minimal"], ...) = 0')
    env = first.get('args', [None, None, None])[2]
    check(isinstance(env, dict) and re.match(r'^\d+ vars?$', env.get('comment', '')) is not None
          and HEX.match(env.get('value', '')) is not None,
          'reference: envp is {"value": "0x...", "comment": "N vars"} (%r)' % (env,))
    opens = [r for r in calls(recs, 'openat') if r['args'][1] == '/tmp/parent.txt']
    check(len(opens) == 1, 'reference: one openat of /tmp/parent.txt')
    for o in opens:
        check(o['args'][0] == 'AT_FDCWD', 'openat: dirfd "AT_FDCWD"')
        check(o['args'][2] == {'raw': 0o1101, 'names': ['O_WRONLY', 'O_CREAT', 'O_TRUNC']},
              'openat: flags {"raw": 577, "names": [O_WRONLY, O_CREAT, O_TRUNC]} (%r)' % o['args'][2])
        check(o['args'][3] == 0o666, 'openat: mode 0o666 as a number (%r)' % o['args'][3])
        check(o['ret'] == 3 and 'errno' not in o, 'openat: ret 3')
    echo = [r for r in calls(recs, 'execve') if r['args'][0] == '/bin/echo']
    check([r['args'][1] for r in echo] == [['/bin/echo', 'Write', 'from', 'parent'],
                                          ['/bin/echo', 'Write', 'from', 'child']],
          'reference: execve of /bin/echo with argv arrays')
    writes = [r for r in calls(recs, 'write') if r['args'][0] == 1]
    check(any(w['args'][1] == 'Write from parent\n' and w['args'][2] == 18 and w['ret'] == 18
              for w in writes), 'reference: write(1, "Write from parent\\n", 18) = 18')
    check(any(w['args'][1] == 'Write from child\n' and w['ret'] == 17 for w in writes),
          'reference: write(1, "Write from child\\n", 17) = 17')
    pids = sorted({r['pid'] for r in recs})
    exits = of_type(recs, 'exit')
    check(len(pids) == 3 and sorted(e['pid'] for e in exits) == pids
          and all(e['status'] == 0 for e in exits), 'reference: 3 processes, each exit status 0')
    for e in exits:
        last = calls(recs, pid=e['pid'])[-1]
        check(last['name'] == 'exit_group' and last['ret'] is None and last.get('unfinished') is True
              and last['args'] == [0] and recs.index(last) < recs.index(e),
              'reference: pid %d ends with exit_group(0), "unfinished", before its exit' % e['pid'])
    attach = of_type(recs, 'attach')
    check(sorted(a['pid'] for a in attach) == pids[1:] and not any(a['by_user'] for a in attach),
          'reference: the two children attach, not by the user')
    sigs = of_type(recs, 'signal')
    check(len(sigs) == 2 and all(s['signal'] == 'SIGCHLD' and s['pid'] == pids[0] for s in sigs),
          'reference: the shell gets SIGCHLD twice')
    for s in sigs:
        si = s['siginfo']
        check(si.get('si_signo') == 'SIGCHLD' and si.get('si_code') == 'CLD_EXITED'
              and si.get('si_pid') in pids[1:] and si.get('si_status') == 0
              and is_int(si.get('si_uid')), 'SIGCHLD siginfo %r' % si)
    waits = [r for r in calls(recs, 'wait4', pids[0]) if r['ret'] in pids[1:]]
    check(len(waits) == 2 and all(w['args'][1] == [{'expr': '{WIFEXITED(s) && WEXITSTATUS(s) == 0}'}]
                                  for w in waits), 'reference: wait4 reaps both, status expr')
    dup = [r for r in calls(recs, 'dup2') if r['args'] == [3, 1]]
    check(len(dup) >= 1 and dup[0]['ret'] == 1, 'reference: dup2(3, 1) = 1')
    failed = [r for r in calls(recs) if 'errno' in r]
    check(failed and all(r['ret'] == -1 and r['errno'] == 'ENOENT' and r['error'] ==
                         'No such file or directory' for r in failed if r['name'] == 'access'),
          'reference: failed calls carry errno and error')
    times = [r['time'] for r in recs]
    check(all(START - 5 < t < time.time() + 1 for t in times), 'reference: times are now')

    # -ff -o: one file per process, each its own pid only.
    base = os.path.join(tmp, 'ff')
    r = run([A.mtrace, '--json', '-ff', '-o', base, '/bin/sh', './test-minimal'], cwd=A.data)
    check(r.returncode == 0, '-ff: exit 0')
    files = sorted(f for f in os.listdir(tmp) if f.startswith('ff.'))
    check(len(files) == 3, '--json -ff -o writes 3 files (got %d)' % len(files))
    for f in files:
        recs = load(os.path.join(tmp, f), '-ff ' + f)
        check({r['pid'] for r in recs} == {int(f.split('.')[1])}, '-ff %s: only its own pid' % f)
        check(recs and recs[-1]['type'] == 'exit', '-ff %s: ends with the exit' % f)

    # Without -o: the objects go to stderr, nothing else there.
    r = run([A.mtrace, '--json', '-f', '/bin/sh', './test-minimal'], cwd=A.data)
    lines = r.stderr.splitlines()
    ok = True
    for line in lines:
        try:
            ok = ok and isinstance(json.loads(line), dict)
        except ValueError:
            ok = False
    check(r.returncode == 0 and lines and ok, '--json on stderr: JSON lines only')


def case_bytes(tmp):
    """Hostile bytes round-trip: the string's code points are the bytes."""
    data = b'a\x00b\xff"\\\x01\x1b[0m\xe9\n'
    script = "printf 'a\\000b\\377\"\\\\\\001\\033[0m\\351\\n' > /dev/null"
    recs = trace('bytes', ['/bin/sh', '-c', script], tmp, opts=('-f', '-s', '64'))
    got = [r['args'][1] for r in calls(recs, 'write') if r['args'][0] == 1]
    check(len(got) == 1 and isinstance(got[0], str) and got[0].encode('latin-1') == data,
          'hostile bytes: write\'s buffer decodes (latin-1) to the bytes written (%r)' % got)
    raw = open(os.path.join(tmp, 'bytes.jsonl'), 'rb').read()
    check(all(0x20 <= b < 0x7f for b in raw.replace(b'\n', b'')), 'the output is printable ASCII')
    # -s cuts: {"str": ..., "truncated": true}
    recs = trace('bytes-cut', ['/bin/sh', '-c', script], tmp, opts=('-s', '4'), text=False)
    got = [r['args'][1] for r in calls(recs, 'write') if r['args'][0] == 1]
    check(got == [{'str': 'a\x00b\xff', 'truncated': True}], '-s 4: truncated string (%r)' % got)


def case_programs(tmp):
    f = os.path.join(tmp, 'fileops-data')
    recs = trace('fileops', [os.path.join(A.programs, 'fileops'), f], tmp)
    ops = calls(recs)
    check(any(r['name'] == 'openat' and r['args'][1] == '/nonexistent/mtrace' and r['ret'] == -1
              and r['errno'] == 'ENOENT' for r in ops), 'fileops: failed openat, errno ENOENT')
    check(any(r['name'] == 'read' and r['args'][1] == 'line one\nline two\n' and r['ret'] == 18
              for r in ops), 'fileops: read gives the string back')
    check(any(r['name'] == 'pipe2' and isinstance(r['args'][0], list) and len(r['args'][0]) == 2
              and r['args'][1] == {'raw': 0o2000000, 'names': ['O_CLOEXEC']} for r in ops),
          'fileops: pipe2([r, w], O_CLOEXEC)')
    check(any(r['name'] == 'close' and r['args'] == [-1] and r['errno'] == 'EBADF' for r in ops),
          'fileops: close(-1) EBADF')
    check(any(r['name'] == 'lseek' and r['args'][2] == 'SEEK_SET' for r in ops), 'fileops: SEEK_SET')

    recs = trace('signals', [os.path.join(A.programs, 'signals')], tmp)
    check(any(s['signal'] == 'SIGUSR1' and s['siginfo'].get('si_code') == 'SI_TKILL'
              for s in of_type(recs, 'signal')), 'signals: SIGUSR1 from tgkill')
    check(any(k['signal'] == 'SIGKILL' and k['core_dumped'] is False for k in of_type(recs, 'killed')),
          'signals: a child killed by SIGKILL')
    check(any(e['status'] == 3 for e in of_type(recs, 'exit')), 'signals: a child exits with 3')
    killed = [k['pid'] for k in of_type(recs, 'killed')]
    last = calls(recs, pid=killed[0])[-1:] if killed else []
    # Killed in pause(), or (traced, racing) still in or just out of its write.
    check(last and (last[0]['name'], last[0]['ret'], last[0].get('unfinished')) in
          (('pause', None, True), ('write', None, True), ('write', 1, None)),
          'signals: the killed child ends in pause or write (%s)' % last)

    recs = trace('exitcode', [os.path.join(A.programs, 'exitcode'), '7'], tmp, code=7)
    check([e['status'] for e in of_type(recs, 'exit')] == [7], 'exitcode: status 7')
    recs = trace('segv', [os.path.join(A.programs, 'exitcode'), 'segv'], tmp, code=-11)
    check([k['signal'] for k in of_type(recs, 'killed')] == ['SIGSEGV'], 'segv: killed by SIGSEGV')
    check(any(s['signal'] == 'SIGSEGV' and s['siginfo'].get('si_code') == 'SEGV_MAPERR'
              and s['siginfo'].get('si_addr') == '0x8' for s in of_type(recs, 'signal')),
          'segv: siginfo si_addr "0x8"')

    # Stops and restarts (timing-dependent: no comparison with text).
    recs = trace('stopcont', [os.path.join(A.programs, 'stopcont')], tmp, text=False)
    stops = of_type(recs, 'stop')
    check(any(s['signal'] == 'SIGSTOP' for s in stops) or not SEIZE, 'stopcont: stopped by SIGSTOP')
    check(any(r['name'] == 'restart_syscall' for r in calls(recs)), 'stopcont: restart_syscall')
    restarts = [r for r in calls(recs) if r.get('errno', '').startswith('ERESTART')]
    check(restarts and all(r['ret'] is None for r in restarts), 'stopcont: ERESTART* calls have ret null')

    # Threads: every marker call seen once, and a thread's execve.
    recs = trace('threads', [os.path.join(A.programs, 'threads')], tmp,
                 opts=('-f', '-e', 'trace=getppid'), text=False)
    per = {}
    for r in calls(recs, 'getppid'):
        per[r['pid']] = per.get(r['pid'], 0) + 1
    check(sorted(per.values()) == [1000] * 8, 'threads: 8 x 1000 getppid (%s)' % sorted(per.values()))
    recs = trace('execthread', [os.path.join(A.programs, 'execthread'), '/bin/true'], tmp,
                 text=False)
    sup = of_type(recs, 'superseded')
    check(len(sup) == 1 and sup[0]['by'] != sup[0]['pid'], 'execthread: one superseded object')
    if sup:
        leader = sup[0]['pid']
        ex = [r for r in calls(recs, 'execve', leader) if r['args'][0] == '/bin/true']
        check(len(ex) == 1 and ex[0]['ret'] == 0 and recs.index(ex[0]) > recs.index(sup[0]),
              'execthread: the thread\'s execve returns 0 under the leader\'s pid, after it')
        check(not [r for r in calls(recs, pid=sup[0]['by']) if r['name'] == 'execve'],
              'execthread: no execve left under the thread\'s own id')


def case_fds(tmp):
    """-yy: descriptors as objects, a returned one as ret_fd (the ptrace
    engine: the BPF engine does not do -y, and auto takes ptrace then)."""
    gone = os.path.join(tmp, 'gone')
    prog = ('import os, socket; a, b = socket.socketpair(); a.send(b"x"); '
            'fd = os.open("/dev/null", os.O_WRONLY); os.write(fd, b"z"); '
            'g = os.open(%r, os.O_CREAT | os.O_WRONLY); os.unlink(%r); os.write(g, b"q")' % (gone, gone))
    recs = trace('fds', ['/usr/bin/python3', '-c', prog], tmp, opts=('-yy',), text=False)
    opened = [r.get('ret_fd') for r in calls(recs, 'openat') if r['args'][1] == '/dev/null']
    check(opened == [{'fd': opened[0]['fd'], 'path': '/dev/null', 'device': 'char 1:3'}] if opened else False,
          '-yy: openat\'s ret_fd of /dev/null (%r)' % opened)
    sent = [r['args'][0] for r in calls(recs, 'sendto')]
    check(sent and re.match(r'^UNIX-STREAM:\[\d+->\d+\]$', sent[0].get('socket', '')),
          '-yy: a socketpair end\'s endpoints (%r)' % sent)
    wrote = [r['args'][0] for r in calls(recs, 'write') if r['args'][1] == 'q']
    check(wrote and wrote[0].get('path') == gone and wrote[0].get('deleted') is True,
          '-yy: an unlinked file\'s descriptor says deleted (%r)' % wrote)


def case_detach(tmp):
    """-p then SIGINT: attach (by the user), the call in progress detached."""
    out = open(os.path.join(tmp, 'looper.out'), 'w')
    proc = subprocess.Popen([os.path.join(A.programs, 'looper')], stdout=out)
    try:
        time.sleep(0.1)
        path = os.path.join(tmp, 'detach.jsonl')
        m = subprocess.Popen([A.mtrace, '--json', '-o', path, '-p', str(proc.pid)],
                             stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        m.send_signal(signal.SIGINT)
        _, err = m.communicate(timeout=10)
        check(m.returncode == 130, '-p: SIGINT, exit 130 (got %s)' % m.returncode)
        check(proc.poll() is None, '-p: the process runs on')
        recs = load(path, 'detach')
        check([(a['pid'], a['by_user']) for a in of_type(recs, 'attach')] == [(proc.pid, True)],
              '-p: one attach object, by the user')
        check([d['pid'] for d in of_type(recs, 'detach')] == [proc.pid], '-p: one detach object')
        cut = [r for r in calls(recs) if r.get('detached')]
        check(len(cut) <= 1 and all(r['ret'] is None for r in cut) and
              (not cut or recs.index(cut[0]) < recs.index(of_type(recs, 'detach')[0])),
              '-p: a call in progress is "detached": true, before the detach (%s)'
              % [r['name'] for r in cut])
        check(len(calls(recs, 'write')) > 0, '-p: the looper\'s writes are seen')
    finally:
        proc.kill()
        proc.wait()
        out.close()


def case_stack(tmp):
    """--stack: each call's frames, in a build that can unwind."""
    path = os.path.join(tmp, 'stack.jsonl')
    r = run([A.mtrace, '--json', '-k', '-e', 'trace=write', '-o', path, '/bin/echo', 'hi'])
    if r.returncode != 0 and 'stack' in r.stderr:
        print('skip: %s' % r.stderr.strip())
        return
    check(r.returncode == 0, '--stack: exit 0 (%s)' % r.stderr.strip()[:200])
    writes = calls(load(path, 'stack'), 'write')
    frames = writes[0].get('stack', []) if writes else []
    check(frames and frames[0]['module'] and 'libc' in frames[0]['module'] and
          all(HEX.match(f['ip']) for f in frames),
          '--stack: the write\'s frames, libc first (%s)' % frames[:1])
    # A signal has the stack where it finds the thread.
    r = run([A.mtrace, '--json', '-k', '-e', 'trace=getppid', '-o', path,
             os.path.join(A.programs, 'callchain'), 'signal'])
    sigs = [x for x in load(path, 'stack-signal') if x.get('type') == 'signal']
    check(len(sigs) == 1 and any(f.get('symbol') == 'main' for f in sigs[0].get('stack', [])),
          '--stack: the SIGUSR1 record has its stack, down to main (%s)' % sigs)


def case_docs(tmp):
    """The examples of docs/json.md are objects of the schema."""
    path = os.path.join(HERE, '..', '..', 'docs', 'json.md')
    if not os.path.exists(path):
        return
    blocks = re.findall(r'```json\n(.*?)```', open(path).read(), re.S)
    lines = [l for b in blocks for l in b.splitlines() if l.strip()]
    bad = []
    for l in lines:
        try:
            bad += record_errors(json.loads(l), now=False)
        except ValueError as e:
            bad.append('%s: %s' % (e, l[:80]))
    types = {json.loads(l).get('type') for l in lines if not bad}
    check(not bad and types == set(KEYS), 'docs/json.md: %d examples of every type, all valid %s'
          % (len(lines), bad[:3]))


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument('--mtrace', required=True)
    ap.add_argument('--programs', required=True)
    ap.add_argument('--data', required=True)
    A = ap.parse_args()
    A.mtrace, A.programs, A.data = (os.path.abspath(p) for p in (A.mtrace, A.programs, A.data))
    why = tracecmp.bpf_engine_missing(A.mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    try:
        r = run([A.mtrace, '--json', 'true'])
    except OSError as e:
        print('skip: cannot run %s: %s' % (A.mtrace, e))
        return SKIP
    if r.returncode != 0:
        print('skip: %s does not take --json yet (%s)' % (A.mtrace, r.stderr.strip()[:200]))
        return SKIP
    with tempfile.TemporaryDirectory(prefix='mtrace-json-') as tmp:
        for case in (case_docs, case_reference, case_bytes, case_programs, case_fds, case_detach,
                     case_stack):
            print('== %s' % case.__name__[5:])
            case(tmp)
    if failures:
        print('%d check(s) failed:' % len(failures))
        for f in failures:
            print('  ' + f)
        return 1
    print('all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())

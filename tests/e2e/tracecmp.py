"""Parse and compare strace-format traces written with -f -o FILE.

Lines are grouped per process (the "PID  " leader), an unfinished call is
joined with its resumed half, and pids, addresses and random bytes are
normalized, so that two runs of the same program compare line by line
whatever the scheduler interleaved."""
import difflib
import os
import re
import subprocess

# (-Y puts the thread's name after its pid: "1234<sh> ")
LEADER = re.compile(r'^(\d+)(<(?:[^<>\\]|\\.)*>)? +(.*)$')
UNFINISHED = ' <unfinished ...>'
# (-n and -i put "[  61] " and "[00007f...] " first)
RESUMED = re.compile(r'^(?:\[ *\d+\] )?(?:\[[0-9a-f]{8,16}\] )?<\.\.\. [\w]+ resumed>(.*)$')


def per_process(text):
    """{pid: [line, ...]} with unfinished/resumed halves joined, in the
    order the processes first appear (dicts keep insertion order)."""
    procs, pending = {}, {}
    for raw in text.splitlines():
        m = LEADER.match(raw)
        if not m:
            continue
        pid, comm, line = int(m.group(1)), m.group(2), m.group(3)
        r = RESUMED.match(line)
        if r and pid in pending:
            line = pending.pop(pid) + r.group(1)
        elif line.endswith(UNFINISHED) and not r:
            pending[pid] = line[:-len(UNFINISHED)]
            continue
        # the name, compared too, where no pattern below looks
        procs.setdefault(pid, []).append(line + ('  # ' + comm if comm else ''))
    for pid, line in pending.items():
        procs.setdefault(pid, []).append(line + UNFINISHED)
    return procs


PID_SPACE = 1 << 22  # the kernel's largest pid_max


def pid_order(procs):
    """Pids in the order the kernel handed them out: counted from the
    first process's pid, so that a pid that wrapped past pid_max still
    sorts after its parent's."""
    if not procs:
        return []
    root = next(iter(procs))
    return sorted(procs, key=lambda pid: (pid - root) % PID_SPACE)


PID_RESULT = re.compile(r'^(?:\[ *\d+\] )?(?:\[[0-9a-f]{8,16}\] )?(?:<\.\.\. )?'
                        r'(?:clone3?|v?fork|wait4|waitpid|getpid|gettid|getppid|getpgrp|getpgid|getsid|'
                        r'setsid|set_tid_address)\b')


def sub_pids(line, pid_sub):
    """The line with pid_sub applied to (prefix, digits) where the
    digits are a pid: the places a call, a siginfo or a struct puts one
    (not any number: a count may be a pid's number, after a wrap past
    pid_max even more likely)."""
    # Twice: tgkill(P1, TID) holds two pids the first pass overlaps.
    for _ in range(2):
        line = re.sub(r'(si_pid=|wait4\(|kill\(|tgkill\(\w+, |sigqueueinfo\(|tgsigqueueinfo\(\w+, |\[|in pid |'
                      r'<pid:|_l[sr]pid=|_[cl]pid=|nlmsg_pid=|nl_pid=|ndiag_portid=)(\d+)', pid_sub, line)
    if PID_RESULT.match(line):
        line = re.sub(r'(= )(\d+)', pid_sub, line)
    # -Y: any argument a name follows is a pid
    line = re.sub(r'(\(|, )(\d+)(?=<)', pid_sub, line)
    return re.sub(r"(/\* )(\d+)(?= in \w+'s PID NS \*/)", pid_sub, line)


def normalize(procs):
    """Lists of lines per process in pid order, with pids named P1, P2..."""
    order = pid_order(procs)
    names = {pid: 'P%d' % (i + 1) for i, pid in enumerate(order)}

    def pid_sub(m):
        n = int(m.group(2))
        return m.group(1) + names.get(n, m.group(2))

    out = []
    for pid in order:
        lines = []
        for line in procs[pid]:
            # Padding before the result depends on pid and address
            # widths and on where a line was split: check_columns()
            # tests it on its own.
            line = re.sub(r'^(.*\)) +(= .*)$', r'\1 \2', line)  # greedy: the result's own "="
            line = re.sub(r'0x[0-9a-f]{5,}', 'ADDR', line)
            line = re.sub(r'getrandom\("[^"]*"', 'getrandom("RANDOM"', line)
            # (each run's standard streams are pipes of their own)
            line = re.sub(r'(pipe|socket):\[\d+\]', r'\1:[INODE]', line)
            line = re.sub(r'(si_[us]time=)\d+(?: /\* [\d.]+ s \*/)?', r'\1T', line)
            # SysV IPC objects' times, in seconds: a run may cross one.
            line = re.sub(r'\b((?:sem|msg|shm)_[a-z]time)=\d+', r'\1=T', line)
            # A netlink address's times, in hundredths of a second since boot.
            line = re.sub(r'\b(cstamp|tstamp|ndm_confirmed|ndm_used|ndm_updated)=\d+', r'\1=T', line)
            # A socket's inode and cookie, as sock_diag tells them.
            line = re.sub(r'\b((?:idiag|udiag|ndiag)_ino(?:de)?)=\d+', r'\1=INODE', line)
            line = re.sub(r'\b((?:idiag|udiag|ndiag)_cookie)=\[\d+, \d+\]', r'\1=[C]', line)
            # A pty's number is the first free one: other tests hold some.
            line = re.sub(r'(TIOCGPTN, \[)\d+\]', r'\1N]', line)
            # Free space moves between the two runs when the disk is shared.
            line = re.sub(r'(f_bfree|f_bavail|f_ffree)=\d+', r'\1=N', line)
            # The first process's parent is the tracer itself: a
            # different process under strace and under mtrace.
            line = re.sub(r'^((?:\[ *\d+\] )?(?:\[[0-9a-f]{8,16}\] )?getppid\(\) += )\d+(?:<\w+>)?(  # <.*>)?$',
                          r'\1PARENT\2', line)
            lines.append(sub_pids(line, pid_sub))
        out.append(lines)
    return out


def compare(reference, candidate):
    """(identical, total, diff_text) over all processes."""
    ref, cand = normalize(per_process(reference)), normalize(per_process(candidate))
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
                                              'mtrace P%d' % (i + 1), lineterm='', n=1))
    return identical, total, '\n'.join(diffs)


def check_columns(text):
    """Lines whose result is not where strace puts it: at column 40 (the
    leader included), or one space after a longer call."""
    bad = []
    for line in text.splitlines():
        m = re.search(r'\) += [^=]*$', line)
        if not m:
            continue
        head = len(line[:m.start() + 1]) + 1  # through ") "
        eq = line.index('= ', m.start())
        if eq != max(head, 40):
            bad.append(line)
    return bad


def bpf_engine_missing(mtrace):
    """With MTRACE_ENGINE=bpf (the tests' way to run everything under the
    BPF engine), why that engine cannot run here, or None. A test run so
    must skip rather than pass under the ptrace engine it falls back to."""
    if os.environ.get('MTRACE_ENGINE') != 'bpf':
        return None
    r = subprocess.run([mtrace, '--engine=bpf', '-o', os.devnull, '/bin/true'],
                       capture_output=True, text=True, timeout=60)
    return None if r.returncode == 0 else (r.stderr.strip() or 'exit %d' % r.returncode)

#!/usr/bin/env python3
"""End-to-end tests: run the built mtrace on real programs and check what it
prints, against expectations and against strace on the same program.

usage: run.py --mtrace BIN --programs DIR --data DIR CASE
CASE is reference, programs or cli. Exit 0 pass, 1 fail, 77 skip."""
import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracecmp  # noqa: E402

SKIP = 77
MIN_IDENTICAL = 0.98
SEIZE = 'seize' not in os.environ.get('MTRACE_DISABLE', '')
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


started = []  # every process a test starts in the background


def popen(cmd, **kw):
    """subprocess.Popen, remembered so that main() can end it if a test
    fails half-way: no test may leave a tracer or tracee behind."""
    p = subprocess.Popen(cmd, **kw)
    started.append(p)
    return p


def child_of(pid, name='looper', seconds=10.0):
    """The child of pid running program name, waiting for it; None if
    none shows up. (mtrace's feature probe forks a short-lived child of
    its own first: it must not be taken for the command.)"""
    found = []

    def look():
        r = subprocess.run(['pgrep', '-P', str(pid), '-x', name], capture_output=True, text=True)
        found[:] = r.stdout.split()
        return bool(found)
    return int(found[0]) if wait_for(look, seconds) else None


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def trace_both(args, tmp, name, opts=('-f',), cwd=None, wrap=()):
    """Trace args with strace and mtrace (-o), each run by wrap (a
    command that takes a command: unshare -n); return both texts."""
    s_out, m_out = os.path.join(tmp, name + '.strace'), os.path.join(tmp, name + '.mtrace')
    s = run([*wrap, 'strace', *opts, '-o', s_out, *args], cwd=cwd)
    m = run([*wrap, A.mtrace, *opts, '-o', m_out, *args], cwd=cwd)
    check(m.returncode == s.returncode,
          '%s: mtrace exits %d like strace (%d)' % (name, m.returncode, s.returncode))
    with open(s_out) as f1, open(m_out) as f2:
        return f1.read(), f2.read()


def differential(args, tmp, name, minimum=MIN_IDENTICAL, cwd=None, wrap=(), opts=('-f',)):
    ref, got = trace_both(args, tmp, name, opts=opts, cwd=cwd, wrap=wrap)
    bad = tracecmp.check_columns(got)
    check(not bad, '%s: results at column 40 (%s)' % (name, bad[:3]))
    same, total, diff = tracecmp.compare(ref, got)
    share = same / total if total else 0.0
    print('%s: %d of %d lines identical to strace (%.1f%%)' % (name, same, total, 100 * share))
    if diff:
        print(diff)
    check(share >= minimum, '%s: at least %.0f%% identical' % (name, 100 * minimum))
    return got


def expect_lines(text, patterns, name):
    """Check patterns against the trace with each process's unfinished and
    resumed halves joined ("PID  line"), as well as against the raw text."""
    merged = '\n'.join('%d  %s' % (pid, line)
                       for pid, lines in tracecmp.per_process(text).items() for line in lines)
    for pat in patterns:
        found = re.search(pat, text, re.M) or re.search(pat, merged, re.M)
        check(found is not None, '%s shows /%s/' % (name, pat))


def case_reference(tmp):
    script = os.path.join(A.data, 'test-minimal')
    got = differential(['/bin/sh', './test-minimal'], tmp, 'reference', cwd=A.data)
    expect_lines(got, [
        r'^\d+ +execve\("/bin/sh", \["/bin/sh", "\./test-minimal"\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0$',
        r'openat\(AT_FDCWD, "/tmp/parent.txt", O_WRONLY\|O_CREAT\|O_TRUNC, 0666\) += 3$',
        r'dup2\(3, 1\) += 1$',
        r'execve\("/bin/echo", \["/bin/echo", "Write", "from", "parent"\], 0x[0-9a-f]+ /\* \d+ vars \*/',
        r'execve\("/bin/echo", \["/bin/echo", "Write", "from", "child"\]',
        r'write\(1, "Write from parent\\n", 18\) += 18$',
        r'write\(1, "Write from child\\n", 17\) += 17$',
        r'exit_group\(0\) += \?$',
        r'\+\+\+ exited with 0 \+\+\+$',
        r'wait4\(-1, (<unfinished \.\.\.>|.*)',
        # (split by the child's lines, unless the child was done before
        # the shell got to its wait4: the scheduler's choice)
        r'(<\.\.\. wait4 resumed>|wait4\(-1, )\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += \d+$',
        r'--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=\d+, si_uid=\d+, si_status=0, ',
    ], 'reference')
    # Without -o: strace's "[pid N]" leader once there are two processes,
    # and the trace on standard error.
    r = run([A.mtrace, '-f', '/bin/sh', script])
    check(r.returncode == 0, 'reference on stderr: exit 0')
    check(re.search(r'^\[pid +\d+\] execve\("/bin/echo"', r.stderr, re.M) is not None,
          'reference on stderr: [pid N] leader')
    check(re.search(r'^execve\("/bin/sh"', r.stderr, re.M) is not None,
          'reference on stderr: no leader while one process')
    # -ff -o: one file per process, no leader.
    base = os.path.join(tmp, 'ff')
    r = run([A.mtrace, '-ff', '-o', base, '/bin/sh', script])
    files = sorted(f for f in os.listdir(tmp) if f.startswith('ff.'))
    check(len(files) == 3, '-ff -o writes 3 files (got %d)' % len(files))
    texts = [open(os.path.join(tmp, f)).read() for f in files]
    check(sum('Write from parent' in t for t in texts) == 1, '-ff: echo of parent in one file')
    check(all(not re.match(r'^\d', t) for t in texts), '-ff: no pid leader')


PROGRAMS = {
    # name: (args, minimum identical share, expected patterns)
    'fileops': (['{tmp}/fileops.txt'], MIN_IDENTICAL, [
        r'openat\(AT_FDCWD, "/nonexistent/mtrace", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$',
        r'read\(\d+, "line one\\nline two\\n", 64\) += 18$',
        r'lseek\(\d+, 0, SEEK_SET\) += 0$',
        r'pipe2\(\[\d+, \d+\], O_CLOEXEC\) += 0$',
        r'close\(-1\) += -1 EBADF \(Bad file descriptor\)$',
    ]),
    # Memory the kernel reads only as the call runs (the BPF engine must
    # not print it as unreadable, nor ever print other bytes).
    'coldpage': (['{tmp}/coldpage.txt'], MIN_IDENTICAL, [
        r'openat\(AT_FDCWD, "/nonexistent/mtrace-cold-page", O_RDONLY\) += -1 ENOENT ',
        r'write\(\d+, "\\0\\0\\0\\0\\0\\0\\0\\0", 8\) += 8$',
        r'openat\(AT_FDCWD, 0x[0-9a-f]+, O_RDONLY\) += -1 EFAULT \(Bad address\)$',
    ]),
    # Structures behind pointers behind pointers (the BPF engine must
    # capture them in the kernel, two levels deep).
    'decoders': ([], MIN_IDENTICAL, [
        r'sendmsg\(\d+, \{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="ab", iov_len=2\}, '
        r'\{iov_base="cde", iov_len=3\}\], msg_iovlen=2, msg_controllen=0, msg_flags=0\}, '
        r'MSG_NOSIGNAL\) += 5$',
        r'recvmsg\(\d+, \{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="ab", iov_len=2\}, '
        r'\{iov_base="", iov_len=16\}\], msg_iovlen=2, msg_control=\[\{cmsg_len=20, '
        r'cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=\[\d+\]\}\]',
        r'pselect6\(5, \[3\], NULL, NULL, \{tv_sec=0, tv_nsec=0\}, '
        r'\{sigmask=\[\], sigsetsize=8\}\) += 1 ',
        # (the buffers: under the ptrace engine, as the comparison checks)
        r'recvmmsg\(\d+, \[\{msg_hdr=\{msg_name=NULL, msg_namelen=0, msg_iov=.*, msg_iovlen=1, '
        r'msg_controllen=0, msg_flags=0\}, msg_len=5\}, \{msg_hdr=.*\], 3, MSG_DONTWAIT, NULL\) += 2$',
        r'recvmmsg\(\d+, 0x1, 3, MSG_DONTWAIT, NULL\) += -1 EFAULT ',
    ]),
    # Small families decoded whole, edge cases too: every line as strace's.
    'ttyns': ([], 1.0, [
        r'ioctl\(\d+, TIOCGPTN, \[\d+\]\) += 0$',
        r'ioctl\(\d+, TIOCSPTLCK, 0x1\) += -1 EFAULT ',
        r'ioctl\(\d+, TIOCSTI, "q"\) += ',
        r'unshare\(CLONE_NEWUTS\|CLONE_NEWIPC\) += 0$',
        r'unshare\(CLONE_FS\|0x1\) += -1 EINVAL ',
        r'setns\(\d+, CLONE_NEWUTS\) += 0$',
        r'rt_sigqueueinfo\(\d+, SIGUSR1, \{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=\d+, si_uid=\d+, '
        r'si_int=7, si_ptr=0x7\}\) += 0$',
        r'rt_sigqueueinfo\(\d+, SIGUSR1, NULL\) += -1 EFAULT ',
        r'rt_sigtimedwait\(\[USR1\], \{si_signo=SIGUSR1, .*\}, \{tv_sec=0, tv_nsec=0\}, 8\) += 10 \(SIGUSR1\)$',
        r'llistxattr\("ttyns.txt", NULL, 0\) += 7$',
        r'llistxattr\("ttyns.txt", 0x[0-9a-f]+, 0\) += 7$',
        r'getxattr\("ttyns.txt", "user.b", "vb", 256\) += 3$',
    ]),
    'mounts': (['{tmp}/mounts.d'], 1.0, [
        r'mount\("none", "/", NULL, MS_REC\|MS_PRIVATE, NULL\) += 0$',
        r'mount\("none", "[^"]*/mounts.d", "tmpfs", MS_NOSUID\|MS_NODEV, "size=1m,mode=0700"\) += 0$',
        r'mount\("none", "[^"]*/mounts.d", NULL, MS_RDONLY\|MS_NOSUID\|MS_NODEV\|MS_REMOUNT, "size=2m"\) += 0$',
        r'mount\("[^"]*/mounts.d", "[^"]*/inner", NULL, MS_BIND, NULL\) += 0$',
        r'mount\("none", "[^"]*/mounts.d", "tmpfs", MS_MGC_VAL\|MS_NOSUID, NULL\) += 0$',
        r'umount2\("[^"]*/inner", 0x100 /\* MNT_\?\?\? \*/\) += -1 EINVAL ',
        r'umount2\("[^"]*/mounts.d", MNT_DETACH\) += 0$',
        r'fsconfig\(\d+, FSCONFIG_SET_STRING, "mode", "0700", 0\) += 0$',
        r'fsconfig\(\d+, FSCONFIG_SET_BINARY, "size", "\\x01\\x02\\x03", 3\) += -1 EINVAL ',
        r'fsmount\(\d+, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID\|MOUNT_ATTR_NODEV\) += \d+$',
        r'move_mount\(\d+, "", AT_FDCWD, "[^"]*/mounts.d", MOVE_MOUNT_F_EMPTY_PATH\) += 0$',
        r'open_tree\(AT_FDCWD, "[^"]*/mounts.d", OPEN_TREE_CLONE\|OPEN_TREE_CLOEXEC\|AT_RECURSIVE\) += \d+$',
        r'mount_setattr\(AT_FDCWD, "[^"]*/mounts.d", AT_RECURSIVE, \{attr_set=MOUNT_ATTR_RDONLY, attr_clr=0, '
        r'propagation=MS_PRIVATE, userns_fd=0\}, 32\) += 0$',
    ]),
    'sysvipc': ([], 1.0, [
        r'semget\(IPC_PRIVATE, 2, IPC_CREAT\|IPC_EXCL\|0600\) += 0$',
        r'semtimedop\(0, \[\{sem_num=0, sem_op=1, sem_flg=0\}, \{sem_num=1, sem_op=2, '
        r'sem_flg=SEM_UNDO\|IPC_NOWAIT\}\], 2, NULL\) += 0$',
        r'semctl\(0, 0, IPC_STAT, \{sem_perm=\{uid=\d+, gid=\d+, mode=0600, key=0, cuid=\d+, cgid=\d+\}, '
        r'sem_otime=\d+, sem_ctime=\d+, sem_nsems=2\}\) += 0$',
        r'msgsnd\(0, \{mtype=7, mtext="hello"\}, 5, 0\) += 0$',
        r'msgrcv\(0, \{mtype=7, mtext="hello\\0',
        r'msgctl\(0, IPC_SET, \{msg_perm=\{uid=\d+, gid=\d+, mode=0600\}, msg_qbytes=\d+\}\) += 0$',
        r'msgctl\(0, 0x63 /\* MSG_\?\?\? \*/, NULL\) += -1 EINVAL ',
        r'shmctl\(0, IPC_STAT, \{shm_perm=.*, shm_segsz=4096, shm_cpid=\d+, shm_lpid=\d+, shm_nattch=1, ',
        r'shmget\(IPC_PRIVATE, 4096, 0x1000000\|0600\) += 1$',
        r'semctl\(0, 0, SEM_INFO, \{semmap=\d+, semmni=\d+, .*, semaem=\d+\}\) += 0$',
        r'shmctl\(0, SHM_INFO, \{used_ids=1, shm_tot=1, ',
    ]),
    'iouring': ([], 1.0, [
        r'io_uring_setup\(4, \{flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=4, cq_entries=8, '
        r'features=IORING_FEAT_SINGLE_MMAP\|',
        r'io_uring_register\(\d+, IORING_REGISTER_PROBE, \{last_op=\w+.*, ops_len=\d+, '
        r'ops=\[\{op=IORING_OP_NOP, flags=IO_URING_OP_SUPPORTED\}, ',
        r'io_uring_register\(\d+, IORING_REGISTER_FILES_UPDATE, \{offset=0, fds=\[2, IORING_REGISTER_FILES_SKIP\]\}, 2\)',
        r'io_uring_register\(\d+, IORING_REGISTER_RING_FDS, \[\{offset=-1, data=\d+\}\], 1\) += 1$',
        r'io_uring_enter\(\d+, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0\) += 0$',
        r'io_uring_setup\(0, \{flags=0, sq_thread_cpu=0, sq_thread_idle=0\}\) += -1 EINVAL ',
    ]),
    'perf': ([], 1.0, [
        r'perf_event_open\(\{type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER\d, config=PERF_COUNT_SW_TASK_CLOCK, '
        r'sample_period=0, sample_type=0, read_format=PERF_FORMAT_TOTAL_TIME_ENABLED\|PERF_FORMAT_ID, '
        r'disabled=1, exclude_kernel=1, precise_ip=0 /\* arbitrary skid \*/, \.\.\.\}, 0, -1, -1, '
        r'PERF_FLAG_FD_CLOEXEC\) += \d+$',
        r'config=PERF_COUNT_HW_CACHE_RESULT_MISS<<16\|PERF_COUNT_HW_CACHE_OP_READ<<8\|PERF_COUNT_HW_CACHE_L1D, ',
        r'perf_event_open\(0x[0-9a-f]+, 0, -1, -1, 0x10 /\* PERF_FLAG_\?\?\? \*/\) += -1 EINVAL ',
        r'size=0xc0 /\* PERF_ATTR_SIZE_\?\?\? \*/ => 0x[0-9a-f]+ /\* PERF_ATTR_SIZE_\?\?\? \*/, ',
    ]),
    'signals': ([], MIN_IDENTICAL, [
        r'--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=\d+, si_uid=\d+\} ---$',
        r'\+\+\+ killed by SIGKILL \+\+\+$',
        r'\+\+\+ exited with 3 \+\+\+$',
        r'\[\{WIFSIGNALED\(s\) && WTERMSIG\(s\) == SIGKILL\}\]',
        r'\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\]',
    ]),
}


# Netlink (tests/programs/netlink.c), traced in a network namespace of
# its own with the tracer inside too: the tracer then knows the socket's
# protocol, and the only link is an untouched loopback. With "own-ns" the
# program makes its namespace itself, out of the tracer's sight: headers
# only, as strace shows them.
NETLINK = [
    r'sendto\(3, \[\{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST\|NLM_F_DUMP, '
    r'nlmsg_seq=100, nlmsg_pid=0\}, \{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, '
    r'ifi_flags=0, ifi_change=0\}, \[\{nla_len=8, nla_type=IFLA_EXT_MASK\}, '
    r'RTEXT_FILTER_VF\|RTEXT_FILTER_SKIP_STATS\]\]',
    r'\[\{nla_len=7, nla_type=IFLA_IFNAME\}, "lo"\], \[\{nla_len=8, nla_type=IFLA_TXQLEN\}, 1000\]',
    r'\[\{nla_len=10, nla_type=IFLA_ADDRESS\}, 00:00:00:00:00:00\]',
    r'\{error=-EEXIST, msg=\[\{nlmsg_len=60, nlmsg_type=RTM_NEWADDR, ',
    r'\[\{nla_len=27, nla_type=NLMSGERR_ATTR_MSG\}, "ipv4: Device not found"\]',
    r'\[\{nla_len=8, nla_type=RTA_DST\}, inet_addr\("127\.0\.0\.2"\)\]',
    r'\{rtm_family=AF_INET, rtm_dst_len=32, rtm_src_len=0, rtm_tos=0, rtm_table=RT_TABLE_LOCAL, '
    r'rtm_protocol=RTPROT_KERNEL, rtm_scope=RT_SCOPE_HOST, rtm_type=RTN_LOCAL, rtm_flags=0\}',
    r'\[\{nla_len=20, nla_type=IFA_CACHEINFO\}, \{ifa_prefered=4294967295, ',
    r'sendto\(3, "\\x01\\x02\\x03", 3, MSG_DONTWAIT, NULL, 0\) += 3$',
    r'\{ifi_family=AF_UNSPEC, \.\.\.\}',
    r'nlmsg_type=0x7ff /\* RTM_\?\?\? \*/, nlmsg_flags=0x4400 /\* NLM_F_\?\?\? \*/',
    r'\[\{nla_len=40, nla_type=IFA_LABEL\}, "abcdef\\0"\]\]\], 68, ',
    r'\{iov_base=0x1, iov_len=16\}',
    r'sendto\(3, 0x1, 32, MSG_DONTWAIT, NULL, 0\) += -1 EFAULT ',
    r'\[\{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=\d+, nlmsg_pid=0\}, 5\]',
    # sock_diag: what ss asks and is told
    # (the first request goes out before the socket has an address: the
    # kernel does not list it yet, and strace shows the headers only)
    r'sendto\(4, \[\{nlmsg_len=72, nlmsg_type=0x14 /\* NLMSG_\?\?\? \*/, nlmsg_flags=NLM_F_REQUEST\|0x300, ',
    r'\{sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED\|1<<TCP_SYN_SENT\|',
    r'\{idiag_family=AF_INET, idiag_state=TCP_LISTEN, idiag_timer=0, idiag_retrans=0, '
    r'id=\{idiag_sport=htons\(5555\), idiag_dport=htons\(0\), idiag_src=inet_addr\("127\.0\.0\.1"\), ',
    r'\[\{nla_len=6, nla_type=INET_DIAG_SOCKOPT\}, \{is_icsk=1, mc_loop=1, mc_all=1\}\]',
    r'\[\{nla_len=20, nla_type=UNIX_DIAG_NAME\}, "\\0mtrace-netlink"\]',
    r'\{ndiag_family=AF_NETLINK, ndiag_type=SOCK_DGRAM, ndiag_protocol=NETLINK_GENERIC, ',
    r'sendto\(10, \[\{nlmsg_len=32, nlmsg_type=RTM_GETLINK, ',
    # rules and neighbours
    r'\{family=AF_INET, dst_len=0, src_len=0, tos=0, table=RT_TABLE_MAIN, action=FR_ACT_TO_TBL, flags=0\}, '
    r'\[\[\{nla_len=8, nla_type=FRA_TABLE\}, RT_TABLE_MAIN\], ',
    r'\[\{nla_len=8, nla_type=NDA_DST\}, inet_addr\("127\.0\.0\.9"\)\], '
    r'\[\{nla_len=10, nla_type=NDA_LLADDR\}, 02:00:00:00:00:01\]',
    r'\{ndm_family=AF_INET, ndm_ifindex=if_nametoindex\("lo"\), ndm_state=NUD_PERMANENT, ',
    # generic netlink: a family by the name the kernel tells
    r'sendto\(\d+, \[\{nlmsg_len=32, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST, ',
    r'nlmsg_type=0x7777 /\* GENERIC_FAMILY_\?\?\? \*/, ',
    # the socket ioctls
    r'ioctl\(4, SIOCGIFINDEX, \{ifr_name="lo", ifr_ifindex=1\}\) += 0$',
    r'ioctl\(4, SIOCGIFFLAGS, \{ifr_name="lo", ifr_flags=IFF_UP\|IFF_LOOPBACK\|IFF_RUNNING\}\) += 0$',
    r'ioctl\(4, SIOCGIFHWADDR, \{ifr_name="lo", ifr_hwaddr=\{sa_family=ARPHRD_LOOPBACK, sa_data=00:00:00:00:00:00\}\}\) += 0$',
    r'ioctl\(4, SIOCGIFADDR, \{ifr_name="lo", ifr_addr=\{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}\}\) += 0$',
    r'ioctl\(4, SIOCGIFNAME, \{ifr_ifindex=1, ifr_name="lo"\}\) += 0$',
    r'ioctl\(4, SIOCGIFINDEX, \{ifr_name="nosuch0"\}\) += -1 ENODEV ',
    r'ioctl\(4, SIOCGIFCONF, \{ifc_len=160 /\* 4 \* sizeof\(struct ifreq\) \*/ => 80 /\* 2 \* sizeof\(struct ifreq\) \*/, '
    r'ifc_buf=\[\{ifr_name="lo", ifr_addr=\{sa_family=AF_INET, ',
    r'sendto\(3, "u", 1, 0, \{sa_family=AF_INET, sin_port=htons\(9\), ',
]


def case_programs(tmp):
    for name, (args, minimum, patterns) in PROGRAMS.items():
        prog = os.path.join(A.programs, name)
        got = differential([prog, *(a.format(tmp=tmp) for a in args)], tmp, name, minimum)
        expect_lines(got, patterns, name)
    # seccomp filters: their instructions show with -v. A call the
    # program's own filter refuses never reaches the BPF engine's entry
    # tracepoint (docs/engines.md): that line alone is missing there.
    bpf = os.environ.get('MTRACE_ENGINE') == 'bpf'
    # (all but that one of its 45 lines)
    got = differential([os.path.join(A.programs, 'seccomp')], tmp, 'seccomp', 44 / 45 if bpf else 1.0,
                       opts=('-f', '-v'))
    check(bpf == (re.search(r'^\d+ +getppid\(\)', got, re.M) is None),
          'seccomp: the refused getppid %s' % ('missing, as docs/engines.md says' if bpf else 'shown'))
    r = run([A.mtrace, '-o', os.devnull, os.path.join(A.programs, 'seccomp')])
    told = 'mtrace: 1 syscalls were not shown: the kernel skipped their entry' in r.stderr
    check(told == bpf, 'seccomp: the call not shown is %s on stderr' % ('told' if bpf else 'none, not told'))
    expect_lines(got, [
        r'seccomp\(SECCOMP_SET_MODE_FILTER, 0, \{len=8, filter=\[BPF_STMT\(BPF_LD\|BPF_W\|BPF_ABS, 0x4\), ',
        r'BPF_STMT\(BPF_RET\|BPF_K, SECCOMP_RET_ERRNO\|0x1\), BPF_STMT\(BPF_ALU\|BPF_K\|BPF_ADD, 0x2\), '
        r'BPF_STMT\(BPF_MISC\|BPF_TAX, 0\), BPF_STMT\(BPF_RET\|BPF_K, SECCOMP_RET_ALLOW\)\]\}\) += 0$',
        r'prctl\(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, \{len=8, filter=\[',
        r'seccomp\(SECCOMP_GET_ACTION_AVAIL, 0, \[SECCOMP_RET_LOG\]\) += 0$',
        r'seccomp\(SECCOMP_GET_NOTIF_SIZES, 0, \{seccomp_notif=\d+, seccomp_notif_resp=\d+, seccomp_data=\d+\}\) += 0$',
        r'BPF_STMT\(BPF_MISC\|0xf8 /\* BPF_\?\?\? \*/\|0x700 /\* BPF_\?\?\? \*/, 0\)\]\}\) += -1 EINVAL ',
        r'seccomp\(0x63 /\* SECCOMP_SET_MODE_\?\?\? \*/, 0, NULL\) += -1 EINVAL ',
        r'setsockopt\(\d+, SOL_SOCKET, SO_ATTACH_FILTER, \{len=1, filter=\[BPF_STMT\(BPF_RET\|BPF_K, 0xffff\)\]\}, 16\) += 0$',
    ], 'seccomp')
    # perf_event_open's attr whole with -v
    got = differential([os.path.join(A.programs, 'perf')], tmp, 'perf-v', 1.0, opts=('-f', '-v'))
    expect_lines(got, [
        r'clockid=CLOCK_MONOTONIC, sample_regs_intr=0, aux_watermark=0, sample_max_stack=0, '
        r'aux_sample_size=0, sig_data=0\}',
        r'bp_type=HW_BREAKPOINT_W, bp_addr=0x[0-9a-f]+, bp_len=4, ',
    ], 'perf-v')
    netlink = os.path.join(A.programs, 'netlink')
    if run(['unshare', '-n', 'true']).returncode != 0:
        print('SKIP netlink: no network namespace here (root needed)')
    else:
        got = differential([netlink], tmp, 'netlink', 1.0, wrap=('unshare', '-n'))
        expect_lines(got, NETLINK, 'netlink')
        got = differential([netlink, 'own-ns'], tmp, 'netlink-own-ns', 1.0, wrap=('unshare', '-n'))
        expect_lines(got, [r'nlmsg_type=0x12 /\* NLMSG_\?\?\? \*/, nlmsg_flags=NLM_F_REQUEST\|0x300, '],
                     'netlink-own-ns')
    # Threads: every marker call of every thread is seen exactly once.
    out = os.path.join(tmp, 'threads.mtrace')
    r = run([A.mtrace, '-f', '-o', out, '-e', 'trace=getppid', os.path.join(A.programs, 'threads')])
    check(r.returncode == 0, 'threads: exit 0')
    procs = tracecmp.per_process(open(out).read())
    per = {pid: sum(bool(re.match(r'^getppid\(\) += \d+$', l)) for l in lines)
           for pid, lines in procs.items()}
    per = {pid: n for pid, n in per.items() if n}
    check(sorted(per.values()) == [1000] * 8,
          'threads: 8 threads x 1000 getppid (got %s)' % sorted(per.values()))
    # Exit status and death by signal are passed on.
    r = run([A.mtrace, '-o', os.devnull, os.path.join(A.programs, 'exitcode'), '7'])
    check(r.returncode == 7, 'exit code 7 passed on (got %d)' % r.returncode)
    r = run([A.mtrace, '-o', os.path.join(tmp, 'segv'), os.path.join(A.programs, 'exitcode'), 'segv'])
    check(r.returncode == -11, 'death by SIGSEGV passed on (got %d)' % r.returncode)
    text = open(os.path.join(tmp, 'segv')).read()
    expect_lines(text, [r'^--- SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8\} ---$',
                        r'^\+\+\+ killed by SIGSEGV( \(core dumped\))? \+\+\+$'], 'segv')


def proc_status(pid):
    fields = {}
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            k, _, v = line.partition(':')
            fields[k] = v.strip()
    return fields


def wait_for(pred, seconds=5.0):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.02)
    return False


def grows(path):
    size = os.path.getsize(path)
    return wait_for(lambda: os.path.getsize(path) > size, 2.0)


def start_looper(tmp, name):
    out = open(os.path.join(tmp, name + '.out'), 'w')
    proc = popen([os.path.join(A.programs, 'looper')], stdout=out)
    wait_for(lambda: os.path.getsize(out.name) > 0)
    return proc, out.name


def attach(tmp, name, pid, *opts):
    trace = os.path.join(tmp, name + '.trace')
    m = popen([A.mtrace, *opts, '-o', trace, '-p', str(pid)],
                         stderr=subprocess.PIPE, text=True)
    wait_for(lambda: proc_status(pid).get('TracerPid', '0') != '0')
    return m, trace


def killed_tracer(tracer, tmp, name):
    """The trace `tracer -o FILE sleep 30` has written when the tracer is
    SIGKILLed inside the sleep; None if the sleep never showed."""
    out = os.path.join(tmp, name)
    m = popen([tracer, '-o', out, 'sleep', '30'])
    shown = wait_for(lambda: os.path.exists(out) and 'clock_nanosleep(' in open(out).read())
    kid = child_of(m.pid, 'sleep', 1.0)
    m.kill()
    m.wait()
    if kid:  # without EXITKILL it would sleep on
        try:
            os.kill(kid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return open(out).read() if shown else None


def case_process(tmp):
    # A CLONE_PARENT sibling, without -f, is mtrace's child but never
    # traced: its exit is ignored with strace's message, not printed as
    # the command's (issue 19).
    cp = [os.path.join(A.programs, 'cloneparent')]
    outs = {}
    for tool in ('strace', A.mtrace):
        out = os.path.join(tmp, 'cloneparent.' + os.path.basename(tool))
        r = run([tool, '-o', out, *cp])
        tail = [l for l in open(out).read().splitlines() if l.startswith(('+++', '['))]
        msg = re.findall(r'^\w+: Exit of unknown pid \d+ ignored$', r.stderr, re.M)
        outs[os.path.basename(tool)] = (r.returncode, tail, len(msg))
    check(outs['mtrace'] == outs['strace'] == (0, ['+++ exited with 0 +++'], 1),
          'CLONE_PARENT without -f: exit, trace and message as strace (%r)' % outs)
    # SIGKILL of mtrace loses no line: what came before the blocking call,
    # and its entry, are in the file, as with strace.
    got = killed_tracer(A.mtrace, tmp, 'killed.mtrace')
    check(got is not None, 'SIGKILL: the blocking call shows in the file while it blocks')
    if got is not None:
        ref = killed_tracer('strace', tmp, 'killed.strace')
        lines = got.split('\n')
        check(lines[-1].startswith('clock_nanosleep(') and all(' = ' in l for l in lines[:-1]),
              'SIGKILL: every line whole, the sleep\'s entry last (%r)' % lines[-2:])
        check(ref is None or len(ref.split('\n')) == len(lines),
              'SIGKILL: as many lines as strace leaves (%d, strace %s)'
              % (len(lines), ref and len(ref.split('\n'))))
    # Attach to a running program, interrupt mtrace: the program runs on,
    # untraced, and keeps writing.
    proc, out = start_looper(tmp, 'looper')
    m, trace = attach(tmp, 'attach', proc.pid)
    check(wait_for(lambda: 'write(1, ' in open(trace).read()), 'attach: writes traced within 5 s')
    time.sleep(0.2)
    m.send_signal(signal.SIGINT)
    _, err = m.communicate(timeout=10)
    check(m.returncode == 130, 'SIGINT: mtrace exits 130 (got %s)' % m.returncode)
    check('mtrace: Process %d attached' % proc.pid in err, 'says attached')
    check('mtrace: Process %d detached' % proc.pid in err, 'says detached')
    st = proc_status(proc.pid)
    check(st['TracerPid'] == '0', 'detached: TracerPid 0')
    check(st['State'][0] in 'RS', 'detached: running (%s)' % st['State'])
    check(grows(out), 'detached: still writing its output')
    text = open(trace).read()
    check(re.search(r'^write\(1, "\d+\\n", \d+\) += \d+$', text, re.M) is not None, 'attached: traced writes')
    # A stopped program stays stopped after attach and detach. Only
    # PTRACE_SEIZE can hold a group-stop (ptrace(2)); without it the
    # program runs on (a documented limit of that fallback).
    os.kill(proc.pid, signal.SIGSTOP)
    wait_for(lambda: proc_status(proc.pid)['State'][0] == 'T')
    m, trace = attach(tmp, 'attach-stopped', proc.pid)
    time.sleep(0.2)
    m.send_signal(signal.SIGTERM)
    m.communicate(timeout=10)
    st = proc_status(proc.pid)
    check(st['TracerPid'] == '0', 'stopped: untraced after detach')
    if SEIZE:
        # Detached, it is woken to re-enter its group-stop: /proc can
        # show R for a moment before T.
        check(wait_for(lambda: proc_status(proc.pid)['State'][0] == 'T', 2.0),
              'stopped: still stopped (%s)' % proc_status(proc.pid)['State'])
        check('--- stopped by SIGSTOP ---' in open(trace).read(), 'stopped: reported')
    os.kill(proc.pid, signal.SIGCONT)
    check(wait_for(lambda: proc_status(proc.pid)['State'][0] in 'RS'), 'SIGCONT: runs again')
    check(grows(out), 'SIGCONT: writes again')
    # --kill-on-exit: the attached program dies with mtrace.
    m, trace = attach(tmp, 'kill-on-exit', proc.pid, '--kill-on-exit')
    time.sleep(0.1)
    m.send_signal(signal.SIGINT)
    m.communicate(timeout=10)
    check(proc.wait(timeout=5) == -signal.SIGKILL, '--kill-on-exit kills the attached process')

    # Bad pids: one line, exit 1, nothing left traced.
    r = run([A.mtrace, '-p', '999999999'])
    check(r.returncode in (1, 2) and r.stderr.count('\n') == 1, '-p of a bad pid: one line (%r)' % r.stderr)
    r = run(['sh', '-c', 'exec "$0" -p $$', A.mtrace])
    check(r.returncode == 1 and 'cannot trace mtrace itself' in r.stderr, '-p of itself (%r)' % r.stderr)
    proc, out = start_looper(tmp, 'looper2')
    if shutil.which('setpriv') and os.getuid() == 0:
        r = run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', A.mtrace, '-p', str(proc.pid)])
        check(r.returncode == 1 and 'Operation not permitted' in r.stderr, '-p not permitted (%r)' % r.stderr)
        check(proc_status(proc.pid)['TracerPid'] == '0', '-p not permitted: untouched')
    proc.kill()
    proc.wait()

    # A command mtrace started dies when mtrace is interrupted ...
    trace = os.path.join(tmp, 'spawned.trace')
    m = popen([A.mtrace, '-o', trace, os.path.join(A.programs, 'looper')],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: os.path.exists(trace) and 'write(1' in open(trace).read())
    child = child_of(m.pid) or 0
    m.send_signal(signal.SIGINT)
    m.communicate(timeout=10)
    check(m.returncode == 130, 'spawned, SIGINT: exit 130')
    check(child and not os.path.exists('/proc/%d' % child), 'spawned, SIGINT: command killed')
    check('+++ killed by SIGKILL +++' in open(trace).read(), 'spawned, SIGINT: killed by SIGKILL reported')
    # ... and when mtrace is killed outright (PTRACE_O_EXITKILL).
    if 'exitkill' not in os.environ.get('MTRACE_DISABLE', ''):
        m = popen([A.mtrace, '-o', os.devnull, os.path.join(A.programs, 'looper')],
                             stdout=subprocess.DEVNULL)
        child = child_of(m.pid)
        m.kill()
        m.wait()
        check(wait_for(lambda: not os.path.exists('/proc/%d' % child) or
                       proc_status(child)['State'][0] == 'Z'), 'mtrace SIGKILLed: command dies too')

    # A core dump is reported as "(core dumped)" exactly when the kernel
    # dumped one: compare with the same program untraced.
    def segv_status(cmd):
        pid = os.fork()
        if pid == 0:
            # An ASan build of mtrace would set RLIMIT_CORE to 0, and the
            # command would inherit it.
            os.environ['ASAN_OPTIONS'] = 'disable_coredump=0'
            os.chdir(tmp)
            resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            os.execv(cmd[0], cmd)
        return os.waitpid(pid, 0)[1]
    prog = [os.path.join(A.programs, 'exitcode'), 'segv']
    plain = segv_status(prog)
    traced = segv_status([A.mtrace, '-o', os.path.join(tmp, 'core.trace'), *prog])
    dumped = os.WCOREDUMP(plain)
    text = open(os.path.join(tmp, 'core.trace')).read()
    check(('(core dumped)' in text) == dumped, 'core dump reported iff dumped (%s)' % dumped)
    check(os.WIFSIGNALED(traced) and os.WTERMSIG(traced) == signal.SIGSEGV,
          'mtrace dies of SIGSEGV like the command')
    check(not os.WCOREDUMP(traced) or dumped, 'mtrace itself leaves no core file')

    # Stops, continues, restarted and interrupted calls, as strace shows
    # them. Without SEIZE the stop cannot be held, so the sleep restarts
    # early and is interrupted once more: fewer lines must match.
    got = differential([os.path.join(A.programs, 'stopcont')], tmp, 'stopcont',
                       MIN_IDENTICAL if SEIZE else 0.9)
    expect_lines(got, [
        r'nanosleep\(.*\) += \? ERESTART_RESTARTBLOCK \(Interrupted by signal\)$',
        r'--- SIGSTOP \{si_signo=SIGSTOP, si_code=SI_USER, ',
        r'--- stopped by SIGSTOP ---$',
        r'--- SIGCONT \{si_signo=SIGCONT, ',
        r'restart_syscall\(<\.\.\. resuming interrupted clock_nanosleep \.\.\.>\) += (0|\? ERESTART_RESTARTBLOCK)',
        r'read\(\d+, 0x[0-9a-f]+, 1\) += \? ERESTARTSYS \(To be restarted if SA_RESTART is set\)$',
        r'rt_sigreturn\(\{mask=\[\]\}\) += -1 EINTR \(Interrupted system call\)$',
    ], 'stopcont')
    # execve in a thread that is not the leader.
    got = differential([os.path.join(A.programs, 'execthread'), '/bin/echo', 'hi'], tmp, 'execthread')
    expect_lines(got, [r'^\d+ +\+\+\+ superseded by execve in pid \d+ \+\+\+$',
                       r'^\d+ +<\.\.\. execve resumed>\) += 0$',
                       r'write\(1, "hi\\n", 3\) += 3$'], 'execthread')


def case_options(tmp):
    """strace's presentation and filter options, against strace where the
    output is deterministic."""
    binfile = os.path.join(tmp, 'x.bin')
    with open(binfile, 'wb') as f:
        f.write(b'ab\x01c\n')

    def both(opts, args, mtrace_only=()):
        s_out, m_out = os.path.join(tmp, 's.out'), os.path.join(tmp, 'm.out')
        run(['strace', *opts, '-o', s_out, *args])
        run([A.mtrace, *opts, *mtrace_only, '-o', m_out, *args])
        return open(s_out).read(), open(m_out).read()

    def same(a, b):
        """Equal but for addresses (ASLR) and the padding they shift."""
        def norm(t):
            # (each run's stdout is a new pipe: its inode differs)
            t = re.sub(r'(pipe|socket):\[\d+\]', r'\1:[INODE]', t)
            return [re.sub(r'\) +=', ') =', re.sub(r'0x[0-9a-f]{6,}', 'ADDR', l)) for l in t.splitlines()]
        return norm(a) == norm(b)

    for opts in (['-x'], ['-xx']):
        ref, got = both([*opts, '-e', 'trace=read'], ['cat', binfile])
        check(same(ref, got), '%s: read lines as strace' % opts[0])
    ref, got = both(['-e', 'trace=!%memory,/^(open|close)', '-e', 'status=failed', '-e', 'signal=none'],
                    ['/bin/ls', '/nonexistent-mtrace'])
    check(same(ref, got), '-e trace=!SET,/regex -e status=failed as strace')
    ref, got = both(['-y', '-e', 'trace=openat,read,close'], ['cat', binfile])
    check(same(ref, got), '-y: descriptor paths as strace')
    # -v: every argument and variable of an execve (past -s of them), and
    # without it the variables counted.
    many = ['/bin/true'] + ['arg%d' % i for i in range(300)]
    for opts in (['-v'], []):
        ref, got = both([*opts, '-e', 'trace=execve'], many)
        check(same(ref, got), '%s, 300 arguments: the execve line as strace'
              % (opts or ['no -v'])[0])
    ref, got = both(['-qq', '-e', 'trace=write'], ['/bin/echo', 'hi'])
    check(ref == got and '+++' not in got, '-qq drops exit lines as strace')
    _, got = both(['-tt', '-T', '-e', 'trace=write'], ['/bin/echo', 'hi'])
    check(re.match(r'^\d\d:\d\d:\d\d\.\d{6} write\(1, "hi\\n", 3\) += 3 <\d+\.\d{6}>$', got.splitlines()[0])
          is not None, '-tt -T forms (%r)' % got.splitlines()[0])
    _, got = both(['-ttt', '-e', 'trace=write'], ['/bin/echo', 'hi'])
    check(re.match(r'^\d{10}\.\d{6} write\(', got) is not None, '-ttt form')
    # -ff keeps the time options in every file, as strace (issue 19).
    for tool in ('strace', A.mtrace):
        d = os.path.join(tmp, 'ff-' + os.path.basename(tool))
        os.makedirs(d, exist_ok=True)
        run([tool, '-ff', '-tt', '-T', '-o', os.path.join(d, 't'), 'sh', '-c', '/bin/true'])
        files = [open(os.path.join(d, f)).read().splitlines() for f in sorted(os.listdir(d))]
        stamped = all(re.match(r'^\d\d:\d\d:\d\d\.\d{6} ', l) for ls in files for l in ls)
        check(len(files) == 2 and stamped and any(re.search(r' <\d+\.\d{6}>$', l) for l in files[0]),
              '-ff -tt -T: %s stamps every line of its 2 files' % os.path.basename(tool))
    _, got = both(['-r', '-e', 'trace=write,close'], ['/bin/echo', 'hi'])
    check(all(re.match(r'^ +\d+\.\d{6} ', l) for l in got.splitlines()), '-r form')
    # -c: strace's table layout, same calls and errors per syscall.
    ref, got = both(['-c'], ['/bin/ls', '/nonexistent-mtrace'])
    def table(text):
        rows = {}
        for l in text.splitlines():
            m = re.match(r'^ *[\d.]+ +[\d.]+ +\d+ +(\d+) +(\d*) ?(\w+)$', l)
            if m:
                rows[m.group(3)] = (int(m.group(1)), m.group(2))
        return rows
    check(got.splitlines()[:2] == ref.splitlines()[:2], '-c header as strace')
    check(table(ref) == table(got), '-c counts as strace (%s vs %s)' % (table(ref).get('total'), table(got).get('total')))
    # The BPF engine counts in the kernel: the same calls and errors.
    bpf = run([A.mtrace, '-c', '--engine=bpf', '-o', os.devnull, '/bin/true'])
    if bpf.returncode != 0:
        print('skip the BPF engine: %s' % bpf.stderr.strip())
    else:
        for opts, args in ((['-c'], ['/bin/ls', '/nonexistent-mtrace']),
                           (['-f', '-c'], ['/bin/sh', '-c', 'ls /nonexistent-mtrace; echo x | cat']),
                           (['-f', '-c', '-e', 'trace=%file,close'], ['/bin/sh', '-c', 'ls /; true']),
                           (['-c', '-w'], ['/bin/sleep', '0.3'])):
            ref, got = both(opts, args, ['--engine=bpf'])
            # How many SIGCHLDs a shell handles (rt_sigreturn: two that
            # come close together are one), and whether the register its
            # return restores held an error, are the scheduler's; a fork
            # interrupted by a SIGCHLD fails with ERESTARTNOINTR and is
            # made again. Forks count once each; rt_sigreturn not at all.
            def calls(text):
                t = table(text)
                t.pop('total', None)
                t.pop('rt_sigreturn', None)
                for fork in ('clone', 'clone3', 'fork', 'vfork'):
                    if fork in t:
                        n, errs = t[fork]
                        t[fork] = (n - int(errs or 0), '')
                return t
            check(calls(ref) == calls(got), '--engine=bpf %s: counts as strace (%s vs %s)'
                  % (' '.join(opts), table(got), table(ref)))
        _, got = both(['-c', '-w'], ['/bin/sleep', '0.3'], ['--engine=bpf'])
        s = [float(l.split()[1]) for l in got.splitlines() if l.endswith(' clock_nanosleep')]
        check(s and 0.25 <= s[0] < 10, '--engine=bpf -c -w: the sleep\'s wall time (%s)' % s)
        _, got = both(['-c'], ['/bin/sleep', '0.3'], ['--engine=bpf'])
        s = [float(l.split()[1]) for l in got.splitlines() if l.endswith(' clock_nanosleep')]
        check(s and s[0] < 0.1, '--engine=bpf -c: the sleep costs no system time (%s)' % s)
    # -c charges a call with system time, -w with wall time (issue 19):
    # a sleep costs nothing of the first, its length of the second.
    def seconds(text, name):
        for l in text.splitlines():
            f = l.split()
            if f and f[-1] == name:
                return float(f[1])
        return None
    sleeper = ['/bin/sleep', '0.3']
    for opts, lo, hi in ((['-c'], 0, 0.1), (['-c', '-w'], 0.25, 10)):
        ref, got = both(opts, sleeper)
        s, m = seconds(ref, 'clock_nanosleep'), seconds(got, 'clock_nanosleep')
        check(s is not None and lo <= s < hi and m is not None and lo <= m < hi,
              '%s sleep 0.3: clock_nanosleep %s s, strace %s s' % (' '.join(opts), m, s))
    # A call that works in the kernel: both see system time in it, or
    # (tick-based accounting) neither much.
    ref, got = both(['-c', '-e', 'trace=read'],
                    ['dd', 'if=/dev/zero', 'of=/dev/null', 'bs=4M', 'count=250'])
    s, m = seconds(ref, 'read'), seconds(got, 'read')
    # (~0.1 s of clearing pages: tens of ticks, so even tick-based
    # accounting charges some to the kernel)
    check(s is not None and m is not None and (m > 0 or s < 0.01),
          '-c dd: read has system time %s s, strace %s s' % (m, s))
    _, got = both(['-C', '-e', 'trace=write'], ['/bin/echo', 'hi'])
    check(got.startswith('write(1, "hi\\n", 3)') and 'total' in got, '-C prints trace and table')

    # strace announces a new child only among a trace on stderr, never
    # when the trace goes to a file.
    kid = ['/bin/sh', '-c', '/bin/true & wait']
    r = run([A.mtrace, '-f', '-o', os.path.join(tmp, 'kid.trace'), *kid])
    check('attached' not in r.stderr, '-f -o FILE: no "Process N attached" on stderr (%r)' % r.stderr)
    r = run([A.mtrace, '-f', *kid])
    # (after the part of the clone line written while it ran, as strace)
    check(re.search(r'mtrace: Process \d+ attached$', r.stderr, re.M) is not None,
          '-f without -o: "Process N attached" among the trace')


def case_seccomp(tmp):
    """-e trace= of a subset runs the command under a seccomp filter that
    stops only the traced calls: same output as strace, filter in place,
    no event lost in threads, and --seccomp-bpf=no keeps it off."""
    feats_off = 'seccomp' in os.environ.get('MTRACE_DISABLE', '')
    script = os.path.join(A.data, 'test-minimal')
    opts = ('-f', '-e', 'trace=openat,write,execve,wait4,exit_group,dup2,rt_sigreturn')
    ref, got = trace_both(['/bin/sh', './test-minimal'], tmp, 'filtered', opts=opts, cwd=A.data)

    # Where dash's SIGCHLD lands (during or after its wait4) varies run to
    # run under any tracer: compare those lines by count, the rest exactly.
    def async_lines(text):
        return [l for l in text.splitlines() if '--- SIGCHLD' in l or 'rt_sigreturn(' in l]

    def without_async(text):
        return '\n'.join(l for l in text.splitlines() if l not in async_lines(text)) + '\n'
    check(len(async_lines(ref)) == len(async_lines(got)), 'filtered reference: as many SIGCHLD lines')
    ref, got = without_async(ref), without_async(got)
    same, total, diff = tracecmp.compare(ref, got)
    print('filtered reference: %d of %d identical' % (same, total))
    if diff:
        print(diff)
    check(same == total, 'filtered reference identical to strace')
    del script

    def seccomp_mode(*extra):
        out = os.path.join(tmp, 'looper-filtered%d' % len(extra))  # one file per run
        m = popen([A.mtrace, '-f', *extra, '-e', 'trace=write', '-o', out,
                              os.path.join(A.programs, 'looper')], stdout=subprocess.DEVNULL)
        child = child_of(m.pid)
        wait_for(lambda: os.path.exists(out) and 'write(1' in open(out).read())
        mode = proc_status(child)['Seccomp'] if child else '?' 
        m.send_signal(signal.SIGINT)
        m.communicate(timeout=10)
        return mode, open(out).read()
    mode, text = seccomp_mode()
    check(mode == ('0' if feats_off else '2'), 'filter installed when tracing a subset (Seccomp: %s)' % mode)
    check('nanosleep' not in text and 'write(1, "' in text, 'only the traced calls show')
    mode, _ = seccomp_mode('--seccomp-bpf=no')
    check(mode == '0', '--seccomp-bpf=no: no filter (Seccomp: %s)' % mode)
    # Without -f no filter: an untraced child would inherit it, and its
    # RET_TRACE calls would fail with ENOSYS.
    data = os.path.join(tmp, 'nof.txt')
    open(data, 'w').write('seen\n')
    out = os.path.join(tmp, 'nof.trace')
    r = run([A.mtrace, '-e', 'trace=openat', '-o', out, '/bin/sh', '-c',
             'cat %s; grep Seccomp: /proc/self/status' % data])
    check(r.returncode == 0 and r.stdout.startswith('seen\n'),
          'no -f: the untraced child runs normally (%d, %r)' % (r.returncode, r.stdout + r.stderr))
    check(re.search(r'^Seccomp:\s+0$', r.stdout, re.M) is not None, 'no -f: no filter (%r)' % r.stdout)
    out = os.path.join(tmp, 'threads-filtered')
    run([A.mtrace, '-f', '-o', out, '-e', 'trace=getppid', os.path.join(A.programs, 'threads')])
    procs = tracecmp.per_process(open(out).read())
    per = sorted(n for n in (sum(l.startswith('getppid()') for l in ls) for ls in procs.values()) if n)
    check(per == [1000] * 8, 'filtered threads: 8 x 1000 getppid (got %s)' % per)


def case_pin(tmp):
    """lib/engine/pin.c: nothing is pinned by default. With --pin, a process of a
    command mtrace starts shares mtrace's CPU only until it could tell (an
    affinity call about it; without -f, a fork; under the seccomp filter,
    any fork), never with -p, and a mask the program or its launcher set is
    never changed. programs/affinity.c says what each phase means."""
    prog = os.path.join(A.programs, 'affinity')

    def phases(*opts, args=()):
        cmd = [A.mtrace, *opts, '-o', os.path.join(tmp, 'pin.trace'), prog, *args] if opts != ('-',) else [prog, *args]
        r = run(cmd)
        check(r.returncode == 0, 'affinity %s: exit 0 (%d, %s)' % (' '.join(opts), r.returncode, r.stderr.strip()))
        return dict(l.split(' ', 1) for l in r.stdout.splitlines())
    plain = phases('-')
    full, ncpu = plain.get('before'), int(plain.get('count', '0'))
    lists = ('before', 'early', 'parent', 'thread', 'late', 'quiet')
    check(all(plain.get(k) == full for k in lists) and plain.get('asked') == str(ncpu),
          'untraced: one mask (%s)' % plain)
    one_cpu = re.compile(r'^\d+$')
    # (options, the phases still pinned)
    # under the seccomp filter (-f -e trace=) the affinity calls stop even
    # when they are not shown, and the first fork ends the pin for all
    # (quiet is not pinned); without --pin nothing is pinned
    for opts, pinned in ((('--pin', '-f'), ('before', 'quiet')), (('--pin',), ('before',)),
                         (('-f',), ()), ((), ()), (('--pin=no', '-f'), ()),
                         (('--pin', '-f', '-e', 'trace=sched_getaffinity'), ('before',)),
                         (('--pin=yes', '-f', '-e', 'trace=openat'), ('before',)),
                         (('-f', '-e', 'trace=openat'), ())):
        got = phases(*opts)
        what = 'mtrace %s' % ' '.join(opts)
        for k in lists:
            if k in pinned and ncpu > 1:
                check(one_cpu.match(got.get(k, '')) is not None, '%s: %s pinned to one CPU (%s)' % (what, k, got.get(k)))
            else:
                check(got.get(k) == full, '%s: %s has the whole mask (%s)' % (what, k, got.get(k)))
        if 'trace=openat' in opts:
            text = open(os.path.join(tmp, 'pin.trace')).read()
            check('openat(' in text and 'sched_getaffinity' not in text,
                  '%s: the affinity calls stop for the pin but are not shown' % what)
        # What a process learns of a mask is never the pin.
        for k in ('asked', 'count'):
            check(got.get(k) == str(ncpu), '%s: %s: sched_getaffinity sees %d CPUs (%s)' % (what, k, ncpu, got.get(k)))
    # Tracees that mostly compute, two of them: the pin ends by itself.
    got = phases('--pin', '-f', args=('compute',))
    if ncpu > 1:
        check(one_cpu.match(got.get('before', '')) is not None,
              'compute: pinned at first (%s)' % got.get('before'))
    check(got.get('computed') == full, 'compute: unpinned once the threads computed (%s)' % got.get('computed'))
    check(got.get('thread') == full, 'compute: the threads too (%s)' % got.get('thread'))
    # A mask the program set itself is left alone when the pin ends, even
    # one that is the very CPU of the pin.
    for own in ('own', 'same') if ncpu > 1 else ():
        for opts in (('--pin', '-f'), ('-f',)):
            got = phases(*opts, args=('compute', own))
            check(got.get('own') and all(got.get(k) == got['own'] for k in ('thread', 'computed')),
                  "compute %s %s: the program's own mask stays (%s)" % (own, ' '.join(opts), got))
    # A launcher's mask, and the program's own, as untraced (issue 12).
    if ncpu > 1 and shutil.which('taskset'):
        script = ['taskset', '-c', '0', 'sh', '-c', 'taskset -p $$; sleep 0.3; taskset -p $$']
        want = run(script).stdout.replace(str(os.getpid()), '')
        for opts in ((), ('--pin',), ('--pin', '-f')):
            r = run([A.mtrace, *opts, '-o', os.path.join(tmp, 'ts.trace'), *script])
            got = re.sub(r'pid \d+', 'pid N', r.stdout)
            check(got == re.sub(r'pid \d+', 'pid N', want) and "mask: 1" in got,
                  'taskset -c 0 under mtrace %s: %r (untraced %r)' % (' '.join(opts), got, want))
        r = run(['taskset', '-c', '1', A.mtrace, '--pin', '-o', os.path.join(tmp, 'ts.trace'),
                 'sh', '-c', 'grep Cpus_allowed_list /proc/self/status'])
        check(r.stdout.split() == ['Cpus_allowed_list:', '1'],
              "--pin under a launcher's mask: the launcher's CPUs (%r)" % r.stdout)
    # The trace of that call is strace's.
    ref, _ = trace_both([prog], tmp, 'pin', opts=('-f',))
    run([A.mtrace, '--pin', '-f', '-o', os.path.join(tmp, 'pinned.mtrace'), prog])
    got = open(os.path.join(tmp, 'pinned.mtrace')).read()

    def affinity_line(text):
        # (padding before '=' depends on whether the call was cut by another's,
        # and the pid asked about differs run to run)
        return sorted(re.sub(r'\(\d+,', '(PID,', re.sub(r' +=', ' =', l))
                      for ls in tracecmp.per_process(text).values() for l in ls
                      if 'sched_getaffinity(' in l)
    check(affinity_line(got) == affinity_line(ref) and len(affinity_line(ref)) == 2,
          'sched_getaffinity line as strace (%s vs %s)' % (affinity_line(got), affinity_line(ref)))
    # -p: an attached process keeps its mask.
    looper = popen([os.path.join(A.programs, 'looper')], stdout=subprocess.DEVNULL)
    m = popen([A.mtrace, '-f', '-o', os.path.join(tmp, 'pin-p.trace'), '-p', str(looper.pid)])
    wait_for(lambda: proc_status(looper.pid).get('TracerPid', '0') != '0')
    time.sleep(0.2)
    check(proc_status(looper.pid).get('Cpus_allowed_list') == full,
          '-p: the attached process keeps its mask (%s)' % proc_status(looper.pid).get('Cpus_allowed_list'))
    m.send_signal(signal.SIGINT)
    m.communicate(timeout=10)
    looper.kill()
    looper.wait()


def std_fds(tool, tmp):
    """The tracer's stdin and stdout while its command runs, and how long a
    reader of the command's stdout waits for its end: the command closes
    it at once and sleeps on (issue 19)."""
    with open(os.path.join(tmp, 'stdin'), 'w+') as stdin:
        p = subprocess.Popen([tool, '-o', os.path.join(tmp, 'std.trace'), 'sh', '-c',
                              'echo hi; exec >&-; sleep 1.5'],
                             stdin=stdin, stdout=subprocess.PIPE)
        t0 = time.monotonic()
        p.stdout.read()
        waited = time.monotonic() - t0
        fds = []
        for fd in (0, 1):
            try:
                fds.append(os.readlink('/proc/%d/fd/%d' % (p.pid, fd)))
            except OSError:
                fds.append(None)
        p.wait()
    return waited, fds


def case_cli(tmp):
    # The tracer lets go of its stdin and stdout once the command runs.
    for tool in ('strace', A.mtrace):
        waited, fds = std_fds(tool, tmp)
        check(waited < 1.0, '%s: the command\'s reader sees EOF when the command closes '
              'its stdout (after %.2f s)' % (os.path.basename(tool), waited))
        if tool != 'strace':  # (strace puts pipes of its own there)
            check(fds == ['/dev/null', '/dev/null'],
                  'mtrace: its stdin and stdout are /dev/null meanwhile (%r)' % fds)
    def bad(args, code, pattern, what):
        r = run([A.mtrace, *args])
        lines = r.stderr.strip().splitlines()
        check(r.returncode == code, '%s: exit %d (got %d)' % (what, code, r.returncode))
        check(code != 2 or len(lines) == 1, '%s: one line (got %r)' % (what, lines))
        check(len(lines) >= 1 and re.search(pattern, lines[0]) is not None,
              '%s: says /%s/ (got %r)' % (what, pattern, r.stderr.strip()))
    bad(['--bogus', 'true'], 2, r"^mtrace: unrecognized option '--bogus'$", 'unknown option')
    bad(['-Q', 'true'], 2, r"^mtrace: invalid option -- 'Q'$", 'unknown letter')
    bad(['--engine=bogus', 'true'], 2, r"^mtrace: invalid --engine 'bogus' \(ptrace, bpf or auto\)$",
        'unknown engine')
    bad(['--engine=bpf', '--pin', 'true'], 1, r'^mtrace: the BPF engine does not pin',
        'the BPF engine with --pin')
    if shutil.which('setpriv') and os.geteuid() == 0:
        # Unprivileged, the BPF engine names what it lacks. (A copy:
        # the build directory may not be readable to nobody.)
        mt = os.path.join(tmp, 'mtrace-copy')
        shutil.copy(A.mtrace, mt)
        os.chmod(tmp, 0o755)
        r = run(['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', mt, '-c',
                 '--engine=bpf', '-o', os.devnull, '/bin/true'])
        lines = r.stderr.strip().splitlines()
        check(r.returncode == 1 and len(lines) == 1 and
              re.match(r'^mtrace: (the BPF engine needs CAP_BPF and CAP_PERFMON|this build has no '
                       r'BPF engine|the BPF engine needs PTRACE_SEIZE)', lines[0]) is not None,
              '--engine=bpf unprivileged: one line naming the capabilities (%r)' % r.stderr)
    bad(['-e', 'trace=nosuchcall', 'true'], 2, r"^mtrace: invalid system call 'nosuchcall'$", 'unknown syscall')
    bad(['-e', 'bogus=1', 'true'], 2, r'^mtrace: invalid -e qualifier', 'unknown qualifier')
    bad(['-e', 'trace=%nosuch', 'true'], 2, r"^mtrace: invalid system call '%nosuch'$", 'unknown class')
    bad(['-e', 'trace=/[', 'true'], 2, r"^mtrace: invalid regular expression", 'bad regex')
    # would take gigabytes in glibc's regcomp: refused before compiling
    bad(['-e', 'trace=/^(lo' + '+' * 60 + 'se)', 'true'], 2, r'^mtrace: regular expression too complex',
        'costly regex')
    bad(['-e', 'signal=SIGNOPE', 'true'], 2, r'^mtrace: invalid signal', 'unknown signal')
    bad(['-e', 'status=bogus', 'true'], 2, r'^mtrace: invalid status', 'unknown status')
    bad(['-S', 'bogus', '-c', 'true'], 2, r"^mtrace: invalid sortby: 'bogus'$", 'unknown sort key')
    bad(['-s', 'x', 'true'], 2, r"^mtrace: invalid -s argument: 'x'$", 'bad -s')
    bad(['--pin=bogus', 'true'], 2, r"^mtrace: invalid --pin value 'bogus' \(yes, auto or no\)$", 'bad --pin')
    bad([], 2, r'^mtrace: must have PROG \[ARGS\] or -p PID', 'no command')
    bad(['/nonexistent/prog'], 1, r"^mtrace: cannot run '/nonexistent/prog': No such file", 'missing program')
    bad(['no-such-program-mtrace'], 1, r"^mtrace: cannot find 'no-such-program-mtrace' in PATH", 'not in PATH')
    bad(['-o', '/nonexistent/dir/out', 'true'], 1, r"^mtrace: cannot open '/nonexistent/dir/out'", 'bad -o')
    # As root, -o does not follow a symbolic link (docs/security.md) but
    # still writes to /dev/stderr.
    if os.getuid() == 0:
        link = os.path.join(tmp, 'link')
        target = os.path.join(tmp, 'target')
        open(target, 'w').write('keep')
        os.symlink(target, link)
        bad(['-o', link, 'true'], 1, r'Too many levels of symbolic links \(a symbolic link: not '
            r'followed as root\)', '-o symlink as root')
        check(open(target).read() == 'keep', '-o symlink as root: target untouched')
        r = run([A.mtrace, '-o', '/dev/stderr', '-e', 'trace=exit_group', 'true'])
        check(r.returncode == 0 and 'exit_group(0)' in r.stderr, '-o /dev/stderr as root')
    r = run([A.mtrace, '--version'])
    check(r.returncode == 0 and r.stdout.startswith('mtrace '), '--version')
    r = run([A.mtrace, '--help'])
    check(r.returncode == 0 and 'usage: mtrace' in r.stdout, '--help')
    # -e trace= keeps only the named calls; -s cuts strings.
    out = os.path.join(tmp, 'filtered')
    r = run([A.mtrace, '-e', 'trace=openat,write', '-s', '5', '-o', out, '/bin/echo', 'hello world'])
    lines = open(out).read().splitlines()
    names = {re.match(r'^(\w+)\(', l).group(1) for l in lines if re.match(r'^\w+\(', l)}
    check(names == {'openat', 'write'}, '-e trace=openat,write keeps only those (got %s)' % names)
    check(any(re.match(r'^write\(1, "hello"\.\.\., 12\) += 12$', l) for l in lines),
          '-s 5 cuts the string')
    r = run([A.mtrace, '-e', 'trace=%file', '-o', out, '/bin/true'])
    text = open(out).read()
    check('execve(' in text and 'openat(' in text and 'mmap(' not in text, '-e trace=%file selects the class')


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument('--mtrace', required=True)
    p.add_argument('--programs', required=True)
    p.add_argument('--data', required=True)
    p.add_argument('case', choices=['reference', 'programs', 'process', 'options', 'seccomp', 'pin', 'cli'])
    A = p.parse_args()
    for k in ('mtrace', 'programs', 'data'):
        setattr(A, k, os.path.abspath(getattr(A, k)))
    why = tracecmp.bpf_engine_missing(A.mtrace)
    if why:
        print('MTRACE_ENGINE=bpf, but the BPF engine cannot run: %s' % why)
        return SKIP
    if A.case != 'cli' and not shutil.which('strace'):
        print('strace is not installed: skipping the differential tests')
        return SKIP
    with tempfile.TemporaryDirectory(prefix='mtrace-e2e-') as tmp:
        # (the test programs make files in their working directory, and
        # each engine's run of a case goes on beside the other's)
        os.chdir(tmp)
        try:
            globals()['case_' + A.case](tmp)
        finally:
            for p in started:
                if p.poll() is None:
                    # its children first: without EXITKILL they outlive it
                    kids = subprocess.run(['pgrep', '-P', str(p.pid)], capture_output=True, text=True)
                    for kid in kids.stdout.split():
                        os.kill(int(kid), signal.SIGKILL)
                    p.kill()
                    p.wait()
    print('%d checks failed' % len(failures) if failures else 'all checks passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

/* Every argument kind, once: its name and how the decoders treat it.
 *
 * The signature table (signatures.c) gives each argument of a call a
 * kind; lib/decode/ prints it with the kind's printer, mt_kp_NAME, which
 * the family file of the kind defines (a kind without one does not link),
 * and looks its rules up here:
 *   K_IN       printed at entry;
 *   K_OUT      written by the kernel: printed at exit (so is every
 *              argument after it, strace's order), as its address after a
 *              failure;
 *   K_OUT_OWN  the same, but its printer shows its own form after a
 *              failure (readv's vector, nanosleep's remainder);
 *   K_SKIP     printed at entry unless mt_ks_NAME says the argument is not
 *              there at all (open's mode without O_CREAT). */
#ifndef MTRACE_SYSCALLS_KINDS_H
#define MTRACE_SYSCALLS_KINDS_H

enum {
	MT_K_OUT = 1,       /* printed at exit */
	MT_K_FAIL_ADDR = 2, /* after a failure, the address */
	MT_K_SKIP = 4,      /* may be left out (mt_ks_NAME) */
};
#define K_IN      0
#define K_OUT     (MT_K_OUT | MT_K_FAIL_ADDR)
#define K_OUT_OWN MT_K_OUT
#define K_SKIP    MT_K_SKIP

// clang-format off
#define MT_ARG_KINDS(X) \
	/* plain values */ \
	X(INT, K_IN) /* int, signed decimal */ \
	X(UINT, K_IN) /* unsigned int, decimal */ \
	X(LONG, K_IN) /* long, signed decimal */ \
	X(ULONG, K_IN) /* unsigned long / size_t, decimal */ \
	X(HEX, K_IN) /* raw, %#lx (0 prints as 0) */ \
	X(PTR, K_IN) /* pointer: NULL or 0x... */ \
	X(OCT, K_IN) /* mode_t: 0644 */ \
	X(FD, K_IN) /* int fd */ \
	X(DIRFD, K_IN) /* int fd, AT_FDCWD by name */ \
	X(TID, K_IN) /* a thread's id (tkill) */ \
	X(TGID, K_IN) /* a process's id (sched_setaffinity) */ \
	X(PGID, K_IN) /* a process group's id (setpgid's second) */ \
	X(TGID_PGID, K_IN) /* kill, wait4: a process, or a group if below -1 */ \
	X(PRIO_WHO, K_IN) /* getpriority's who: a pid or a pgid by which */ \
	X(IOPRIO_WHO, K_IN) /* ioprio_get's who: the same by IOPRIO_WHO_* */ \
	X(WAITID_ID, K_IN) /* waitid's id: a pid or pgid by idtype, or a pidfd */ \
	/* memory */ \
	X(PATH, K_IN) /* NUL-terminated path, not cut by -s */ \
	X(STR, K_IN) /* NUL-terminated string, cut by -s */ \
	X(BUF_IN, K_IN) /* bytes at entry, length in the next argument (write) */ \
	X(SOCKBUF_IN, K_IN) /* the same sent on a socket: netlink messages (sendto) */ \
	X(BUF_OUT, K_OUT) /* bytes at exit, length = return value (read) */ \
	X(HEXBUF_OUT, K_OUT) /* same, every byte in hex (getrandom) */ \
	X(XATTR_VALUE_IN, K_IN) /* setxattr's: the value without a last NUL */ \
	X(XATTR_FLAGS, K_IN) /* XATTR_CREATE */ \
	X(XATTR_VALUE_OUT, K_OUT) /* getxattr's: the value without a last NUL */ \
	X(XATTR_LIST_OUT, K_OUT) /* listxattr's names; the address for size 0 */ \
	X(ARGV, K_IN) /* char *argv[] */ \
	X(ENVP, K_IN) /* char *envp[]: address and / * N vars * / */ \
	/* flags and constants */ \
	X(OPEN_FLAGS, K_IN) /* O_RDONLY|O_CLOEXEC */ \
	X(OPEN_MODE, K_SKIP) /* mode, only if the previous argument has O_CREAT/O_TMPFILE */ \
	X(ACCESS_MODE, K_IN) /* F_OK, R_OK|W_OK */ \
	X(AT_FLAGS, K_IN) /* AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW */ \
	X(PROT, K_IN) /* PROT_READ|PROT_WRITE */ \
	X(MMAP_FLAGS, K_IN) /* MAP_PRIVATE|MAP_ANONYMOUS */ \
	X(WHENCE, K_IN) /* SEEK_SET */ \
	X(SIGNUM, K_IN) /* SIGCHLD */ \
	X(SIGMASK_HOW, K_IN) /* SIG_BLOCK */ \
	X(WAIT_OPTIONS, K_IN) /* WNOHANG */ \
	X(UNSHARE_FLAGS, K_IN) /* CLONE_NEWNS|CLONE_FILES */ \
	X(SETNS_TYPE, K_IN) /* CLONE_NEWUTS, 0 for any */ \
	X(MOUNT_FLAGS, K_IN) /* MS_MGC_VAL|MS_NOSUID|MS_NODEV */ \
	X(MOUNT_TYPE, K_IN) /* mount's: a string, an address where ignored */ \
	X(MOUNT_DATA, K_IN) /* likewise */ \
	X(UMOUNT_FLAGS, K_IN) /* MNT_DETACH */ \
	X(FSOPEN_FLAGS, K_IN) /* FSOPEN_CLOEXEC */ \
	X(FSMOUNT_FLAGS, K_IN) /* FSMOUNT_CLOEXEC */ \
	X(FSMOUNT_ATTR, K_IN) /* MOUNT_ATTR_NOSUID */ \
	X(FSPICK_FLAGS, K_IN) /* FSPICK_CLOEXEC */ \
	X(MOVE_MOUNT_FLAGS, K_IN) /* MOVE_MOUNT_F_EMPTY_PATH */ \
	X(OPEN_TREE_FLAGS, K_IN) /* OPEN_TREE_CLONE|AT_RECURSIVE */ \
	X(MOUNT_SETATTR_FLAGS, K_IN) /* AT_RECURSIVE */ \
	X(MOUNT_ATTR_IN, K_IN) /* mount_setattr's struct, its size next */ \
	X(IPC_KEY, K_IN) /* IPC_PRIVATE, 0x1234 */ \
	X(IPC_GET_FLAGS, K_IN) /* IPC_CREAT|0600 */ \
	X(SHM_GET_FLAGS, K_IN) /* IPC_CREAT|21<<SHM_HUGE_SHIFT|0600 */ \
	X(SEMBUF_IN, K_IN) /* semop's operations, their count next */ \
	X(MSGBUF_IN, K_IN) /* {mtype=7, mtext="..."}, its size next */ \
	X(IPC_MSG_FLAGS, K_IN) /* IPC_NOWAIT|MSG_NOERROR */ \
	X(SHMAT_FLAGS, K_IN) /* SHM_RDONLY */ \
	X(RLIMIT_RES, K_IN) /* RLIMIT_STACK */ \
	X(GRND_FLAGS, K_IN) /* GRND_NONBLOCK */ \
	X(ARCH_PRCTL_CODE, K_IN) /* ARCH_SET_FS */ \
	X(PIPE_FLAGS, K_IN) /* O_CLOEXEC|O_NONBLOCK (pipe2, dup3) */ \
	X(CLOCKID, K_IN) /* CLOCK_MONOTONIC */ \
	X(MADVISE, K_IN) /* MADV_DONTNEED */ \
	/* structures */ \
	X(SIGSET_IN, K_IN) /* sigset_t *, read at entry, size from the sigsetsize argument */ \
	X(URING_ENTER_FLAGS, K_IN) /* IORING_ENTER_GETEVENTS */ \
	X(SIGSET_OUT, K_OUT) /* same, read at exit */ \
	X(SIGACTION_IN, K_IN) \
	X(SIGACTION_OUT, K_OUT) \
	X(WSTATUS_OUT, K_OUT) /* int *status of wait4 */ \
	X(RUSAGE_OUT, K_OUT) \
	X(RLIMIT_IN, K_IN) /* struct rlimit64 * */ \
	X(RLIMIT_OUT, K_OUT) \
	X(STAT_OUT, K_OUT) /* struct stat * */ \
	X(STATX_OUT, K_OUT) \
	X(TIMESPEC_IN, K_IN) \
	X(TIMESPEC_OUT, K_OUT) \
	X(PIPEFD_OUT, K_OUT) /* int[2] */ \
	X(UTSNAME_OUT, K_OUT) \
	X(SYSINFO_OUT, K_OUT) \
	/* files and directories (decode_fs.c) */ \
	X(PATH_OUT, K_OUT) /* path written by the call, length = return value - 1 (getcwd) */ \
	X(DIRENT_OUT, K_OUT) /* getdents buffer: address and / * N entries * / */ \
	X(DIRENT64_OUT, K_OUT) /* getdents64 buffer */ \
	X(STATFS_OUT, K_OUT) /* struct statfs * */ \
	X(UTIMENS_IN, K_IN) /* struct timespec[2] of utimensat */ \
	X(TIMEVAL_PAIR_IN, K_IN) /* struct timeval[2] of utimes, futimesat */ \
	X(FADVICE, K_IN) /* POSIX_FADV_* */ \
	X(FACCESSAT2_FLAGS, K_IN) /* AT_EACCESS|AT_SYMLINK_NOFOLLOW */ \
	X(STATX_FLAGS, K_IN) /* AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW */ \
	X(STATX_MASK, K_IN) /* STATX_TYPE|STATX_MODE */ \
	X(RENAME_FLAGS, K_IN) /* RENAME_NOREPLACE */ \
	X(MKNOD_MODE, K_IN) /* S_IFIFO|0644 */ \
	X(DEV, K_SKIP) /* makedev(0x1, 0x3), only after a device MT_A_MKNOD_MODE */ \
	X(OPEN_HOW, K_IN) /* struct open_how *, size in the next argument (openat2) */ \
	/* processes and scheduling (decode_sched.c) */ \
	X(RUSAGE_WHO, K_IN) /* RUSAGE_SELF */ \
	X(CPUSET_IN, K_IN) /* cpu_set_t *, size in the previous argument */ \
	X(CPUSET_OUT, K_OUT) /* same, size = return value */ \
	X(SCHED_POLICY, K_IN) /* SCHED_OTHER */ \
	X(SCHED_PARAM_IN, K_IN) /* struct sched_param * */ \
	X(SCHED_PARAM_OUT, K_OUT) \
	X(PRIO_WHICH, K_IN) /* PRIO_PROCESS */ \
	/* I/O vectors (decode_io.c) */ \
	X(IOVEC_IN, K_IN) /* struct iovec *, count in the next argument (writev) */ \
	X(IOVEC_OUT, K_OUT_OWN) /* same, data up to the return value at exit (readv) */ \
	X(RWF_FLAGS, K_IN) /* RWF_NOWAIT */ \
	X(POS_HIGH, K_SKIP) /* preadv2's pos_h: only where a register is 32 bits */ \
	X(SPLICE_FLAGS, K_IN) \
	X(LOFF_PTR, K_IN) /* loff_t * of splice, copy_file_range: [N] */ \
	/* sockets (decode_net.c) */ \
	X(ADDR_FAMILY, K_IN) /* AF_UNIX */ \
	X(SOCK_TYPE, K_IN) /* SOCK_STREAM|SOCK_CLOEXEC */ \
	X(SOCK_FLAGS, K_IN) /* SOCK_CLOEXEC|SOCK_NONBLOCK (accept4) */ \
	X(SOCKADDR_IN, K_IN) /* struct sockaddr *, length in the next argument */ \
	X(MSG_FLAGS, K_IN) /* MSG_DONTWAIT|MSG_NOSIGNAL */ \
	X(MSGHDR_IN, K_IN) /* struct msghdr * of sendmsg */ \
	X(SHUT_HOW, K_IN) /* SHUT_WR */ \
	/* polling (decode_poll.c) */ \
	X(POLLFDS_IN, K_IN) /* struct pollfd *, count in the next argument */ \
	X(FDSET_IN, K_IN) /* fd_set *, nfds in argument 0: [3 4] */ \
	X(TIMEVAL_IN, K_IN) /* struct timeval * */ \
	X(PSELECT_SIG, K_IN) /* pselect6's {sigmask=[...], sigsetsize=8} */ \
	X(EPOLL_FLAGS, K_IN) /* EPOLL_CLOEXEC */ \
	X(EPOLL_OP, K_IN) /* EPOLL_CTL_ADD */ \
	X(EPOLL_EVENT_IN, K_IN) /* struct epoll_event * of epoll_ctl (an address for DEL) */ \
	X(EPOLL_EVENTS_OUT, K_OUT) /* the events epoll_wait returned */ \
	/* time and timers (decode_time.c) */ \
	X(TIMESPEC_REM, K_OUT_OWN) /* nanosleep's remaining time: shown only if interrupted */ \
	X(TIMER_FLAGS, K_IN) /* TIMER_ABSTIME */ \
	X(TIMERFD_FLAGS, K_IN) /* TFD_CLOEXEC|TFD_NONBLOCK, TFD_TIMER_ABSTIME */ \
	X(ITIMER_WHICH, K_IN) /* ITIMER_REAL */ \
	X(ITIMERVAL_IN, K_IN) /* struct itimerval * */ \
	X(ITIMERVAL_OUT, K_OUT) \
	X(ITIMERSPEC_IN, K_IN) /* struct itimerspec * */ \
	X(ITIMERSPEC_OUT, K_OUT) \
	X(SIGEVENT, K_IN) /* struct sigevent * */ \
	X(TIMERID_OUT, K_OUT) /* timer_t *: [0] */ \
	X(TIMEVAL_OUT, K_OUT) /* struct timeval * */ \
	X(TIMEZONE_IN, K_IN) /* struct timezone * */ \
	X(TIMEZONE_OUT, K_OUT) \
	/* flags of assorted calls and small arrays (decode_misc.c) */ \
	X(FLOCK_OP, K_IN) /* LOCK_EX|LOCK_NB */ \
	X(FALLOC_MODE, K_IN) /* FALLOC_FL_KEEP_SIZE */ \
	X(EFD_FLAGS, K_IN) /* EFD_CLOEXEC */ \
	X(SFD_FLAGS, K_IN) /* SFD_CLOEXEC */ \
	X(INOTIFY_INIT_FLAGS, K_IN) /* IN_CLOEXEC */ \
	X(INOTIFY_MASK, K_IN) /* IN_CREATE|IN_DELETE */ \
	X(MEMFD_FLAGS, K_IN) /* MFD_CLOEXEC */ \
	X(MSYNC_FLAGS, K_IN) /* MS_SYNC */ \
	X(MREMAP_FLAGS, K_IN) /* MREMAP_MAYMOVE */ \
	X(MREMAP_ADDR, K_SKIP) /* new address: only with MREMAP_MAYMOVE|MREMAP_FIXED */ \
	X(MLOCKALL_FLAGS, K_IN) /* MCL_CURRENT */ \
	X(MLOCK2_FLAGS, K_IN) /* MLOCK_ONFAULT */ \
	X(CLOSE_RANGE_FLAGS, K_IN) /* CLOSE_RANGE_CLOEXEC */ \
	X(GIDS_IN, K_IN) /* gid_t[], count in the previous argument */ \
	X(GIDS_OUT, K_OUT) /* gid_t[], count = return value */ \
	X(MINCORE_VEC, K_OUT) /* one byte per page of the length argument */ \
	X(IOPRIO_WHICH, K_IN) /* IOPRIO_WHO_PROCESS */ \
	X(IOPRIO, K_IN) /* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */ \
	X(STACK_T_IN, K_IN) /* stack_t * of sigaltstack */ \
	X(STACK_T_OUT, K_OUT) \
	X(SCHED_ATTR_IN, K_IN) /* struct sched_attr * */ \
	X(SCHED_ATTR_OUT, K_OUT) /* same, size in the next argument */ \
	X(WAITID_TYPE, K_IN) /* P_PID */ \
	X(SIGINFO_OUT, K_OUT) /* siginfo_t * written by waitid */ \
	X(SIGINFO_IN, K_IN) /* siginfo_t * read by rt_sigqueueinfo */ \
	X(MSGBUF_OUT, K_OUT) /* msgrcv's message */ \
	X(UID_OUT, K_OUT) /* uid_t *: [0] (getresuid) */ \
	X(CAP_HEADER, K_IN) /* {version=_LINUX_CAPABILITY_VERSION_3, pid=0} */ \
	X(CAP_DATA_IN, K_IN) /* {effective=1<<CAP_CHOWN|..., permitted=..., inheritable=...} */ \
	X(CAP_DATA_OUT, K_OUT)
// clang-format on

enum mt_arg_kind {
	MT_A_NONE,
#define MT_KIND_ENUM(name, flags) MT_A_##name,
	MT_ARG_KINDS(MT_KIND_ENUM)
#undef MT_KIND_ENUM
	    MT_A_KIND_COUNT
};

#endif

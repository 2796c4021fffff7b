/* The arch-neutral table of syscall signatures and classes, keyed by name.
 *
 * One entry per syscall name, whatever arches have it: how many arguments
 * it takes, the kind of each, what its return value means and which
 * classes (%file, %process, ...) it belongs to. Kinds say how to print an
 * argument; the files of lib/decode/ implement them. An argument kind listed in
 * mt_kind_is_output() is printed when the call returns; so is every
 * argument after it (strace's order). */
#ifndef MTRACE_SYSCALLS_SIGNATURES_H
#define MTRACE_SYSCALLS_SIGNATURES_H

#include <stdbool.h>
#include <stdint.h>

enum mt_class {
	MT_CL_FILE = 1 << 0,    /* takes a file name */
	MT_CL_DESC = 1 << 1,    /* takes or returns a file descriptor */
	MT_CL_PROCESS = 1 << 2, /* process life cycle */
	MT_CL_NETWORK = 1 << 3,
	MT_CL_SIGNAL = 1 << 4,
	MT_CL_MEMORY = 1 << 5,
	MT_CL_IPC = 1 << 6,
	MT_CL_CREDS = 1 << 7,
	MT_CL_CLOCK = 1 << 8,
	MT_CL_STAT = 1 << 9, /* stat family (%stat, %fstat, %lstat merged) */
};

enum mt_arg_kind {
	A_NONE,
	/* plain values */
	A_INT,   /* int, signed decimal */
	A_UINT,  /* unsigned int, decimal */
	A_LONG,  /* long, signed decimal */
	A_ULONG, /* unsigned long / size_t, decimal */
	A_HEX,   /* raw, %#lx (0 prints as 0) */
	A_PTR,   /* pointer: NULL or 0x... */
	A_OCT,   /* mode_t: 0644 */
	A_FD,    /* int fd */
	A_DIRFD, /* int fd, AT_FDCWD by name */
	/* memory */
	A_PATH,       /* NUL-terminated path, not cut by -s */
	A_STR,        /* NUL-terminated string, cut by -s */
	A_BUF_IN,     /* bytes at entry, length in the next argument (write) */
	A_BUF_OUT,    /* bytes at exit, length = return value (read) */
	A_HEXBUF_OUT, /* same, every byte in hex (getrandom) */
	A_ARGV,       /* char *argv[] */
	A_ENVP,       /* char *envp[]: address and / * N vars * / */
	/* flags and constants */
	A_OPEN_FLAGS,      /* O_RDONLY|O_CLOEXEC */
	A_OPEN_MODE,       /* mode, only if the previous argument has O_CREAT/O_TMPFILE */
	A_ACCESS_MODE,     /* F_OK, R_OK|W_OK */
	A_AT_FLAGS,        /* AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW */
	A_PROT,            /* PROT_READ|PROT_WRITE */
	A_MMAP_FLAGS,      /* MAP_PRIVATE|MAP_ANONYMOUS */
	A_WHENCE,          /* SEEK_SET */
	A_SIGNUM,          /* SIGCHLD */
	A_SIGMASK_HOW,     /* SIG_BLOCK */
	A_WAIT_OPTIONS,    /* WNOHANG */
	A_RLIMIT_RES,      /* RLIMIT_STACK */
	A_GRND_FLAGS,      /* GRND_NONBLOCK */
	A_ARCH_PRCTL_CODE, /* ARCH_SET_FS */
	A_PIPE_FLAGS,      /* O_CLOEXEC|O_NONBLOCK (pipe2, dup3) */
	A_CLOCKID,         /* CLOCK_MONOTONIC */
	A_MADVISE,         /* MADV_DONTNEED */
	/* structures */
	A_SIGSET_IN,  /* sigset_t *, read at entry, size from the sigsetsize argument */
	A_SIGSET_OUT, /* same, read at exit */
	A_SIGACTION_IN,
	A_SIGACTION_OUT,
	A_WSTATUS_OUT, /* int *status of wait4 */
	A_RUSAGE_OUT,
	A_RLIMIT_IN, /* struct rlimit64 * */
	A_RLIMIT_OUT,
	A_STAT_OUT, /* struct stat * */
	A_STATX_OUT,
	A_TIMESPEC_IN,
	A_TIMESPEC_OUT,
	A_PIPEFD_OUT, /* int[2] */
	A_UTSNAME_OUT,
	A_SYSINFO_OUT,
	/* files and directories (decode_fs.c) */
	A_PATH_OUT,         /* path written by the call, length = return value - 1 (getcwd) */
	A_DIRENT_OUT,       /* getdents buffer: address and / * N entries * / */
	A_DIRENT64_OUT,     /* getdents64 buffer */
	A_STATFS_OUT,       /* struct statfs * */
	A_UTIMENS_IN,       /* struct timespec[2] of utimensat */
	A_TIMEVAL_PAIR_IN,  /* struct timeval[2] of utimes, futimesat */
	A_FADVICE,          /* POSIX_FADV_* */
	A_FACCESSAT2_FLAGS, /* AT_EACCESS|AT_SYMLINK_NOFOLLOW */
	A_STATX_FLAGS,      /* AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW */
	A_STATX_MASK,       /* STATX_TYPE|STATX_MODE */
	A_RENAME_FLAGS,     /* RENAME_NOREPLACE */
	A_MKNOD_MODE,       /* S_IFIFO|0644 */
	A_DEV,              /* makedev(0x1, 0x3), only after a device A_MKNOD_MODE */
	A_OPEN_HOW,         /* struct open_how *, size in the next argument (openat2) */
	/* processes and scheduling (decode_sched.c) */
	A_RUSAGE_WHO,     /* RUSAGE_SELF */
	A_CPUSET_IN,      /* cpu_set_t *, size in the previous argument */
	A_CPUSET_OUT,     /* same, size = return value */
	A_SCHED_POLICY,   /* SCHED_OTHER */
	A_SCHED_PARAM_IN, /* struct sched_param * */
	A_SCHED_PARAM_OUT,
	A_PRIO_WHICH, /* PRIO_PROCESS */
	/* I/O vectors (decode_io.c) */
	A_IOVEC_IN,  /* struct iovec *, count in the next argument (writev) */
	A_IOVEC_OUT, /* same, data up to the return value at exit (readv) */
	A_RWF_FLAGS, /* RWF_NOWAIT */
	A_SPLICE_FLAGS,
	A_LOFF_PTR, /* loff_t * of splice, copy_file_range: [N] */
	/* sockets (decode_net.c) */
	A_ADDR_FAMILY, /* AF_UNIX */
	A_SOCK_TYPE,   /* SOCK_STREAM|SOCK_CLOEXEC */
	A_SOCK_FLAGS,  /* SOCK_CLOEXEC|SOCK_NONBLOCK (accept4) */
	A_SOCKADDR_IN, /* struct sockaddr *, length in the next argument */
	A_MSG_FLAGS,   /* MSG_DONTWAIT|MSG_NOSIGNAL */
	A_MSGHDR_IN,   /* struct msghdr * of sendmsg */
	A_SHUT_HOW,    /* SHUT_WR */
	/* polling (decode_poll.c) */
	A_POLLFDS_IN,       /* struct pollfd *, count in the next argument */
	A_FDSET_IN,         /* fd_set *, nfds in argument 0: [3 4] */
	A_TIMEVAL_IN,       /* struct timeval * */
	A_PSELECT_SIG,      /* pselect6's {sigmask=[...], sigsetsize=8} */
	A_EPOLL_FLAGS,      /* EPOLL_CLOEXEC */
	A_EPOLL_OP,         /* EPOLL_CTL_ADD */
	A_EPOLL_EVENT_IN,   /* struct epoll_event * of epoll_ctl (an address for DEL) */
	A_EPOLL_EVENTS_OUT, /* the events epoll_wait returned */
	/* time and timers (decode_time.c) */
	A_TIMESPEC_REM,  /* nanosleep's remaining time: shown only if interrupted */
	A_TIMER_FLAGS,   /* TIMER_ABSTIME */
	A_TIMERFD_FLAGS, /* TFD_CLOEXEC|TFD_NONBLOCK, TFD_TIMER_ABSTIME */
	A_ITIMER_WHICH,  /* ITIMER_REAL */
	A_ITIMERVAL_IN,  /* struct itimerval * */
	A_ITIMERVAL_OUT,
	A_ITIMERSPEC_IN, /* struct itimerspec * */
	A_ITIMERSPEC_OUT,
	A_SIGEVENT,    /* struct sigevent * */
	A_TIMERID_OUT, /* timer_t *: [0] */
	A_TIMEVAL_OUT, /* struct timeval * */
	A_TIMEZONE_IN, /* struct timezone * */
	A_TIMEZONE_OUT,
	/* flags of assorted calls and small arrays (decode_misc.c) */
	A_FLOCK_OP,           /* LOCK_EX|LOCK_NB */
	A_FALLOC_MODE,        /* FALLOC_FL_KEEP_SIZE */
	A_EFD_FLAGS,          /* EFD_CLOEXEC */
	A_SFD_FLAGS,          /* SFD_CLOEXEC */
	A_INOTIFY_INIT_FLAGS, /* IN_CLOEXEC */
	A_INOTIFY_MASK,       /* IN_CREATE|IN_DELETE */
	A_MEMFD_FLAGS,        /* MFD_CLOEXEC */
	A_MSYNC_FLAGS,        /* MS_SYNC */
	A_MREMAP_FLAGS,       /* MREMAP_MAYMOVE */
	A_MREMAP_ADDR,        /* new address: only with MREMAP_MAYMOVE|MREMAP_FIXED */
	A_MLOCKALL_FLAGS,     /* MCL_CURRENT */
	A_MLOCK2_FLAGS,       /* MLOCK_ONFAULT */
	A_CLOSE_RANGE_FLAGS,  /* CLOSE_RANGE_CLOEXEC */
	A_GIDS_IN,            /* gid_t[], count in the previous argument */
	A_GIDS_OUT,           /* gid_t[], count = return value */
	A_MINCORE_VEC,        /* one byte per page of the length argument */
	A_IOPRIO_WHICH,       /* IOPRIO_WHO_PROCESS */
	A_IOPRIO,             /* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
	A_STACK_T_IN,         /* stack_t * of sigaltstack */
	A_STACK_T_OUT,
	A_SCHED_ATTR_IN,  /* struct sched_attr * */
	A_SCHED_ATTR_OUT, /* same, size in the next argument */
	A_WAITID_TYPE,    /* P_PID */
	A_SIGINFO_OUT,    /* siginfo_t * written by waitid */
	A_UID_OUT,        /* uid_t *: [0] (getresuid) */
	A_CAP_HEADER,     /* {version=_LINUX_CAPABILITY_VERSION_3, pid=0} */
	A_CAP_DATA_IN,    /* {effective=1<<CAP_CHOWN|..., permitted=..., inheritable=...} */
	A_CAP_DATA_OUT,
	A_KIND_COUNT
};

/* Whole-call decoders for syscalls whose arguments depend on each other. */
enum mt_special {
	S_NONE,
	S_FCNTL,
	S_IOCTL,
	S_FUTEX,
	S_CLONE,
	S_CLONE3,
	S_PRCTL,
	S_RT_SIGRETURN,
	S_SOCKET,     /* protocol by family */
	S_SOCKNAME,   /* accept, accept4, getsockname, getpeername: [len => len] */
	S_RECVFROM,   /* the source address and its length at exit */
	S_RECVMSG,    /* msghdr at exit, msg_namelen as given at entry */
	S_GETSOCKOPT, /* option names by level, value by length */
	S_SETSOCKOPT,
	S_POLL,       /* poll, ppoll: arguments by kind, revents after the return value */
	S_SELECT,     /* select, pselect6: the ready sets after the return value */
	S_SENDFILE,   /* the offset before and after: [0] => [4] */
	S_ARCH_PRCTL, /* ARCH_GET_FS writes its argument */
	S_SENDMMSG,   /* the message vector at exit, with the lengths sent */
	S_SPECIAL_COUNT
};

/* Return kinds are enum mtrace_ret_kind from mtrace/mtrace.h. */
struct mt_signature {
	const char *name;
	uint16_t classes; /* enum mt_class bits */
	uint8_t nargs;
	uint8_t ret;     /* enum mtrace_ret_kind */
	uint8_t special; /* enum mt_special; 0 = print args by kind */
	uint8_t args[6]; /* enum mt_arg_kind */
};

/* The table, sorted by name (a unit test checks). */
extern const struct mt_signature mt_signatures[];
extern const unsigned mt_nsignatures;

/* Signature of a syscall name, or NULL. */
const struct mt_signature *mt_signature_find(const char *name);

/* Class bit of a name such as "file" or "%file"; 0 if unknown. */
unsigned mt_class_by_name(const char *name);

#endif

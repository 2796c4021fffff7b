/* The arch-neutral table of syscall signatures and classes, keyed by name.
 *
 * One entry per syscall name, whatever arches have it: how many arguments
 * it takes, the kind of each, what its return value means and which
 * classes (%file, %process, ...) it belongs to. Kinds say how to print an
 * argument (syscalls/kinds.h lists them); lib/decode/ prints them. */
#ifndef MTRACE_SYSCALLS_SIGNATURES_H
#define MTRACE_SYSCALLS_SIGNATURES_H

#include <stdbool.h>
#include <stdint.h>

#include "syscalls/kinds.h"

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
	/* strace's stat classes, by its lists of names */
	MT_CL_STAT = 1 << 9,         /* %stat: stat and its variants */
	MT_CL_LSTAT = 1 << 10,       /* %lstat */
	MT_CL_FSTAT = 1 << 11,       /* %fstat: fstat, fstatat, statx */
	MT_CL_STAT_LIKE = 1 << 12,   /* %%stat: all of the three */
	MT_CL_STATFS = 1 << 13,      /* %statfs */
	MT_CL_FSTATFS = 1 << 14,     /* %fstatfs */
	MT_CL_STATFS_LIKE = 1 << 15, /* %%statfs: both, and ustat */
	MT_CL_PURE = 1 << 16,        /* %pure: no arguments, never fails (getpid) */
};

/* Whole-call decoders for syscalls whose arguments depend on each other. */
enum mt_special {
	MT_S_NONE,
	MT_S_FCNTL,
	MT_S_IOCTL,
	MT_S_FUTEX,
	MT_S_CLONE,
	MT_S_CLONE3,
	MT_S_PRCTL,
	MT_S_RT_SIGRETURN,
	MT_S_SOCKET,     /* protocol by family */
	MT_S_SOCKNAME,   /* accept, accept4, getsockname, getpeername: [len => len] */
	MT_S_RECVFROM,   /* the source address and its length at exit */
	MT_S_RECVMSG,    /* msghdr at exit, msg_namelen as given at entry */
	MT_S_GETSOCKOPT, /* option names by level, value by length */
	MT_S_SETSOCKOPT,
	MT_S_POLL,       /* poll, ppoll: arguments by kind, revents after the return value */
	MT_S_SELECT,     /* select, pselect6: the ready sets after the return value */
	MT_S_SENDFILE,   /* the offset before and after: [0] => [4] */
	MT_S_ARCH_PRCTL, /* ARCH_GET_FS writes its argument */
	MT_S_SENDMMSG,   /* the message vector at exit, with the lengths sent */
	MT_S_SEMCTL,     /* SysV IPC ctl calls: the buffer by the command */
	MT_S_MSGCTL,
	MT_S_SHMCTL,
	MT_S_FSCONFIG,          /* its key, value and aux by its command */
	MT_S_IO_URING_SETUP,    /* the params: what went in and what came out, at the exit */
	MT_S_IO_URING_REGISTER, /* the argument by the opcode */
	MT_S_RECVMMSG,        /* the messages at the exit, their name lengths kept from the entry */
	MT_S_SECCOMP,         /* flags and args by the operation, the filter program */
	MT_S_PERF_EVENT_OPEN, /* the attr read at the entry, shown at the exit */
	MT_S_SPECIAL_COUNT
};

/* Return kinds are enum mtrace_ret_kind from mtrace/mtrace.h. */
/* Facts about a call that the engine and the writers ask. */
enum mt_sig_flags {
	MT_SIG_RETURNS_FD = 1, /* its result is a new descriptor (-y shows its path) */
	MT_SIG_EXEC = 2,       /* execve, execveat: the command's first one is ours */
	/* -e read=, -e write=: the call moves data through the descriptor
	 * in argument 0, from argument 1: a buffer (its length the result,
	 * or argument 2 for writes), or with one of the IO_ flags below. */
	MT_SIG_READS = 4,
	MT_SIG_WRITES = 8,
	MT_SIG_IO_IOV = 16,  /* an iovec array, its count in argument 2 */
	MT_SIG_IO_MSG = 32,  /* a struct msghdr's iovecs */
	MT_SIG_IO_MMSG = 64, /* each struct mmsghdr's, up to its msg_len */
	/* prctl: PR_SET_NAME renames the thread (-Y reloads its name after;
	 * execve and execveat do too, at the exec) */
	MT_SIG_RENAMES = 128,
};

/* What strace shows in parentheses after a successful return value. */
enum mt_ret_note {
	MT_NOTE_NONE,
	MT_NOTE_POLL,         /* poll's revents, select's ready sets, "Timeout" */
	MT_NOTE_PRCTL,        /* the meaning of prctl's result */
	MT_NOTE_SCHED_POLICY, /* SCHED_OTHER */
	MT_NOTE_IOPRIO,       /* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
	MT_NOTE_SIGNAL,       /* rt_sigtimedwait's: the signal's name, SIGCHLD */
	MT_NOTE_IOCTL,        /* -e kvm=vcpu: KVM_RUN's exit reason, KVM_EXIT_IO */
	MT_NOTE_RECVMMSG,     /* "Timeout", or the time left: left {tv_sec=0, tv_nsec=...} */
};

/* What kind of id a pid is (strace's pid types): command names are
 * shown for threads and processes, namespace translations for all. */
enum mt_pid_type { MT_PID_NONE, MT_PID_TID, MT_PID_TGID, MT_PID_PGID, MT_PID_SID };

struct mt_signature {
	const char *name;
	uint32_t classes; /* enum mt_class bits; MT_CL_MEMORY: changes the memory map */
	uint8_t nargs;
	uint8_t ret;     /* enum mtrace_ret_kind */
	uint8_t special; /* enum mt_special; 0 = print args by kind */
	uint8_t args[6]; /* enum mt_arg_kind */
	uint8_t flags;   /* enum mt_sig_flags */
	uint8_t note;    /* enum mt_ret_note */
	uint8_t ret_pid; /* enum mt_pid_type: the result is such an id (getpid) */
};

/* The table, sorted by name (a unit test checks). */
extern const struct mt_signature mt_signatures[];
extern const unsigned mt_nsignatures;

/* Signature of a syscall name, or NULL. */
const struct mt_signature *mt_signature_find(const char *name);

/* Class bit of a name such as "%file" or "%%stat" (strace's old bare
 * names too: "file", "desc", "process", "network", "signal", "ipc",
 * "memory"); 0 if unknown. */
unsigned mt_class_by_name(const char *name);

#endif

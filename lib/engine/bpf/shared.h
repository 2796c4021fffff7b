/* What the BPF programs (count.bpf.c, trace.bpf.c) and their loader
 * share: the layout of their maps and of the records the tracing program
 * sends. Plain C types only: this header is compiled for the BPF target
 * too. */
#ifndef MTRACE_BPF_SHARED_H
#define MTRACE_BPF_SHARED_H

/* Syscall numbers per personality, after its number mask: room for every
 * table mtrace generates (the largest, x32's, ends below 1024). */
#define MT_BPF_NR_SLOTS        1024
#define MT_BPF_NR_OUT_OF_RANGE (MT_BPF_NR_SLOTS - 1) /* any number beyond */
#define MT_BPF_MAX_PERS        4
#define MT_BPF_MAX_TASKS       65536

/* A traced thread's state, one per thread id (the tracer adds and
 * removes them, so that only its tracees are seen). */
enum {
	MT_BPF_HIDDEN = 0, /* mtrace's child before the command's execve */
	MT_BPF_TRACED = 1,
	MT_BPF_FIRST_EXEC = 2, /* in the command's first execve */
};

struct mt_bpf_task {
	unsigned char state;
	unsigned char pers;           /* index in the arch's personalities */
	unsigned char in_call;        /* between an entry and its exit */
	unsigned char throttled;      /* stopped by trace.bpf.c: the tracer drains */
	unsigned int slot;            /* the call's counter or plan */
	unsigned long long enter_ns;  /* when it entered */
	unsigned long long off_ns;    /* time off CPU during the call */
	unsigned long long off_since; /* switched out at, or 0 */
	unsigned long long args[6];   /* trace: the call's arguments, for its exit */
	unsigned long long sp;        /* and its stack pointer */
	unsigned char faulted;        /* entry items the kernel could not read then */
	unsigned char exec;           /* the call is an execve */
	unsigned char fresh;          /* added by the tracer, no call seen yet: its
	                                 first exit may have no entry (a new
	                                 thread's, or the call it was in) */
	unsigned char pad2[5];
};

/* One counter per (personality, number). */
struct mt_bpf_count {
	unsigned long long calls, errors;
	unsigned long long wall_ns; /* entry to exit */
	unsigned long long cpu_ns;  /* of that, on a CPU: the system time */
};

/* Set by the loader before a program is loaded (read-only data). */
struct mt_bpf_config {
	/* per personality: the bits of a number that select it (x32), and
	 * its execve and execveat numbers (-1: none) */
	unsigned long long nr_mask[MT_BPF_MAX_PERS];
	long long execve_nr[MT_BPF_MAX_PERS][2];
	/* trace: where each personality's arguments sit in the kernel's
	 * struct pt_regs, their width, and the stack pointer's place */
	unsigned short arg_off[MT_BPF_MAX_PERS][6];
	unsigned char word_size[MT_BPF_MAX_PERS];
	unsigned short sp_off;
	unsigned int npers;
	/* trace: above this many unread bytes in the ring, a thread leaving
	 * a call is stopped until the tracer has read them */
	unsigned long long watermark;
};

/* ---- the tracing program (trace.bpf.c) ---- */

/* What to capture of one argument's memory, at entry or at exit: made
 * by the loader from the signature table (plan.c). */
enum {
	MT_CAP_MEM = 1,    /* bytes */
	MT_CAP_STR = 2,    /* a NUL-terminated string, at most max bytes */
	MT_CAP_STRV = 3,   /* a NULL-ended vector of strings (argv): the
	                      pointers (at most len of them), each string at
	                      most max bytes */
	MT_CAP_IOV = 4,    /* a struct iovec vector, argument len_arg long (at
	                      most len of them), then each buffer, at most max
	                      bytes (with MT_LEN_RET, at most the return value
	                      in all) */
	MT_CAP_MSGHDR = 5, /* a struct msghdr, its address, ancillary data
	                      and I/O vector (as MT_CAP_IOV) */
	MT_CAP_DEREF = 6,  /* len bytes whose word ptr_word points to max more */
	MT_CAP_COUNT = 7,  /* how many words come before a NULL one (an
	                      environment counted, not shown): a chunk
	                      MT_CHUNK_COUNT, at most MT_BPF_COUNT_MAX */
};
enum {
	MT_LEN_FIXED = 0, /* len bytes */
	MT_LEN_ARG = 1,   /* argument len_arg times len */
	MT_LEN_RET = 2,   /* the return value times len (nothing if < 0) */
};
#define MT_BPF_MAX_ITEMS 6
#define MT_BPF_VEC_MAX   1023 /* elements of a vector (argv, iovecs), at most */
#define MT_ARG_SP        6    /* an item's address: the stack pointer (rt_sigreturn) */

struct mt_bpf_item {
	unsigned char form;     /* MT_CAP_*, 0: none */
	unsigned char arg;      /* the argument holding the address */
	unsigned char len_from; /* MT_LEN_* */
	unsigned char len_arg;
	unsigned int len;
	unsigned int max; /* bytes at most (of each string for STRV) */
	/* if set, captured only when the call's argument when_arg is this
	 * (ioctl's request, setsockopt's option: one request's struct) */
	unsigned int when_val;
	/* MT_CAP_DEREF: which word of the struct points (0 or 1) */
	unsigned char ptr_word;
	unsigned char when_arg;
	unsigned char pad[2];
};

/* A call's part in netlink's decoding (mt_bpf_plan.sock): its buffers
 * are netlink messages on a netlink socket, decoded whole, where -s would
 * cut others, and by the protocol the socket was made with. The kernel
 * marks the netlink sockets a process makes, and the processes that left
 * the network namespace they started in (a tracer there cannot tell their
 * sockets' protocol: strace shows the headers only). */
enum {
	MT_PLAN_SOCK_NEW = 1, /* socket(): mark an AF_NETLINK one it returns */
	MT_PLAN_SOCK_BUF = 2, /* the buffers of socket args[0] (sendto, recvmsg...) */
	MT_PLAN_UNSHARE = 3,  /* unshare(): CLONE_NEWNET moves the process */
	MT_PLAN_SETNS = 4,    /* setns(): may move it */
	MT_PLAN_CLONE = 5,    /* clone(): the child moves with CLONE_NEWNET or its parent */
	MT_PLAN_FORK = 6,     /* fork(), vfork(), clone3(): the child moves with its parent */
	MT_PLAN_BIND = 7,     /* bind(), connect(): the socket gets its address */
	MT_PLAN_CLOSE = 8,    /* close(): the descriptor is no socket any more */
	MT_PLAN_DUP = 9,      /* dup(), dup2(), dup3(): the new one is a copy */
	MT_PLAN_EXEC = 10,    /* execve(), execveat(): CLOEXEC sockets are closed */
};
/* mt_bpf_rec.pad of a SOCK_BUF call: 0 not a marked socket; else the
 * protocol + 1, or MT_REC_NETLINK_HIDDEN where strace could not tell it:
 * a moved process's socket, or one without an address yet (the kernel
 * lists a netlink socket once it is bound: by bind, connect, or its
 * first send). */
#define MT_REC_NETLINK_HIDDEN 255
#define MT_BPF_NETLINK_WHOLE  (MT_BPF_REC_MAX / 2) /* bytes of a netlink buffer */
#define MT_BPF_NETLINK_FDS    4096                 /* sockets marked at once */

struct mt_bpf_plan {
	unsigned char traced; /* -e trace= */
	unsigned char sock;   /* MT_PLAN_SOCK_* or 0 */
	unsigned char pad[2];
	struct mt_bpf_item entry[MT_BPF_MAX_ITEMS], exit[MT_BPF_MAX_ITEMS];
};

/* The records, in the ring buffer: a header, then chunks of memory. */
enum {
	MT_REC_ENTER = 1,
	MT_REC_EXIT = 2,
};
enum {
	MT_REC_PARTIAL = 1, /* some memory could not be captured here (a page
	                       not resident, or the record would have been
	                       too large) */
	MT_REC_LATE = 2,    /* exit: it begins with what its entry could not
	                       capture, taken again (chunks MT_CHUNK_LATE) */
};
#define MT_BPF_REC_MAX 65536 /* bytes of a record, at most */

/* The lost map's counters: records the ring had no room for, and calls
 * seen at their exit only (the kernel skipped the entry tracepoint: a
 * call the program's seccomp filter refused). */
enum { MT_BPF_LOST_RECORDS, MT_BPF_LOST_UNSEEN };
#define MT_BPF_PIECE_MAX 4096 /* bytes of one read: a page */

struct mt_bpf_rec {
	unsigned int size; /* in bytes, the chunks included; a multiple of 8 */
	unsigned int tid;
	unsigned char type, pers, flags, pad;
	unsigned int pad2;
	unsigned long long nr;
	unsigned long long args[6]; /* entry (an exit's are not set) */
	long long ret;              /* exit */
	unsigned long long sp;      /* entry */
	unsigned long long ktime;   /* CLOCK_MONOTONIC, ns */
};

/* A run of bytes read at addr; len bytes follow, then padding to 8. */
struct mt_bpf_chunk {
	unsigned long long addr;
	unsigned int len;
	unsigned int pad; /* MT_CHUNK_* bits */
};
#define MT_CHUNK_LATE  1 /* an entry's, taken again at the exit */
#define MT_CHUNK_COUNT 2 /* not memory: struct mt_bpf_words, of the words at addr */
struct mt_bpf_words {
	unsigned long long words; /* non-NULL words before the NULL one */
	unsigned long long ended; /* MT_COUNT_* */
};
#define MT_COUNT_NULL       0                /* a NULL word ends them */
#define MT_COUNT_UNREADABLE 1                /* memory ends first */
#define MT_COUNT_MAX        2                /* MT_BPF_COUNT_MAX words, no NULL yet */
#define MT_BPF_COUNT_MAX    ((1u << 23) - 1) /* bpf_loop's most turns */

#endif

/* What decoders get and the helpers they share.
 *
 * A decoder prints one argument (by kind) or one whole call (special)
 * through the semantic printer, reading tracee memory only through
 * mt_read()/mt_fetch(): an unreadable address is printed as the address,
 * never an error. */
#ifndef MTRACE_CORE_DECODE_H
#define MTRACE_CORE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch/backend.h"
#include "mtrace/mtrace.h"
#include "syscalls/signatures.h"

/* Where decoders read tracee memory: the ptrace engine reads the live
 * process (lib/engine/mem.c), another engine can serve what it captured.
 * read returns the bytes read, fewer where the memory ends (an unmapped
 * page), or -1 if the first byte is unreadable. */
struct mt_mem_source {
	ssize_t (*read)(const struct mt_mem_source *src, uint64_t addr, void *buf, size_t len);
	/* Optional (NULL: read them): how many non-NULL words are at addr
	 * before a NULL one, where the source knows without holding them
	 * (the BPF engine counts an environment in the kernel); -1 if it
	 * does not know; *unterminated when memory ends first. */
	ssize_t (*count_words)(const struct mt_mem_source *src, uint64_t addr, bool *unterminated);
	pid_t pid;
	void *ctx;
};

/* Read a NUL-terminated string of at most max bytes (NUL excluded) into
 * buf (max + 1 bytes), page by page so that a string ending just before
 * an unmapped page still reads. Returns its length, or -1 if the first
 * byte is unreadable; *complete says whether the NUL was found. */
ssize_t mt_mem_read_str(const struct mt_mem_source *src, uint64_t addr, char *buf, size_t max,
                        bool *complete);

/* Values a call's entry keeps for its exit (the length given to accept,
 * shown as [given => returned]), one per thread: a thread is in one call
 * at a time. One table per session (memo.c). */
struct mt_memo {
	struct mt_memo_slot *slots;
	size_t cap, used;
};
void mt_memo_put(struct mt_memo *m, pid_t pid, uint64_t v);
/* False if nothing was kept; the value is removed. */
bool mt_memo_get(struct mt_memo *m, pid_t pid, uint64_t *v);
/* The same for a block of bytes (copied): recvmmsg keeps each message's
 * name length and the timeout. The get returns it (the caller frees it)
 * and its size, NULL if nothing was kept. */
void mt_memo_put_blob(struct mt_memo *m, pid_t pid, const void *data, size_t len);
void *mt_memo_get_blob(struct mt_memo *m, pid_t pid, size_t *len);
void mt_memo_free(struct mt_memo *m);

/* A set of descriptors (-e read=, -e write=): bits for the first 1024,
 * a few larger ones named, and whether it is negated. */
#define MT_FDSET_BITS 1024
#define MT_FDSET_BIG  16
struct mt_fdset {
	uint64_t bits[MT_FDSET_BITS / 64];
	int big[MT_FDSET_BIG];
	unsigned nbig;
	bool negated;
};
bool mt_fdset_has(const struct mt_fdset *s, int fd);

struct mt_dctx {
	pid_t pid;
	const struct mt_mem_source *mem; /* the tracee's memory */
	struct mt_memo *memo;            /* the session's entry-to-exit values */
	const char *interrupted;         /* the call restart_syscall resumes, or NULL */
	const struct mt_arch *arch;
	const struct mt_personality *pers;
	const struct mtrace_syscall *sc; /* args; ret and err when exiting */
	const struct mt_signature *sig;  /* of the call, or NULL */
	bool exiting;
	unsigned string_limit;         /* -s */
	bool verbose;                  /* -v, -e abbrev=: whole structures and lists */
	bool deref;                    /* -e verbose=: what pointers point to (else the address) */
	bool raw;                      /* -e raw=: every argument in hex */
	unsigned decode_fds;           /* -y, -yy: MTRACE_FDS_* */
	struct mt_sock_cache *sockets; /* -yy: what sock_diag said, per inode */
	/* What the engine knows of the call's socket (its first argument),
	 * as mt_socket_netlink_protocol() would say it: 0 nothing (ask the
	 * kernel, sockdiag.c); > 0 a netlink socket of protocol netlink - 1;
	 * -1 a netlink socket mtrace cannot tell the protocol of (another
	 * network namespace); -2 not a netlink socket. */
	int netlink;
	unsigned decode_pids; /* -Y, --pidns-translation: MTRACE_PIDS_* */
	bool kvm_vcpu;        /* -e kvm=vcpu: KVM_RUN's exit reason */
	mtrace_printer *p;
	/* The tracee's stack pointer at syscall entry (rt_sigreturn). */
	uint64_t sp;
};

/* printer shorthands */
#define P_NUM(d, v)       ((d)->p->ops->num((d)->p, (v)))
#define P_UNUM(d, v)      ((d)->p->ops->unum((d)->p, (v)))
#define P_HEX(d, v)       ((d)->p->ops->hex((d)->p, (v)))
#define P_OCT(d, v)       ((d)->p->ops->oct((d)->p, (v)))
#define P_ADDR(d, v)      ((d)->p->ops->addr((d)->p, (v)))
/* a named value: its name, its number and the number's radix (-X raw) */
#define P_SYM(d, s, v, r) ((d)->p->ops->sym((d)->p, (s), (v), MTRACE_RADIX_##r))
#define P_EXPR(d, s)      ((d)->p->ops->expr((d)->p, (s)))
#define P_FIELD(d, s)     ((d)->p->ops->field((d)->p, (s)))
#define P_BEGIN(d, g)     ((d)->p->ops->begin((d)->p, (g)))
#define P_END(d)          ((d)->p->ops->end((d)->p))
#define P_MORE(d)         ((d)->p->ops->more((d)->p))
#define P_CHANGED(d)      ((d)->p->ops->changed((d)->p))

/* Read len bytes of tracee memory; 0 on success, -1 if any is unreadable. */
int mt_read(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len);
/* As mt_read(), for what strace shows only in calls of -e verbose='s set
 * (structures, arrays, the ints pointers point to): for the others it
 * fails, and the caller prints the address. Strings and data buffers
 * are read with mt_read(). */
int mt_read_struct(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len);
/* As mt_read_struct(), but on failure print addr (NULL for 0) and return
 * false: the caller then prints nothing else for this argument. */
bool mt_fetch(const struct mt_dctx *d, uint64_t addr, void *buf, size_t len);

/* Strings from the tracee. */
void mt_print_path(const struct mt_dctx *d, uint64_t addr); /* whole, up to PATH_MAX */
void mt_print_cstr(const struct mt_dctx *d, uint64_t addr); /* up to -s bytes */
/* len bytes (up to -s shown); flags are MTRACE_STR_* (HEX). */
void mt_print_buf(const struct mt_dctx *d, uint64_t addr, uint64_t len, unsigned flags);

/* Arguments as the ABI sees them: an int argument is the low 32 bits. */
static inline int mt_arg_int(const struct mt_dctx *d, int i)
{
	return (int)(uint32_t)d->sc->args[i];
}

/* [N]: an int passed by reference; the address if unreadable. */
void mt_print_int_ref(const struct mt_dctx *d, uint64_t addr);

/* -e read=, -e write=: the data of the exiting call, if it moved some
 * through a descriptor of the set for its direction (dumpio.c). */
void mt_decode_io(const struct mt_dctx *d, const struct mt_fdset *reads,
                  const struct mt_fdset *writes, mtrace_io_fn fn, void *arg);

/* A file descriptor; with -y also the path it refers to: 3</etc/passwd>. */
void mt_print_fd(const struct mt_dctx *d, int fd);

/* A whole call (call.c): the entry prints what is known at entry and
 * returns true if that was every argument, else leaves in *resume_arg
 * where the exit goes on; restart_syscall and calls without a signature
 * print at entry. */
bool mt_decode_call_entry(const struct mt_dctx *d, uint8_t *resume_arg);
void mt_decode_call_exit(const struct mt_dctx *d, uint8_t resume_arg);
enum mtrace_ret_kind mt_decode_ret_kind(const struct mt_dctx *d);
bool mt_is_restart_syscall(const char *name);

/* -y (fd.c): the path of a descriptor, NULL if unreadable; whether a
 * call's result is a new descriptor. */
const char *mt_fd_path(pid_t pid, int fd, char *buf, size_t len);
/* -y, -yy: what descriptor fd of pid refers to, the parts set
 * (MTRACE_FDS_*) asks for, with pids (MTRACE_PIDS_*) a pidfd's process
 * name; false if there is nothing to show. */
bool mt_fd_describe(struct mt_sock_cache *sockets, pid_t pid, int fd, unsigned set, unsigned pids,
                    struct mtrace_fd_desc *out);
/* A socket's protocol and endpoints (sockdiag.c), "" if not known;
 * whether the kernel listed it. */
struct mt_sock_cache *mt_sock_cache_new(void);
void mt_sock_cache_free(struct mt_sock_cache *c);
bool mt_socket_describe(struct mt_sock_cache *c, pid_t pid, int fd, unsigned long inode, char *out,
                        size_t outlen);
/* A generic netlink family's name by its id (nlctrl), as the kernel
 * tells them to mtrace (asked once); NULL if it does not know it. */
const char *mt_genl_family_name(struct mt_sock_cache *c, uint16_t id);
/* The netlink protocol of descriptor fd of pid (NETLINK_ROUTE, ...): -2
 * if it is not a netlink socket, -1 if the kernel did not say. */
int mt_socket_netlink_protocol(struct mt_sock_cache *c, pid_t pid, int fd);
/* A buffer sent or received through descriptor fd: netlink messages on
 * a netlink socket (lib/decode/netlink/), else the bytes. */
void mt_print_sockbuf(const struct mt_dctx *d, int fd, uint64_t addr, uint64_t len);
/* An interface index as strace shows it: if_nametoindex("lo") when
 * mtrace's network namespace has that index, else the number. */
void mt_print_ifindex(const struct mt_dctx *d, uint32_t index);
/* A hardware address of len bytes: 00:11:22:33:44:55, as many bytes as
 * the ARPHRD_* type has (lib/decode/netlink/nlattr.c). */
void mt_print_hwaddr(const struct mt_dctx *d, const uint8_t *a, size_t len, unsigned type);
/* The socket requests of ioctl (type 0x89, family/sockios.c): -1 if req
 * is not one strace decodes; else its argument is printed as due in this
 * phase, and at entry 1 says it goes on at the exit. */
int mt_sockios_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg);
/* The same, known to be on a netlink socket. */
void mt_print_netlink(const struct mt_dctx *d, int fd, uint64_t addr, uint64_t len);
bool mt_returns_fd(const struct mt_signature *sig, const struct mtrace_syscall *sc);

/* KVM's ioctls (family/kvm.c): whether a request returns a descriptor;
 * print its argument (false: not one shown so); -e kvm=vcpu's note. */
bool mt_kvm_returns_fd(uint32_t req);
bool mt_kvm_print_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg);
bool mt_kvm_run_note(const struct mt_dctx *d, char *out, size_t size);

/* --decode-pids (pid.c): a pid of the given type as the tracee sees
 * it, with what set (MTRACE_PIDS_*) asks for; false if nothing to show.
 * mt_load_comm: /proc/PID/comm, without its newline. */
bool mt_pid_describe(unsigned set, pid_t tracee, int64_t pid, enum mt_pid_type type,
                     struct mtrace_pid_desc *out);
void mt_print_pid(const struct mt_dctx *d, int64_t pid, enum mt_pid_type type);
bool mt_load_comm(pid_t pid, char *buf, size_t len);

/* Print argument i of the current call by kind (kinds.c: one lookup in
 * the table syscalls/kinds.h makes); whether a kind is printed at exit;
 * whether argument i is left out altogether. */
void mt_print_arg(const struct mt_dctx *d, int i, enum mt_arg_kind kind);
bool mt_kind_is_output(enum mt_arg_kind kind);
bool mt_arg_skipped(const struct mt_dctx *d, int i);
/* NULL if every kind has a printer and its rules fit, else what is wrong
 * (a unit test asks). */
const char *mt_kind_check(void);

/* A kind's printer, defined by its family file: argument i, value v. */
#define MT_KIND(name)                                                                              \
	void mt_kp_##name(const struct mt_dctx *d, int i __attribute__((unused)),                  \
	                  uint64_t v __attribute__((unused)))
/* A kind printed from a table of flags or values, the argument cast to T. */
#define MT_KIND_XFLAGS(name, table, T)                                                             \
	MT_KIND(name)                                                                              \
	{                                                                                          \
		mt_print_xflags(d->p, (table), (T)v);                                              \
	}
#define MT_KIND_XVAL(name, table, T)                                                               \
	MT_KIND(name)                                                                              \
	{                                                                                          \
		mt_print_xval(d->p, (table), (T)v);                                                \
	}
/* A K_SKIP kind's rule: whether argument i is not there at all. */
#define MT_KIND_SKIP(name)           bool mt_ks_##name(const struct mt_dctx *d, int i)
#define MT_KIND_DECLARE(name, flags) MT_KIND(name);
MT_ARG_KINDS(MT_KIND_DECLARE)
#undef MT_KIND_DECLARE
MT_KIND_SKIP(OPEN_MODE);
MT_KIND_SKIP(MREMAP_ADDR);
MT_KIND_SKIP(DEV);
MT_KIND_SKIP(POS_HIGH);

/* Kind printers implemented outside decode_args.c, one file each family.
 * Each prints argument value v (of argument index i where it matters). */
void mt_print_sigset(const struct mt_dctx *d, uint64_t addr, uint64_t size);
void mt_print_sigaction(const struct mt_dctx *d, uint64_t addr);
void mt_print_wstatus(const struct mt_dctx *d, uint64_t addr);
void mt_print_wait_status_value(const struct mt_dctx *d, int status);
void mt_print_rusage(const struct mt_dctx *d, uint64_t addr);
void mt_print_rlimit(const struct mt_dctx *d, uint64_t addr);
void mt_print_stat(const struct mt_dctx *d, uint64_t addr);
void mt_print_statx(const struct mt_dctx *d, uint64_t addr);
void mt_print_timespec(const struct mt_dctx *d, uint64_t addr);
void mt_print_argv(const struct mt_dctx *d, uint64_t addr);
void mt_print_envp(const struct mt_dctx *d, uint64_t addr);
void mt_print_signum(const struct mt_dctx *d, int sig);
void mt_print_utsname(const struct mt_dctx *d, uint64_t addr);
void mt_print_sysinfo(const struct mt_dctx *d, uint64_t addr);

/* Whole-call decoders (enum mt_special): print the arguments due in this
 * phase (d->exiting tells which). Return true at entry if every argument
 * was printed then. */
bool mt_decode_fcntl(const struct mt_dctx *d);
bool mt_decode_ioctl(const struct mt_dctx *d);
bool mt_decode_futex(const struct mt_dctx *d);
bool mt_decode_clone(const struct mt_dctx *d);
bool mt_decode_clone3(const struct mt_dctx *d);
bool mt_decode_prctl(const struct mt_dctx *d);
bool mt_decode_rt_sigreturn(const struct mt_dctx *d);

/* The return kind of a call whose meaning depends on its arguments
 * (fcntl: F_GETFL returns flags, F_DUPFD a descriptor); else fallback. */
enum mtrace_ret_kind mt_special_ret_kind(const struct mt_dctx *d, enum mt_special s,
                                         enum mtrace_ret_kind fallback);
/* For MTRACE_RET_FLAGS: print the flags of the return value (no hex). */
void mt_print_ret_flags(const struct mt_dctx *d, enum mt_special s);

/* The time a struct means, as a comment: / * 2023-11-14T22:13:20+0000 * /
 * (nothing for 0). */
void mt_print_time_comment(const struct mt_dctx *d, int64_t sec, uint64_t nsec);
/* S_IFREG|S_ISUID|0755 */
void mt_print_mode(const struct mt_dctx *d, uint32_t mode);
/* O_RDONLY|O_CLOEXEC, with the arch's values */
void mt_print_open_flags(const struct mt_dctx *d, uint64_t v);
/* The same as one text, whatever -X says (strace's F_GETFL result). */
void mt_print_open_flags_text(const struct mt_dctx *d, uint64_t v);
/* Whether open flags take a mode: O_CREAT or O_TMPFILE (the same values
 * on every arch we support). */
static inline bool mt_open_takes_mode(uint64_t flags)
{
	return (flags & 0100) || (flags & 020000000);
}
/* makedev(0x1, 0x3) */
void mt_print_makedev(const struct mt_dctx *d, uint64_t dev);

/* decode_fs.c */
void mt_print_dirents(const struct mt_dctx *d, uint64_t addr, bool is64);
void mt_print_statfs(const struct mt_dctx *d, uint64_t addr);
void mt_print_utimens(const struct mt_dctx *d, uint64_t addr);
void mt_print_timeval_pair(const struct mt_dctx *d, uint64_t addr);
void mt_print_path_out(const struct mt_dctx *d, uint64_t addr);
/* decode_stat.c */
void mt_print_statx_flags(const struct mt_dctx *d, uint64_t v);
void mt_print_statx_mask(const struct mt_dctx *d, uint64_t v);
/* decode_sched.c */
/* decode_io.c */
/* [{iov_base=..., iov_len=N}, ...]: count elements (at most -s of them
 * without -v), data_size bytes of data in all (UINT64_MAX: no limit),
 * the buffers' addresses only when addrs_only. */
void mt_print_iovec(const struct mt_dctx *d, uint64_t addr, uint64_t count, uint64_t data_size,
                    bool addrs_only);
/* The same with each buffer read as netlink messages of socket fd. */
void mt_print_iovec_netlink(const struct mt_dctx *d, uint64_t addr, uint64_t count,
                            uint64_t data_size, int fd);
/* How many of n array elements to show: -s of them, or with -v all but
 * a bound that keeps a forged count from running for ever. */
uint64_t mt_array_limit(const struct mt_dctx *d, uint64_t n);
/* / * 0x7ffd1000 * /: where an array stopped being readable. */
void mt_print_array_addr_comment(const struct mt_dctx *d, uint64_t addr);
/* Prints element i of an array from its bytes. */
typedef void mt_elem_printer(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg);
#define MT_ELEM_MAX 128 /* the largest element mt_print_array reads */
/* An array of count elements of esize bytes at addr, as strace prints
 * one: NULL, [] when empty, the address alone when the array wraps or
 * its first element is unreadable; else the first mt_array_limit() (and
 * at most cap) elements and "..." for the rest, or "..." and the address
 * where reading failed. */
void mt_print_array(const struct mt_dctx *d, uint64_t addr, uint64_t count, size_t esize,
                    uint64_t cap, mt_elem_printer *each, void *arg);
/* decode_net.c */
/* The address family printed, -1 if only the address was. */
int mt_print_sockaddr(const struct mt_dctx *d, uint64_t addr, int len);
bool mt_decode_socket(const struct mt_dctx *d);
bool mt_decode_sockname(const struct mt_dctx *d);
bool mt_decode_recvfrom(const struct mt_dctx *d);
bool mt_decode_recvmsg(const struct mt_dctx *d);
bool mt_decode_getsockopt(const struct mt_dctx *d);
bool mt_decode_setsockopt(const struct mt_dctx *d);
bool mt_decode_sendmmsg(const struct mt_dctx *d);
bool mt_decode_recvmmsg(const struct mt_dctx *d);
bool mt_recvmmsg_note(const struct mt_dctx *d, char *out, size_t size);

/* decode_poll.c */
bool mt_decode_poll(const struct mt_dctx *d);

bool mt_poll_note(const struct mt_dctx *d, char *out, size_t size);
/* decode_time.c */
void mt_print_clockid(const struct mt_dctx *d, int32_t id);
/* decode_misc.c */
bool mt_decode_sendfile(const struct mt_dctx *d);
void mt_sprint_ioprio(char *out, size_t size, uint32_t ioprio);
/* decode_signal.c */
void mt_print_stack_t(const struct mt_dctx *d, uint64_t addr);
void mt_print_siginfo_at(const struct mt_dctx *d, uint64_t addr);
/* A siginfo as mtrace_print_siginfo() shows it, si_pid by decode_pids. */
void mt_print_siginfo(const struct mt_dctx *d, const siginfo_t *si);
bool mt_decode_arch_prctl(const struct mt_dctx *d);
/* family/ipc.c: SysV IPC's ctl calls */
bool mt_decode_semctl(const struct mt_dctx *d);
bool mt_decode_msgctl(const struct mt_dctx *d);
bool mt_decode_shmctl(const struct mt_dctx *d);
/* family/fs.c */
bool mt_decode_fsconfig(const struct mt_dctx *d);
/* family/seccomp.c: seccomp(2); a classic BPF program ({len, filter}),
 * a return's value as a seccomp action when seccomp */
bool mt_decode_seccomp(const struct mt_dctx *d);
void mt_print_sock_fprog(const struct mt_dctx *d, uint64_t addr, bool seccomp);
/* family/perf.c */
bool mt_decode_perf_event_open(const struct mt_dctx *d);
/* family/io_uring.c */
bool mt_decode_io_uring_setup(const struct mt_dctx *d);
bool mt_decode_io_uring_register(const struct mt_dctx *d);
/* decode_prctl.c, decode_sched.c: the text of a return value's meaning */
bool mt_prctl_note(const struct mt_dctx *d, char *out, size_t size);
const char *mt_sched_policy_name(int64_t policy);

/* What strace shows in parentheses after a successful return value:
 * poll's revents, select's ready sets, "Timeout", a policy's name
 * (notes.c). */
bool mt_ret_note_wanted(const struct mt_dctx *d);
bool mt_print_ret_note(const struct mt_dctx *d); /* whether there was one */

#endif

/* libmtrace: trace system calls, signals and exits of Linux processes.
 *
 * A session (mtrace_t) starts a command or attaches to processes, then
 * mtrace_run() drives them and reports every event to one callback.
 * Events carry raw values (numbers, registers); mtrace_decode_entry() and
 * mtrace_decode_exit() turn a syscall's arguments into semantic printer
 * calls (see printer.h), and mtrace_text_* (text.h) renders events in
 * strace's text format. */
#ifndef MTRACE_MTRACE_H
#define MTRACE_MTRACE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "mtrace/printer.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MTRACE_VERSION "0.1.0"

typedef struct mtrace mtrace_t;
struct mtrace_tracee;

enum mtrace_event_type {
	MTRACE_EV_SYSCALL_ENTRY,
	MTRACE_EV_SYSCALL_EXIT,
	MTRACE_EV_SIGNAL,     /* a signal is about to be delivered */
	MTRACE_EV_GROUP_STOP, /* the process stopped (SIGSTOP, SIGTSTP, ...) */
	MTRACE_EV_EXIT,       /* exited or was killed: see status */
	MTRACE_EV_ATTACH,     /* a new tracee (a child, or attached by -p) */
	MTRACE_EV_DETACH,     /* let go of when the session stopped */
	MTRACE_EV_SUPERSEDED, /* a thread group leader replaced by an execve in
	                         another of its threads */
	MTRACE_EV_IDLE,       /* no tracee is stopped: the session is about to
	                         wait, the moment to flush output so that none
	                         is lost if mtrace is killed (pid 0, no tracee,
	                         when zero) */
	MTRACE_EV_UNTRACED,   /* a process the session does not trace ended (an
	                         inherited child, or one made with CLONE_PARENT
	                         without follow_forks): pid, u.exit; no tracee */
	MTRACE_EV_COUNTS,     /* count_only under the BPF engine: one per syscall
	                         made, when the session ends, instead of its
	                         SYSCALL events (u.counts; pid 0, no tracee) */
	MTRACE_EV_LOST,       /* when the session ends, if the BPF engine could
	                         not report some syscall entries or exits, or
	                         some calls at all (u.lost; pid 0, no tracee).
	                         Never sent when nothing was lost. */
};

/* Which engine sees the calls. */
enum mtrace_engine {
	MTRACE_ENGINE_AUTO,   /* the best one that can do what is asked: BPF
	                         where it loads, ptrace otherwise (docs/engines.md) */
	MTRACE_ENGINE_PTRACE, /* stops the tracee at every traced call */
	MTRACE_ENGINE_BPF,    /* sees calls in the kernel, never stops at one
	                         (docs/engines.md: what it cannot do) */
};

/* What the return value of a syscall means, for printing it. */
enum mtrace_ret_kind {
	MTRACE_RET_DEC,   /* signed decimal */
	MTRACE_RET_HEX,   /* an address: mmap, brk */
	MTRACE_RET_OCT,   /* a mode: umask */
	MTRACE_RET_NONE,  /* never returns: exit_group */
	MTRACE_RET_FLAGS, /* a flag set: fcntl(F_GETFL), printed 0x8000 (flags ...) */
	MTRACE_RET_RAW,   /* -e raw=: hex, and an error with strerror()'s words */
};

struct mtrace_syscall {
	unsigned long nr; /* number as the kernel saw it */
	const char *name; /* NULL if the number has no name */
	const char *arch; /* personality: "x86_64", "i386", ... */
	uint64_t args[6]; /* as passed at entry */
	int64_t ret;      /* exit: the return value */
	int err;          /* exit: errno if the call failed, else 0 */
	enum mtrace_ret_kind ret_kind;
	unsigned tampered; /* exit: MTRACE_INJECTED, _DELAYED, _POKED (mtrace_inject) */
	/* With the instruction_pointer option: where the call was made (at
	 * its exit, where it returns: after an execve, in the new program),
	 * and the width of its ABI's registers (8, or 4 for i386) */
	uint64_t ip;
	uint8_t word_size;
};

/* How mtrace_inject() changed a call. */
enum {
	MTRACE_INJECTED = 1, /* its result is the rule's (error= or retval=) */
	MTRACE_DELAYED = 2,  /* it was held at its entry or exit */
	MTRACE_POKED = 4,    /* its argument memory was overwritten (poke_enter=, poke_exit=) */
};

/* One frame of a tracee's native stack (--stack). */
struct mtrace_frame {
	uint64_t ip;        /* the address */
	uint64_t rel;       /* the address relative to the module's load base */
	const char *module; /* path of the mapped file, or NULL */
	const char *symbol; /* function name, or NULL */
	uint64_t offset;    /* ip - the symbol's start */
};

struct mtrace_event {
	enum mtrace_event_type type;
	pid_t pid;
	struct timespec when;         /* CLOCK_REALTIME at the stop */
	unsigned ntracees;            /* processes traced now, this one included */
	struct mtrace_tracee *tracee; /* for the decode calls, valid in the callback */
	/* SYSCALL_EXIT with stack_depth set: the stack at the call's entry;
	 * SIGNAL: the stack where the signal is delivered */
	const struct mtrace_frame *frames;
	unsigned nframes;
	struct timespec entered; /* SYSCALL_EXIT: when the call was entered */
	/* SYSCALL_EXIT with the cpu_times option: the system CPU time the
	 * process used between the call's entry and exit (strace -c's
	 * measure; the kernel counts it per thread group) */
	struct timespec systime;
	union {
		struct mtrace_syscall sc; /* SYSCALL_* */
		struct {
			siginfo_t info;
			uint64_t ip;       /* instruction_pointer: where it finds the thread */
			uint8_t word_size; /* and its registers' width; 0: unknown */
		} sig;                     /* SIGNAL */
		struct {
			int signo;
		} stop; /* GROUP_STOP */
		struct {
			int status;
		} exit; /* EXIT: a wait(2) status */
		struct {
			bool by_user;
		} attach; /* ATTACH: -p, not a child */
		struct {
			pid_t by;
		} superseded; /* SUPERSEDED: the execing thread's old id */
		struct {
			struct mtrace_syscall sc; /* nr, name, arch */
			unsigned long calls, errors;
			struct timespec wall;   /* between entries and exits */
			struct timespec system; /* of it, on a CPU */
		} counts;                       /* COUNTS */
		struct {
			unsigned long long records; /* entries and exits */
			/* calls seen at their exit only: the kernel skipped
			 * their entry (the program's seccomp filter refused
			 * them), and they are not shown */
			unsigned long long unseen;
		} lost; /* LOST */
	} u;
};

/* Return 0 to go on; anything else asks the session to stop like
 * mtrace_request_stop(). */
typedef int (*mtrace_callback)(const struct mtrace_event *ev, void *data);

enum {
	MTRACE_FDS_PATH = 1,   /* 3</etc/passwd> */
	MTRACE_FDS_SOCKET = 2, /* 3<TCP:[127.0.0.1:8080->127.0.0.1:40312]> */
	MTRACE_FDS_DEV = 4,    /* 3</dev/null<char 1:3>> */
	MTRACE_FDS_PIDFD = 8,  /* 3<pid:1234> */
	MTRACE_FDS_ALL = 15
};

enum {
	MTRACE_PIDS_COMM = 1, /* 1234<sh>: the command name of a pid (-Y) */
	MTRACE_PIDS_NS = 2,   /* 1 / * 5678 in mtrace's PID NS * / (--pidns-translation) */
};

struct mtrace_options {
	bool follow_forks;     /* trace children and threads (-f) */
	unsigned string_limit; /* bytes of a string to show (-s); 0 = 32 */
	bool verbose;          /* print structures whole (-v) */
	bool kill_on_exit;     /* kill attached processes too when stopping */
	unsigned stack_depth;  /* capture this many frames per call (--stack); 0: none */
	bool no_seccomp;       /* never filter with seccomp-bpf (--seccomp-bpf=no) */
	/* What to show of file descriptors: MTRACE_FDS_* bits (strace's
	 * --decode-fds=SET); true is MTRACE_FDS_PATH (-y), MTRACE_FDS_ALL
	 * strace's -yy. */
	unsigned decode_fds;
	/* What to show of pids: MTRACE_PIDS_* bits (strace's
	 * --decode-pids=SET), in arguments, results, siginfo and, for the
	 * command names, the writers' leaders (mtrace_event_comm()). */
	unsigned decode_pids;
	/* strace -e kvm=vcpu: after each KVM_RUN, why the vCPU returned
	 * (" (KVM_EXIT_IO)"), read from the kvm_run the tracee mapped. */
	bool kvm_vcpu;
	/* Opt-in (--pin): the calling thread and a spawned command share one
	 * CPU while the command cannot tell from its affinity calls; it can
	 * from /proc and sched_getcpu (README "One CPU"). The thread's mask
	 * is back after mtrace_free(). Off, no mask is ever changed. */
	bool pin;
	/* Measure each call's system CPU time (the event's systime), as
	 * strace -c does by default; it costs a little at every stop. */
	bool cpu_times;
	enum mtrace_engine engine;
	/* Only counts are wanted (-c): under the BPF engine the calls are
	 * counted in the kernel and reported as MTRACE_EV_COUNTS. */
	bool count_only;
	/* strace -b execve: let go of a process when it calls execve (any
	 * but the spawned command's own first one), traced call or not; a
	 * traced one shows its entry, then <detached ...>. */
	bool detach_on_execve;
	/* strace -i: events carry the tracee's instruction pointer */
	bool instruction_pointer;
	/* strace -u: run the spawned command as this user (its uid, gid and
	 * supplementary groups; the environment is left as it is). Needs
	 * root; NULL: as the caller. */
	const char *user;
	/* strace -D: the command keeps the caller's place (its pid, its
	 * parent), and the tracer is a new process, a grandchild of the
	 * caller that its parent leaves behind (reparented to init or a
	 * subreaper): mtrace_spawn() execs the command in the calling
	 * process, never returning there, and returns in the tracer, which
	 * goes on with the session. PGROUP and SESSION also put the tracer
	 * in a process group or a session of its own (strace -DD, -DDD), so
	 * that signals to the command's group or session miss it. Does not
	 * go with pin. */
	enum mtrace_daemonize {
		MTRACE_DAEMONIZE_NONE,
		MTRACE_DAEMONIZE_GRANDCHILD,
		MTRACE_DAEMONIZE_PGROUP,
		MTRACE_DAEMONIZE_SESSION
	} daemonize;
};

/* Create a session; NULL with errno on failure. */
mtrace_t *mtrace_new(const struct mtrace_options *opt, mtrace_callback cb, void *data);
void mtrace_free(mtrace_t *mt);

/* The last error of a session, one line without the program name. */
const char *mtrace_error(const mtrace_t *mt);

/* The engine the session runs (AUTO resolved). When the one asked for
 * cannot run, mtrace_spawn() and mtrace_attach() fail saying why. */
enum mtrace_engine mtrace_engine_used(const mtrace_t *mt);

/* Trace only these syscalls (by name, any personality); the list ends
 * with NULL. Returns -1 and sets the error for an unknown name. Without
 * a call, everything is traced. */
int mtrace_trace_only(mtrace_t *mt, const char *const *names);

/* Trace only the calls of set, in strace's -e trace= syntax: names,
 * %classes, /regexes, ?optional names, all, none, a leading '!' negating
 * it all. Returns -1 and sets the error for an unknown name or class or a
 * bad regex. */
int mtrace_trace_set(mtrace_t *mt, const char *set);

/* How the calls of a set are decoded, as strace's -e abbrev=, -e verbose=
 * and -e raw=: ABBREV calls show long arrays, strings lists and
 * structures cut short (the default for all but with the verbose option;
 * a set given here replaces it); VERBOSE calls show what their pointers
 * point to (the default for all; others show the addresses); RAW calls
 * show every argument and the result in hex (the default for none). set
 * is as in mtrace_trace_set(); a later call replaces an earlier one of
 * the same kind. Returns -1 with the error set for a bad set. */
enum mtrace_decode_how { MTRACE_DECODE_ABBREV, MTRACE_DECODE_VERBOSE, MTRACE_DECODE_RAW };
int mtrace_decode_set(mtrace_t *mt, enum mtrace_decode_how how, const char *set);

/* Tamper with the traced calls of a set, as strace's -e inject=SPEC (or
 * with fault, -e fault=SPEC: error= defaults to ENOSYS, and only error=
 * and when= are taken). SPEC is SET[:error=ERRNO|:retval=VALUE]
 * [:signal=SIG][:syscall=NAME][:delay_enter=D][:delay_exit=D]
 * [:poke_enter=@argN=HEX,...][:poke_exit=@argN=HEX,...]
 * [:when=FIRST[..LAST][+[STEP]]], SET as in mtrace_trace_set(), a delay
 * in microseconds or with a unit (s, ms, us, ns). A later rule for a call
 * replaces an earlier one. Only the ptrace engine tampers: under
 * MTRACE_ENGINE_AUTO the session takes it; with MTRACE_ENGINE_BPF
 * mtrace_spawn() and mtrace_attach() fail. Returns -1 with the error set
 * (strace's words) for a bad SPEC. */
int mtrace_inject(mtrace_t *mt, const char *spec, bool fault);

/* strace's -P PATH (one call per path): of the traced calls, show only
 * those that name one of the paths (a path argument, as the program wrote
 * it) or use a descriptor that refers to one (its /proc/PID/fd link at the
 * call's entry). Resolving symbolic links is the caller's (strace's
 * "Requested path ... resolved into ..."): give both. Only the ptrace
 * engine does this (as for mtrace_inject). */
int mtrace_trace_path(mtrace_t *mt, const char *path);

/* Have mtrace_decode_io() give the data that calls move through these
 * descriptors: writes (write, pwrite64, writev, sendto, sendmsg, ...)
 * when write is true, reads (read, readv, recvfrom, recvmsg, ...)
 * otherwise. set is strace's -e read=/write= syntax: descriptor numbers
 * separated by commas, "all", "none", a leading '!' negating it. Returns
 * -1 and sets the error for a bad set. Only the ptrace engine reads the
 * data (as for mtrace_inject). */
int mtrace_dump_fds(mtrace_t *mt, bool write, const char *set);

/* Start argv[0] (resolved with PATH like execvp) under tracing. The
 * process is held until mtrace_run(). Returns its pid, or -1. */
pid_t mtrace_spawn(mtrace_t *mt, char *const argv[]);

/* Attach to a running process and all its threads (with follow_forks,
 * also its future children). Returns 0, or -1 with the error set: no
 * such process, not permitted, or mtrace's own pid. */
int mtrace_attach(mtrace_t *mt, pid_t pid);

/* Drive the tracees until none is left, or a stop is requested. Returns
 * the wait(2) status of the spawned command (0 if none), or -1. */
int mtrace_run(mtrace_t *mt);

/* Ask mtrace_run() to finish: processes the session started are killed,
 * attached ones detached. Safe to call from a signal handler. */
void mtrace_request_stop(mtrace_t *mt);

/* Decode a syscall event's arguments into a printer: the ones known at
 * entry, then at exit the rest. Return true if the entry printed all of
 * them (nothing is left for the exit). */
bool mtrace_decode_entry(const struct mtrace_event *ev, mtrace_printer *p);
void mtrace_decode_exit(const struct mtrace_event *ev, mtrace_printer *p);

/* What mtrace_decode_io() reports, in order: for sendmmsg and recvmmsg
 * a VECTOR (one message) before its buffers; for the iovec calls a
 * BUFFER before its bytes; then the BYTES, in pieces. */
enum mtrace_io_part { MTRACE_IO_VECTOR, MTRACE_IO_BUFFER, MTRACE_IO_BYTES };
struct mtrace_io_chunk {
	enum mtrace_io_part part;
	unsigned index;   /* VECTOR: the message's; BUFFER: the iovec's */
	uint64_t len;     /* VECTOR: its iovec count; else the buffer's bytes dumped */
	uint64_t offset;  /* BYTES: where in the buffer these start */
	uint64_t addr;    /* BYTES: their address in the tracee */
	const void *data; /* BYTES: NULL when unreadable (the rest is skipped) */
	size_t size;      /* BYTES: how many */
};
typedef void (*mtrace_io_fn)(void *arg, const struct mtrace_io_chunk *c);
/* At a syscall's exit: the data it moved through a descriptor chosen
 * with mtrace_dump_fds() (strace -e read=, -e write=); a failed read
 * gives nothing, a failed write what it was asked to write. */
void mtrace_decode_io(const struct mtrace_event *ev, mtrace_io_fn fn, void *arg);

/* Whether the entry printed every argument. */
bool mtrace_entry_done(const struct mtrace_event *ev);
/* How to show an exit event's return value (it can depend on the
 * arguments: fcntl F_GETFL returns flags). */
enum mtrace_ret_kind mtrace_ret_kind(const struct mtrace_event *ev);
/* For MTRACE_RET_FLAGS: the flags of the return value. */
void mtrace_decode_ret_flags(const struct mtrace_event *ev, mtrace_printer *p);

/* What strace shows in parentheses after a successful return value
 * (poll's revents, select's ready sets, a policy's name):
 *     = 1 ([{fd=3, revents=POLLIN}])
 * if (mtrace_ret_note_wanted(ev)) { " (", mtrace_decode_ret_note(), ")" }
 * mtrace_decode_ret_note() says whether it printed one, so a writer that
 * can take back " (" calls it alone (each call works the note out). */
bool mtrace_ret_note_wanted(const struct mtrace_event *ev);
bool mtrace_decode_ret_note(const struct mtrace_event *ev, mtrace_printer *p);

/* For writers ending a line at an EXIT or DETACH event: the traced call
 * the tracee is inside (its entry was reported, its exit will not be),
 * or NULL; and the stack captured at that call's entry (--stack). */
const struct mtrace_syscall *mtrace_call_in_progress(const struct mtrace_event *ev);
const struct mtrace_frame *mtrace_call_frames(const struct mtrace_event *ev, unsigned *n);
/* Whether the event's call is decoded whole, its exit part going on
 * after the values printed at entry ("<... clone resumed>, parent_tid=[N]"). */
bool mtrace_decoded_whole(const struct mtrace_event *ev);

/* A signal's siginfo: {si_signo=SIGCHLD, si_code=CLD_EXITED, ...}. */
void mtrace_print_siginfo(mtrace_printer *p, const siginfo_t *si);

/* With decode_fds (-y): the path a descriptor returned by this exit
 * event's call refers to (open, dup, socket, ...), written to buf; NULL if
 * the call does not return a descriptor or it cannot be read. */
const char *mtrace_ret_fd_path(const struct mtrace_event *ev, char *buf, size_t len);
/* The same, all that decode_fds asks for: false if there is nothing to
 * show. */
bool mtrace_ret_fd_desc(const struct mtrace_event *ev, struct mtrace_fd_desc *desc);

/* With decode_pids: the pid this exit returns (getpid, clone, wait4,
 * ...) described as a pid argument is; false if it is not a pid or
 * there is nothing to show. */
bool mtrace_ret_pid_desc(const struct mtrace_event *ev, struct mtrace_pid_desc *desc);
/* With MTRACE_PIDS_COMM: the command name of the event's thread as
 * strace's leader shows it (read when the thread was first seen and
 * after each execve and prctl(PR_SET_NAME)); NULL otherwise. */
const char *mtrace_event_comm(const struct mtrace_event *ev);
/* A SIGNAL event's siginfo, as mtrace_print_siginfo() prints it, and
 * with decode_pids what si_pid refers to. */
void mtrace_decode_siginfo(const struct mtrace_event *ev, mtrace_printer *p);

/* Name of a signal, "SIGCHLD", "SIGRTMIN", "SIGRT_3"; NULL if none. */
const char *mtrace_signal_name(int sig);
/* Name of an errno value, "ENOENT", "ERESTARTSYS"; NULL if none. */
const char *mtrace_errno_name(int err);
/* strace's explanation of an errno value. */
const char *mtrace_errno_text(int err);
/* Whether err is one of the kernel's restart codes, ERESTARTSYS ..
 * ERESTART_RESTARTBLOCK: the call did not end, it will be restarted. */
bool mtrace_errno_is_restart(int err);

/* Whether this build can capture stacks (it has libunwind). */
bool mtrace_has_stack(void);
/* Whether this build has the BPF engine (libbpf); whether it can run here
 * is known when a session starts (mtrace_engine_used). */
bool mtrace_has_bpf(void);

/* -e signal= sets ("CHLD,SIGUSR1", "!all", numbers): bit sig-1 set for
 * each signal in the set. -1 for an unknown signal. */
int mtrace_parse_signal_set(const char *set, uint64_t *mask);

/* -e status= sets, bits of these: */
enum {
	MTRACE_STATUS_SUCCESSFUL = 1,
	MTRACE_STATUS_FAILED = 2,
	MTRACE_STATUS_UNFINISHED = 4,
	MTRACE_STATUS_UNAVAILABLE = 8,
	MTRACE_STATUS_DETACHED = 16,
	MTRACE_STATUS_ALL = 31,
};
int mtrace_parse_status_set(const char *set, unsigned *mask);

/* Kernel features found at run time (probed once per process). */
enum mtrace_feature {
	MTRACE_FEAT_SEIZE = 1,
	MTRACE_FEAT_EXITKILL = 2,
	MTRACE_FEAT_SYSCALL_INFO = 4, /* PTRACE_GET_SYSCALL_INFO */
	MTRACE_FEAT_SECCOMP = 8,      /* seccomp filters may return RET_TRACE */
};
unsigned mtrace_features(void);

#ifdef __cplusplus
}
#endif
#endif

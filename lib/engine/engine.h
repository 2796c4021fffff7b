/* Session and tracee state shared by the files of lib/engine/. Not public. */
#ifndef MTRACE_CORE_INTERNAL_H
#define MTRACE_CORE_INTERNAL_H

#include <linux/filter.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch/backend.h"
#include "lib/decode/decode.h"
#include "mtrace/mtrace.h"
#include "syscalls/signatures.h"

enum {
	MT_T_IN_SYSCALL = 1 << 0,      /* between syscall entry and exit */
	MT_T_HIDDEN = 1 << 1,          /* spawned, not yet at its execve: print nothing */
	MT_T_SPAWNED = 1 << 2,         /* started by this session: killed on stop */
	MT_T_SEIZED = 1 << 3,          /* attached with PTRACE_SEIZE */
	MT_T_FILTERED = 1 << 4,        /* current syscall is not traced: report nothing */
	MT_T_GROUP_STOP = 1 << 5,      /* in a group-stop (PTRACE_LISTEN) */
	MT_T_ENTRY_DONE = 1 << 6,      /* current syscall printed all args at entry */
	MT_T_STARTING = 1 << 7,        /* auto-attached without SEIZE: first SIGSTOP is ours */
	MT_T_NEEDS_OPTIONS = 1 << 8,   /* PTRACE_ATTACH fallback: set options at first stop */
	MT_T_KILLING = 1 << 9,         /* release: SIGKILL sent, waiting for its end */
	MT_T_DETACH_SIGSTOP = 1 << 10, /* release without SEIZE: our SIGSTOP */
	MT_T_PINNED = 1 << 11,         /* --pin: holds our one-CPU mask (pin.c) */
	MT_T_PIN_LEFT = 1 << 12,       /* unpinned by the pin's end, inside a call */
	MT_T_OWN_MASK = 1 << 13,       /* the program set its mask: never touch it */
	MT_T_FIRST_EXEC = 1 << 14,     /* in the command's first execve (it unhid it) */
	MT_T_EXEC_FAILED = 1 << 15,    /* that execve failed: hidden again, but its exit shown */
	MT_T_BPF_PERS = 1 << 16,       /* the BPF engine knows its personality */
	MT_T_ENTRY_HELD = 1 << 17,     /* BPF: its entry waits for memory its exit brings */
	MT_T_EXIT_HELD = 1 << 18,      /* BPF: its exit to restart waits: is it killed? */
	MT_T_DETACH_NOW = 1 << 19,     /* -b execve: let go of it at this stop */
};

/* What a syscall stop says (stopinfo.c reads it; the BPF engine's
 * records say the same). */
enum mt_stop_op { MT_STOP_NONE, MT_STOP_ENTRY, MT_STOP_EXIT };
struct mt_stop_info {
	enum mt_stop_op op;
	const struct mt_personality *pers;
	unsigned long nr;
	uint64_t args[6];
	int64_t rval;
	bool is_error;
	uint64_t sp; /* entry: the stack pointer */
	uint64_t ip; /* the instruction pointer (after an execve, the new program's) */
};

/* Memory an engine captured for the call being reported (captured.c):
 * part[0] what its exit left (while the exit is reported), part[1] what
 * its entry found. */
struct mt_captured {
	struct {
		const unsigned char *data;
		size_t len;
	} part[2];
};

struct mtrace_tracee {
	pid_t pid;
	struct mtrace *session;
	unsigned flags;
	const struct mt_personality *pers; /* of the current syscall */
	const struct mt_signature *sig;    /* of the current syscall, or NULL */
	struct mtrace_syscall sc;          /* the current syscall */
	uint64_t sp;                       /* stack pointer at entry */
	uint8_t resume_arg;                /* first argument left for the exit */
	uint8_t decode;                    /* the call's MT_DECODE_* bits */
	/* What the engine knows of the call's socket (mt_dctx.netlink): 0 nothing */
	int netlink;
	const char *interrupted;       /* last call that restart_syscall resumes */
	struct mtrace_frame *frames;   /* --stack: captured at the current call's entry */
	struct timespec entered;       /* when the current call was entered */
	struct timespec stime_entered; /* cpu_times: its process's system time then */
	unsigned nframes;
	char comm[64];           /* -Y: the command name its lines show */
	struct mt_captured cap;  /* BPF engine: the current call's memory */
	unsigned char *cap_copy; /* its entry's, kept until the exit */
	size_t cap_room;
	struct {
		struct mt_stop_info si;
		struct timespec when;
	} held; /* MT_T_ENTRY_HELD: that entry */
	struct {
		struct mt_stop_info si;
		struct timespec when;
		unsigned char *chunks;
		size_t len, room;
	} held_exit; /* MT_T_EXIT_HELD: that exit */
	struct {
		const struct mt_inject *rule;   /* the current call's, if it applies */
		struct mt_inject_count *counts; /* per syscall: calls seen, for when= */
		size_t ncounts;
		int signo;             /* to resume with at the next stop */
		bool deliver_at_exit;  /* (a seccomp stop cannot inject one) */
		struct timespec until; /* held: resume then */
		bool held;
	} tamper;
	struct mtrace_tracee *next; /* hash chain */
};

#define MT_HASH_SIZE 1024

/* Signature and filter verdict per syscall number of one personality,
 * built once so that a stop costs an array index. */
struct mt_pers_cache {
	const struct mt_signature **sigs;
	uint8_t *traced;
	const struct mt_inject **inject; /* -e inject=: each call's rule, or NULL */
	uint8_t *decode;                 /* MT_DECODE_* bits (mtrace_decode_set) */
	unsigned long count;
};

/* How a call is decoded: strace's abbrev(tcp), verbose(tcp), raw(tcp). */
enum { MT_DECODE_ABBREV = 1, MT_DECODE_VERBOSE = 2, MT_DECODE_RAW = 4 };

struct mtrace {
	struct mtrace_options opt;
	mtrace_callback cb;
	void *cb_data;
	const struct mt_arch *arch;
	unsigned features; /* enum mtrace_feature, after MTRACE_DISABLE */
	struct mtrace_tracee *hash[MT_HASH_SIZE];
	unsigned ntracees;
	struct mt_pers_cache *cache;    /* one per arch personality */
	struct mt_memo memo;            /* the decoders' entry-to-exit values */
	struct mt_sock_cache *sockets;  /* -yy: sockets' endpoints by inode */
	bool filtering;                 /* mtrace_trace_only() was called */
	struct mt_stack *stack;         /* --stack: the unwinder, else NULL */
	struct mtrace_frame *sigframes; /* --stack: a signal's, while it is reported */
	bool use_seccomp;               /* allowed: option and kernel */
	bool seccomp;                   /* the command runs under our filter */
	struct sock_fprog filter;
	pid_t spawned;      /* the command's pid, 0 if none */
	unsigned attached;  /* processes attached with mtrace_attach() */
	int spawned_status; /* its wait status once it ended */
	enum { MT_PIN_OFF, MT_PIN_ON, MT_PIN_ENDED } pin; /* pin.c */
	struct {
		uint64_t start, waited; /* ns: the window's start, time in waitpid */
		unsigned stops;
		unsigned computing; /* windows in a row where tracees mostly computed */
	} pin_window;
	cpu_set_t cpus;   /* the mask before pinning */
	cpu_set_t pinned; /* the one CPU */
	struct {
		pid_t *pids; /* children announced by a pinned parent, not seen yet */
		unsigned n, cap;
	} pin_pending;
	struct timespec stime;      /* cpu_times: the system time of the last stop's process */
	struct timespec event_time; /* when set, the time of the events emitted now */
	enum mtrace_engine engine;  /* the one running (session.c) */
	struct mt_bpf *bpf;         /* the BPF engine's programs, or NULL */
	unsigned held;              /* tracees with MT_T_ENTRY_HELD */
	struct mt_inject *injects;  /* -e inject= rules, in the order given */
	size_t ninjects;
	struct {
		bool set;
		uid_t uid;
		gid_t gid;
	} as_user;                   /* opt.user, looked up by mtrace_spawn() */
	unsigned delayed;            /* tracees held by a delay_enter or delay_exit */
	struct mt_fdset dump_fds[2]; /* -e read=, -e write= (dumpio.c) */
	bool dumping[2];             /* which of the two sets has a descriptor */
	char **paths;                /* -P: trace only the calls on these (pathtrace.c) */
	size_t npaths;
	char engine_error[256]; /* why the engine asked for cannot run */
	volatile sig_atomic_t stop_requested;
	/* What the caller's thread had at mtrace_new(): the command starts
	 * with the same ignored signals and mask (spawn.c). */
	sigset_t start_ignored, start_mask;
	char error[256];
};

/* tracee table (tracee.c) */
struct mtrace_tracee *mt_tracee_find(struct mtrace *mt, pid_t pid);
struct mtrace_tracee *mt_tracee_add(struct mtrace *mt, pid_t pid, unsigned flags);
void mt_tracee_remove(struct mtrace *mt, struct mtrace_tracee *t);
/* The kernel changed its pid (execve from a non-leader thread). */
void mt_tracee_rename(struct mtrace *mt, struct mtrace_tracee *t, pid_t pid);
void mt_tracee_load_comm(const struct mtrace *mt, struct mtrace_tracee *t);
/* Whether a call must stop although it is not traced: with -Y, one
 * that renames the thread (prctl), so that its name stays true. */
bool mt_renames_watched(const struct mtrace *mt, const struct mt_signature *sig);

/* errors (session.c): printf into mt->error; returns -1 */
int mt_fail(struct mtrace *mt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* -1 with the error set if the engine asked for cannot run. */
int mt_engine_check(struct mtrace *mt);

/* The MT_DECODE_* bits of a call no set names (filter.c). */
uint8_t mt_decode_default(const struct mtrace *mt);

/* syscall sets in strace's -e trace= syntax (filter.c): marks[i][idx]
 * of personality i set to 1 for each call of set, 0 for the others;
 * -1 with the error set for a bad set. */
int mt_set_eval(struct mtrace *mt, const char *set, uint8_t *const *marks);
/* "CHLD", "SIGCHLD", "17", "SIGRTMIN", "SIGRT_3": a signal number, or 0. */
int mt_signal_number(const char *s);

/* tampering, strace's -e inject= and -e fault= (tamper.c) */
#define MT_MAX_INJECTS 64
struct mt_inject;
struct mt_inject_count;
/* A traced call's entry and exit: tamper with it if a rule says so.
 * Either may hold the tracee (delay_enter, delay_exit): then the caller
 * does not resume it, mt_tamper_resume_due() does when its time comes. */
void mt_tamper_entry(struct mtrace *mt, struct mtrace_tracee *t, size_t pers, unsigned long idx,
                     bool seccomp_stop);
void mt_tamper_exit(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si);
/* Resume the held tracees whose delay is over; the ns to wait for the
 * next one (0: none held). */
uint64_t mt_tamper_resume_due(struct mtrace *mt);
/* The signal to resume t with now (signal=), or 0. */
int mt_tamper_signal(struct mtrace_tracee *t);
void mt_tamper_free(struct mtrace *mt);
/* Asked for after the session chose its engine, something only the
 * ptrace engine does (tampering, -P): under auto the session takes it;
 * asked for, the BPF engine fails to start saying why (session.c). */
void mt_engine_ptrace_only(struct mtrace *mt, const char *why);

/* -P PATH (pathtrace.c): whether the current call names one of the
 * session's paths or uses a descriptor of one */
bool mt_path_match(const struct mtrace *mt, const struct mtrace_tracee *t);
void mt_paths_free(struct mtrace *mt);

/* kernel features (probe.c) */
unsigned mt_probe_features(void);

/* syscall stop info (stopinfo.c) */
int mt_stop_info(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si);
/* The personality (its index in the arch's list) a stopped thread runs,
 * told by its register set's size; 0 if that cannot be read. */
unsigned mt_task_pers(struct mtrace *mt, pid_t pid);
/* A stopped thread's instruction pointer and register width; 0 if its
 * registers cannot be read. */
uint64_t mt_task_ip(struct mtrace *mt, pid_t pid, uint8_t *word_size);

/* tracee memory (mem.c) */
ssize_t mt_mem_read(pid_t pid, uint64_t addr, void *buf, size_t len);
struct mt_mem_source;
/* The memory source of a live process, for the decoders. */
void mt_ptrace_mem_init(struct mt_mem_source *src, pid_t pid);
/* The memory source of what an engine captured (captured.c). */
void mt_captured_mem_init(struct mt_mem_source *src, const struct mt_captured *c, pid_t pid);

/* spawning (spawn.c) */
/* Remember the caller's ignored signals and signal mask. */
void mt_signals_snapshot(struct mtrace *mt);
pid_t mt_spawn_child(struct mtrace *mt, const char *path, char *const argv[]);
/* The command's side of a spawn, once the tracer has it: every signal as
 * the caller had it when the session began, then (traced) the seccomp
 * filter, -u's identity, the signal mask, and execve. */
void mt_restore_dispositions(const struct mtrace *mt);
_Noreturn void mt_exec_traced(const struct mtrace *mt, const char *path, char *const argv[]);
/* MTRACE_EV_ATTACH, by_user: a process the user named (strace's
 * "Process N attached"). */
void mt_announce_attach(struct mtrace *mt, struct mtrace_tracee *t);
/* strace -D: the command in the calling process, the tracer in a new
 * one (daemonize.c). Returns the command's pid in the tracer, -1 on
 * failure; the calling process execs the command and never returns. */
pid_t mt_spawn_daemonized(struct mtrace *mt, const char *path, char *const argv[]);
int mt_resolve_path(struct mtrace *mt, const char *name, char *out, size_t outlen);

/* the event loop (loop.c) */
int mt_loop(struct mtrace *mt);
void mt_emit(struct mtrace *mt, struct mtrace_tracee *t, struct mtrace_event *ev);
/* Let a stopped tracee run on to its next stop that matters. */
void mt_resume(struct mtrace *mt, struct mtrace_tracee *t, int sig);
void mt_ended(struct mtrace *mt, struct mtrace_tracee *t, int status);
/* A syscall's entry or exit seen by an engine that does not stop there. */
void mt_syscall_seen(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si);

/* a thread that tells when a tracee stopped (waiter.c) */
struct mt_waiter;
struct mt_waiter *mt_waiter_start(void);
int mt_waiter_fd(const struct mt_waiter *w); /* readable: a stop is waiting */
/* After the loop took every stop it was told of: watch again. */
void mt_waiter_again(struct mt_waiter *w);
void mt_waiter_stop(struct mt_waiter *w);

/* seccomp-bpf filtering (seccomp.c) */
int mt_seccomp_build(struct mtrace *mt);
int mt_seccomp_install(const struct sock_fprog *prog);
bool mt_seccomp_available(void);

/* one CPU for the tracer and the command while nothing can tell (pin.c) */
void mt_pin_start(struct mtrace *mt);
void mt_pin_end(struct mtrace *mt);
/* The session is over: the calling thread gets its mask back. */
void mt_pin_release(struct mtrace *mt);
/* A call's entry: the affinity calls (and forks without -f) end it. */
void mt_pin_check_call(struct mtrace *mt, struct mtrace_tracee *t);
/* Around each waitpid: now in ns while pinned (else 0), then the time
 * the tracer waited, which ends the pin when tracees mostly compute. */
uint64_t mt_pin_clock(const struct mtrace *mt);
void mt_pin_waited(struct mtrace *mt, uint64_t t0);
/* The flags of the spawned command: whether it holds the pin. */
unsigned mt_pin_spawned_flags(const struct mtrace *mt);
/* A tracee's first stop; a parent's fork, vfork or clone event. */
void mt_pin_new_tracee(struct mtrace *mt, struct mtrace_tracee *t);
void mt_pin_forked(struct mtrace *mt, struct mtrace_tracee *parent, pid_t child);
/* Whether a call of this name can end the pin: the filter must stop it. */
bool mt_pin_watches(const struct mtrace *mt, const char *name);

/* attaching and letting go (attach.c) */
long mt_trace_options(const struct mtrace *mt);
/* The same for processes attached with -p: EXITKILL only with --kill-on-exit. */
long mt_attach_options(const struct mtrace *mt);
void mt_release_all(struct mtrace *mt);
/* Let go of a tracee at a ptrace-stop, now (its DETACH event, its end in
 * the table): t is gone after. */
void mt_detach(struct mtrace *mt, struct mtrace_tracee *t, int sig);

#endif

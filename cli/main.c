/* mtrace: the command-line tracer, a thin client of libmtrace. It parses
 * strace's options, starts the command, and hands every event to the
 * text writer of the process's output stream. */
#include "mtrace/mtrace.h"
#include "mtrace/summary.h"
#include "mtrace/text.h"
#include "mtrace/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct cli {
	struct mtrace_options opt;
	int follow;                      /* 0, 1 (-f) or 2 (-ff) */
	const char *outname;             /* -o */
	int quiet;                       /* -q, -qq */
	struct mtrace_text_options topt; /* -t -r -T -x */
	mtrace_summary_t *summary;       /* -c, -C */
	bool summary_only;               /* -c */
	bool want_summary;
	bool wall_time;                /* -w: summaries count wall time */
	enum mtrace_summary_sort sort; /* -S */
	bool stack;                    /* -k, --stack */
	bool json;                     /* --json: JSON Lines instead of text */
	const char *trace_set;         /* -e trace= */
	pid_t *pids;                   /* -p */
	size_t npids;
	FILE *out;               /* the one stream, unless -ff -o */
	mtrace_writer_t *writer; /* its writer: text, or with --json JSON Lines */
	struct per_pid {
		pid_t pid;
		FILE *fp;
		mtrace_writer_t *writer;
	} * files; /* -ff -o: one stream per process */
	size_t nfiles;
};

static mtrace_t *session;
static volatile sig_atomic_t caught; /* the signal that asked us to stop */

static void usage(FILE *fp)
{
	fputs("usage: mtrace [-f|-ff] [-o FILE] [-s N] [-e trace=NAME,...] [-q] [-v] CMD [ARGS]\n"
	      "       mtrace [options] -p PID[,PID...] [-p PID...] [--kill-on-exit]\n"
	      "\n"
	      "Trace the system calls, signals and exits of CMD (or of running processes),\n"
	      "in strace's format.\n"
	      "\n"
	      "  -p PID          attach to process PID and its threads (repeatable, or a\n"
	      "                  comma list); on interrupt, detach and leave it running\n"
	      "  --kill-on-exit  kill attached processes too when mtrace stops\n"
	      "  -k, --stack     print the native stack of the caller after each call\n"
	      "  --stack-depth N at most N frames per stack (default 256)\n"
	      "  --seccomp-bpf=no  never let a seccomp filter skip untraced calls (by\n"
	      "                  default it does with -f when -e trace= selects a subset)\n"
	      "  --pin           run mtrace and the command on one CPU until the command\n"
	      "                  asks for its affinity (faster; visible in /proc: opt-in)\n"
	      "  --engine=E      see calls with ptrace, bpf (in the kernel, without stops)\n"
	      "                  or auto (the default: ptrace for now; docs/engines.md)\n"
	      "  -f              follow forks, vforks and threads\n"
	      "  -ff             with -o FILE: one file FILE.PID per process\n"
	      "  -o FILE         write the trace to FILE (default: standard error)\n"
	      "  -s N            show at most N bytes of each string (default 32)\n"
	      "  -e trace=SET    trace only SET: syscall names, classes (%file, %desc,\n"
	      "                  %process, %network, %signal, %memory, %ipc, %creds,\n"
	      "                  %clock, %stat), /regex, ?name, all, none; !SET negates\n"
	      "  -e signal=SET   show only these signals (names or numbers; !SET negates)\n"
	      "  -e status=SET   show only calls that ended so: successful, failed,\n"
	      "                  unfinished, unavailable, detached\n"
	      "  -q              do not report attaching to new processes; -qq: nor exits\n"
	      "  -t, -tt, -ttt   time of day on each line; with microseconds; since the epoch\n"
	      "  -r              time since the previous line\n"
	      "  -T              time spent in each call\n"
	      "  -x, -xx         strings with unprintable bytes in hex; all strings in hex\n"
	      "  -c              count calls, errors and system time per syscall; print a table\n"
	      "  -C              like -c, and print the trace as well\n"
	      "  -w              with -c/-C: count wall time in each call instead\n"
	      "  -S KEY          sort the table by time (default), calls, errors or name\n"
	      "  -v              print structures in full\n"
	      "  -y              print the paths of file descriptors: 3</etc/passwd>\n"
	      "  --json          write JSON Lines, one object per event (docs/json.md)\n"
	      "  -h, --help      this help\n"
	      "  -V, --version   version\n",
	      fp);
}

_Noreturn static void die(int code, const char *fmt, const char *arg)
{
	fprintf(stderr, "mtrace: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(code);
}

/* -e QUALIFIER=SET, or just SET for trace=. trace sets are checked by the
 * session later (they need the syscall tables); signal and status sets
 * now. */
static void parse_expr(struct cli *c, const char *expr)
{
	const char *eq = strchr(expr, '=');
	size_t klen = eq ? (size_t)(eq - expr) : 0;
	const char *set = eq ? eq + 1 : expr;
#define IS(k) (klen == strlen(k) && strncmp(expr, k, klen) == 0)
	if (!*set)
		die(2, "empty -e set in '%s'", expr);
	if (!eq || IS("trace") || IS("t")) {
		c->trace_set = set;
	} else if (IS("signal") || IS("signals") || IS("s")) {
		uint64_t shown;
		if (mtrace_parse_signal_set(set, &shown) != 0)
			die(2, "invalid signal in '%s'", expr);
		c->topt.hidden_signals = ~shown;
	} else if (IS("status")) {
		if (mtrace_parse_status_set(set, &c->topt.status) != 0)
			die(2,
			    "invalid status in '%s' (successful, failed, unfinished, unavailable, "
			    "detached)",
			    expr);
	} else {
		die(2, "invalid -e qualifier '%s' (trace=, signal= or status=)", expr);
	}
#undef IS
}

static unsigned parse_uint(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v > INT_MAX || s[0] == '-')
		die(2, what, s);
	return (unsigned)v;
}

static enum mtrace_engine parse_engine(const char *s)
{
	static const char *const names[] = {[MTRACE_ENGINE_AUTO] = "auto",
	                                    [MTRACE_ENGINE_PTRACE] = "ptrace",
	                                    [MTRACE_ENGINE_BPF] = "bpf"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum mtrace_engine)i;
	die(2, "invalid --engine '%s' (ptrace, bpf or auto)", s);
}

static enum mtrace_summary_sort parse_sort(const char *s)
{
	static const char *const keys[] = {"time", "calls", "errors", "name"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, keys[i]) == 0)
			return (enum mtrace_summary_sort)i;
	die(2, "invalid -S sort key '%s' (time, calls, errors or name)", s);
	return MTRACE_SORT_TIME;
}

/* -p 12,34: append each pid. */
static void add_pids(struct cli *c, const char *list)
{
	char *copy = strdup(list);
	if (!copy)
		die(1, "out of memory%s", "");
	for (char *tok = strtok(copy, ", "); tok; tok = strtok(NULL, ", ")) {
		pid_t *p = realloc(c->pids, (c->npids + 1) * sizeof(*p));
		if (!p)
			die(1, "out of memory%s", "");
		c->pids = p;
		c->pids[c->npids++] = (pid_t)parse_uint(tok, "invalid process id '%s'");
		if (c->pids[c->npids - 1] == 0)
			die(2, "invalid process id '%s'", tok);
	}
	free(copy);
}

enum { OPT_KILL_ON_EXIT = 256, OPT_STACK_DEPTH, OPT_SECCOMP, OPT_JSON, OPT_PIN, OPT_ENGINE };

static int parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {"kill-on-exit", no_argument, NULL, OPT_KILL_ON_EXIT},
	    {"stack", no_argument, NULL, 'k'},
	    {"stack-depth", required_argument, NULL, OPT_STACK_DEPTH},
	    {"json", no_argument, NULL, OPT_JSON},
	    {"seccomp-bpf", optional_argument, NULL, OPT_SECCOMP},
	    {"pin", optional_argument, NULL, OPT_PIN},
	    {"engine", required_argument, NULL, OPT_ENGINE},
	    {NULL, 0, NULL, 0},
	};
	argv[0] = (char *)"mtrace"; /* getopt's messages name us, not our path */
	int ch;
	/* '+': options end at the command's name. */
	while ((ch = getopt_long(argc, argv, "+fko:s:e:p:qvhVtrTxcCS:wy", longs, NULL)) != -1) {
		switch (ch) {
		case 'f': c->follow++; break;
		case 'o': c->outname = optarg; break;
		case 's': c->opt.string_limit = parse_uint(optarg, "invalid -s value '%s'"); break;
		case 'e': parse_expr(c, optarg); break;
		case 'p': add_pids(c, optarg); break;
		case OPT_KILL_ON_EXIT: c->opt.kill_on_exit = true; break;
		case 'k': c->stack = true; break;
		case OPT_SECCOMP:
			if (optarg && strcmp(optarg, "no") != 0 && strcmp(optarg, "yes") != 0)
				die(2, "invalid --seccomp-bpf value '%s' (yes or no)", optarg);
			c->opt.no_seccomp = optarg && strcmp(optarg, "no") == 0;
			break;
		case OPT_PIN:
			if (optarg && strcmp(optarg, "no") != 0 && strcmp(optarg, "auto") != 0 &&
			    strcmp(optarg, "yes") != 0)
				die(2, "invalid --pin value '%s' (yes, auto or no)", optarg);
			c->opt.pin = !optarg || strcmp(optarg, "no") != 0;
			break;
		case OPT_STACK_DEPTH:
			c->opt.stack_depth = parse_uint(optarg, "invalid --stack-depth '%s'");
			break;
		case OPT_ENGINE: c->opt.engine = parse_engine(optarg); break;
		case OPT_JSON: c->json = true; break;
		case 'q': c->topt.no_exit_lines = ++c->quiet > 1; break;
		case 't': c->topt.timestamps += c->topt.timestamps < 3; break;
		case 'r': c->topt.relative = true; break;
		case 'T': c->topt.syscall_time = true; break;
		case 'x': c->topt.hex += c->topt.hex < 2; break;
		case 'c': c->summary_only = true; /* fall through */
		case 'C': c->want_summary = true; break;
		case 'S': c->sort = parse_sort(optarg); break;
		case 'w': c->wall_time = true; break;
		case 'v': c->opt.verbose = true; break;
		case 'y': c->opt.decode_fds = true; break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("mtrace %s\n", MTRACE_VERSION); exit(0);
		default: fprintf(stderr, "mtrace: see 'mtrace --help'\n"); exit(2);
		}
	}
	if (optind >= argc && c->npids == 0)
		die(2, "must have a command to run or -p PID%s (see 'mtrace --help')", "");
	c->opt.follow_forks = c->follow > 0;
	if (c->json && c->want_summary)
		die(2, "--json does not combine with -c or -C%s", "");
	if (c->want_summary && !(c->summary = mtrace_summary_new(c->sort)))
		die(1, "out of memory%s", "");
	c->opt.count_only = c->summary_only;
	/* strace: system time by default, -w for the wall time */
	if (c->summary && !c->wall_time) {
		mtrace_summary_set_clock(c->summary, MTRACE_CLOCK_SYSTEM);
		c->opt.cpu_times = true;
	}
	if (c->stack && !mtrace_has_stack())
		die(1, "--stack: this build has no stack trace support (built without libunwind)%s",
		    "");
	if (!c->stack)
		c->opt.stack_depth = 0;
	else if (c->opt.stack_depth == 0)
		c->opt.stack_depth = 256;
	return optind;
}

static FILE *open_out(const char *name)
{
	/* Close-on-exec: not inherited by the tracee. As root, a symbolic
	 * link is not followed (one planted where root writes its trace
	 * would have its target truncated), except those to our own
	 * descriptors. Existing files are truncated, as strace does. */
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	if (geteuid() == 0 && strncmp(name, "/dev/", 5) != 0 &&
	    strncmp(name, "/proc/self/fd/", 14) != 0)
		flags |= O_NOFOLLOW;
	int fd = open(name, flags, 0666);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		fprintf(stderr, "mtrace: cannot open '%s': %s%s\n", name, strerror(errno),
		        errno == ELOOP ? " (a symbolic link: not followed as root)" : "");
		exit(1);
	}
	return fp;
}

/* The one place that picks the format: JSON Lines or strace's text. */
static mtrace_writer_t *new_writer(struct cli *c, FILE *fp, enum mtrace_text_prefix prefix,
                                   const struct mtrace_text_options *opt)
{
	mtrace_writer_t *w = c->json ? mtrace_writer_json(fp) : mtrace_writer_text(fp, prefix, opt);
	if (!w)
		die(1, "out of memory%s", "");
	return w;
}

/* -ff -o: the writer of this process's own file. */
static struct per_pid *per_pid_file(struct cli *c, pid_t pid)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].pid == pid)
			return &c->files[i];
	struct per_pid *f = realloc(c->files, (c->nfiles + 1) * sizeof(*f));
	if (!f)
		die(1, "out of memory%s", "");
	c->files = f;
	char name[PATH_MAX];
	/* cut, two processes could share one file */
	if ((size_t)snprintf(name, sizeof(name), "%s.%d", c->outname, (int)pid) >= sizeof(name))
		die(1, "output file name too long: '%s'", c->outname);
	f[c->nfiles].pid = pid;
	f[c->nfiles].fp = open_out(name);
	f[c->nfiles].writer = new_writer(c, f[c->nfiles].fp, MTRACE_PREFIX_NONE, &c->topt);
	return &f[c->nfiles++];
}

static bool write_failed; /* a trace file could not be written: exit 1 */

/* Close a trace file, saying so if any of its writes failed (a full disk,
 * -o /dev/full): a lost trace must not look like a good one. */
static void close_out(FILE *fp, const char *name)
{
	bool bad = ferror(fp);
	errno = 0;
	if (fclose(fp) != 0 || bad) {
		/* the reason is known only if the last flush failed */
		fprintf(stderr, "mtrace: error writing '%s'%s%s\n", name, errno ? ": " : "",
		        errno ? strerror(errno) : "");
		write_failed = true;
	}
}

static void close_per_pid(struct cli *c, pid_t pid)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].pid == pid) {
			mtrace_writer_free(c->files[i].writer);
			close_out(c->files[i].fp, c->outname);
			c->files[i] = c->files[--c->nfiles];
			return;
		}
}

static int on_event(const struct mtrace_event *ev, void *data)
{
	struct cli *c = data;
	if (ev->type == MTRACE_EV_UNTRACED) {
		fflush(c->out);
		fprintf(stderr, "mtrace: Exit of unknown pid %d ignored\n", (int)ev->pid);
		return 0;
	}
	if (ev->type == MTRACE_EV_LOST) {
		fprintf(
		    stderr,
		    "mtrace: %llu syscall entries and exits were lost (the BPF ring was full)\n",
		    ev->u.lost.records);
		if (!c->json)
			return 0;
	}
	/* With --json, attach and detach are objects of the stream. As in
	 * strace, a new child is announced only among the trace on stderr. */
	bool child = ev->type == MTRACE_EV_ATTACH && !ev->u.attach.by_user;
	if ((ev->type == MTRACE_EV_ATTACH || ev->type == MTRACE_EV_DETACH) && !c->quiet &&
	    !c->json && !(child && c->outname)) {
		fflush(c->out);
		fprintf(stderr, "mtrace: Process %d %s\n", (int)ev->pid,
		        ev->type == MTRACE_EV_ATTACH ? "attached" : "detached");
	}
	if (c->summary)
		mtrace_summary_event(c->summary, ev);
	if (c->summary_only)
		return 0;
	if (c->writer) {
		mtrace_writer_event(c->writer, ev);
	} else if (ev->type == MTRACE_EV_IDLE) {
		for (size_t i = 0; i < c->nfiles; i++) /* -ff: every file */
			mtrace_writer_event(c->files[i].writer, ev);
	} else {
		mtrace_writer_event(per_pid_file(c, ev->pid)->writer, ev);
		if (ev->type == MTRACE_EV_EXIT)
			close_per_pid(c, ev->pid);
	}
	return 0;
}

static void on_signal(int sig)
{
	caught = sig;
	if (session)
		mtrace_request_stop(session);
}

/* A signal ignored by whoever started us (nohup, a shell's background
 * job, trap '' HUP) stays ignored: the command ignores it too (the
 * session started it so), and mtrace must not end the trace for it. */
static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	/* No SA_RESTART: waitpid must return so the loop sees the request. */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

/* Exit as the command did: its code, or its death by the same signal
 * (without a core file of our own). */
static void exit_like(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		signal(sig, SIG_DFL);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
		exit(128 + sig);
	}
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

/* The output streams: one, or one per process with -ff -o. */
static void open_outputs(struct cli *c)
{
	if (c->follow >= 2 && c->outname && !c->summary_only) {
		c->out = stderr;
		return;
	}
	c->out = c->outname ? open_out(c->outname) : stderr;
	/* strace: "PID " on every line of a file shared by several
	 * processes, "[pid N] " on stderr once there are two. */
	bool shared = c->follow == 1 || c->npids > 1;
	c->writer = new_writer(
	    c, c->out, c->outname && shared ? MTRACE_PREFIX_PID : MTRACE_PREFIX_AUTO, &c->topt);
}

/* Attach and spawn; on failure let go of what was attached and exit. */
static void start(struct cli *c, char **cmd)
{
	for (size_t i = 0; i < c->npids; i++)
		if (mtrace_attach(session, c->pids[i]) != 0)
			goto fail;
	if (cmd[0] && mtrace_spawn(session, cmd) < 0)
		goto fail;
	return;
fail:
	fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
	mtrace_request_stop(session);
	mtrace_run(session);
	exit(1);
}

/* Once the command is started, mtrace's own stdin and stdout go to
 * /dev/null, as strace's do: a pipe the command writes to must see its
 * end when the command (not mtrace) closes it, and mtrace never reads a
 * terminal meant for the command. A trace written to one of them (they
 * were closed when we started) keeps its descriptor. */
static void release_std_fds(const struct cli *c)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		return;
	for (int fd = 0; fd <= 1; fd++)
		if (fd != null && fd != fileno(c->out))
			dup2(null, fd);
	if (null > 1)
		close(null);
}

static void finish(struct cli *c)
{
	mtrace_writer_free(c->writer);
	while (c->nfiles)
		close_per_pid(c, c->files[0].pid);
	free(c->files);
	if (c->summary) {
		mtrace_summary_print(c->summary, c->out);
		mtrace_summary_free(c->summary);
	}
	if (c->out && c->out != stderr)
		close_out(c->out, c->outname);
	free(c->pids);
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	int first = parse_args(&c, argc, argv);
	open_outputs(&c);
	session = mtrace_new(&c.opt, on_event, &c);
	if (!session)
		die(1, "cannot start: %s", strerror(errno));
	if (c.trace_set && mtrace_trace_set(session, c.trace_set) != 0)
		die(2, "%s", mtrace_error(session));
	catch_signals();
	start(&c, argv + first);
	if (argv[first])
		release_std_fds(&c);
	int status = mtrace_run(session);
	bool failed = status < 0;
	if (failed)
		fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
	finish(&c);
	mtrace_free(session);
	if (caught)
		exit(128 + caught); /* stopped by a signal: say which, as shells do */
	exit_like(failed || write_failed ? 1 << 8 : status);
}

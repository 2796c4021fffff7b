/* mtrace: the command-line tracer, a thin client of libmtrace. It parses
 * strace's options, starts the command, and hands every event to the
 * text writer of the process's output stream. */
#include "mtrace/mtrace.h"
#include "mtrace/text.h"

#include <errno.h>
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
	int follow;          /* 0, 1 (-f) or 2 (-ff) */
	const char *outname; /* -o */
	bool quiet;          /* -q */
	bool stack;          /* -k, --stack */
	char **trace_names;  /* -e trace=, NULL-terminated */
	pid_t *pids;         /* -p */
	size_t npids;
	FILE *out;           /* the one stream, unless -ff -o */
	mtrace_text_t *text; /* its writer */
	struct per_pid {
		pid_t pid;
		FILE *fp;
		mtrace_text_t *text;
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
	      "  -f              follow forks, vforks and threads\n"
	      "  -ff             with -o FILE: one file FILE.PID per process\n"
	      "  -o FILE         write the trace to FILE (default: standard error)\n"
	      "  -s N            show at most N bytes of each string (default 32)\n"
	      "  -e trace=SET    trace only SET: syscall names and classes (%file,\n"
	      "                  %desc, %process, %network, %signal, %memory, %ipc,\n"
	      "                  %creds, %clock, %stat), comma-separated\n"
	      "  -q              do not report attaching to new processes\n"
	      "  -v              print structures in full\n"
	      "  -h, --help      this help\n"
	      "  -V, --version   version\n",
	      fp);
}

static void die(int code, const char *fmt, const char *arg)
{
	fprintf(stderr, "mtrace: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(code);
}

/* "-e trace=a,b" (or just "a,b"): split into a NULL-terminated list. */
static char **parse_expr(const char *expr)
{
	const char *eq = strchr(expr, '=');
	if (eq) {
		size_t klen = (size_t)(eq - expr);
		if (!(klen == 5 && strncmp(expr, "trace", 5) == 0) &&
		    !(klen == 1 && expr[0] == 't'))
			die(2, "invalid -e qualifier '%s' (only trace= is supported)", expr);
		expr = eq + 1;
	}
	if (!*expr)
		die(2, "empty -e trace= set%s", "");
	if (strcmp(expr, "all") == 0)
		return NULL;
	size_t n = 2;
	for (const char *c = expr; *c; c++)
		n += *c == ',';
	char **names = calloc(n, sizeof(*names));
	char *copy = strdup(expr);
	if (!names || !copy)
		die(1, "out of memory%s", "");
	size_t i = 0;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
		names[i++] = tok;
	return names;
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
	}
	free(copy);
}

enum { OPT_KILL_ON_EXIT = 256, OPT_STACK_DEPTH };

static int parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {"kill-on-exit", no_argument, NULL, OPT_KILL_ON_EXIT},
	    {"stack", no_argument, NULL, 'k'},
	    {"stack-depth", required_argument, NULL, OPT_STACK_DEPTH},
	    {NULL, 0, NULL, 0},
	};
	int ch;
	/* '+': options end at the command's name. */
	while ((ch = getopt_long(argc, argv, "+fko:s:e:p:qvhV", longs, NULL)) != -1) {
		switch (ch) {
		case 'f': c->follow++; break;
		case 'o': c->outname = optarg; break;
		case 's': c->opt.string_limit = parse_uint(optarg, "invalid -s value '%s'"); break;
		case 'e': c->trace_names = parse_expr(optarg); break;
		case 'p': add_pids(c, optarg); break;
		case OPT_KILL_ON_EXIT: c->opt.kill_on_exit = true; break;
		case 'k': c->stack = true; break;
		case OPT_STACK_DEPTH:
			c->opt.stack_depth = parse_uint(optarg, "invalid --stack-depth '%s'");
			break;
		case 'q': c->quiet = true; break;
		case 'v': c->opt.verbose = true; break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("mtrace %s\n", MTRACE_VERSION); exit(0);
		default: fprintf(stderr, "mtrace: see 'mtrace --help'\n"); exit(2);
		}
	}
	if (optind >= argc && c->npids == 0)
		die(2, "must have a command to run or -p PID%s (see 'mtrace --help')", "");
	c->opt.follow_forks = c->follow > 0;
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
	FILE *fp = fopen(name, "we"); /* not inherited by the tracee */
	if (!fp) {
		fprintf(stderr, "mtrace: cannot open '%s': %s\n", name, strerror(errno));
		exit(1);
	}
	return fp;
}

/* -ff -o: the writer of this process's own file. */
static mtrace_text_t *per_pid_text(struct cli *c, pid_t pid)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].pid == pid)
			return c->files[i].text;
	struct per_pid *f = realloc(c->files, (c->nfiles + 1) * sizeof(*f));
	if (!f)
		die(1, "out of memory%s", "");
	c->files = f;
	char name[PATH_MAX];
	snprintf(name, sizeof(name), "%s.%d", c->outname, (int)pid);
	f[c->nfiles].pid = pid;
	f[c->nfiles].fp = open_out(name);
	f[c->nfiles].text = mtrace_text_new(f[c->nfiles].fp, MTRACE_PREFIX_NONE);
	return f[c->nfiles++].text;
}

static void close_per_pid(struct cli *c, pid_t pid)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].pid == pid) {
			mtrace_text_free(c->files[i].text);
			fclose(c->files[i].fp);
			c->files[i] = c->files[--c->nfiles];
			return;
		}
}

static int on_event(const struct mtrace_event *ev, void *data)
{
	struct cli *c = data;
	if ((ev->type == MTRACE_EV_ATTACH || ev->type == MTRACE_EV_DETACH) && !c->quiet) {
		fflush(c->out);
		fprintf(stderr, "mtrace: Process %d %s\n", (int)ev->pid,
		        ev->type == MTRACE_EV_ATTACH ? "attached" : "detached");
	}
	if (!c->text) {
		mtrace_text_event(per_pid_text(c, ev->pid), ev);
		if (ev->type == MTRACE_EV_EXIT)
			close_per_pid(c, ev->pid);
	} else {
		mtrace_text_event(c->text, ev);
	}
	return 0;
}

static void on_signal(int sig)
{
	caught = sig;
	if (session)
		mtrace_request_stop(session);
}

static void catch_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	/* No SA_RESTART: waitpid must return so the loop sees the request. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
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

int main(int argc, char **argv)
{
	struct cli c = {0};
	int first = parse_args(&c, argc, argv);
	bool split = c.follow >= 2 && c.outname;
	if (!split) {
		c.out = c.outname ? open_out(c.outname) : stderr;
		enum mtrace_text_prefix pfx =
		    c.outname && c.follow == 1 ? MTRACE_PREFIX_PID : MTRACE_PREFIX_AUTO;
		c.text = mtrace_text_new(c.out, pfx);
	} else {
		c.out = stderr;
	}
	session = mtrace_new(&c.opt, on_event, &c);
	if (!session)
		die(1, "cannot start: %s", strerror(errno));
	if (c.trace_names && mtrace_trace_only(session, (const char *const *)c.trace_names) != 0)
		die(2, "%s", mtrace_error(session));
	catch_signals();
	for (size_t i = 0; i < c.npids; i++)
		if (mtrace_attach(session, c.pids[i]) != 0) {
			fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
			/* Let go of those already attached before failing. */
			mtrace_request_stop(session);
			mtrace_run(session);
			exit(1);
		}
	if (first < argc && mtrace_spawn(session, argv + first) < 0) {
		fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
		mtrace_request_stop(session);
		mtrace_run(session);
		exit(1);
	}
	int status = mtrace_run(session);
	bool interrupted = status < 0;
	if (interrupted)
		fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
	mtrace_text_free(c.text);
	while (c.nfiles)
		close_per_pid(&c, c.files[0].pid);
	free(c.files);
	if (c.out && c.out != stderr)
		fclose(c.out);
	if (c.trace_names) {
		free(c.trace_names[0]);
		free(c.trace_names);
	}
	mtrace_free(session);
	free(c.pids);
	if (caught)
		exit(128 + caught); /* stopped by a signal: say which, as shells do */
	exit_like(interrupted ? 1 << 8 : status);
}

/* mtrace: the command-line tracer, a thin client of libmtrace. It takes
 * strace's options (options.c), starts the command, and hands every
 * event to the text writer of the process's output stream. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static mtrace_t *session;
static volatile sig_atomic_t caught; /* the signal that asked us to stop */

static FILE *open_out(const char *name, bool append)
{
	/* Close-on-exec: not inherited by the tracee. As root, a symbolic
	 * link is not followed (one planted where root writes its trace
	 * would have its target truncated), except those to our own
	 * descriptors. Existing files are truncated (-A: appended to), as
	 * strace does. */
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
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
		cli_die(1, "out of memory");
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
		cli_die(1, "out of memory");
	c->files = f;
	char name[PATH_MAX];
	/* cut, two processes could share one file */
	if ((size_t)snprintf(name, sizeof(name), "%s.%d", c->outname, (int)pid) >= sizeof(name))
		cli_die(1, "output file name too long: '%s'", c->outname);
	f[c->nfiles].pid = pid;
	f[c->nfiles].fp = open_out(name, c->append);
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
		if (ev->u.lost.records)
			fprintf(
			    stderr,
			    "mtrace: %llu syscall entries and exits were lost (the BPF ring was "
			    "full)\n",
			    ev->u.lost.records);
		if (ev->u.lost.unseen)
			fprintf(
			    stderr,
			    "mtrace: %llu syscalls were not shown: the kernel skipped their entry "
			    "(the program's seccomp filter refused them; --engine=ptrace shows "
			    "them)\n",
			    ev->u.lost.unseen);
		if (!c->json)
			return 0;
	}
	/* With --json, attach and detach are objects of the stream. With
	 * -o FILE PROG, strace's -q is implied (unless -e quiet= says what
	 * to leave out): no attach or detach lines. */
	bool implied = c->outname && c->command && !c->given.quiet;
	if ((ev->type == MTRACE_EV_ATTACH || ev->type == MTRACE_EV_DETACH) &&
	    !(c->quiet & QUIET_ATTACH) && !c->json && !implied) {
		/* strace's order: the call's entry, the message, then
		 * "<detached ...>" */
		if (ev->type == MTRACE_EV_DETACH && c->writer && !c->summary_only) {
			struct mtrace_event idle = {.type = MTRACE_EV_IDLE,
			                            .ntracees = ev->ntracees};
			mtrace_writer_event(c->writer, &idle);
		}
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

/* -I 3 and 4 (strace's "never" and "never_tstp"): fatal signals (and
 * ^Z) are blocked and mtrace goes on; the command keeps the mask it
 * started with (the session took it before this). */
static void block_signals(int interruptible)
{
	static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM};
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&set, sigs[i]);
	if (interruptible == 4)
		sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_BLOCK, &set, NULL);
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

/* -o '|CMD' or '!CMD': the trace goes to CMD's standard input. */
static FILE *open_pipe(struct cli *c)
{
	fflush(NULL);
	FILE *fp = popen(c->outname + 1, "we"); /* "e": not the tracee's */
	if (!fp)
		cli_die(1, "cannot run '%s': %s", c->outname + 1, strerror(errno));
	c->piped = true;
	return fp;
}

/* The output streams: one, or one per process with -ff -o. */
static void open_outputs(struct cli *c)
{
	if (c->separately && c->outname && !c->summary_only) {
		c->out = stderr;
		return;
	}
	if (c->outname && (c->outname[0] == '|' || c->outname[0] == '!'))
		c->out = open_pipe(c);
	else
		c->out = c->outname ? open_out(c->outname, c->append) : stderr;
	/* strace: "PID " on every line of a file shared by several
	 * processes, "[pid N] " on stderr once there are two. */
	bool shared = (c->follow >= 1 && !c->separately) || c->npids > 1;
	c->writer = new_writer(
	    c, c->out, c->outname && shared ? MTRACE_PREFIX_PID : MTRACE_PREFIX_AUTO, &c->topt);
}

/* -P PATH: each path, and where its links lead (options.c). */
static void trace_paths(const struct cli *c)
{
	for (size_t i = 0; i < c->npaths; i++)
		if (mtrace_trace_path(session, c->paths[i]) != 0)
			cli_die(1, "%s", mtrace_error(session));
}

/* -d: what the session chose, on stderr. */
static void debug_report(const struct cli *c)
{
	static const char *const engines[] = {[MTRACE_ENGINE_AUTO] = "auto",
	                                      [MTRACE_ENGINE_PTRACE] = "ptrace",
	                                      [MTRACE_ENGINE_BPF] = "bpf"};
	unsigned f = mtrace_features();
	fprintf(stderr, "mtrace: engine %s (asked: %s)\n", engines[mtrace_engine_used(session)],
	        engines[c->opt.engine]);
	fprintf(stderr, "mtrace: kernel features:%s%s%s%s\n", f & MTRACE_FEAT_SEIZE ? " seize" : "",
	        f & MTRACE_FEAT_EXITKILL ? " exitkill" : "",
	        f & MTRACE_FEAT_SYSCALL_INFO ? " get-syscall-info" : "",
	        f & MTRACE_FEAT_SECCOMP ? " seccomp" : "");
}

/* --tips: one of these at the end (strace shows its own). */
static void show_tip(const struct cli *c)
{
	static const char *const tips[] = {
	    "--json writes one JSON object per event: jq can read the trace.",
	    "-e trace=%file shows only the calls that take a file name.",
	    "-c --engine=bpf counts calls in the kernel, without stopping the program.",
	    "-f -o FILE puts the pid at the start of every line; -ff -o FILE gives each "
	    "process its own file.",
	    "-k shows the stack of every call; -y shows the paths of file descriptors.",
	    "-e status=failed shows only the calls that failed: often what went wrong.",
	};
	size_t n = sizeof(tips) / sizeof(tips[0]);
	if (c->tips_format == 0)
		return;
	size_t i = c->tip >= 0 ? (size_t)c->tip % n : (size_t)time(NULL) % n;
	fprintf(stderr, "mtrace: tip: %s\n", tips[i]);
}

/* -E VAR=VAL and -E VAR, in order, in the environment the command gets
 * (ours: it is passed on as it is). */
static void apply_env(const struct cli *c)
{
	for (size_t i = 0; i < c->nenv; i++) {
		const char *e = c->env[i];
		const char *eq = strchr(e, '=');
		if (!eq) {
			unsetenv(e);
			continue;
		}
		char *name = strndup(e, (size_t)(eq - e));
		if (!name || setenv(name, eq + 1, 1) != 0)
			cli_die(1, "cannot set '%s': %s", e, strerror(errno));
		free(name);
	}
}

static int spawn(struct cli *c, char **cmd)
{
	apply_env(c);
	return mtrace_spawn(session, cmd) < 0 ? -1 : 0;
}

/* Attach and spawn; on failure let go of what was attached and exit.
 * With -D the command is spawned first: this process becomes it, and
 * only the tracer comes back to attach. */
static void start(struct cli *c, char **cmd)
{
	if (c->opt.daemonize && spawn(c, cmd) != 0)
		goto fail;
	for (size_t i = 0; i < c->npids; i++)
		if (mtrace_attach(session, c->pids[i]) != 0)
			goto fail;
	if (cmd[0] && !c->opt.daemonize && spawn(c, cmd) != 0)
		goto fail;
	if (c->debug)
		debug_report(c);
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
	if (c->piped) {
		if (ferror(c->out) | (pclose(c->out) == -1))
			write_failed = true;
	} else if (c->out && c->out != stderr) {
		close_out(c->out, c->outname);
	}
	free(c->pids);
	free(c->env);
	free(c->injects);
	for (size_t i = 0; i < c->npaths; i++)
		free(c->paths[i]);
	free(c->paths);
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	int first = cli_parse(&c, argc, argv);
	open_outputs(&c);
	session = mtrace_new(&c.opt, on_event, &c);
	if (!session)
		cli_die(1, "cannot start: %s", strerror(errno));
	if (c.trace_set && mtrace_trace_set(session, c.trace_set) != 0)
		cli_die(2, "%s", mtrace_error(session));
	for (int w = 0; w < 2; w++)
		if (c.dump_sets[w] && mtrace_dump_fds(session, w, c.dump_sets[w]) != 0)
			cli_die(2, "%s", mtrace_error(session));
	for (int how = 0; how < 3; how++)
		if (c.decode_sets[how] && mtrace_decode_set(session, (enum mtrace_decode_how)how,
		                                            c.decode_sets[how]) != 0)
			cli_die(2, "%s", mtrace_error(session));
	trace_paths(&c);
	for (size_t i = 0; i < c.ninjects; i++)
		if (mtrace_inject(session, c.injects[i].spec, c.injects[i].fault) != 0)
			cli_die(2, "%s", mtrace_error(session));
	if (c.interruptible >= 3)
		block_signals(c.interruptible);
	else
		catch_signals();
	start(&c, argv + first);
	if (argv[first])
		release_std_fds(&c);
	int status = mtrace_run(session);
	bool failed = status < 0;
	if (failed)
		fprintf(stderr, "mtrace: %s\n", mtrace_error(session));
	finish(&c);
	if (c.tip != -2)
		show_tip(&c);
	mtrace_free(session);
	if (caught)
		exit(128 + caught); /* stopped by a signal: say which, as shells do */
	exit_like(failed || write_failed ? 1 << 8 : status);
}

/* strace -D: the traced command runs in the caller's own process, so its
 * pid and its parent are the caller's (a shell waits for the command, not
 * for mtrace), and the tracer is a grandchild left behind by its parent.
 *
 *   caller ──fork──> middle ──fork──> tracer: seizes the caller, then
 *     │                └ exits at once   writes one byte on the pipe
 *     └ reaps the middle, reads the byte, execs the command (traced)
 *
 * Everything the caller does before its execve is mtrace's doing and is
 * hidden, as in a plain spawn. */
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The tracer's side: take the caller as the spawned command. With SEIZE
 * an INTERRUPT gives the loop its first stop; PTRACE_ATTACH's SIGSTOP
 * does the same (MT_T_STARTING drops it). */
static int take_command(struct mtrace *mt, pid_t cmd)
{
	unsigned flags = MT_T_SPAWNED | MT_T_HIDDEN;
	if (mt->features & MTRACE_FEAT_SEIZE) {
		if (ptrace(MT_PTRACE_SEIZE, cmd, 0L, mt_trace_options(mt)) != 0 ||
		    ptrace(MT_PTRACE_INTERRUPT, cmd, 0L, 0L) != 0)
			return -1;
		flags |= MT_T_SEIZED;
	} else {
		if (ptrace(PTRACE_ATTACH, cmd, 0L, 0L) != 0)
			return -1;
		flags |= MT_T_STARTING | MT_T_NEEDS_OPTIONS;
	}
	struct mtrace_tracee *t = mt_tracee_add(mt, cmd, flags);
	if (!t)
		return -1;
	mt->spawned = cmd;
	mt_announce_attach(mt, t); /* strace's words too: it attached */
	return 0;
}

/* In the middle process: fork the tracer and leave it. The tracer then
 * leaves the caller's process group or session if asked (-DD, -DDD). */
static pid_t become_tracer(struct mtrace *mt, pid_t cmd, int done)
{
	pid_t tracer = fork();
	if (tracer != 0)
		_exit(tracer < 0);
	int rc = 0;
	if (mt->opt.daemonize == MTRACE_DAEMONIZE_PGROUP && setpgid(0, 0) != 0)
		rc = mt_fail(mt, "Cannot create a new process group: %s", strerror(errno));
	else if (mt->opt.daemonize == MTRACE_DAEMONIZE_SESSION && setsid() < 0)
		rc = mt_fail(mt, "Cannot create a new session: %s", strerror(errno));
	else if (take_command(mt, cmd) != 0)
		rc = mt_fail(mt, "cannot trace the command: %s", strerror(errno));
	/* No byte (the pipe closes with us): the caller exits untraced. */
	if (rc == 0 && write(done, "", 1) != 1)
		rc = mt_fail(mt, "cannot start the command: %s", strerror(errno));
	close(done);
	return rc == 0 ? cmd : -1;
}

static bool chld_pending(void)
{
	sigset_t pending;
	return sigpending(&pending) == 0 && sigismember(&pending, SIGCHLD);
}

/* In the caller: reap the middle process so the command inherits no
 * child it did not make, nor (if SIGCHLD is blocked) the SIGCHLD it
 * sent. A SIGCHLD ignored reaps it by itself; waiting then would block
 * on every other child. */
static void reap_middle(pid_t middle, bool chld_was_pending)
{
	struct sigaction sa;
	if (sigaction(SIGCHLD, NULL, &sa) == 0 &&
	    (sa.sa_handler == SIG_IGN || (sa.sa_flags & SA_NOCLDWAIT)))
		return;
	while (waitpid(middle, NULL, 0) < 0 && errno == EINTR)
		;
	if (!chld_was_pending && chld_pending()) {
		sigset_t chld;
		sigemptyset(&chld);
		sigaddset(&chld, SIGCHLD);
		struct timespec now = {0, 0};
		sigtimedwait(&chld, NULL, &now);
	}
}

pid_t mt_spawn_daemonized(struct mtrace *mt, const char *path, char *const argv[])
{
	pid_t cmd = getpid();
	int sync[2];
	if (pipe2(sync, O_CLOEXEC) != 0)
		return mt_fail(mt, "pipe: %s", strerror(errno));
	/* Under Yama's ptrace_scope 1 only an ancestor may attach: let the
	 * tracer (a descendant) do it, and take it back once it has. */
	bool ptracer = prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0L, 0L, 0L) == 0;
	bool was_pending = chld_pending();
	fflush(NULL); /* what stdio holds is written once, by the tracer */
	pid_t middle = fork();
	if (middle < 0) {
		close(sync[0]), close(sync[1]);
		return mt_fail(mt, "fork: %s", strerror(errno));
	}
	if (middle == 0) {
		close(sync[0]);
		return become_tracer(mt, cmd, sync[1]);
	}
	close(sync[1]);
	reap_middle(middle, was_pending);
	char byte;
	ssize_t n;
	while ((n = read(sync[0], &byte, 1)) < 0 && errno == EINTR)
		;
	close(sync[0]);
	if (ptracer)
		prctl(PR_SET_PTRACER, 0L, 0L, 0L, 0L);
	if (n != 1)
		_exit(1); /* the tracer could not take us; it said why */
	mt_restore_dispositions(mt);
	mt_exec_traced(mt, path, argv);
}

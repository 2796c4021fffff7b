/* Starting the traced command. The child stops itself before execve so
 * that the tracer can seize it first; everything it does before that
 * execve is mtrace's own doing and stays hidden (MT_T_HIDDEN). */
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"

#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A name in an error message: at most 160 bytes of it, so that the reason
 * after it fits the session's error buffer. */
#define SHOWN(name)                                                                                \
	(strlen(name) > 160 ? 160 : (int)strlen(name)), (name), (strlen(name) > 160 ? "..." : "")

static int usable(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EACCES;
		return -1;
	}
	return access(path, X_OK);
}

/* Resolve name as execvp would, so that the trace starts with the one
 * execve that succeeds rather than a walk along PATH. A path that exists
 * but cannot be executed (a directory, no x bit) is run all the same, as
 * strace does: the trace then shows the execve failing and the exit. */
int mt_resolve_path(struct mtrace *mt, const char *name, char *out, size_t outlen)
{
	if (strchr(name, '/')) {
		struct stat st;
		if (stat(name, &st) != 0 || (usable(name) != 0 && errno != EACCES))
			return mt_fail(mt, "cannot run '%.*s%s': %s", SHOWN(name), strerror(errno));
		snprintf(out, outlen, "%s", name);
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	int err = ENOENT;
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, ":");
		int n = snprintf(out, outlen, "%.*s%s%s", (int)len, p, len ? "/" : "", name);
		if (n > 0 && (size_t)n < outlen) {
			if (usable(out) == 0)
				return 0;
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
		}
		p += len + (p[len] == ':');
	}
	return mt_fail(mt, "cannot find '%.*s%s' in PATH: %s", SHOWN(name), strerror(err));
}

void mt_signals_snapshot(struct mtrace *mt)
{
	sigemptyset(&mt->start_ignored);
	pthread_sigmask(SIG_BLOCK, NULL, &mt->start_mask);
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			sigaddset(&mt->start_ignored, sig);
	}
}

/* The command must not inherit what the caller did to signals after
 * mtrace_new() (the CLI catches SIGINT, SIGTERM, ...): each signal is
 * ignored if it was then, else default, as it would be untraced (exec
 * would turn a handler into the default, but a handler must not run
 * here either). Signals libc keeps for itself refuse, which is fine. */
void mt_restore_dispositions(const struct mtrace *mt)
{
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		struct sigaction sa = {0};
		sa.sa_handler = sigismember(&mt->start_ignored, sig) ? SIG_IGN : SIG_DFL;
		sigaction(sig, &sa, NULL);
	}
}

/* Read execve's path, vectors and strings once in this child. After fork
 * its pages are old, and where the CPU does not set the access flag itself
 * (arm64 before ARMv8.1) the first touch faults: the BPF engine, which
 * cannot fault, would see none of the command's arguments otherwise. */
static void touch_exec_args(const char *path, char *const argv[])
{
	volatile size_t sum = strlen(path);
	for (char *const *v = argv; *v; v++)
		sum += strlen(*v);
	for (char *const *v = environ; v && *v; v++)
		sum += strlen(*v);
	(void)sum;
}

void mt_exec_traced(const struct mtrace *mt, const char *path, char *const argv[])
{
	/* Only now, traced: a RET_TRACE without a tracer fails the call. */
	if (mt->seccomp && mt_seccomp_install(&mt->filter) != 0) {
		fprintf(stderr,
		        "mtrace: cannot install the seccomp filter: %s (try --seccomp-bpf=no)\n",
		        strerror(errno));
		_exit(127);
	}
	/* -u: the user's identity, after the filter (which, unprivileged,
	 * could not be installed) */
	if (mt->as_user.set && (initgroups(mt->opt.user, mt->as_user.gid) != 0 ||
	                        setgid(mt->as_user.gid) != 0 || setuid(mt->as_user.uid) != 0)) {
		fprintf(stderr, "mtrace: cannot run as '%s': %s\n", mt->opt.user, strerror(errno));
		_exit(1);
	}
	touch_exec_args(path, argv);
	/* Last, so that our SIGSTOP and the tracer's SIGCONT got through. */
	pthread_sigmask(SIG_SETMASK, &mt->start_mask, NULL);
	execv(path, argv);
	/* The trace shows the failed execve and the exit (strace: 1). */
	fprintf(stderr, "mtrace: cannot run '%.*s%s': %s\n", SHOWN(path), strerror(errno));
	_exit(1);
}

static void child(const struct mtrace *mt, bool traceme, const char *path, char *const argv[])
{
	mt_restore_dispositions(mt);
	if (traceme && ptrace(PTRACE_TRACEME, 0, 0L, 0L) != 0)
		_exit(127);
	kill(getpid(), SIGSTOP);
	mt_exec_traced(mt, path, argv);
}

pid_t mt_spawn_child(struct mtrace *mt, const char *path, char *const argv[])
{
	bool seize = mt->features & MTRACE_FEAT_SEIZE;
	int st;
	pid_t pid = fork();
	if (pid < 0)
		return mt_fail(mt, "fork: %s", strerror(errno));
	if (pid == 0)
		child(mt, !seize, path, argv);
	if (waitpid(pid, &st, seize ? WSTOPPED : __WALL) != pid || !WIFSTOPPED(st)) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, __WALL);
		return mt_fail(mt, "the command did not start");
	}
	if (seize) {
		if (ptrace(MT_PTRACE_SEIZE, pid, 0L, mt_trace_options(mt)) != 0)
			goto fail;
		/* End the stop it put itself in; the SIGCONT and the trap
		 * of the seize are seen while it is hidden. */
		kill(pid, SIGCONT);
	} else {
		if (ptrace(PTRACE_SETOPTIONS, pid, 0L, mt_trace_options(mt)) != 0)
			goto fail;
		/* It sits in the SIGSTOP's delivery stop: resume it, dropping
		 * the signal. */
		if (ptrace(PTRACE_SYSCALL, pid, 0L, 0L) != 0)
			goto fail;
	}
	unsigned flags =
	    MT_T_SPAWNED | MT_T_HIDDEN | (seize ? MT_T_SEIZED : 0) | mt_pin_spawned_flags(mt);
	if (!mt_tracee_add(mt, pid, flags))
		goto fail;
	mt->spawned = pid;
	return pid;
fail:;
	int err = errno;
	kill(pid, SIGKILL);
	waitpid(pid, &st, __WALL);
	return mt_fail(mt, "cannot trace the command: %s", strerror(err));
}

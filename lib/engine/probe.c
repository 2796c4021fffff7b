/* Kernel portability: find out at run time what ptrace offers, never from
 * a version number. Each feature has a fallback elsewhere in lib/; the
 * MTRACE_DISABLE environment variable (a comma list of seize, exitkill,
 * syscall_info, seccomp) switches features off so that tests can run every
 * fallback on a new kernel. */
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Try each feature on a stopped child of our own. */
static unsigned probe_kernel(void)
{
	unsigned feats = 0;
	int st;
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	if (waitpid(pid, &st, WSTOPPED) != pid || !WIFSTOPPED(st))
		goto out;
	long opts = PTRACE_O_TRACESYSGOOD;
	if (ptrace(MT_PTRACE_SEIZE, pid, 0L, opts | MT_PTRACE_O_EXITKILL) == 0)
		feats |= MTRACE_FEAT_SEIZE | MTRACE_FEAT_EXITKILL;
	else if (ptrace(MT_PTRACE_SEIZE, pid, 0L, opts) == 0)
		feats |= MTRACE_FEAT_SEIZE;
	else if (ptrace(PTRACE_ATTACH, pid, 0L, 0L) != 0)
		goto out;
	/* Seizing a stopped task re-traps it; attaching queues a SIGSTOP:
	 * either way the next wait is a ptrace stop. */
	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st))
		goto out;
	struct mt_ptrace_syscall_info info;
	if (ptrace(MT_PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info), &info) > 0)
		feats |= MTRACE_FEAT_SYSCALL_INFO;
	if (mt_seccomp_available())
		feats |= MTRACE_FEAT_SECCOMP;
out:
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return feats;
}

static unsigned disabled_by_env(void)
{
	const char *env = getenv("MTRACE_DISABLE");
	unsigned off = 0;
	if (!env)
		return 0;
	if (strstr(env, "seize"))
		off |= MTRACE_FEAT_SEIZE;
	if (strstr(env, "exitkill"))
		off |= MTRACE_FEAT_EXITKILL;
	if (strstr(env, "syscall_info"))
		off |= MTRACE_FEAT_SYSCALL_INFO;
	if (strstr(env, "seccomp"))
		off |= MTRACE_FEAT_SECCOMP;
	return off;
}

unsigned mt_probe_features(void)
{
	static int cached = -1;
	if (cached < 0)
		cached = (int)(probe_kernel() & ~disabled_by_env());
	return (unsigned)cached;
}

unsigned mtrace_features(void)
{
	return mt_probe_features();
}

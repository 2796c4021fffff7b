/* The ptrace floor: the least a tracer that follows forks must do. It runs
 * the command under PTRACE_SEIZE with TRACESYSGOOD, TRACEEXEC and
 * TRACEFORK/VFORK/CLONE (strace -f's options), resumes every stop with
 * PTRACE_SYSCALL, passes signals on, decodes and prints nothing, and exits
 * as the command did. A tracer's time over this one is its own overhead.
 *
 * usage: floor [-i] [-e CALL,...] CMD [ARGS]
 *   -i   also fetch PTRACE_GET_SYSCALL_INFO at each syscall stop (what one
 *        such call per stop costs)
 *   -e   seccomp mode, the floor of strace --seccomp-bpf -e trace=CALL:
 *        the command gets seccomp_filter.h's filter with SECCOMP_RET_TRACE
 *        for CALLs, stops come only from PTRACE_EVENT_SECCOMP (then
 *        PTRACE_SYSCALL once for the call's exit) and everything else is
 *        resumed with PTRACE_CONT. */
#include "seccomp_filter.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif

/* Big enough for any op of struct ptrace_syscall_info. */
struct syscall_info {
	unsigned char raw[128];
};

int main(int argc, char **argv)
{
	const char *calls = NULL;
	int fetch_info = 0;
	int first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "-i") == 0) {
			fetch_info = 1;
			first++;
		} else if (strcmp(argv[first], "-e") == 0 && first + 1 < argc) {
			calls = argv[first + 1];
			first += 2;
		} else {
			break;
		}
	}
	if (first >= argc) {
		fprintf(stderr, "usage: floor [-i] [-e CALL,...] CMD [ARGS]\n");
		return 2;
	}
	long nrs[BENCH_MAX_CALLS];
	int ncalls = 0;
	if (calls && (ncalls = bench_parse_calls(calls, nrs)) < 0)
		return 2;

	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		if (calls && bench_install_filter(nrs, ncalls, SECCOMP_RET_TRACE) != 0)
			_exit(127);
		/* Wait to be seized: the first traced call is the execve. */
		kill(getpid(), SIGSTOP);
		execvp(argv[first], argv + first);
		fprintf(stderr, "floor: exec '%s': %m\n", argv[first]);
		_exit(127);
	}
	int st;
	if (waitpid(child, &st, WUNTRACED) != child || !WIFSTOPPED(st)) {
		fprintf(stderr, "floor: the command did not start\n");
		return 1;
	}
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK |
	            PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL;
	if (calls)
		opts |= PTRACE_O_TRACESECCOMP;
	if (ptrace(PTRACE_SEIZE, child, 0L, opts) != 0) {
		perror("floor: PTRACE_SEIZE");
		kill(child, SIGKILL);
		return 1;
	}
	kill(child, SIGCONT);

	const enum __ptrace_request plain = calls ? PTRACE_CONT : PTRACE_SYSCALL;
	int status = 0;
	for (;;) {
		pid_t pid = waitpid(-1, &st, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: every tracee is gone */
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (pid == child)
				status = st;
			continue;
		}
		int sig = WSTOPSIG(st);
		int event = (unsigned)st >> 16;
		enum __ptrace_request req = plain;
		int inject = 0;
		if (sig == (SIGTRAP | 0x80)) {
			if (fetch_info) {
				struct syscall_info info;
				ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info), &info);
			}
		} else if (event == PTRACE_EVENT_SECCOMP) {
			req = PTRACE_SYSCALL; /* to its exit, then PTRACE_CONT */
		} else if (event == 0) {
			inject = sig; /* a signal-delivery-stop */
		}
		/* Other events (fork, clone, exec, a new child's or a
		 * group-stop's PTRACE_EVENT_STOP) are just resumed. */
		ptrace(req, pid, 0L, (long)inject);
	}
	if (WIFSIGNALED(status)) {
		/* Die of the same signal, without a core file of our own. */
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

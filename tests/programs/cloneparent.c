/* Makes a sibling instead of a child: clone(CLONE_PARENT) puts the new
 * process under our parent. Under a tracer without -f, the sibling is
 * the tracer's child but never traced; its exit (42) must not be shown
 * as the tracee's (strace: "Exit of unknown pid N ignored"). */
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	/* raw clone: glibc's fork() wrapper takes no flags */
	long pid = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0L, 0L, 0L, 0L);
	if (pid == 0)
		_exit(42);
	if (pid < 0)
		return 1;
	/* let the sibling end while we still run: its exit comes first */
	struct timespec ts = {0, 200 * 1000 * 1000};
	nanosleep(&ts, NULL);
	return 0;
}

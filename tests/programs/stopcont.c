/* Stops and restarts, as a job-control shell would do to it, and
 * interrupted calls: a nanosleep stopped by SIGSTOP (restarted through
 * restart_syscall), and a read interrupted by a handled signal without
 * SA_RESTART (ERESTARTSYS, then EINTR). */
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	/* SIGCHLD waits until the child is reaped, so that it arrives at the
	 * same point in every run. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		usleep(50000);
		kill(parent, SIGSTOP);
		usleep(50000);
		kill(parent, SIGCONT);
		_exit(0);
	}
	struct timespec ts = {0, 300000000};
	nanosleep(&ts, NULL);
	waitpid(child, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	struct sigaction sa = {0};
	sa.sa_handler = on_alarm; /* no SA_RESTART: read fails with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	int p[2];
	char byte;
	if (pipe(p) != 0)
		return 1;
	alarm(1);
	return read(p[0], &byte, 1) == -1 ? 0 : 1;
}

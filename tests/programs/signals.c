/* Signals and child deaths, for the e2e tests: a handled SIGUSR1, a
 * child killed by SIGKILL, a child exiting with 3. */
#include <signal.h>
#include <time.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got = sig;
}

int main(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	if (!got)
		return 1;

	/* Hold SIGCHLD until both children are reaped, so that it arrives
	 * at the same point of every run. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	/* The first child says it is ready through a pipe, so that it is
	 * always inside pause() when it is killed. */
	int status, ready[2];
	char byte;
	if (pipe(ready) != 0)
		return 1;
	pid_t a = fork();
	if (a == 0) {
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (read(ready[0], &byte, 1) != 1)
		return 1;
	/* Traced, the child may still sit in its write's exit stop: give it
	 * time to reach pause() so that every run shows the same calls. */
	struct timespec settle = {0, 200000000};
	nanosleep(&settle, NULL);
	kill(a, SIGKILL);
	waitpid(a, &status, 0);

	pid_t b = fork();
	if (b == 0)
		_exit(3);
	waitpid(b, &status, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	return WEXITSTATUS(status) == 3 ? 0 : 1;
}

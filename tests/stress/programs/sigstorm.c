/* Receives 2 x N signals (default N = 2000) from a child while blocked in
 * a read: N SIGUSR1, each acknowledged through a pipe before the next is
 * sent (none is merged with another), then N SIGRTMIN queued with
 * sigqueue (real-time signals are not merged either). Counts them in the
 * handlers and prints the counts; exits 0 if every signal came once. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, rt;
static int ack_w;

static void on_usr1(int sig)
{
	char c = 1;
	(void)sig;
	usr1++;
	if (write(ack_w, &c, 1) != 1)
		_exit(3);
}

static void on_rt(int sig)
{
	(void)sig;
	rt++;
}

static void child(pid_t parent, int n, int ack_r, int done_w)
{
	char c;
	for (int i = 0; i < n; i++) {
		kill(parent, SIGUSR1);
		while (read(ack_r, &c, 1) != 1)
			if (errno != EINTR)
				_exit(4);
	}
	for (int i = 0; i < n; i++) {
		union sigval v = {.sival_int = i};
		while (sigqueue(parent, SIGRTMIN, v) != 0)
			if (errno == EAGAIN)
				sched_yield(); /* the queue is full: let it drain */
			else
				_exit(5);
	}
	if (write(done_w, "x", 1) != 1)
		_exit(6);
	_exit(0);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	int ack[2], done[2];
	if (pipe(ack) || pipe(done))
		return 1;
	ack_w = ack[1];
	struct sigaction sa = {0};
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_rt;
	sigaction(SIGRTMIN, &sa, NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		child(parent, n, ack[0], done[1]);
	char c;
	while (read(done[0], &c, 1) != 1)
		if (errno != EINTR)
			return 1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	printf("sent=%d usr1=%d rt=%d child=%d\n", 2 * n, (int)usr1, (int)rt,
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return usr1 == n && rt == n && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

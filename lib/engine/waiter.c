/* A thread that only says when a tracee has a stop or an exit to report,
 * so that the loop can wait for that and for another file descriptor
 * (the BPF engine's ring) at once. It peeks with waitid(WNOWAIT), which
 * sees the tracer thread's tracees from any thread of the process and
 * reaps nothing; it writes to a pipe and waits until the loop, having
 * taken every stop with waitpid(WNOHANG), asks it to look again. */
#include "lib/engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct mt_waiter {
	pthread_t thread;
	int tell[2]; /* waiter -> loop: a stop is there */
	int ask[2];  /* loop -> waiter: look again */
};

static void *watch(void *arg)
{
	struct mt_waiter *w = arg;
	for (;;) {
		siginfo_t si;
		int r = waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | __WALL | WNOWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		char c = 1;
		if (write(w->tell[1], &c, 1) != 1 || r < 0)
			return NULL; /* no child left: the loop sees it too */
		if (read(w->ask[0], &c, 1) != 1)
			return NULL;
	}
}

struct mt_waiter *mt_waiter_start(void)
{
	struct mt_waiter *w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	if (pipe2(w->tell, O_CLOEXEC) != 0) {
		free(w);
		return NULL;
	}
	if (pipe2(w->ask, O_CLOEXEC) != 0) {
		close(w->tell[0]), close(w->tell[1]);
		free(w);
		return NULL;
	}
	/* Signals are for the caller's thread, not this one. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&w->thread, NULL, watch, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		close(w->tell[0]), close(w->tell[1]), close(w->ask[0]), close(w->ask[1]);
		free(w);
		errno = err;
		return NULL;
	}
	return w;
}

int mt_waiter_fd(const struct mt_waiter *w)
{
	return w->tell[0];
}

void mt_waiter_again(struct mt_waiter *w)
{
	char c;
	if (read(w->tell[0], &c, 1) == 1) {
		c = 1;
		if (write(w->ask[1], &c, 1) != 1)
			return;
	}
}

void mt_waiter_stop(struct mt_waiter *w)
{
	if (!w)
		return;
	pthread_cancel(w->thread);
	pthread_join(w->thread, NULL);
	close(w->tell[0]), close(w->tell[1]), close(w->ask[0]), close(w->ask[1]);
	free(w);
}

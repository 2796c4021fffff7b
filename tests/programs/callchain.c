/* A known call chain for the --stack tests: main -> a -> b -> getppid().
 * The functions are noinline and do work after each call, so no build
 * flags fold them away or turn a call into a tail call.
 *
 *   callchain [N]            the chain N times (default 1)
 *   callchain thread [N]     the chain in a second thread: thread_main -> a -> b
 *   callchain exec [PROG]    the chain, then execve PROG (default: itself)
 *                            with "after-exec", which runs the chain again
 *   callchain after-exec     the chain once (what exec runs)
 *   callchain signal         the chain in a SIGUSR1 handler: handler -> a -> b,
 *                            through the signal frame back to main
 *   callchain mangled        main -> mtrace::chain::step(int) -> a -> b: a C++
 *                            name, given in C by an assembler label */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) void b(void);
__attribute__((noinline)) void a(void);

__attribute__((noinline)) void b(void)
{
	sink += getppid();
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void a(void)
{
	b();
	sink++;
	__asm__ volatile("" ::: "memory");
}

/* What g++ calls mtrace::chain::step(int). */
__attribute__((noinline)) void step(int n) __asm__("_ZN6mtrace5chain4stepEi");
__attribute__((noinline)) void step(int n)
{
	for (int i = 0; i < n; i++)
		a();
	sink++;
	__asm__ volatile("" ::: "memory");
}

static long count(int argc, char **argv, int i)
{
	return argc > i ? atol(argv[i]) : 1;
}

__attribute__((noinline)) static void *thread_main(void *arg)
{
	long n = *(long *)arg;
	for (long i = 0; i < n; i++)
		a();
	sink++;
	return NULL;
}

__attribute__((noinline)) static void handler(int sig)
{
	(void)sig;
	a();
	sink++;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "signal") == 0) {
		signal(SIGUSR1, handler);
		raise(SIGUSR1);
		sink++;
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "mangled") == 0) {
		step(1);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "thread") == 0) {
		long n = count(argc, argv, 2);
		pthread_t t;
		if (pthread_create(&t, NULL, thread_main, &n) != 0)
			return 1;
		pthread_join(t, NULL);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		a();
		const char *prog = argc > 2 ? argv[2] : "/proc/self/exe";
		char *args[] = {argv[0], "after-exec", NULL};
		execv(prog, args);
		perror("execv");
		return 1;
	}
	long n = argc > 1 && strcmp(argv[1], "after-exec") == 0 ? 1 : count(argc, argv, 1);
	for (long i = 0; i < n; i++)
		a();
	sink++;
	return 0;
}

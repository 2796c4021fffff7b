/* What processes see of their CPUs while mtrace may pin them
 * (lib/engine/pin.c). Masks are read from /proc/thread-self/status, which does
 * not end pinning. One line per phase, in this order:
 *   before LIST   the parent, first thing
 *   asked N       child E's sched_getaffinity(parent): the parent's CPUs
 *   early LIST    child E after that call
 *   parent LIST   the parent after E asked about it
 *   thread LIST   a thread the parent started before E asked
 *   count N       the parent's own sched_getaffinity
 *   late LIST     a child forked after that
 *   quiet LIST    child Q, forked first, which never asks
 * Untraced, every LIST is the same and N is its size.
 *
 * "affinity compute [own]": two threads compute for a while, with a
 * syscall now and then (tracees that mostly compute), then
 *   before LIST   the process, first thing
 *   own LIST      with "own": the one-CPU mask it then sets itself (not
 *                 the CPU it was pinned to), which the threads inherit;
 *                 with "same": the very CPU it was pinned to
 *   thread LIST   each thread, at its end
 *   computed LIST the process, after the threads ended */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what)
{
	char line[256];
	FILE *f = fopen("/proc/thread-self/status", "r");
	if (!f) {
		perror("/proc/thread-self/status");
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0)
			printf("%s %s", what, line + 18 + strspn(line + 18, " \t"));
	fclose(f);
	fflush(stdout);
}

static int ncpus(pid_t pid)
{
	cpu_set_t set;
	if (sched_getaffinity(pid, sizeof(set), &set) != 0)
		exit(1);
	return CPU_COUNT(&set);
}

/* A child that waits for a byte on fd, then runs fn. */
static pid_t child_after(int fd, void (*fn)(pid_t), pid_t arg)
{
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		if (read(fd, &c, 1) != 1)
			_exit(1);
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void quiet(pid_t unused)
{
	(void)unused;
	show("quiet");
}

static void ask(pid_t parent)
{
	printf("asked %d\n", ncpus(parent));
	show("early");
}

static int thread_go[2];

static void *thread_main(void *unused)
{
	char c;
	(void)unused;
	if (read(thread_go[0], &c, 1) == 1)
		show("thread");
	return NULL;
}

/* About a second of work, a syscall every few milliseconds. */
static void *spin(void *unused)
{
	volatile unsigned long n = 0;
	(void)unused;
	for (int chunk = 0; chunk < 300; chunk++) {
		for (unsigned long i = 0; i < 3000000ul; i++)
			n += i;
		getppid();
	}
	return NULL;
}

/* The CPU of a one-CPU list in /proc/thread-self/status, or -1. */
static int one_cpu(void)
{
	char line[256];
	int cpu = -1;
	FILE *f = fopen("/proc/thread-self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0 && !strpbrk(line + 18, ",-"))
			cpu = atoi(line + 18);
	if (f)
		fclose(f);
	return cpu;
}

/* Set a mask of our own: one CPU other than the one we were pinned to,
 * or ("same") that very CPU, which must stay ours all the same. */
static void own_mask(bool same)
{
	int pinned = one_cpu();
	cpu_set_t set, mine;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		exit(1);
	CPU_ZERO(&mine);
	if (same) {
		int cpu = pinned >= 0 ? pinned : sched_getcpu();
		CPU_SET(cpu < 0 ? 0 : cpu, &mine);
	}
	for (int c = 0; !same && c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set) && c != pinned) {
			CPU_SET(c, &mine);
			break;
		}
	if (sched_setaffinity(0, sizeof(mine), &mine) != 0)
		exit(1);
	show("own");
}

static void *spin_and_show(void *unused)
{
	spin(unused);
	show("thread");
	return NULL;
}

static int compute(const char *own)
{
	pthread_t th[2];
	show("before");
	if (own)
		own_mask(strcmp(own, "same") == 0);
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, spin_and_show, NULL) != 0)
			return 1;
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	show("computed");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "compute") == 0)
		return compute(argc > 2 ? argv[2] : NULL);
	int quiet_go[2], early_go[2];
	if (pipe(quiet_go) || pipe(early_go) || pipe(thread_go))
		return 1;
	show("before");
	pid_t q = child_after(quiet_go[0], quiet, 0);
	pthread_t th;
	if (pthread_create(&th, NULL, thread_main, NULL) != 0)
		return 1;
	pid_t e = child_after(early_go[0], ask, getpid());
	if (write(early_go[1], "x", 1) != 1 || waitpid(e, NULL, 0) != e)
		return 1;
	show("parent");
	if (write(thread_go[1], "x", 1) != 1 || pthread_join(th, NULL) != 0)
		return 1;
	printf("count %d\n", ncpus(0));
	fflush(stdout);
	pid_t late = fork();
	if (late == 0) {
		show("late");
		_exit(0);
	}
	waitpid(late, NULL, 0);
	if (write(quiet_go[1], "x", 1) != 1 || waitpid(q, NULL, 0) != q)
		return 1;
	return 0;
}

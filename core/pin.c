/* Keeping the tracer and the command on one CPU.
 *
 * Every stop is a round trip: the tracee wakes the tracer, the tracer
 * wakes the tracee. When the two sit on different CPUs each wake-up is a
 * cross-CPU one (an IPI to an idle CPU, a VM exit under a hypervisor); on
 * one CPU it is a plain context switch. tests/bench/run.py measured a
 * full trace of a getppid loop 5-8x faster pinned, make -j2 about 2x.
 *
 * Pinning is visible to the command (its affinity mask is one CPU), so it
 * lasts for a process only while it cannot tell: at the entry of its
 * first sched_getaffinity or sched_setaffinity, all its threads (and
 * those of the process the call names) get the original mask back before
 * the call runs, which then sees and sets the real mask, as untraced.
 * Children forked after that inherit the real mask; a process that never
 * asks stays pinned. Without -f a fork or clone ends it too: the untraced
 * child would inherit the pin. /proc/PID/status still shows it (README).
 * Only a command that mtrace starts is pinned, never a -p process. Under
 * the seccomp filter, the calls that end the pin stop too (seccomp.c),
 * shown only if traced; and since stops are few there, a command that
 * can run in parallel gains nothing from the pin and loses a CPU: its
 * first fork or clone ends the pin for all (measured: 4 threads of
 * getppid under -f -e trace=openat ran 2x slower pinned, make -j2 1.4x,
 * while a single process's openat loop ran 9x faster).
 *
 * With every call stopping, the pin pays even for make -j2 (2x faster):
 * stops dominate. It would not for a build whose jobs compute for long
 * between calls on a machine with many CPUs, so the loop watches how long
 * it waits for the next stop. A stop saves ~20 us pinned here (52 against
 * 7.5 us a call); P tracees computing in parallel C a stop lose
 * C (1 - 1/P) pinned. So when, in COMPUTE_WINDOWS windows of WINDOW_NS
 * in a row, the tracees ran more than COMPUTE_NS P/(P-1) a stop on
 * average (P: tracees alive, at most the CPUs), the pin ends for all.
 * In a row: a cmake -j2 build of mtrace waits 4-20 us a stop in most
 * windows and over 100 us in a few (linking), and stays 30% faster
 * pinned; jobs that compute for long keep every window high. */
#include "core/internal.h"

#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void mt_pin_start(struct mtrace *mt)
{
	if (mt->opt.no_pin || mt->attached ||
	    sched_getaffinity(0, sizeof(mt->cpus), &mt->cpus) != 0 || CPU_COUNT(&mt->cpus) < 2)
		return;
	int cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &mt->cpus))
		return;
	CPU_ZERO(&mt->pinned);
	CPU_SET(cpu, &mt->pinned);
	/* The command inherits it through fork. */
	if (sched_setaffinity(0, sizeof(mt->pinned), &mt->pinned) == 0)
		mt->pin = MT_PIN_ON;
}

/* Give a thread the mask it would have had, if it still has our pin: a
 * mask the program set itself is its own. ESRCH (gone) and EPERM (it
 * changed credentials) leave it as it is. */
static void unpin(struct mtrace *mt, pid_t tid)
{
	cpu_set_t cur;
	if (sched_getaffinity(tid, sizeof(cur), &cur) == 0 && CPU_EQUAL(&cur, &mt->pinned))
		sched_setaffinity(tid, sizeof(mt->cpus), &mt->cpus);
}

/* Every thread of tid's process. */
static void unpin_process(struct mtrace *mt, pid_t tid)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)tid);
	DIR *d = opendir(dir);
	if (!d) {
		unpin(mt, tid);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		pid_t t = (pid_t)strtol(e->d_name, NULL, 10);
		if (t > 0)
			unpin(mt, t);
	}
	closedir(d);
}

void mt_pin_end(struct mtrace *mt)
{
	if (mt->pin != MT_PIN_ON)
		return;
	mt->pin = MT_PIN_ENDED;
	sched_setaffinity(0, sizeof(mt->cpus), &mt->cpus);
	for (unsigned i = 0; i < MT_HASH_SIZE; i++)
		for (struct mtrace_tracee *t = mt->hash[i]; t; t = t->next)
			unpin(mt, t->pid);
}

static bool is_one_of(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

void mt_pin_release(struct mtrace *mt)
{
	if (mt->pin != MT_PIN_OFF)
		sched_setaffinity(0, sizeof(mt->cpus), &mt->cpus);
	mt->pin = MT_PIN_OFF;
}

void mt_pin_new_tracee(struct mtrace *mt, pid_t tid)
{
	if (mt->pin == MT_PIN_ENDED)
		unpin(mt, tid);
}

#define WINDOW_NS       100000000ull /* 100 ms */
#define COMPUTE_NS      50000ull     /* 50 us */
#define COMPUTE_WINDOWS 5

uint64_t mt_pin_clock(const struct mtrace *mt)
{
	struct timespec ts;
	if (mt->pin != MT_PIN_ON || clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void mt_pin_waited(struct mtrace *mt, uint64_t t0)
{
	uint64_t now = mt_pin_clock(mt);
	if (!t0 || !now)
		return;
	if (!mt->pin_window.start)
		mt->pin_window.start = t0;
	mt->pin_window.waited += now - t0;
	mt->pin_window.stops++;
	if (now - mt->pin_window.start < WINDOW_NS)
		return;
	uint64_t p = (uint64_t)CPU_COUNT(&mt->cpus);
	if (p > mt->ntracees)
		p = mt->ntracees;
	bool computing =
	    p > 1 && mt->pin_window.waited / mt->pin_window.stops > COMPUTE_NS * p / (p - 1);
	mt->pin_window.computing = computing ? mt->pin_window.computing + 1 : 0;
	if (mt->pin_window.computing >= COMPUTE_WINDOWS)
		mt_pin_end(mt);
	mt->pin_window.start = now;
	mt->pin_window.waited = 0;
	mt->pin_window.stops = 0;
}

void mt_pin_forked(struct mtrace *mt)
{
	/* The new child, if not in the table yet, is unpinned at its first
	 * stop (mt_pin_new_tracee). */
	if (mt->seccomp)
		mt_pin_end(mt);
}

bool mt_pin_watches(const struct mtrace *mt, const char *name)
{
	static const char *const affinity[] = {"sched_getaffinity", "sched_setaffinity", NULL};
	static const char *const forks[] = {"fork", "vfork", "clone", "clone3", NULL};
	/* Every call's entry comes here: most names fail the first byte. */
	if (mt->pin != MT_PIN_ON || !name || !strchr("sfvc", name[0]))
		return false;
	return is_one_of(name, affinity) || (!mt->opt.follow_forks && is_one_of(name, forks));
}

void mt_pin_check_call(struct mtrace *mt, const struct mtrace_tracee *t)
{
	if (!mt_pin_watches(mt, t->sc.name))
		return;
	unpin_process(mt, t->pid);
	/* sched_*affinity(pid, ...) may name another process: only one of
	 * ours, never one we did not pin. */
	pid_t target = (pid_t)t->sc.args[0];
	if (t->sc.name[0] == 's' && target > 0 && target != t->pid && mt_tracee_find(mt, target))
		unpin_process(mt, target);
}

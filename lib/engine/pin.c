/* Keeping the tracer and the command on one CPU (--pin, opt-in).
 *
 * Every stop is a round trip: the tracee wakes the tracer, the tracer
 * wakes the tracee. When the two sit on different CPUs each wake-up is a
 * cross-CPU one (an IPI to an idle CPU, a VM exit under a hypervisor); on
 * one CPU it is a plain context switch. tests/bench/run.py measured a
 * full trace of a getppid loop 5-8x faster pinned, make -j2 about 2x.
 *
 * Pinning is visible to the command (its affinity mask is one CPU, in
 * /proc/PID/status and sched_getcpu), which is why it is never the
 * default (README "One CPU"). A launcher that chose the CPUs (mtrace's
 * own mask is not every online CPU) is obeyed: nothing is pinned. The pin
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
 * pinned; jobs that compute for long keep every window high.
 *
 * A mask is given back only to a thread that holds our pin, never by
 * comparing masks: a program may set its own mask to the CPU we pinned.
 * MT_T_PINNED marks the threads that hold it: the command, and each child
 * or thread made by one that held it (told at the parent's fork event;
 * when the child's first stop comes first, it waits in a pending list).
 * When the pin ends for all, a thread inside fork may have copied the pin
 * into a child we do not know yet: MT_T_PIN_LEFT marks it until its next
 * call, and that fork's child is unpinned too. MT_T_OWN_MASK marks a
 * thread whose mask the program set: never touched again. */
#include "lib/engine/engine.h"

#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void mt_pin_start(struct mtrace *mt)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	if (!mt->opt.pin || mt->attached ||
	    sched_getaffinity(0, sizeof(mt->cpus), &mt->cpus) != 0 || CPU_COUNT(&mt->cpus) < 2 ||
	    CPU_COUNT(&mt->cpus) != online)
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

/* Give a thread that held our pin the mask it would have had. The mask
 * check only guards against a change made outside the trace. ESRCH
 * (gone) and EPERM (it changed credentials) leave it as it is. */
static void unpin_tid(struct mtrace *mt, pid_t tid)
{
	cpu_set_t cur;
	if (sched_getaffinity(tid, sizeof(cur), &cur) == 0 && CPU_EQUAL(&cur, &mt->pinned))
		sched_setaffinity(tid, sizeof(mt->cpus), &mt->cpus);
}

static void unpin(struct mtrace *mt, struct mtrace_tracee *t)
{
	if ((t->flags & MT_T_PINNED) && !(t->flags & MT_T_OWN_MASK))
		unpin_tid(mt, t->pid);
	t->flags &= ~MT_T_PINNED;
}

/* Every thread of tid's process that holds the pin. */
static void unpin_process(struct mtrace *mt, struct mtrace_tracee *t)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)t->pid);
	DIR *d = opendir(dir);
	unpin(mt, t);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		struct mtrace_tracee *th = mt_tracee_find(mt, (pid_t)strtol(e->d_name, NULL, 10));
		if (th)
			unpin(mt, th);
	}
	closedir(d);
}

static void pending_add(struct mtrace *mt, pid_t pid)
{
	if (mt->pin_pending.n == mt->pin_pending.cap) {
		unsigned cap = mt->pin_pending.cap ? 2 * mt->pin_pending.cap : 16;
		pid_t *p = realloc(mt->pin_pending.pids, cap * sizeof(*p));
		if (!p)
			return; /* that child keeps the pin: visible, not wrong */
		mt->pin_pending.pids = p;
		mt->pin_pending.cap = cap;
	}
	mt->pin_pending.pids[mt->pin_pending.n++] = pid;
}

static bool pending_take(struct mtrace *mt, pid_t pid)
{
	for (unsigned i = 0; i < mt->pin_pending.n; i++)
		if (mt->pin_pending.pids[i] == pid) {
			mt->pin_pending.pids[i] = mt->pin_pending.pids[--mt->pin_pending.n];
			return true;
		}
	return false;
}

void mt_pin_end(struct mtrace *mt)
{
	if (mt->pin != MT_PIN_ON)
		return;
	mt->pin = MT_PIN_ENDED;
	sched_setaffinity(0, sizeof(mt->cpus), &mt->cpus);
	for (unsigned i = 0; i < MT_HASH_SIZE; i++)
		for (struct mtrace_tracee *t = mt->hash[i]; t; t = t->next)
			if (t->flags & MT_T_PINNED) {
				unpin(mt, t);
				t->flags |= MT_T_PIN_LEFT;
			}
	/* Children not seen yet are stopped before their first
	 * instruction: their mask is still the one they were made with. */
	for (unsigned i = 0; i < mt->pin_pending.n; i++)
		unpin_tid(mt, mt->pin_pending.pids[i]);
	mt->pin_pending.n = 0;
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
	free(mt->pin_pending.pids);
	mt->pin_pending.pids = NULL;
	mt->pin_pending.n = mt->pin_pending.cap = 0;
}

unsigned mt_pin_spawned_flags(const struct mtrace *mt)
{
	return mt->pin == MT_PIN_ON ? MT_T_PINNED : 0;
}

void mt_pin_new_tracee(struct mtrace *mt, struct mtrace_tracee *t)
{
	/* Its parent's fork event came first and said it holds the pin. */
	if (mt->pin == MT_PIN_OFF || !pending_take(mt, t->pid))
		return;
	if (mt->pin == MT_PIN_ON)
		t->flags |= MT_T_PINNED;
	else
		unpin_tid(mt, t->pid);
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

void mt_pin_forked(struct mtrace *mt, struct mtrace_tracee *parent, pid_t child)
{
	if (mt->pin == MT_PIN_OFF)
		return;
	struct mtrace_tracee *c = child > 0 ? mt_tracee_find(mt, child) : NULL;
	if (child > 0 && (parent->flags & MT_T_PINNED)) {
		if (c)
			c->flags |= MT_T_PINNED;
		else
			pending_add(mt, child);
	} else if (child > 0 && (parent->flags & MT_T_PIN_LEFT)) {
		/* Made while the pin ended: it may hold a copy. */
		if (!c)
			pending_add(mt, child);
		else if (!(c->flags & MT_T_OWN_MASK))
			unpin_tid(mt, child);
	}
	/* Under the filter, the first fork or clone ends it for all. */
	if (mt->seccomp)
		mt_pin_end(mt);
}

bool mt_pin_watches(const struct mtrace *mt, const char *name)
{
	static const char *const affinity[] = {"sched_getaffinity", "sched_setaffinity", NULL};
	static const char *const forks[] = {"fork", "vfork", "clone", "clone3", NULL};
	/* Every call's entry comes here: most names fail the first byte. */
	if (mt->pin == MT_PIN_OFF || !name || !strchr("sfvc", name[0]))
		return false;
	return is_one_of(name, affinity) || (!mt->opt.follow_forks && is_one_of(name, forks));
}

/* sched_setaffinity(tid, ...): the program sets that thread's mask. */
static void owns_mask(struct mtrace *mt, struct mtrace_tracee *t)
{
	pid_t target = (pid_t)t->sc.args[0];
	struct mtrace_tracee *th = target == 0 ? t : mt_tracee_find(mt, target);
	if (th && strcmp(t->sc.name, "sched_setaffinity") == 0) {
		th->flags |= MT_T_OWN_MASK;
		th->flags &= ~(MT_T_PINNED | MT_T_PIN_LEFT);
	}
}

void mt_pin_check_call(struct mtrace *mt, struct mtrace_tracee *t)
{
	if (mt->pin == MT_PIN_OFF)
		return;
	t->flags &= ~MT_T_PIN_LEFT; /* a new call: its last fork is done */
	if (!mt_pin_watches(mt, t->sc.name))
		return;
	if (mt->pin == MT_PIN_ON) {
		unpin_process(mt, t);
		/* sched_*affinity(pid, ...) may name another process: only
		 * one of ours, never one we did not pin. */
		pid_t target = (pid_t)t->sc.args[0];
		struct mtrace_tracee *other = t->sc.name[0] == 's' && target > 0 && target != t->pid
		                                  ? mt_tracee_find(mt, target)
		                                  : NULL;
		if (other)
			unpin_process(mt, other);
	}
	if (t->sc.name[0] == 's')
		owns_mask(mt, t);
}

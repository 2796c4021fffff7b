/* Keeping the tracer and the command on one CPU.
 *
 * Every stop is a round trip: the tracee wakes the tracer, the tracer
 * wakes the tracee. When the two sit on different CPUs each wake-up is a
 * cross-CPU one (an IPI to an idle CPU, a VM exit under a hypervisor); on
 * one CPU it is a plain context switch. tests/bench/run.py measured a
 * full trace of a getppid loop 5-8x faster pinned, make -j2 about 2x.
 *
 * Pinning is visible to the command (its affinity mask is one CPU), so it
 * lasts only while nothing can tell: the first sched_getaffinity or
 * sched_setaffinity of any tracee ends it before the call runs (the call
 * then sees and sets the real mask, as untraced), and so does a fork or
 * clone without -f (the untraced child would inherit the pin). Tracees
 * that appear after the end get their mask back at their first stop.
 * Only a command that mtrace starts is pinned, never a -p process, and
 * only when every syscall stops: under the seccomp filter mtrace would not
 * see the calls that end it. */
#include "core/internal.h"

#include <sched.h>
#include <string.h>

static bool pinnable(const struct mtrace *mt)
{
	return !mt->opt.no_pin && !mt->seccomp && !mt->attached;
}

void mt_pin_start(struct mtrace *mt)
{
	if (!pinnable(mt) || sched_getaffinity(0, sizeof(mt->cpus), &mt->cpus) != 0 ||
	    CPU_COUNT(&mt->cpus) < 2)
		return;
	int cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &mt->cpus))
		return;
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	/* The command inherits it through fork. */
	if (sched_setaffinity(0, sizeof(one), &one) == 0)
		mt->pin = MT_PIN_ON;
}

/* Give a tracee (a thread id) the mask it would have had. ESRCH (it is
 * gone) and EPERM (it changed credentials) leave it as it is. */
static void unpin(struct mtrace *mt, pid_t tid)
{
	sched_setaffinity(tid, sizeof(mt->cpus), &mt->cpus);
}

void mt_pin_end(struct mtrace *mt)
{
	if (mt->pin != MT_PIN_ON)
		return;
	mt->pin = MT_PIN_ENDED;
	unpin(mt, 0);
	for (unsigned i = 0; i < MT_HASH_SIZE; i++)
		for (struct mtrace_tracee *t = mt->hash[i]; t; t = t->next)
			unpin(mt, t->pid);
}

void mt_pin_new_tracee(struct mtrace *mt, pid_t tid)
{
	if (mt->pin == MT_PIN_ENDED)
		unpin(mt, tid);
}

static bool is_one_of(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

void mt_pin_check_call(struct mtrace *mt, const char *name)
{
	static const char *const affinity[] = {"sched_getaffinity", "sched_setaffinity", NULL};
	static const char *const forks[] = {"fork", "vfork", "clone", "clone3", NULL};
	if (mt->pin != MT_PIN_ON || !name)
		return;
	if (is_one_of(name, affinity) || (!mt->opt.follow_forks && is_one_of(name, forks)))
		mt_pin_end(mt);
}

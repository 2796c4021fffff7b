/* Scheduling and process resources: CPU affinity sets, policies and
 * their parameters, getrusage's who and getpriority's which. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define RESET_ON_FORK 0x40000000U

/* struct sched_attr, version 1 (56 bytes). */
struct k_sched_attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

#define SCHED_ATTR_VER0 48
#define SCHED_ATTR_VER1 56

/* The smallest mask size the kernel takes, as strace finds it: the
 * tracee's kernel is ours. */
static unsigned cpuset_size(void)
{
	static unsigned size;

	if (!size) {
		size = 128;
		while (size && sched_getaffinity(0, size, NULL) == -1 && errno == EINVAL)
			size <<= 1;
		if (!size)
			size = 128;
	}
	return size;
}

/* [0 1 3]: the CPUs in the set; "..." when the set is longer than the
 * kernel's. */
static void print_cpuset(const struct mt_dctx *d, uint64_t addr, uint32_t len)
{
	uint32_t want = len < cpuset_size() ? len : cpuset_size();
	uint32_t size = (want + 7) & ~7U;
	uint8_t *buf;

	if (!addr) {
		P_ADDR(d, addr);
		return;
	}
	if (!len) {
		P_BEGIN(d, MTRACE_SET);
		P_END(d);
		return;
	}
	buf = calloc(size, 1);
	if (!buf) {
		P_ADDR(d, addr);
		return;
	}
	if (mt_fetch(d, addr, buf, want)) {
		P_BEGIN(d, MTRACE_SET);
		for (uint32_t i = 0; i < size * 8; i++) {
			if (buf[i / 8] & (1u << (i % 8)))
				P_NUM(d, i);
		}
		if (size < len)
			P_MORE(d);
		P_END(d);
	}
	free(buf);
}

/* [prio] */
static void print_sched_param(const struct mt_dctx *d, uint64_t addr)
{
	int32_t prio;

	if (!mt_fetch(d, addr, &prio, sizeof(prio)))
		return;
	P_BEGIN(d, MTRACE_WRAPPED);
	P_NUM(d, prio);
	P_END(d);
}

static void print_policy(const struct mt_dctx *d, uint32_t v)
{
	const char *names[2];
	const char *name = mt_xlat_name(&mt_xlat_sched_policies, v & ~RESET_ON_FORK);

	if (!name) {
		mt_print_xval(d->p, &mt_xlat_sched_policies, v);
		return;
	}
	names[0] = name;
	names[1] = "SCHED_RESET_ON_FORK";
	d->p->ops->flags(d->p, v, MTRACE_RADIX_HEX, names, (v & RESET_ON_FORK) ? 2 : 1, 0);
}

/* {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, ...};
 * usize is sched_getattr's size argument, 0 for sched_setattr (whose
 * size is the structure's own). */
static void print_sched_attr(const struct mt_dctx *d, uint64_t addr, uint32_t usize)
{
	struct k_sched_attr a = {0};
	bool is_set = usize == 0;
	uint32_t size;

	if (!is_set) {
		size = usize < sizeof(a) ? usize : (uint32_t)sizeof(a);
		if (!mt_fetch(d, addr, &a, size))
			return;
		size = a.size;
	} else {
		if (!mt_fetch(d, addr, &a.size, sizeof(a.size)))
			return;
		usize = a.size ? a.size : SCHED_ATTR_VER0;
		size = usize < sizeof(a) ? usize : (uint32_t)sizeof(a);
		if (size >= SCHED_ATTR_VER0 && !mt_fetch(d, addr, &a, size))
			return;
	}
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "size");
	P_UNUM(d, a.size);
	if (size >= SCHED_ATTR_VER0) {
		if (!is_set || (int32_t)a.policy < 0 || !(a.flags & 0x18)) {
			P_FIELD(d, "sched_policy");
			mt_print_xval(d->p, &mt_xlat_sched_policies, a.policy);
		}
		P_FIELD(d, "sched_flags");
		mt_print_xflags(d->p, &mt_xlat_sched_flags, a.flags);
		if (!is_set || !(a.flags & 0x10)) {
			P_FIELD(d, "sched_nice");
			P_NUM(d, a.nice);
			P_FIELD(d, "sched_priority");
			P_UNUM(d, a.priority);
			P_FIELD(d, "sched_runtime");
			P_UNUM(d, a.runtime);
			P_FIELD(d, "sched_deadline");
			P_UNUM(d, a.deadline);
			P_FIELD(d, "sched_period");
			P_UNUM(d, a.period);
		}
		if (size >= SCHED_ATTR_VER1) {
			P_FIELD(d, "sched_util_min");
			P_UNUM(d, a.util_min);
			P_FIELD(d, "sched_util_max");
			P_UNUM(d, a.util_max);
		}
	}
	if ((is_set ? usize : a.size) > size)
		P_MORE(d);
	P_END(d);
}

/* ---- argument kinds (syscalls/kinds.h) ---- */

/* (ints: strace -X raw shows RUSAGE_CHILDREN as 0xffffffff) */
MT_KIND_XVAL(RUSAGE_WHO, &mt_xlat_rusage_who, uint32_t)
MT_KIND_XVAL(PRIO_WHICH, &mt_xlat_prio_which, uint32_t)

MT_KIND(CPUSET_IN)
{
	print_cpuset(d, v, i > 0 ? (uint32_t)d->sc->args[i - 1] : 0);
}

MT_KIND(CPUSET_OUT)
{
	print_cpuset(d, v, (uint32_t)d->sc->ret);
}

MT_KIND(SCHED_POLICY)
{
	print_policy(d, (uint32_t)v);
}

MT_KIND(SCHED_PARAM_IN)
{
	print_sched_param(d, v);
}

MT_KIND(SCHED_PARAM_OUT)
{
	print_sched_param(d, v);
}

MT_KIND(SCHED_ATTR_IN)
{
	print_sched_attr(d, v, 0);
}

MT_KIND(SCHED_ATTR_OUT)
{
	if ((uint32_t)d->sc->args[i + 1])
		print_sched_attr(d, v, (uint32_t)d->sc->args[i + 1]);
	else
		P_ADDR(d, v);
}

const char *mt_sched_policy_name(int64_t policy)
{
	return policy < 0 ? NULL : mt_xlat_name(&mt_xlat_sched_policies, (uint64_t)policy);
}

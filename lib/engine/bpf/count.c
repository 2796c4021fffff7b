/* -c under the BPF engine: count.bpf.c's counters, summed over the CPUs,
 * reported as MTRACE_EV_COUNTS events when the session ends. */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/bpf/loader.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdlib.h>
#include <string.h>

static struct timespec ns_to_ts(unsigned long long ns)
{
	struct timespec ts = {(time_t)(ns / 1000000000ULL), (long)(ns % 1000000000ULL)};
	return ts;
}

/* The counter of one slot, summed over the CPUs. */
static int read_slot(const struct mt_bpf *b, __u32 slot, struct mt_bpf_count *sum,
                     struct mt_bpf_count *percpu, int ncpus)
{
	if (bpf_map_lookup_elem(b->counts_fd, &slot, percpu) != 0)
		return -1;
	memset(sum, 0, sizeof(*sum));
	for (int c = 0; c < ncpus; c++) {
		sum->calls += percpu[c].calls;
		sum->errors += percpu[c].errors;
		sum->wall_ns += percpu[c].wall_ns;
		sum->cpu_ns += percpu[c].cpu_ns;
	}
	return 0;
}

static void report_slot(struct mtrace *mt, unsigned pers, unsigned long nr,
                        const struct mt_bpf_count *sum)
{
	const struct mt_personality *p = mt->arch->personalities[pers];
	struct mtrace_event ev = {.type = MTRACE_EV_COUNTS};
	if (nr == MT_BPF_NR_OUT_OF_RANGE)
		nr = ~0UL; /* a number no call has, past the table */
	else
		nr += p->table->base;
	ev.u.counts.sc.nr = nr;
	ev.u.counts.sc.arch = p->name;
	ev.u.counts.sc.name = mt_syscall_name(p->table, nr);
	/* The session's filter (-e trace=): the kernel counted them all. */
	unsigned long idx = nr - p->table->base;
	if (mt->filtering && ev.u.counts.sc.name &&
	    !(idx < mt->cache[pers].count && mt->cache[pers].traced[idx]))
		return;
	ev.u.counts.calls = sum->calls;
	ev.u.counts.errors = sum->errors;
	ev.u.counts.wall = ns_to_ts(sum->wall_ns);
	ev.u.counts.system = ns_to_ts(sum->cpu_ns);
	mt_emit(mt, NULL, &ev);
}

void mt_bpf_report(struct mtrace *mt)
{
	struct mt_bpf *b = mt->bpf;
	int ncpus = libbpf_num_possible_cpus();
	if (!b || ncpus <= 0)
		return;
	struct mt_bpf_count *percpu = calloc((size_t)ncpus, sizeof(*percpu));
	if (!percpu)
		return;
	size_t npers =
	    mt->arch->npersonalities < MT_BPF_MAX_PERS ? mt->arch->npersonalities : MT_BPF_MAX_PERS;
	for (unsigned pers = 0; pers < npers; pers++)
		for (unsigned long nr = 0; nr < MT_BPF_NR_SLOTS; nr++) {
			struct mt_bpf_count sum;
			if (read_slot(b, pers * MT_BPF_NR_SLOTS + (__u32)nr, &sum, percpu, ncpus) ==
			        0 &&
			    sum.calls)
				report_slot(mt, pers, nr, &sum);
		}
	free(percpu);
}

/* Loading count.bpf.c and reading its counters (libbpf). The object is
 * embedded (cmake/Bpf.cmake); what it needs of the arch, the number bits
 * and execve numbers of each personality, goes into its read-only data
 * before it is loaded: the BPF source has no arch in it. */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/bpf/count_shared.h"
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const unsigned char mt_bpf_count_obj[];
extern const size_t mt_bpf_count_obj_len;

struct mt_bpf {
	struct bpf_object *obj;
	struct bpf_link *links[3];
	int tasks_fd, counts_fd;
};

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0; /* a failure is told in one line by mt_bpf_open */
}

static void configure(struct mt_bpf_config *cfg, const struct mt_arch *a)
{
	static const char *const execs[2] = {"execve", "execveat"};
	memset(cfg, 0, sizeof(*cfg));
	cfg->npers =
	    a->npersonalities < MT_BPF_MAX_PERS ? (unsigned)a->npersonalities : MT_BPF_MAX_PERS;
	for (unsigned i = 0; i < cfg->npers; i++) {
		const struct mt_personality *p = a->personalities[i];
		cfg->nr_mask[i] = p->nr_mask;
		for (int k = 0; k < 2; k++)
			cfg->execve_nr[i][k] = mt_syscall_number(p->table, execs[k]);
	}
}

/* Why loading failed, for someone who can fix it. */
static void explain(int err, char *why, size_t len)
{
	if (err == EPERM || err == EACCES)
		snprintf(why, len, "the BPF engine needs CAP_BPF and CAP_PERFMON (or root): %s",
		         strerror(err));
	else
		snprintf(why, len,
		         "the kernel cannot run the BPF engine (syscall tracepoints, BTF): %s",
		         strerror(err));
}

static int attach_all(struct mt_bpf *b)
{
	size_t n = 0;
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, b->obj)
	{
		if (n == sizeof(b->links) / sizeof(b->links[0]))
			return -E2BIG;
		b->links[n] = bpf_program__attach(prog);
		if (!b->links[n])
			return -errno;
		n++;
	}
	return 0;
}

struct mt_bpf *mt_bpf_open(const struct mtrace *mt, char *why, size_t len)
{
	struct mt_bpf *b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(why, len, "out of memory");
		return NULL;
	}
	libbpf_set_print(quiet);
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "mtrace_count");
	b->obj = bpf_object__open_mem(mt_bpf_count_obj, mt_bpf_count_obj_len, &opts);
	int err = libbpf_get_error(b->obj);
	struct bpf_map *rodata = NULL;
	if (!err) {
		rodata = bpf_object__find_map_by_name(b->obj, ".rodata");
		struct mt_bpf_config cfg;
		configure(&cfg, mt->arch);
		err = rodata ? bpf_map__set_initial_value(rodata, &cfg, sizeof(cfg)) : -ENOENT;
	}
	if (!err)
		err = bpf_object__load(b->obj);
	if (!err)
		err = attach_all(b);
	if (err) {
		if (libbpf_get_error(b->obj))
			b->obj = NULL;
		explain(err < 0 ? -err : err, why, len);
		mt_bpf_close(b);
		return NULL;
	}
	b->tasks_fd = bpf_object__find_map_fd_by_name(b->obj, "tasks");
	b->counts_fd = bpf_object__find_map_fd_by_name(b->obj, "counts");
	return b;
}

void mt_bpf_close(struct mt_bpf *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < sizeof(b->links) / sizeof(b->links[0]); i++)
		bpf_link__destroy(b->links[i]);
	bpf_object__close(b->obj);
	free(b);
}

void mt_bpf_task_add(struct mt_bpf *b, pid_t tid, bool hidden, unsigned pers)
{
	struct mt_bpf_task t = {.state = hidden ? MT_BPF_HIDDEN : MT_BPF_TRACED,
	                        .pers = (unsigned char)pers};
	__u32 key = (__u32)tid;
	bpf_map_update_elem(b->tasks_fd, &key, &t, BPF_ANY);
}

void mt_bpf_task_pers(struct mt_bpf *b, pid_t tid, unsigned pers)
{
	struct mt_bpf_task t;
	__u32 key = (__u32)tid;
	if (bpf_map_lookup_elem(b->tasks_fd, &key, &t) != 0)
		return;
	t.pers = (unsigned char)pers;
	bpf_map_update_elem(b->tasks_fd, &key, &t, BPF_EXIST);
}

void mt_bpf_task_remove(struct mt_bpf *b, pid_t tid)
{
	__u32 key = (__u32)tid;
	bpf_map_delete_elem(b->tasks_fd, &key);
}

void mt_bpf_task_rename(struct mt_bpf *b, pid_t from, pid_t to)
{
	struct mt_bpf_task t;
	__u32 key = (__u32)from, to_key = (__u32)to;
	if (bpf_map_lookup_elem(b->tasks_fd, &key, &t) != 0)
		return;
	bpf_map_update_elem(b->tasks_fd, &to_key, &t, BPF_ANY);
	bpf_map_delete_elem(b->tasks_fd, &key);
}

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

/* Loading the BPF programs (libbpf): count.bpf.c for -c, trace.bpf.c
 * otherwise. The objects are embedded (cmake/Bpf.cmake); what they need of
 * the arch (each personality's number bits, execve numbers, where its
 * arguments sit in struct pt_regs) goes into their read-only data before
 * they are loaded: the BPF sources have no arch in them. And the tracer's
 * threads, kept in their tasks map. */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/bpf/loader.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const unsigned char mt_bpf_count_obj[], mt_bpf_trace_obj[];
extern const size_t mt_bpf_count_obj_len, mt_bpf_trace_obj_len;

/* The ring's size, and the unread bytes above which trace.bpf.c stops
 * a thread leaving a call: room left for every thread's next records
 * (at most MT_BPF_REC_MAX each) before the ring could fill: a quarter
 * of it. */
#define RING_SIZE (16u << 20)

/* A failure is told in one line by mt_bpf_open; libbpf's own account
 * (the verifier's) only with MTRACE_BPF_LOG set, for whoever debugs it. */
static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG || !getenv("MTRACE_BPF_LOG"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* The ring's size: MTRACE_BPF_RING_MB (a power of 2, at least 1) lets
 * the tests make it small, so that the throttle has to work. */
static __u32 ring_size(void)
{
	const char *mb = getenv("MTRACE_BPF_RING_MB");
	unsigned long n = mb ? strtoul(mb, NULL, 10) : 0;
	if (n >= 1 && n <= 1024 && !(n & (n - 1)))
		return (__u32)(n << 20);
	return RING_SIZE;
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
		const uint16_t *args = p->kernel_arg_off ? p->kernel_arg_off : p->arg_off;
		for (int k = 0; k < 6; k++)
			cfg->arg_off[i][k] = args[k];
		cfg->word_size[i] = p->word_size;
	}
	/* The kernel's pt_regs is the native regset's layout. */
	cfg->sp_off = a->personalities[0]->sp_off;
	cfg->watermark = ring_size() / 4;
}

/* Before loading: the maps whose size is known only now. */
static int size_maps(struct mt_bpf *b)
{
	if (!b->tracing)
		return 0;
	int ncpus = libbpf_num_possible_cpus();
	struct bpf_map *scratch = bpf_object__find_map_by_name(b->obj, "scratch");
	struct bpf_map *ring = bpf_object__find_map_by_name(b->obj, "ring");
	if (ncpus <= 0 || !scratch || !ring)
		return -ENOENT;
	int err = bpf_map__set_max_entries(scratch, (__u32)ncpus);
	return err ? err : bpf_map__set_max_entries(ring, ring_size());
}

/* A record's CLOCK_MONOTONIC time plus this is CLOCK_REALTIME. */
static int64_t mono_to_real(void)
{
	struct timespec m, r;
	clock_gettime(CLOCK_MONOTONIC, &m);
	clock_gettime(CLOCK_REALTIME, &r);
	return ((int64_t)r.tv_sec - m.tv_sec) * 1000000000LL + (r.tv_nsec - m.tv_nsec);
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

bool mtrace_has_bpf(void)
{
	return true;
}

struct mt_bpf *mt_bpf_open(const struct mtrace *mt, char *why, size_t len)
{
	struct mt_bpf *b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(why, len, "out of memory");
		return NULL;
	}
	libbpf_set_print(quiet);
	b->tracing = !mt->opt.count_only;
	LIBBPF_OPTS(bpf_object_open_opts, opts,
	            .object_name = b->tracing ? "mtrace_trace" : "mtrace_count");
	if (b->tracing)
		b->obj = bpf_object__open_mem(mt_bpf_trace_obj, mt_bpf_trace_obj_len, &opts);
	else
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
		err = size_maps(b);
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
	b->plans_fd = bpf_object__find_map_fd_by_name(b->obj, "plans");
	b->lost_fd = bpf_object__find_map_fd_by_name(b->obj, "lost");
	b->mono_to_real = mono_to_real();
	return b;
}

void mt_bpf_close(struct mt_bpf *b)
{
	if (!b)
		return;
	ring_buffer__free(b->ring);
	for (size_t i = 0; i < sizeof(b->links) / sizeof(b->links[0]); i++)
		bpf_link__destroy(b->links[i]);
	bpf_object__close(b->obj);
	free(b);
}

void mt_bpf_task_add(struct mt_bpf *b, pid_t tid, bool hidden, unsigned pers)
{
	struct mt_bpf_task t = {.state = hidden ? MT_BPF_HIDDEN : MT_BPF_TRACED,
	                        .pers = (unsigned char)pers,
	                        .fresh = 1};
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

int mt_bpf_start(struct mtrace *mt)
{
	struct mt_bpf *b = mt->bpf;
	if (!b || b->started || !b->tracing)
		return 0;
	if (mt_bpf_write_plans(mt, b) != 0 || mt_bpf_ring_open(mt, b) != 0)
		return mt_fail(mt, "the BPF engine cannot start: %s", strerror(errno));
	b->started = true;
	return 0;
}

bool mt_bpf_tracing(const struct mt_bpf *b)
{
	return b && b->tracing;
}

bool mt_bpf_take_throttle(struct mt_bpf *b, pid_t tid)
{
	struct mt_bpf_task t;
	__u32 key = (__u32)tid;
	if (!b->tracing || bpf_map_lookup_elem(b->tasks_fd, &key, &t) != 0 || !t.throttled)
		return false;
	/* The thread is stopped: nothing else writes its entry now. */
	t.throttled = 0;
	bpf_map_update_elem(b->tasks_fd, &key, &t, BPF_EXIST);
	return true;
}

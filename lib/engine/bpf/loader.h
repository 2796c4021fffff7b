/* The loaded BPF programs, as the files of lib/engine/bpf/ share them
 * (load.c opens them; count.c, plan.c and ring.c use their maps). */
#ifndef MTRACE_ENGINE_BPF_LOADER_H
#define MTRACE_ENGINE_BPF_LOADER_H

#include <stdbool.h>
#include <stdint.h>

struct bpf_object;
struct bpf_link;
struct ring_buffer;
struct mtrace;

struct mt_bpf {
	struct bpf_object *obj;
	struct bpf_link *links[3];
	bool tracing; /* trace.bpf.c, else count.bpf.c */
	int tasks_fd, counts_fd, plans_fd, lost_fd;
	struct ring_buffer *ring;
	int64_t mono_to_real; /* ns to add to a record's time: CLOCK_REALTIME */
	bool started;
};

/* plan.c: what to capture of each call, and which are traced. */
int mt_bpf_write_plans(struct mtrace *mt, struct mt_bpf *b);

/* ring.c: reading the records into events. */
int mt_bpf_ring_open(struct mtrace *mt, struct mt_bpf *b);

#endif

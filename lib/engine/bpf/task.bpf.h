/* What both BPF programs do with a thread: find it among the tracer's
 * (the tasks map), follow it from mtrace's child to the command (hidden
 * until its first execve, hidden again if that fails), and tell which
 * counter or plan a call uses. Included by count.bpf.c and trace.bpf.c,
 * which are compiled for the BPF target only. */
#ifndef MTRACE_BPF_TASK_BPF_H
#define MTRACE_BPF_TASK_BPF_H

#include <linux/bpf.h>

#include <bpf/bpf_helpers.h>

#include "lib/engine/bpf/shared.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MT_BPF_MAX_TASKS);
	__type(key, __u32);
	__type(value, struct mt_bpf_task);
} tasks SEC(".maps");

const volatile struct mt_bpf_config config = {};

static __always_inline struct mt_bpf_task *current_task(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	return bpf_map_lookup_elem(&tasks, &tid);
}

static __always_inline int is_exec(unsigned pers, long nr)
{
	if (pers >= MT_BPF_MAX_PERS)
		return 0;
	return nr == config.execve_nr[pers][0] || nr == config.execve_nr[pers][1];
}

/* The slot of call nr made by a thread running personality pers; the
 * number's own bits may say another (x32's bit 30). A number beyond the
 * table (no call has it) shares the personality's last slot. */
static __always_inline int slot_of(unsigned pers, long nr, __u32 *slot)
{
	for (unsigned i = 0; i < MT_BPF_MAX_PERS; i++)
		if (i < config.npers && config.nr_mask[i] && (nr & config.nr_mask[i])) {
			pers = i;
			nr &= ~config.nr_mask[i];
			break;
		}
	if (pers >= MT_BPF_MAX_PERS)
		return -1;
	if (nr < 0 || nr >= MT_BPF_NR_OUT_OF_RANGE)
		nr = MT_BPF_NR_OUT_OF_RANGE;
	*slot = pers * MT_BPF_NR_SLOTS + (__u32)nr;
	return 0;
}

/* At an entry: 0 if the call is to be seen, with its slot in t->slot. */
static __always_inline int task_enter(struct mt_bpf_task *t, long nr)
{
	if (t->state == MT_BPF_HIDDEN) {
		if (!is_exec(t->pers, nr))
			return -1; /* mtrace's own doing before the command */
		t->state = MT_BPF_FIRST_EXEC;
	}
	if (slot_of(t->pers, nr, &t->slot) != 0) {
		t->in_call = 0;
		return -1;
	}
	t->in_call = 1;
	return 0;
}

/* At an exit: 0 if its entry was seen. */
static __always_inline int task_exit(struct mt_bpf_task *t, long ret)
{
	if (!t->in_call)
		return -1;
	t->in_call = 0;
	if (t->state == MT_BPF_FIRST_EXEC)
		/* The command could not be executed: what follows is
		 * mtrace's child again, not the command. */
		t->state = ret < 0 ? MT_BPF_HIDDEN : MT_BPF_TRACED;
	return 0;
}

#endif

/* The counting BPF program: -c in the kernel. On every syscall entry and
 * exit of a thread the tracer registered (the tasks map), it adds the
 * call to its counter, with its wall time and the part of it spent on a
 * CPU (strace -c's system time); nothing goes to user space until the
 * tracer reads the counters at the end, so nothing can be lost on the
 * way. Arch-neutral: the syscall tracepoints give the number and the
 * return value; which personality a thread runs is the tracer's to say.
 *
 * Compiled with clang -target bpf; its object is embedded in libmtrace
 * (cmake/bpf.cmake). */
#include <linux/bpf.h>

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

#include "lib/engine/bpf/count_shared.h"

char LICENSE[] SEC("license") = "GPL";

/* What CO-RE needs of the kernel's task_struct: its thread id, found in
 * the running kernel's BTF wherever it is. */
struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MT_BPF_MAX_TASKS);
	__type(key, __u32);
	__type(value, struct mt_bpf_task);
} tasks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MT_BPF_MAX_PERS *MT_BPF_NR_SLOTS);
	__type(key, __u32);
	__type(value, struct mt_bpf_count);
} counts SEC(".maps");

const volatile struct mt_bpf_config config = {};

static __always_inline int is_exec(unsigned pers, long nr)
{
	if (pers >= MT_BPF_MAX_PERS)
		return 0;
	return nr == config.execve_nr[pers][0] || nr == config.execve_nr[pers][1];
}

/* The counter of call nr made by a thread running personality pers; the
 * number's own bits may say another (x32's bit 30). A number beyond the
 * table (no call has it) shares the personality's last counter. */
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

SEC("raw_tracepoint/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mt_bpf_task *t = bpf_map_lookup_elem(&tasks, &tid);
	if (!t)
		return 0;
	long nr = (long)ctx->args[1];
	if (t->state == MT_BPF_HIDDEN) {
		if (!is_exec(t->pers, nr))
			return 0; /* mtrace's own doing before the command */
		t->state = MT_BPF_FIRST_EXEC;
	}
	if (slot_of(t->pers, nr, &t->slot) != 0) {
		t->in_call = 0;
		return 0;
	}
	t->in_call = 1;
	t->off_ns = 0;
	t->off_since = 0;
	t->enter_ns = bpf_ktime_get_ns();
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int on_exit(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mt_bpf_task *t = bpf_map_lookup_elem(&tasks, &tid);
	if (!t || !t->in_call)
		return 0;
	long ret = (long)ctx->args[1];
	t->in_call = 0;
	if (t->state == MT_BPF_FIRST_EXEC)
		/* The command could not be executed: what follows is
		 * mtrace's child again, not the command. */
		t->state = ret < 0 ? MT_BPF_HIDDEN : MT_BPF_TRACED;
	__u32 slot = t->slot;
	struct mt_bpf_count *c = bpf_map_lookup_elem(&counts, &slot);
	if (!c)
		return 0;
	__u64 wall = bpf_ktime_get_ns() - t->enter_ns;
	c->calls++;
	c->errors += ret < 0 && ret >= -4095;
	c->wall_ns += wall;
	c->cpu_ns += wall > t->off_ns ? wall - t->off_ns : 0;
	return 0;
}

/* Time a thread spends switched out inside a call is not system time:
 * note when it leaves the CPU and, when it is switched back in, add the
 * gap. */
SEC("tp_btf/sched_switch")
int on_switch(__u64 *ctx)
{
	struct task_struct *next = (struct task_struct *)ctx[2];
	__u32 prev_tid = (__u32)bpf_get_current_pid_tgid();
	__u64 now = bpf_ktime_get_ns();
	struct mt_bpf_task *t = bpf_map_lookup_elem(&tasks, &prev_tid);
	if (t && t->in_call)
		t->off_since = now;
	__u32 next_tid = (__u32)BPF_CORE_READ(next, pid);
	t = bpf_map_lookup_elem(&tasks, &next_tid);
	if (t && t->in_call && t->off_since) {
		t->off_ns += now - t->off_since;
		t->off_since = 0;
	}
	return 0;
}

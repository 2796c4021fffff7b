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
#include "lib/engine/bpf/task.bpf.h"

#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

/* What CO-RE needs of the kernel's task_struct: its thread id, found in
 * the running kernel's BTF wherever it is. */
struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MT_BPF_MAX_PERS *MT_BPF_NR_SLOTS);
	__type(key, __u32);
	__type(value, struct mt_bpf_count);
} counts SEC(".maps");

SEC("raw_tracepoint/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct mt_bpf_task *t = current_task();
	if (!t || task_enter(t, (long)ctx->args[1]) != 0)
		return 0;
	t->off_ns = 0;
	t->off_since = 0;
	t->enter_ns = bpf_ktime_get_ns();
	return 0;
}

SEC("raw_tracepoint/sys_exit")
int on_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct mt_bpf_task *t = current_task();
	long ret = (long)ctx->args[1];
	if (!t || task_exit(t, ret) != 0)
		return 0;
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

/* Filtered tracing at the seccomp floor: when only some calls are traced,
 * the spawned command gets a seccomp-bpf filter that stops (RET_TRACE) at
 * just those, and the tracer resumes with PTRACE_CONT instead of
 * PTRACE_SYSCALL, so every other call runs at full speed. The filter is
 * inherited: children and threads are in this mode from their first
 * instruction. */
#include "lib/engine/engine.h"
#include "syscalls/table.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* seccomp_data: nr at 0, arch at 4. */
#define INSN(c, kk, t, f) ((struct sock_filter){.code = (c), .jt = (t), .jf = (f), .k = (kk)})
#define LD_NR             INSN(BPF_LD | BPF_W | BPF_ABS, 0, 0, 0)
#define LD_ARCH           INSN(BPF_LD | BPF_W | BPF_ABS, 4, 0, 0)
#define RET(v)            INSN(BPF_RET | BPF_K, (v), 0, 0)
#define JEQ(k, t, f)      INSN(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define JSET(k, t, f)     INSN(BPF_JMP | BPF_JSET | BPF_K, (k), (t), (f))

/* Whether a call must stop: traced, one after which the unwinder (with
 * --stack) must drop its view of the memory map, one that ends the
 * pin (pin.c), or one that renames the thread (-Y). */
static bool must_stop(const struct mtrace *mt, const struct mt_personality *p,
                      const struct mt_pers_cache *c, unsigned long i)
{
	if (c->traced[i] || mt_renames_watched(mt, c->sigs[i]))
		return true;
	if (mt->stack && c->sigs[i] && (c->sigs[i]->classes & MT_CL_MEMORY))
		return true;
	return mt_pin_watches(mt, p->table->names[i]);
}

/* The program: another arch's calls all stop (their numbers mean other
 * things); then per native number "jeq nr; ret TRACE", else ALLOW. */
int mt_seccomp_build(struct mtrace *mt)
{
	const struct mt_personality *p = mt->arch->personalities[0];
	const struct mt_pers_cache *c = &mt->cache[0];
	size_t n = 0, cap = 8 + 2 * c->count;
	struct sock_filter *f = calloc(cap, sizeof(*f));
	if (!f)
		return -1;
	f[n++] = LD_ARCH;
	f[n++] = JEQ(p->audit_arch, 1, 0);
	f[n++] = RET(SECCOMP_RET_TRACE);
	f[n++] = LD_NR;
	/* x32 shares x86_64's audit arch: its numbers carry a bit. */
	for (size_t i = 1; i < mt->arch->npersonalities; i++)
		if (mt->arch->personalities[i]->audit_arch == p->audit_arch &&
		    mt->arch->personalities[i]->nr_mask) {
			f[n++] = JSET((uint32_t)mt->arch->personalities[i]->nr_mask, 0, 1);
			f[n++] = RET(SECCOMP_RET_TRACE);
		}
	for (unsigned long i = 0; i < c->count; i++)
		if (must_stop(mt, p, c, i)) {
			f[n++] = JEQ((uint32_t)(p->table->base + i), 0, 1);
			f[n++] = RET(SECCOMP_RET_TRACE);
		}
	f[n++] = RET(SECCOMP_RET_ALLOW);
	mt->filter.filter = f;
	mt->filter.len = (unsigned short)n;
	return 0;
}

/* In the child, after the tracer holds it and before execve: only raw
 * syscalls, nothing that allocates. Without CAP_SYS_ADMIN the kernel
 * wants no_new_privs, which changes nothing under ptrace (set-id bits
 * are not honoured for traced programs anyway). */
int mt_seccomp_install(const struct sock_fprog *prog)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) == 0)
		return 0;
	if (errno != EACCES || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);
}

/* Whether this kernel lets a filter return RET_TRACE. */
bool mt_seccomp_available(void)
{
	unsigned action = SECCOMP_RET_TRACE;
	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
}

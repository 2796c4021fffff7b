/* riscv64 backend: register slots and ABI facts, nothing else. */
#include "arch/backend.h"
#include "syscalls/xlat_tables.h"
#include "syscalls/table.h"

#include <linux/audit.h>
#include <linux/elf-em.h>

/* The kernel's NT_PRSTATUS layout (struct user_regs_struct in
 * asm/ptrace.h), spelled out so this file compiles on any host. */
struct riscv64_regs {
	uint64_t pc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	uint64_t a0, a1, a2, a3, a4, a5, a6, a7;
	uint64_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	uint64_t t3, t4, t5, t6;
};

#define R64(f) offsetof(struct riscv64_regs, f)

/* Number in a7, arguments in a0..a5, result in a0: a0 is overwritten at
 * exit (and, since Linux 6.11 and 6.6.49, holds -ENOSYS already at entry)
 * and the regset keeps no orig_a0 (arg0_clobbered below). */
static const struct mt_personality riscv64 = {
    .name = "riscv64",
    .designator = "64",
    .audit_arch = AUDIT_ARCH_RISCV64,
    .table = &mt_syscalls_riscv64,
    .regset_size = sizeof(struct riscv64_regs),
    .word_size = 8,
    .nr_off = R64(a7),
    .arg_off = {R64(a0), R64(a1), R64(a2), R64(a3), R64(a4), R64(a5)},
    .ret_off = R64(a0),
    .ip_off = R64(pc),
    .sp_off = R64(sp),
    .decoded = 1,
};

static const struct mt_personality *const personalities[] = {&riscv64};

const struct mt_arch mt_host_arch = {
    .name = "riscv64",
    .elf_machine = EM_RISCV,
    .personalities = personalities,
    .npersonalities = sizeof(personalities) / sizeof(personalities[0]),
    .arg0_clobbered = 1,
    .clone_order = MT_CLONE_PTID_TLS_CTID,
    .sa_has_restorer = 0, /* no SA_RESTORER in asm/signal.h: the vDSO returns */
    /* rt_sigreturn finds struct rt_sigframe {siginfo (128), ucontext} at
     * sp; uc_sigmask follows uc_flags, uc_link and uc_stack (24). */
    .sigreturn_mask_off = 128 + 8 + 8 + 24,
    .open_flags = &mt_xlat_open_flags_riscv64,
    .stat = &mt_stat_layout_generic,
    .epoll_event_size = 16,
    .sem_ctime_off = 56,
    .sem_nsems_off = 64,
};

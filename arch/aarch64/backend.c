/* aarch64 backend: register slots and ABI facts, nothing else. */
#include "arch/backend.h"
#include "syscalls/xlat_tables.h"
#include "syscalls/table.h"

#include <linux/audit.h>
#include <linux/elf-em.h>

/* The kernel's NT_PRSTATUS layout for AArch64 tasks (struct user_pt_regs
 * in asm/ptrace.h), spelled out so this file compiles on any host. The
 * regset is 272 bytes; an AArch32 tracee's is 72 (18 words). */
struct aarch64_regs {
	uint64_t regs[31]; /* x0..x30 */
	uint64_t sp, pc, pstate;
};

#define R64(f) offsetof(struct aarch64_regs, f)

/* Number in x8, arguments in x0..x5, result in x0: x0 is overwritten at
 * exit and the regset keeps no orig_x0 (arg0_clobbered below). */
static const struct mt_personality aarch64 = {
    .name = "aarch64",
    .designator = "64",
    .nr_regset = 0x404, /* NT_ARM_SYSTEM_CALL: x8 is only where the call came from */
    .audit_arch = AUDIT_ARCH_AARCH64,
    .table = &mt_syscalls_aarch64,
    .regset_size = sizeof(struct aarch64_regs),
    .word_size = 8,
    .nr_off = R64(regs[8]),
    .arg_off = {R64(regs[0]), R64(regs[1]), R64(regs[2]), R64(regs[3]), R64(regs[4]), R64(regs[5])},
    .ret_off = R64(regs[0]),
    .ip_off = R64(pc),
    .sp_off = R64(sp),
    .decoded = 1,
};

/* AArch32 (compat) tasks: AUDIT_ARCH_ARM, a 72-byte regset (r0..r15,
 * cpsr, orig_r0), number in r7, arguments r0..r5. Left out until
 * syscalls/gen_tables.py generates an arm EABI table to go with it. */
static const struct mt_personality *const personalities[] = {&aarch64};

const struct mt_arch mt_host_arch = {
    .name = "aarch64",
    .elf_machine = EM_AARCH64,
    .personalities = personalities,
    .npersonalities = sizeof(personalities) / sizeof(personalities[0]),
    .arg0_clobbered = 1,
    .clone_order = MT_CLONE_PTID_TLS_CTID,
    .sa_has_restorer = 1, /* asm/signal.h defines SA_RESTORER */
    /* rt_sigreturn finds struct rt_sigframe {siginfo (128), ucontext} at
     * sp; uc_sigmask follows uc_flags, uc_link and uc_stack (24). */
    .sigreturn_mask_off = 128 + 8 + 8 + 24,
    .open_flags = &mt_xlat_open_flags_aarch64,
    .stat = &mt_stat_layout_generic,
    .epoll_event_size = 16,
    .sem_ctime_off = 56,
    .sem_nsems_off = 64,
};

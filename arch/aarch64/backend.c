/* aarch64 backend: register slots and ABI facts, nothing else. */
#include "arch/backend.h"
#include "lib/xlat/xlat.h"
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

/* asm/fcntl.h moves four flags: O_DIRECTORY 040000, O_NOFOLLOW 0100000,
 * O_DIRECT 0200000, O_LARGEFILE 0400000. Same order as
 * mt_xlat_open_flags_generic, multi-bit values before their parts. */
/* clang-format off */
MT_XLAT(mt_xlat_open_flags_aarch64, "O_",
	{00000100, "O_CREAT"},
	{00000200, "O_EXCL"},
	{00000400, "O_NOCTTY"},
	{00001000, "O_TRUNC"},
	{00002000, "O_APPEND"},
	{00004000, "O_NONBLOCK"},
	{04010000, "O_SYNC"}, /* __O_SYNC | O_DSYNC */
	{04000000, "__O_SYNC"},
	{00010000, "O_DSYNC"},
	{00200000, "O_DIRECT"},
	{00400000, "O_LARGEFILE"},
	{00100000, "O_NOFOLLOW"},
	{01000000, "O_NOATIME"},
	{02000000, "O_CLOEXEC"},
	{010000000, "O_PATH"},
	{020040000, "O_TMPFILE"}, /* __O_TMPFILE | O_DIRECTORY */
	{020000000, "__O_TMPFILE"},
	{00040000, "O_DIRECTORY"},
	{00020000, "FASYNC"});
/* clang-format on */

/* Number in x8, arguments in x0..x5, result in x0: x0 is overwritten at
 * exit and the regset keeps no orig_x0 (arg0_clobbered below). */
static const struct mt_personality aarch64 = {
    .name = "aarch64",
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
};

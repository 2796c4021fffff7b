/* x86_64 backend: register slots and ABI facts, nothing else. */
#include "arch/backend.h"
#include "syscalls/xlat_tables.h"
#include "syscalls/table.h"

#include <linux/audit.h>
#include <linux/elf-em.h>

/* The kernel's NT_PRSTATUS layout for 64-bit tasks (struct
 * user_regs_struct), spelled out so this file compiles on any host. */
struct x86_64_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi, orig_rax, rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base, ds, es, fs, gs;
};

/* ... and for 32-bit (ia32) tasks: struct user_regs_struct32. */
struct i386_regs {
	uint32_t ebx, ecx, edx, esi, edi, ebp, eax, ds, es, fs, gs;
	uint32_t orig_eax, eip, cs, eflags, esp, ss;
};

#define R64(f) offsetof(struct x86_64_regs, f)
#define R32(f) offsetof(struct i386_regs, f)

/* The 64-bit register slots, shared by the x86_64 and x32 ABIs. */
#define X86_64_SLOTS                                                                               \
	.regset_size = sizeof(struct x86_64_regs), .word_size = 8, .nr_off = R64(orig_rax),        \
	.arg_off = {R64(rdi), R64(rsi), R64(rdx), R64(r10), R64(r8), R64(r9)},                     \
	.ret_off = R64(rax), .ip_off = R64(rip), .sp_off = R64(rsp)

static const struct mt_personality x86_64 = {
    .name = "x86_64",
    .designator = "64",
    .audit_arch = AUDIT_ARCH_X86_64,
    .table = &mt_syscalls_x86_64,
    X86_64_SLOTS,
    .decoded = 1,
};

/* x32 shares the 64-bit registers; its numbers carry bit 30. Its structs
 * have 32-bit pointers, which the decoders do not model yet. */
static const struct mt_personality x32 = {
    .name = "x32",
    .designator = "x32",
    .audit_arch = AUDIT_ARCH_X86_64,
    .table = &mt_syscalls_x32,
    .nr_mask = 0x40000000,
    X86_64_SLOTS,
};

/* An ia32 task's arguments in the kernel's 64-bit struct pt_regs (whose
 * layout is struct x86_64_regs'). */
static const uint16_t i386_kernel_args[6] = {R64(rbx), R64(rcx), R64(rdx),
                                             R64(rsi), R64(rdi), R64(rbp)};

static const struct mt_personality i386 = {
    .name = "i386",
    .designator = "32",
    .audit_arch = AUDIT_ARCH_I386,
    .table = &mt_syscalls_i386,
    .regset_size = sizeof(struct i386_regs),
    .word_size = 4,
    .nr_off = R32(orig_eax),
    .arg_off = {R32(ebx), R32(ecx), R32(edx), R32(esi), R32(edi), R32(ebp)},
    .ret_off = R32(eax),
    .ip_off = R32(eip),
    .sp_off = R32(esp),
    .kernel_arg_off = i386_kernel_args,
};

static const struct mt_personality *const personalities[] = {&x86_64, &x32, &i386};

/* arch/x86/include/uapi/asm/stat.h, the 64-bit struct stat. */
static const struct mt_stat_layout stat_x86_64 = {
    144,
    {
        [MT_ST_DEV] = {0, 8},
        [MT_ST_INO] = {8, 8},
        [MT_ST_NLINK] = {16, 8},
        [MT_ST_MODE] = {24, 4},
        [MT_ST_UID] = {28, 4},
        [MT_ST_GID] = {32, 4},
        [MT_ST_RDEV] = {40, 8},
        [MT_ST_SIZE] = {48, 8},
        [MT_ST_BLKSIZE] = {56, 8},
        [MT_ST_BLOCKS] = {64, 8},
        [MT_ST_ATIME] = {72, 8},
        [MT_ST_ATIME_NS] = {80, 8},
        [MT_ST_MTIME] = {88, 8},
        [MT_ST_MTIME_NS] = {96, 8},
        [MT_ST_CTIME] = {104, 8},
        [MT_ST_CTIME_NS] = {112, 8},
    },
};

const struct mt_arch mt_host_arch = {
    .name = "x86_64",
    .elf_machine = EM_X86_64,
    .personalities = personalities,
    .npersonalities = sizeof(personalities) / sizeof(personalities[0]),
    .arg0_clobbered = 0,
    .clone_order = MT_CLONE_PTID_CTID_TLS,
    .sa_has_restorer = 1,
    /* rt_sigframe after `ret` popped pretcode: the ucontext is at sp;
     * uc_sigmask follows uc_flags, uc_link, uc_stack (24) and the
     * 256-byte sigcontext. */
    .sigreturn_mask_off = 8 + 8 + 24 + 256,
    .open_flags = &mt_xlat_open_flags_x86_64,
    .stat = &stat_x86_64,
    .epoll_event_size = 12, /* __attribute__((packed)) on x86 */
    .sem_ctime_off = 64,    /* a pad word after sem_otime */
    .sem_nsems_off = 80,
};

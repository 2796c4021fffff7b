/* The arch backend interface: everything the library (lib/) may know about a CPU.
 *
 * A backend is data. It says where the syscall number, arguments, return
 * value, instruction and stack pointers sit in the PTRACE_GETREGSET
 * NT_PRSTATUS register set, which generated number-to-name table goes with
 * each personality, and the few ABI facts that decoders need (struct
 * layouts that differ between arches, clone argument order). lib/ never
 * tests an arch macro; it reads these tables.
 *
 * Each arch directory arch/<name>/ defines mt_host_arch; CMake compiles the
 * one that matches the build's target processor. */
#ifndef MTRACE_ARCH_BACKEND_H
#define MTRACE_ARCH_BACKEND_H

#include <stddef.h>
#include <stdint.h>

struct mt_syscall_table;
struct mt_xlat;

/* One ABI a tracee can run in: x86_64 has x86_64, i386 and x32. */
struct mt_personality {
	const char *name;                     /* "x86_64", "i386", ... */
	const char *designator;               /* strace's NAME@64, @32, @x32: "64", ... */
	uint32_t audit_arch;                  /* AUDIT_ARCH_* from linux/audit.h */
	const struct mt_syscall_table *table; /* generated names */
	unsigned long nr_mask;                /* bits of the number that select x32 */
	size_t regset_size;                   /* NT_PRSTATUS size for this ABI */
	uint8_t word_size;                    /* 8 or 4: width of each slot below */
	uint16_t nr_off;                      /* syscall number at entry */
	uint16_t arg_off[6];                  /* arguments, as seen at entry */
	uint16_t ret_off;                     /* return value at exit */
	uint16_t ip_off, sp_off;              /* instruction and stack pointer */
	/* Where a tracer changes the number at a syscall's entry (-e inject=
	 * makes it -1): a register set of its own holding an int
	 * (NT_ARM_SYSTEM_CALL on arm64), or 0: nr_off in NT_PRSTATUS. */
	uint32_t nr_regset;
	/* Where the kernel's own struct pt_regs holds the arguments (the BPF
	 * engine reads it in the kernel): the native regset's layout is the
	 * kernel's, a compat ABI's is not (i386 on x86_64: ebx is rbx). NULL:
	 * arg_off. */
	const uint16_t *kernel_arg_off;
	uint8_t decoded; /* 1 if the decoders fit this ABI */
};

/* Order of clone()'s arguments after flags and stack, which the kernel
 * varies by arch (CONFIG_CLONE_BACKWARDS*). */
enum mt_clone_order {
	MT_CLONE_PTID_CTID_TLS, /* x86_64 */
	MT_CLONE_PTID_TLS_CTID, /* aarch64, riscv64 (CLONE_BACKWARDS) */
};

/* Where the fields of the kernel's struct stat sit: x86_64 has its own,
 * the others asm-generic's (arch/generic/layouts.c). */
enum mt_stat_field {
	MT_ST_DEV,
	MT_ST_INO,
	MT_ST_NLINK,
	MT_ST_MODE,
	MT_ST_UID,
	MT_ST_GID,
	MT_ST_RDEV,
	MT_ST_SIZE,
	MT_ST_BLKSIZE,
	MT_ST_BLOCKS,
	MT_ST_ATIME,
	MT_ST_ATIME_NS,
	MT_ST_MTIME,
	MT_ST_MTIME_NS,
	MT_ST_CTIME,
	MT_ST_CTIME_NS,
	MT_ST_COUNT
};

struct mt_stat_layout {
	uint16_t size;
	struct {
		uint8_t off, len;
	} f[MT_ST_COUNT];
};

/* asm-generic's layouts, shared by the backends that use them. */
extern const struct mt_stat_layout mt_stat_layout_generic;

#define MT_MAX_PERSONALITIES 8

struct mt_arch {
	const char *name;     /* "x86_64": the build's native personality name */
	uint16_t elf_machine; /* EM_* of native binaries */
	/* Personalities; [0] is native. A stop's personality is found from
	 * PTRACE_GET_SYSCALL_INFO's arch field or from the regset size. */
	const struct mt_personality *const *personalities;
	size_t npersonalities; /* at most MT_MAX_PERSONALITIES */
	/* The first argument register doubles as the return register and the
	 * regset has no copy of the original (aarch64 x0, riscv64 a0), so
	 * the register fallback must capture arguments at syscall entry. */
	uint8_t arg0_clobbered;
	/* ABI facts for decoders. */
	enum mt_clone_order clone_order;
	uint8_t sa_has_restorer;           /* kernel struct sigaction has sa_restorer */
	uint16_t sigreturn_mask_off;       /* uc_sigmask from sp at rt_sigreturn entry */
	const struct mt_xlat *open_flags;  /* O_* values differ on aarch64 */
	const struct mt_stat_layout *stat; /* struct stat */
	uint8_t epoll_event_size;          /* struct epoll_event: 12 packed (x86), else 16 */
	/* struct semid64_ds: x86's has a pad word after each time, so its
	 * sem_ctime and sem_nsems sit at 64 and 80, asm-generic's at 56, 64 */
	uint8_t sem_ctime_off, sem_nsems_off;
};

extern const struct mt_arch mt_host_arch;

#endif

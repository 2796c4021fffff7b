/* Per-arch syscall number-to-name tables.
 *
 * The tables themselves (table_<arch>.c) are generated from kernel UAPI
 * headers by syscalls/gen_tables.py and committed; do not edit them by hand.
 * Signatures and classes live in one arch-neutral table (signatures.h),
 * keyed by name, so nothing here says anything about arguments. */
#ifndef MTRACE_SYSCALLS_TABLE_H
#define MTRACE_SYSCALLS_TABLE_H

struct mt_syscall_table {
	const char *arch;         /* personality name, e.g. "x86_64", "i386" */
	unsigned long base;       /* number of names[0] (0x40000000 for x32) */
	unsigned long count;      /* entries in names[] */
	const char *const *names; /* names[nr - base]; NULL marks a hole */
};

extern const struct mt_syscall_table mt_syscalls_x86_64;
extern const struct mt_syscall_table mt_syscalls_i386;
extern const struct mt_syscall_table mt_syscalls_x32;
extern const struct mt_syscall_table mt_syscalls_aarch64;
extern const struct mt_syscall_table mt_syscalls_riscv64;

/* Name of syscall nr, or NULL if the table has none. */
const char *mt_syscall_name(const struct mt_syscall_table *t, unsigned long nr);

/* Number of the syscall called name, or -1 if the table has none. */
long mt_syscall_number(const struct mt_syscall_table *t, const char *name);

#endif

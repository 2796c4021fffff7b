/* Tables of named constants and flags (strace calls them xlats). */
#ifndef MTRACE_CORE_XLAT_H
#define MTRACE_CORE_XLAT_H

#include <stddef.h>
#include <stdint.h>

#include "mtrace/printer.h"

struct mt_xlat_entry {
	uint64_t val;
	const char *name;
};

struct mt_xlat {
	const struct mt_xlat_entry *data;
	size_t n;
	/* Printed in the comment of an unknown value: "ARCH_" gives
	 * 0x3001 / * ARCH_??? * /. */
	const char *prefix;
};

/* Define `const struct mt_xlat NAME` from a list of entries. */
#define MT_XLAT(NAME, PREFIX, ...)                                                                 \
	static const struct mt_xlat_entry NAME##_data[] = {__VA_ARGS__};                           \
	const struct mt_xlat NAME = {NAME##_data, sizeof(NAME##_data) / sizeof(NAME##_data[0]),    \
	                             PREFIX}
#define MT_X(c)                                                                                    \
	{                                                                                          \
		(uint64_t)(c), #c                                                                  \
	}

/* Name of v, or NULL. */
const char *mt_xlat_name(const struct mt_xlat *x, uint64_t v);
/* Print v as its name, or as hex with an ARCH_??? comment. */
void mt_print_xval(mtrace_printer *p, const struct mt_xlat *x, uint64_t v);
/* Print v as NAME|NAME|0xrest, matching entries in table order (so list
 * multi-bit values before their parts); 0 prints as the table's entry for
 * 0 if it has one, else "0". */
void mt_print_xflags(mtrace_printer *p, const struct mt_xlat *x, uint64_t v);

/* Collect the names for v into names[] (at most max), return how many,
 * and leave the unnamed bits in *rest: for callers that add names of
 * their own (the access mode before O_* flags). */
size_t mt_xflags_names(const struct mt_xlat *x, uint64_t v, const char **names, size_t max,
                       uint64_t *rest);

/* Tables other files use. */
extern const struct mt_xlat mt_xlat_open_flags_generic; /* O_* without access mode */
extern const struct mt_xlat mt_xlat_signals;            /* SIGHUP.. SIGSYS */
extern const struct mt_xlat mt_xlat_errnos;             /* EPERM.. and ERESTART* */
extern const struct mt_xlat mt_xlat_access_modes;       /* R_OK W_OK X_OK (F_OK is 0) */
extern const struct mt_xlat mt_xlat_at_flags;         /* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, ... */
extern const struct mt_xlat mt_xlat_prot;             /* PROT_READ.. (PROT_NONE is 0) */
extern const struct mt_xlat mt_xlat_mmap_flags;       /* MAP_SHARED, MAP_PRIVATE, MAP_FIXED, ... */
extern const struct mt_xlat mt_xlat_whence;           /* SEEK_SET.. */
extern const struct mt_xlat mt_xlat_sigmask_how;      /* SIG_BLOCK.. */
extern const struct mt_xlat mt_xlat_wait_options;     /* WNOHANG, WUNTRACED, __WALL, ... */
extern const struct mt_xlat mt_xlat_rlimit_resources; /* RLIMIT_* */
extern const struct mt_xlat mt_xlat_grnd_flags;       /* GRND_* */
extern const struct mt_xlat mt_xlat_arch_prctl;       /* ARCH_SET_FS, ... */
extern const struct mt_xlat mt_xlat_pipe_flags;       /* O_CLOEXEC, O_NONBLOCK, O_DIRECT */
extern const struct mt_xlat mt_xlat_clockids;         /* CLOCK_* */
extern const struct mt_xlat mt_xlat_madvise;          /* MADV_* */

#endif

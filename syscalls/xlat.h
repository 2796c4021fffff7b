/* A table of named constants (an xlat): values and the names strace
 * prints for them, in its order. The tables themselves are generated from
 * kernel headers (syscalls/gen_xlat.py, the lists in syscalls/xlat/). */
#ifndef MTRACE_SYSCALLS_XLAT_H
#define MTRACE_SYSCALLS_XLAT_H

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
	enum mtrace_radix radix; /* of the number, where it is shown (-X raw) */
};

#endif
